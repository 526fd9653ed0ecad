package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"zhinan/generator/internal/audit"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// contractKeys are the keys of guide-format.md, per table ("" is the top
// level). A key added to the format must be added here and to the
// scaffold; the schema package checks the JSON Schema against the same
// scaffold.
var contractKeys = map[string][]string{
	"": {"code", "title", "department", "region", "type", "audience", "topics", "keywords", "batch",
		"published", "updated", "draft", "extends", "basis", "joint_departments",
		"service", "time", "fee", "materials", "steps", "locations", "contact",
		// Version 2 (guide-format.md, "Version 2"); the bundle-only keys
		// (BundleOnlyKeys) are not a guide's.
		"basic_code", "impl_code", "level", "scope", "cross_modes", "limit", "intermediary",
		"status", "effective", "replaced_by", "evaluate_url", "result", "situations", "faq"},
	"service": {"star", "visits", "mode", "online_url", "mobile", "delivery", "appointment", "immediate", "agent", "negative_reason",
		"pay_online", "self_service"},
	"time":         {"legal_days", "promised_days", "unit", "note", "special"},
	"time.special": {"name", "days", "note"},
	"fee":          {"charged", "standard", "basis"},
	"materials": {"name", "required", "source", "copies", "original", "electronic", "shared", "note", "template", "sample",
		"issuer", "freshness", "e_license", "commitment", "when"},
	"result":     {"name", "type", "sample", "validity", "e_license", "delivery"},
	"situations": {"name", "question", "note"},
	"faq":        {"q", "a"},
	"steps":      {"name", "days", "detail"},
	"locations":  {"name", "address", "window", "hours", "phone", "region"},
	"contact":    {"consult", "complain"},
}

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func guideText(code, dept, region string) string {
	return "+++\ncode = \"" + code + "\"\ntitle = \"x\"\ndepartment = \"" + dept + "\"\nregion = \"" + region + "\"\n+++\n"
}

const config = `title = "测试站"
[[regions]]
name = "浙江省"
[[regions]]
name = "舟山市"
parent = "浙江省"
[[departments]]
name = "省司法厅"
region = "浙江省"
phone = "0571-87000000"
[[departments]]
name = "市司法局"
region = "舟山市"
[[departments]]
name = "市民政局"
region = "舟山市"
`

// Uncomment turns every commented-out key line of the scaffold ("# key =
// …") and every commented-out table header ("# [result]", "#
// [[time.special]]") into an active one, so tests can check the commented
// keys and tables too.
func Uncomment(text string) string {
	return regexp.MustCompile(`(?m)^# ([a-z_]+ = |\[)`).ReplaceAllString(text, "$1")
}

func frontOf(t *testing.T, text string) map[string]any {
	t.Helper()
	parts := strings.SplitN(text, "+++\n", 3)
	if len(parts) != 3 {
		t.Fatalf("no front matter in %q", text)
	}
	var m map[string]any
	if _, err := toml.Decode(parts[1], &m); err != nil {
		t.Fatalf("front matter does not parse as TOML: %v\n%s", err, parts[1])
	}
	return m
}

// keysOf lists the keys per table of decoded front matter, like
// contractKeys: nested tables under their dotted path ("time.special").
func keysOf(m map[string]any) map[string][]string {
	out := map[string][]string{}
	collectKeys(m, "", out)
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// collectKeys adds the keys of table (at path, "" for the top level) and
// of the tables and arrays of tables under it, each key once per table.
func collectKeys(table map[string]any, path string, out map[string][]string) {
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
			collectKeys(x, sub, out)
		case []map[string]any:
			for _, e := range x {
				collectKeys(e, sub, out)
			}
		}
	}
}

func TestRenderHasEveryKeyCommentedInChinese(t *testing.T) {
	text := string(Render(Options{Code: "330000-SF-XK-0009", Department: "省司法厅", Region: "浙江省", Today: today}, site.Config{}))
	frontOf(t, text) // the guide as written parses
	got := keysOf(frontOf(t, Uncomment(text)))
	for _, k := range BundleOnlyKeys {
		if slices.Contains(got[""], k) {
			t.Errorf("the scaffold of a guide writes %q, a key of bundles (一件事) only", k)
		}
	}
	for table := range got {
		if _, ok := contractKeys[table]; !ok {
			t.Errorf("the scaffold writes table %q, which contractKeys lacks", table)
		}
	}
	for table, keys := range contractKeys {
		want := append([]string(nil), keys...)
		sort.Strings(want)
		if strings.Join(got[table], ",") != strings.Join(want, ",") {
			t.Errorf("table %q: scaffold keys %v, contract %v", table, got[table], want)
		}
	}
	// Every key line carries a Chinese explanation.
	han := regexp.MustCompile(`\p{Han}`)
	for _, l := range strings.Split(text, "\n") {
		if regexp.MustCompile(`^(# )?[a-z_]+ = `).MatchString(l) {
			i := strings.LastIndex(l, "  # ")
			if i < 0 || !han.MatchString(l[i:]) {
				t.Errorf("key line without a Chinese comment: %q", l)
			}
		}
	}
}

// TestFreshGuideValidates runs the scaffold through the real loader and
// validator: no errors, as written and with every optional key enabled
// (apart from the keys that need other files or guides).
func TestFreshGuideValidates(t *testing.T) {
	cfg := site.Config{}
	toml.Decode(config, &cfg)
	opts := Options{Code: "330000-SF-XK-0009", Department: "省司法厅", Region: "浙江省", Today: today}
	text := string(Render(opts, cfg))
	all := Uncomment(text)
	// extends and replaced_by name other guides (and replaced_by needs
	// status = "取消"); template and sample (also result.sample) name
	// files under static/.
	all = regexp.MustCompile(`(?m)^(extends|replaced_by|template|sample) = .*\n`).ReplaceAllString(all, "")
	for name, src := range map[string]string{"as written": text, "all keys enabled": all} {
		doc, diags := load.Parse("content/sfj/330000-SF-XK-0009.md", []byte(src))
		if len(diags) > 0 {
			t.Fatalf("%s: load: %v", name, diags)
		}
		g, diags := validate.Decode(doc)
		diags = append(diags, validate.NewChecker(&cfg, func(string) bool { return true }).Check(g)...)
		for _, d := range diags {
			if d.Severity == site.Error {
				t.Errorf("%s: %s", name, d)
			}
		}
		// What is left to write is reported, key by key, by check.
		if name == "as written" {
			_, gaps := audit.Completeness(g)
			placeholders := map[string]bool{}
			for _, gp := range gaps {
				if gp.Rule == "C-placeholder" {
					placeholders[gp.Path] = true
				}
			}
			for _, p := range []string{"title", "materials.0.name", "steps.0.detail", "locations.0.name", "locations.0.address", "locations.0.hours", "body"} {
				if !placeholders[p] {
					t.Errorf("check does not report the placeholder at %s (gaps %v)", p, gaps)
				}
			}
		}
		if !g.Draft || g.Code != opts.Code || g.Contact.Consult[0] != "0571-87000000" {
			t.Errorf("%s: draft %v code %q consult %v", name, g.Draft, g.Code, g.Contact.Consult)
		}
	}
}

func TestWritePlacesNextToSameDepartment(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "config.toml", config)
	writeFile(t, dir, "content/sfj/a.md", guideText("A-1", "省司法厅", "浙江省"))
	writeFile(t, dir, "content/sfj/b.md", guideText("A-2", "省司法厅", "浙江省"))
	writeFile(t, dir, "content/misc/c.md", guideText("A-3", "省司法厅", "浙江省"))
	writeFile(t, dir, "content/zhoushan/sfj/d.md", guideText("Z-1", "市司法局", "舟山市"))

	cases := []struct {
		name             string
		opts             Options
		want             string
		wantRegionInFile string
	}{
		{"same department", Options{Code: "A-9", Department: "省司法厅"}, "content/sfj/A-9.md", `region = "浙江省"`},
		{"same region", Options{Code: "Z-9", Department: "市民政局"}, "content/zhoushan/sfj/Z-9.md", `region = "舟山市"`},
		{"new department, no region", Options{Code: "N-1"}, "content/n-1/N-1.md", `region = "待填写：行政区划"`},
	}
	for _, c := range cases {
		c.opts.Source, c.opts.Today = dir, today
		got, err := Write(c.opts)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s: wrote %s, want %s", c.name, got, c.want)
		}
		data, err := os.ReadFile(filepath.Join(dir, got))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), c.wantRegionInFile) {
			t.Errorf("%s: file lacks %s", c.name, c.wantRegionInFile)
		}
	}
}

func TestFolderSlugWhenNoGuideMatches(t *testing.T) {
	if got := Folder(nil, "省司法厅", "", "X"); got != "content/sheng-si-fa-ting" {
		t.Errorf("Folder = %s", got)
	}
	if got := Folder(nil, "", "舟山市", "X"); got != "content/zhou-shan-shi" {
		t.Errorf("Folder = %s", got)
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "config.toml", config)
	writeFile(t, dir, "content/sfj/a.md", guideText("A-1", "省司法厅", "浙江省"))
	// A file whose TOML is broken still owns its code.
	writeFile(t, dir, "content/sfj/broken.md", "+++\ncode = \"B-1\"\ntitle = \n+++\n")
	// So does one nested too deep for a TOML parser to read in time.
	writeFile(t, dir, "content/sfj/deep.md", "+++\ncode = \"D-1\"\nx = "+strings.Repeat("[", 50000)+"\n+++\n")

	cases := []struct {
		opts Options
		want string
	}{
		{Options{Code: "A-1"}, "已经存在（content/sfj/a.md）"},
		{Options{Code: "B-1"}, "已经存在（content/sfj/broken.md）"},
		{Options{Code: "X-1", Existing: func(c string) bool { return c == "X-1" }}, "已经存在"},
		{Options{Code: "有中文"}, "不合格式"},
		{Options{Code: "D-1"}, "已经存在（content/sfj/deep.md）"},
		{Options{Code: "../../etc"}, "不合格式"},
		{Options{Code: ".."}, "不合格式"},
		{Options{Code: strings.Repeat("A", 65)}, "事项编码最长 64 个字符，现在有 65 个"},
		{Options{Code: ""}, "请给出"},
		{Options{Code: "C-1", Department: "省公安厅"}, "没有在 config.toml 中声明；已声明的有：省司法厅、市司法局、市民政局"},
		{Options{Code: "C-1", Region: "杭州市"}, "行政区划“杭州市”没有在 config.toml 中声明"},
	}
	for _, c := range cases {
		c.opts.Source = dir
		_, err := Write(c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Write(%q): error %v, want %q", c.opts.Code, err, c.want)
		}
	}
	// Nothing was written by the refusals.
	entries, _ := os.ReadDir(filepath.Join(dir, "content"))
	if len(entries) != 1 {
		t.Errorf("content/ has %d entries after refusals", len(entries))
	}
}

func TestQuote(t *testing.T) {
	var v struct{ S string }
	for _, s := range []string{`a"b`, `c:\x`, "多行\n文本\t", "\x01"} {
		if _, err := toml.Decode("s = "+q(s), &v); err != nil || v.S != s {
			t.Errorf("q(%q) = %s → %q, %v", s, q(s), v.S, err)
		}
	}
}

func TestWriteRefusesDeepConfig(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "config.toml", "title = \"a\"\nsynonyms = "+strings.Repeat("[", 50000)+"\n")
	_, err := Write(Options{Source: dir, Code: "A-1"})
	if err == nil || !strings.Contains(err.Error(), "第 2 行嵌套超过 32 层") {
		t.Fatalf("err = %v, want a refusal at line 2", err)
	}
}
