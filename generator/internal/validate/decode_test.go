package validate

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

var testDay = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)

func decode(t *testing.T, src string) (*site.Guide, []site.Diagnostic) {
	t.Helper()
	doc, diags := load.Parse("content/d.md", []byte(src))
	if doc == nil {
		t.Fatalf("parse: %v", diags)
	}
	return Decode(doc)
}

func TestDecodeValidGuide(t *testing.T) {
	g, diags := decode(t, validGuide)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if g.Code != "330000-SF-XK-0001" || g.Service.Star != 4 || g.Service.Visits != 1 || *g.Time.PromisedDays != 15 ||
		g.Fee.Charged == nil || *g.Fee.Charged || len(g.Materials) != 1 || !g.Materials[0].Required ||
		g.Locations[0].Phone != "0571-87000000" || !reflect.DeepEqual(g.Contact.Consult, []string{"0571-87000000", "12348"}) ||
		g.Published.Format("2006-01-02") != "2017-03-01" || g.File != "content/d.md" {
		t.Fatalf("guide = %+v", g)
	}
	wantDefined := []string{"audience", "body", "code", "contact", "department", "fee", "locations", "materials",
		"published", "region", "service", "time", "title", "type", "updated"}
	var defined []string
	for k := range g.Positions.Map() {
		if !strings.Contains(k, ".") && g.Defines(k) {
			defined = append(defined, k)
		}
	}
	sortStrings(defined)
	if !reflect.DeepEqual(defined, wantDefined) {
		t.Fatalf("Defined = %v, want %v", defined, wantDefined)
	}
	for path, line := range map[string]int{"service.visits": 13, "materials.0.template": 26, "body": 38, "contact.consult.1": 36} {
		if p := g.Pos(path); p != (site.Pos{File: "content/d.md", Line: line}) {
			t.Errorf("Pos(%s) = %v, want line %d", path, p, line)
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestDecodeBlankBodyIsNotDefined(t *testing.T) {
	g, _ := decode(t, "+++\ncode = \"a\"\n+++\n\n  \n")
	if g.Defines("body") || !g.Defines("code") {
		t.Fatalf("positions = %v", g.Positions.Map())
	}
}

func TestDecodeDefaultsAndInlineTables(t *testing.T) {
	g, diags := decode(t, `+++
materials = [
  { name = "a" },
  { name = "b", required = false, copies = 2, original = false },
]
steps = [{ name = "受理", days = 0 }]
draft = true
+++
`)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	m := g.Materials
	if len(m) != 2 || !m[0].Required || m[0].Original != nil || m[1].Required || m[1].Copies != 2 || *m[1].Original {
		t.Fatalf("materials = %+v", m)
	}
	if len(g.Steps) != 1 || g.Steps[0].Days == nil || *g.Steps[0].Days != 0 || !g.Draft {
		t.Fatalf("steps = %+v draft %v", g.Steps, g.Draft)
	}
	if g.Pos("materials.1.copies").Line != 4 {
		t.Fatalf("Pos(materials.1.copies) = %v", g.Pos("materials.1.copies"))
	}
}

// TestDecodeReportsAll: every problem of a file, not the first only.
func TestDecodeReportsAll(t *testing.T) {
	_, diags := decode(t, `+++
code = 12
titel = "x"
audience = "个人"
batch = 0
published = "2017-03-01"
[service]
star = 4.5
mobile = "true"
[[materials]]
name = "a"
copies = 0
note = 1
[[materials]]
name = "b"
soruce = "申请人自备"
[time]
legal_days = -3
[[steps]]
name = "受理"
days = "3"
[contact]
consult = ["12345", 12345]
+++
`)
	want := []string{
		"content/d.md:2: [R1] `code` 应当是字符串，现在是整数 12",
		"content/d.md:3: [R1] 前置信息里有不认识的键 `titel`：你是不是想写 `title`？",
		"content/d.md:4: [R1] `audience` 应当是字符串数组，现在是字符串 \"个人\"：请加上方括号，写成 audience = [\"个人\"]",
		"content/d.md:5: [R1] `batch` 至少是 1，现在是 0",
		"content/d.md:6: [R12] `published` 是日期",
		"content/d.md:8: [R1] `service.star` 应当是整数，现在是小数 4.5",
		"content/d.md:9: [R1] `service.mobile` 应当是布尔值，现在是字符串 \"true\"：请去掉引号",
		"content/d.md:12: [R1] `materials.0.copies` 至少是 1，现在是 0",
		"content/d.md:13: [R1] `materials.0.note` 应当是字符串",
		"content/d.md:16: [R1] [materials]里有不认识的键 `soruce`：你是不是想写 `source`？",
		"content/d.md:18: [R1] `time.legal_days` 不能是负数",
		"content/d.md:21: [R1] `steps.0.days` 应当是整数，现在是字符串 \"3\"：请去掉引号",
		"content/d.md:23: [R1] `contact.consult.1` 应当是字符串，现在是整数 12345",
	}
	site.SortDiagnostics(diags)
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(want), join(diags))
	}
	for i, d := range diags {
		if !strings.HasPrefix(d.String(), want[i]) {
			t.Errorf("got  %s\nwant %s…", d, want[i])
		}
	}
}

func TestValidPhone(t *testing.T) {
	good := []string{"0571-87654321", "0580 2281234", "(0571)87654321", "（0571）87654321", "(0571) 87654321",
		"010-12345678", "057187654321", "0571-87654321转123", "0571-87654321 转 8", "0571-87654321-123",
		"13800138000", "12345", "12348", "12333", "12315", "12366", "400-123-4567", "4001234567", "800 123 4567", " 12345 "}
	bad := []string{"", "87654321", "1234", "123456", "1380013800", "138001380001", "571-87654321", "0571-876543",
		"0571-876543210", "0571-8765 4321", "(0571-87654321", "0571-87654321转", "0571-87654321 ext 1", "400-1234-567",
		"500-123-4567", "12345-1", "0571—87654321", "abc", "0571-87654321转1234567", "(05)87654321", "(05712)87654321"}
	for _, s := range good {
		if !rules.ValidPhone(s) {
			t.Errorf("rules.ValidPhone(%q) = false, want true", s)
		}
	}
	for _, s := range bad {
		if rules.ValidPhone(s) {
			t.Errorf("rules.ValidPhone(%q) = true, want false", s)
		}
	}
}

func TestValidURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.gov.cn/apply/1": true, "http://zwfw.zj.gov.cn": true, "https://a.cn/x?y=1#z": true,
		"www.example.gov.cn": false, "ftp://a.cn/": false, "https://": false, "https://a cn/": false, "": false,
		"javascript:alert(1)": false,
	} {
		if rules.ValidURL(s) != want {
			t.Errorf("rules.ValidURL(%q) = %v, want %v", s, !want, want)
		}
	}
}
