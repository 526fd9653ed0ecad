package frontedit

import (
	"strings"
	"testing"

	"zhinan/generator/internal/load"
)

const sample = `+++
# 事项基本信息
code = "330000-SF-XK-0001"   # 编码不要改
title = "律师执业许可"
audience = ["个人"]

[service]
star = 4  # 四星
visits = 1

[[materials]]
name = "申请书"
copies = 1

[[materials]]
# 第二份材料
name = "身份证"

[contact]
consult = [
  "12348", # 热线
  "0580-2281148",
]
+++

## 申请条件

正文不动。
`

// edit parses src, lets change modify the decoded front matter and body,
// and returns what Rewrite makes of it.
func edit(t *testing.T, src string, change func(front map[string]any, body *string)) string {
	t.Helper()
	doc, diags := load.Parse("x.md", []byte(src))
	if doc == nil {
		t.Fatalf("parse: %v", diags)
	}
	body := doc.Body
	change(doc.Front, &body)
	out, _, err := Rewrite([]byte(src), Doc{Front: doc.Front, Body: body}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestRewriteChangesOnlyTheValue(t *testing.T) {
	got := edit(t, sample, func(f map[string]any, _ *string) {
		f["service"].(map[string]any)["star"] = int64(5)
	})
	want := strings.Replace(sample, "star = 4  # 四星", "star = 5  # 四星", 1)
	if got != want {
		t.Errorf("got\n%s", got)
	}
}

func TestRewriteUnchangedIsSameBytes(t *testing.T) {
	out, changed, err := Rewrite([]byte(sample), mustDoc(t, sample), nil)
	if err != nil || changed || string(out) != sample {
		t.Fatalf("changed=%v err=%v", changed, err)
	}
}

func mustDoc(t *testing.T, src string) Doc {
	doc, _ := load.Parse("x.md", []byte(src))
	return Doc{Front: doc.Front, Body: doc.Body}
}

func TestRewriteMultiLineArrayAndDelete(t *testing.T) {
	got := edit(t, sample, func(f map[string]any, _ *string) {
		f["contact"].(map[string]any)["consult"] = []any{"12345"}
		delete(f, "audience")
	})
	want := strings.Replace(sample, "consult = [\n  \"12348\", # 热线\n  \"0580-2281148\",\n]", `consult = ["12345"]`, 1)
	want = strings.Replace(want, "audience = [\"个人\"]\n", "", 1)
	if got != want {
		t.Errorf("got\n%s", got)
	}
}

func TestRewriteAddsAtTheEndOfTheTable(t *testing.T) {
	got := edit(t, sample, func(f map[string]any, _ *string) {
		f["service"].(map[string]any)["mode"] = "网上申报"
		f["batch"] = int64(2)
		f["fee"] = map[string]any{"charged": false}
		f["materials"] = append(f["materials"].([]map[string]any), map[string]any{"name": "照片", "copies": int64(2)})
	})
	want := strings.Replace(sample, "visits = 1\n", "visits = 1\nmode = \"网上申报\"\n", 1)
	want = strings.Replace(want, "audience = [\"个人\"]\n", "audience = [\"个人\"]\nbatch = 2\n", 1)
	want = strings.Replace(want, "name = \"身份证\"\n", "name = \"身份证\"\n\n[[materials]]\ncopies = 2\nname = \"照片\"\n", 1)
	want = strings.Replace(want, "]\n+++", "]\n\n[fee]\ncharged = false\n+++", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRewriteRemovesAnElementAndTheBody(t *testing.T) {
	got := edit(t, sample, func(f map[string]any, body *string) {
		f["materials"] = f["materials"].([]map[string]any)[:1]
		*body = "新正文\n"
	})
	want := strings.Replace(sample, "[[materials]]\n# 第二份材料\nname = \"身份证\"\n\n", "", 1)
	want = want[:strings.LastIndex(want, "+++\n")+4] + "新正文\n"
	if got != want {
		t.Errorf("got\n%s", got)
	}
}

func TestRewriteKeepsCRLFAndBOM(t *testing.T) {
	src := "\xef\xbb\xbf" + strings.ReplaceAll(sample, "\n", "\r\n")
	got := edit(t, src, func(f map[string]any, _ *string) {
		f["title"] = "新名称"
		f["service"].(map[string]any)["agent"] = true
	})
	want := strings.Replace(src, "title = \"律师执业许可\"", "title = \"新名称\"", 1)
	want = strings.Replace(want, "visits = 1\r\n", "visits = 1\r\nagent = true\r\n", 1)
	if got != want {
		t.Errorf("got %q", got)
	}
}

func TestRewriteRefusesInlineTables(t *testing.T) {
	src := "+++\ncode = \"a\"\nservice = { star = 4, visits = 1 }\n+++\n"
	doc := mustDoc(t, src)
	doc.Front["service"].(map[string]any)["star"] = int64(3)
	if _, _, err := Rewrite([]byte(src), doc, nil); err == nil {
		t.Fatal("no error for an inline table")
	}
}

func TestRenderParsesBack(t *testing.T) {
	doc := mustDoc(t, sample)
	out := Render(doc, nil)
	if err := verify(out, doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestPathAt(t *testing.T) {
	for line, want := range map[int]string{3: "code", 8: "service.star", 11: "materials.0", 15: "materials.1", 17: "materials.1.name", 20: "contact.consult", 23: "contact.consult", 24: ""} {
		if got := PathAt([]byte(sample), line); got != want {
			t.Errorf("line %d: %q, want %q", line, got, want)
		}
	}
}

const withTime = `+++
code = "a"

[time]
legal_days = 20 # 法定
promised_days = 5

[[time.special]]
name = "听证"
days = 10

[contact]
consult = ["12345"]
+++
`

func TestRewriteNestedArrayAndTables(t *testing.T) {
	got := edit(t, withTime, func(f map[string]any, _ *string) {
		tm := f["time"].(map[string]any)
		tm["special"] = append(tm["special"].([]map[string]any), map[string]any{"name": "检验"})
		delete(f, "contact")
	})
	want := strings.Replace(withTime, "days = 10\n", "days = 10\n\n[[time.special]]\nname = \"检验\"\n", 1)
	want = strings.Replace(want, "\n[contact]\nconsult = [\"12345\"]\n", "", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = edit(t, withTime, func(f map[string]any, _ *string) {
		delete(f["time"].(map[string]any), "special")
		f["time"].(map[string]any)["unit"] = "自然日"
	})
	want = strings.Replace(withTime, "promised_days = 5\n\n[[time.special]]\nname = \"听证\"\ndays = 10\n", "promised_days = 5\nunit = \"自然日\"\n", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
