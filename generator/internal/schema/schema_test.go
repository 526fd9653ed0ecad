package schema

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/scaffold"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

func mustCompile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	sch, err := Compile()
	if err != nil {
		t.Fatalf("schema does not compile against its meta-schema: %v", err)
	}
	return sch
}

// goKeys derives the keys of the format from the Go types of package site:
// field names in snake_case (OnlineURL → online_url), without the fields
// that are not keys.
func goKeys() map[string][]string {
	notKeys := map[string]bool{"Body": true, "File": true, "Positions": true, "Defined": true}
	out := map[string][]string{}
	var walk func(t reflect.Type, table string)
	walk = func(t reflect.Type, table string) {
		for i := range t.NumField() {
			f := t.Field(i)
			if notKeys[f.Name] || !f.IsExported() {
				continue
			}
			key := snake(f.Name)
			out[table] = append(out[table], key)
			ft := f.Type
			if ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && ft != reflect.TypeOf(time.Time{}) {
				sub := key
				if table != "" {
					sub = table + "." + key
				}
				walk(ft, sub)
			}
		}
	}
	walk(reflect.TypeOf(site.Guide{}), "")
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// snake turns a Go field name into its TOML key: OnlineURL → online_url,
// JointDepartments → joint_departments.
func snake(name string) string {
	var b strings.Builder
	runes := []rune(name)
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(runes[i-1]) || (i+1 < len(runes) && unicode.IsLower(runes[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{"OnlineURL": "online_url", "JointDepartments": "joint_departments", "Code": "code", "LegalDays": "legal_days"} {
		if got := snake(in); got != want {
			t.Errorf("snake(%s) = %s, want %s", in, got, want)
		}
	}
}

func sameKeys(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	tables := map[string]bool{}
	for k := range got {
		tables[k] = true
	}
	for k := range want {
		tables[k] = true
	}
	for table := range tables {
		if strings.Join(got[table], ",") != strings.Join(want[table], ",") {
			t.Errorf("%s, table %q:\n schema: %v\n other:  %v", what, table, got[table], want[table])
		}
	}
}

// TestKeysMatchGoTypes: every key of the Go guide type is in the schema and
// the schema has no other.
func TestKeysMatchGoTypes(t *testing.T) {
	keys, err := Keys()
	if err != nil {
		t.Fatal(err)
	}
	sameKeys(t, "schema vs site.Guide", keys, goKeys())
}

// commented matches a commented-out key line ("# key = …") or table
// header ("# [result]", "# [[time.special]]") of the scaffold.
var commented = regexp.MustCompile(`(?m)^# ([a-z_]+ = |\[)`)

// scaffoldText is the guide `generator new` writes, with every commented-out
// key and table enabled.
func scaffoldText(t *testing.T) string {
	t.Helper()
	opts := scaffold.Options{Code: "330000-SF-XK-0009", Department: "省司法厅", Region: "浙江省", Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}
	return commented.ReplaceAllString(string(scaffold.Render(opts, site.Config{})), "$1")
}

func parse(t *testing.T, name, text string) *site.Document {
	t.Helper()
	doc, diags := load.Parse(name, []byte(text))
	if len(diags) > 0 {
		t.Fatalf("%s: %v", name, diags)
	}
	return doc
}

// frontKeys lists the keys per table of decoded front matter, at any
// depth: nested tables under their dotted path ("time.special"), as Keys
// and goKeys do.
func frontKeys(front map[string]any) map[string][]string {
	out := map[string][]string{}
	var walk func(table map[string]any, path string)
	walk = func(table map[string]any, path string) {
		for k, v := range table {
			if !slices.Contains(out[path], k) {
				out[path] = append(out[path], k)
			}
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			switch x := v.(type) {
			case map[string]any:
				walk(x, sub)
			case []map[string]any:
				for _, e := range x {
					walk(e, sub)
				}
			}
		}
	}
	walk(front, "")
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// withoutBundleKeys returns the schema's keys without the top-level keys
// only bundles (一件事) write (scaffold.BundleOnlyKeys): the scaffold of a
// guide must not write them, so they are not compared with it.
func withoutBundleKeys(keys map[string][]string) map[string][]string {
	out := make(map[string][]string, len(keys))
	for table, ks := range keys {
		out[table] = ks
	}
	out[""] = slices.DeleteFunc(slices.Clone(keys[""]), func(k string) bool {
		return slices.Contains(scaffold.BundleOnlyKeys, k)
	})
	return out
}

// TestKeysMatchScaffoldAndValidator: the scaffold (every key of the format)
// has exactly the schema's keys, the real validator knows every one of
// them, and the schema accepts the scaffold.
func TestKeysMatchScaffoldAndValidator(t *testing.T) {
	keys, err := Keys()
	if err != nil {
		t.Fatal(err)
	}
	doc := parse(t, "content/new.md", scaffoldText(t))
	sameKeys(t, "schema (without bundle-only keys) vs scaffold", withoutBundleKeys(keys), frontKeys(doc.Front))
	for _, k := range scaffold.BundleOnlyKeys {
		if !slices.Contains(keys[""], k) {
			t.Errorf("scaffold.BundleOnlyKeys names %q, which the schema lacks", k)
		}
	}
	_, diags := validate.Decode(doc)
	for _, d := range diags {
		t.Errorf("validator rejects a scaffold key: %s", d)
	}
	if err := Validate(mustCompile(t), doc.Front); err != nil {
		t.Errorf("schema rejects the scaffold: %v", err)
	}
}

// base is a valid guide; cases below change one thing in it.
const base = `+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
audience = ["法人"]
published = 2017-03-01
updated = 2017-03-10T09:00:00+08:00

[service]
star = 4
visits = 1
online_url = "https://example.gov.cn/apply"

[time]
legal_days = 30
promised_days = 15

[fee]
charged = false

[[materials]]
name = "申请书"
source = "申请人自备"

[[locations]]
name = "市民中心"
address = "解放东路18号"
phone = "0571-87000000"

[contact]
consult = ["0571-87000000", "12348"]
complain = ["12345"]
+++
正文
`

// TestSchemaAndValidatorAgree runs guides through both the schema and the
// Go validator (Decode, then Guides): each case is an error for both, or
// for neither.
func TestSchemaAndValidatorAgree(t *testing.T) {
	sch := mustCompile(t)
	cases := []struct {
		name    string
		old     string
		new     string
		invalid bool
	}{
		{"valid as is", "", "", false},
		{"unknown top-level key (typo)", "audience =", "matrials = []\naudience =", true},
		{"unknown key in [service]", "star = 4", "stars = 4\nstar = 4", true},
		{"unknown key in a material", `source = "申请人自备"`, `soruce = "申请人自备"`, true},
		{"unknown key in [contact]", `complain = ["12345"]`, `complaint = ["12345"]`, true},
		{"star as a string", "star = 4", `star = "4"`, true},
		{"star out of range", "star = 4", "star = 6", true},
		{"negative visits", "visits = 1", "visits = -1", true},
		{"batch zero", "audience =", "batch = 0\naudience =", true},
		{"copies zero", `source = "申请人自备"`, `source = "申请人自备"` + "\ncopies = 0", true},
		{"code with spaces", `code = "330000-SF-XK-0001"`, `code = "330000 SF"`, true},
		{"missing title without extends", "title = \"律师事务所设立审核登记\"\n", "", true},
		{"missing title with extends", "title = \"律师事务所设立审核登记\"\n", "extends = \"330000-SF-XK-0000\"\n", false},
		{"missing star", "star = 4\n", "", true},
		{"missing material name", `name = "申请书"`, `note = "x"`, true},
		{"missing consult", `consult = ["0571-87000000", "12348"]`, `consult = []`, true},
		{"bad phone", `"12348"]`, `"8888"]`, true},
		{"bad location phone", `phone = "0571-87000000"`, `phone = "87000000"`, true},
		{"bad url", `online_url = "https://example.gov.cn/apply"`, `online_url = "ftp://example.gov.cn"`, true},
		{"rule 3: five stars need zero visits", "star = 4", "star = 5", true},
		{"rule 3: five stars, zero visits", "star = 4\nvisits = 1", "star = 5\nvisits = 0", false},
		{"rule 4: three stars, two visits", "visits = 1", "visits = 2\nnegative_reason = \"须现场核验\"", true},
		{"rule 5: two visits without a reason", "star = 4\nvisits = 1", "star = 2\nvisits = 2", true},
		{"rule 5: two visits with a reason", "star = 4\nvisits = 1", "star = 2\nvisits = 2\nnegative_reason = \"须现场核验\"", false},
		{"rule 6: immediate with promised days", "visits = 1\n", "visits = 1\nimmediate = true\n", true},
		{"rule 10: charged without standard", "charged = false", "charged = true", true},
		{"rule 10: charged with standard", "charged = false", "charged = true\nstandard = \"每件 10 元\"", false},
		{"rule 7: visits without locations", "[[locations]]\nname = \"市民中心\"\naddress = \"解放东路18号\"\nphone = \"0571-87000000\"\n", "", true},
		{"table written as array of tables", "[service]", "[[service]]", true},
	}
	for _, c := range cases {
		text := base
		if c.old != "" || c.new != "" {
			if !strings.Contains(base, c.old) {
				t.Fatalf("%s: %q not in base", c.name, c.old)
			}
			text = strings.Replace(base, c.old, c.new, 1)
		}
		doc := parse(t, "content/a.md", text)
		schemaErr := Validate(sch, doc.Front)
		g, diags := validate.Decode(doc)
		if g.Extends == "" {
			diags = append(diags, validate.NewChecker(nil, func(string) bool { return true }).Check(g)...)
		}
		goErr := site.CountErrors(diags, false) > 0
		if (schemaErr != nil) != c.invalid {
			t.Errorf("%s: schema error = %v, want invalid = %v", c.name, schemaErr, c.invalid)
		}
		if goErr != c.invalid {
			t.Errorf("%s: validator errors = %v, want invalid = %v", c.name, diags, c.invalid)
		}
	}
}

// TestPhonePatternMatchesValidator compares the schema's phone pattern with
// rules.ValidPhone on numbers people write, good and bad.
func TestPhonePatternMatchesValidator(t *testing.T) {
	sch := mustCompile(t)
	samples := []string{
		"0571-87654321", "0580 2281234", "(0571)87654321", "（0571）87654321", "(0571) 87654321", "010-12345678",
		"057187654321", "01012345678", "0571-87654321转123", "0571-87654321 转 123", "0571-87654321-123",
		"13800138000", "12345", "12348", "12333", "400-123-4567", "4001234567", "800 123 4567",
		" 12345 ", "1234", "123456", "87654321", "0571-876543", "0571-876543210", "571-87654321",
		"(571)87654321", "0571--87654321", "0571-87654321转", "0571-87654321转1234567", "400-1234-567",
		"4001234", "500-123-4567", "1380013800", "138001380001", "+86 13800138000", "0571_87654321",
		"电话0571-87654321", "0571-87654321/0571-87654322", "", "012-1234567",
	}
	for _, s := range samples {
		front := map[string]any{"code": "x", "extends": "y", "contact": map[string]any{"consult": []any{s}}}
		schemaOK := Validate(sch, front) == nil
		if goOK := rules.ValidPhone(s); schemaOK != goOK {
			t.Errorf("phone %q: schema accepts = %v, validator accepts = %v", s, schemaOK, goOK)
		}
	}
}

// TestRepositoryGuides: every guide in the repository that the Go
// validator accepts, the schema accepts too (no false alarms in editors).
func TestRepositoryGuides(t *testing.T) {
	sch := mustCompile(t)
	n := 0
	for _, dir := range []string{"../../../content", "../../../testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil || !bytes.HasPrefix(data, []byte("+++")) {
				return nil
			}
			doc, diags := load.Parse(p, data)
			if len(diags) > 0 {
				return nil
			}
			g, diags := validate.Decode(doc)
			if g.Extends == "" {
				diags = append(diags, validate.NewChecker(nil, nil).Check(g)...)
			}
			if site.CountErrors(diags, false) > 0 {
				return nil // the generator rejects it too
			}
			n++
			if err := Validate(sch, doc.Front); err != nil {
				t.Errorf("%s: valid for the generator, rejected by the schema: %v", p, err)
			}
			return nil
		})
	}
	t.Logf("%d repository guides checked against the schema", n)
}

func TestEveryPropertyHasAChineseDescription(t *testing.T) {
	keys, err := Keys()
	if err != nil {
		t.Fatal(err)
	}
	han := regexp.MustCompile(`\p{Han}`)
	for table, ks := range keys {
		for _, k := range ks {
			path := k
			if table != "" {
				path = table + "." + k
			}
			if d := Describe(path); !han.MatchString(d) {
				t.Errorf("%s: description %q is not Chinese", path, d)
			}
		}
	}
}

func TestDatesAsEditorsToolsSeeThem(t *testing.T) {
	var front map[string]any
	if _, err := toml.Decode("d = 2017-03-01\ndt = 2017-03-01T09:00:00+08:00", &front); err != nil {
		t.Fatal(err)
	}
	j := toJSON(front).(map[string]any)
	if j["d"] != "2017-03-01" || j["dt"] != "2017-03-01T09:00:00+08:00" {
		t.Errorf("dates → %v", j)
	}
}
