package load

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const example = `+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
published = 2017-03-01

[service]
star = 4
visits = 1

[[materials]]
name = "律师事务所设立申请书"

[[materials]]
name = "设立人身份证明"
+++

## 申请条件
`

func TestParse(t *testing.T) {
	doc, diags := Parse("content/sfj/lawyer.md", []byte(example))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if doc.File != "content/sfj/lawyer.md" || doc.Front["code"] != "330000-SF-XK-0001" {
		t.Fatalf("doc = %+v", doc)
	}
	if d, ok := doc.Front["published"].(time.Time); !ok || d.Format("2006-01-02") != "2017-03-01" {
		t.Fatalf("published = %#v", doc.Front["published"])
	}
	mats, ok := doc.Front["materials"].([]map[string]any)
	if !ok || len(mats) != 2 || mats[1]["name"] != "设立人身份证明" {
		t.Fatalf("materials = %#v", doc.Front["materials"])
	}
	want := map[string]int{"code": 2, "published": 4, "service": 6, "service.visits": 8,
		"materials.0": 10, "materials.1.name": 14}
	for k, w := range want {
		if doc.Lines[k] != w {
			t.Errorf("line of %s = %d, want %d", k, doc.Lines[k], w)
		}
	}
	if doc.BodyLine != 16 || !strings.HasPrefix(doc.Body, "\n## 申请条件") {
		t.Fatalf("body %q at line %d", doc.Body, doc.BodyLine)
	}
}

func TestParseErrors(t *testing.T) {
	gbk := []byte("+++\ntitle = \"\xc2\xc9\xca\xa6\"\n+++\n") // 律师 in GBK
	tests := []struct {
		name string
		in   []byte
		want string // "line: [rule]" prefix after the file name
	}{
		{"gbk", gbk, "content/x.md:2: [utf8]"},
		{"empty", nil, "content/x.md:1: [R14]"},
		{"unclosed", []byte("+++\ncode = \"a\"\n"), "content/x.md:1: [R14]"},
		{"toml error line is a file line", []byte("+++\ncode = \"a\"\n\ntitle = \n+++\n"), "content/x.md:4: [R14]"},
		{"toml error after bom and crlf", []byte("\xef\xbb\xbf+++\r\ncode = \"a\"\r\ncode = \"b\"\r\n+++\r\n"), "content/x.md:3: [R14]"},
		{"unterminated string", []byte("+++\na = 1\nb = \"x\n+++\n"), "content/x.md:3: [R14]"},
		{"larger than MaxGuideSize", []byte("+++\ncode = \"a\"\n+++\n" + strings.Repeat("正文", MaxGuideSize/6+1)),
			"content/x.md:1: [R14] 文件超过 4 MB（现在约 4.1 MB）"},
		{"nested too deep", []byte("+++\ncode = \"a\"\nx = " + strings.Repeat("[", MaxNesting) + "\n+++\n"),
			"content/x.md:3: [R14] 前置信息嵌套超过 32 层"},
		{"nested too deep over lines", []byte("+++\ncode = \"a\"\nx = [\n" + strings.Repeat("{a = [\n", MaxNesting) + "+++\n"),
			"content/x.md:14: [R14] 前置信息嵌套超过 32 层"},
		{"dotted key too long", []byte("+++\n" + strings.Repeat("a.", MaxNesting) + "b = 1\n+++\n"),
			"content/x.md:2: [R14] 前置信息嵌套超过 32 层"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Parse("content/x.md", tt.in)
			if doc != nil || len(diags) != 1 {
				t.Fatalf("doc %v diags %v, want nil and one diagnostic", doc, diags)
			}
			if got := diags[0].String(); !strings.HasPrefix(got, tt.want) {
				t.Fatalf("got %q, want prefix %q", got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		example, "", "+++\n+++\n", "+++\r\na = [\r\n1,\r\n]\r\n+++\r\n", "\xef\xbb\xbf+++\n[[m]]\nname='x'\n+++\n",
		"+++\na = \"\"\"\n+++\n\"\"\"\n+++\n", "+++\n[a]\n[[a.b]]\n[a.b.c]\n+++", "+++\nt = {x = {y = [1, {z = 2}]}}\n+++\n",
		"+++\n\xc2\xc9\n+++\n", "+++\nd = 1979-05-27 07:32:00Z\n+++\n",
		"+++\na = " + strings.Repeat("[", MaxNesting) + "\n+++\n", "+++\n[" + strings.Repeat("a.", MaxNesting) + "a]\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := Parse("content/f.md", data)
		if (doc == nil) == (len(diags) == 0) {
			t.Fatalf("want a document or diagnostics, got %v and %v", doc, diags)
		}
		for _, d := range diags {
			if d.Line < 1 || d.File != "content/f.md" || !utf8.ValidString(d.Message) {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if doc == nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for k, l := range doc.Lines {
			if l < 2 || l > lines {
				t.Fatalf("line of %q = %d, outside the front matter of a %d-line file", k, l, lines)
			}
		}
		// Every top-level key the decoder saw has a line.
		for k := range doc.Front {
			if _, ok := doc.Lines[k]; !ok {
				t.Fatalf("no line for top-level key %q (lines %v)", k, doc.Lines)
			}
		}
	})
}
