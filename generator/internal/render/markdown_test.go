package render

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

func renderMD(t *testing.T, src string) Sections {
	t.Helper()
	var buf bytes.Buffer
	s, err := renderBody(newMarkdown(), src, &buf, bufio.NewWriter(&buf))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMarkdownSections(t *testing.T) {
	s := renderMD(t, "开头说明。\n\n# 申请条件：\n\n1. 条件一\n\n## 办理须知\n\n须知内容\n\n### 小节\n\n细节\n\n## 常见问题\n\n### 问一\n\n答一\n")
	if !strings.Contains(string(s.Conditions), "<li>条件一</li>") || strings.Contains(string(s.Conditions), "申请条件") {
		t.Errorf("conditions: %q", s.Conditions)
	}
	if !strings.Contains(string(s.FAQ), `<h3 id="问一">问一</h3>`) {
		t.Errorf("faq: %q", s.FAQ)
	}
	other := string(s.Other)
	for _, want := range []string{"<p>开头说明。</p>", `<h2 id="办理须知">办理须知</h2>`, `<h3 id="小节">小节</h3>`, "细节"} {
		if !strings.Contains(other, want) {
			t.Errorf("other lacks %q: %s", want, other)
		}
	}
	if strings.Contains(other, "<h1") {
		t.Error("a level-1 heading in the body competes with the page title")
	}
}

func TestMarkdownHeadingIDs(t *testing.T) {
	s := renderMD(t, "## 材料 说明\n\n## 材料 说明\n\n## Steps\n\n## steps\n\n## ！！\n")
	for _, want := range []string{`id="材料-说明"`, `id="材料-说明-1"`, `id="steps-1"`, `id="steps-2"`, `id="section"`} {
		if !strings.Contains(string(s.Other), want) {
			t.Errorf("lacks %s: %s", want, s.Other)
		}
	}
}

func TestMarkdownCJKEmphasis(t *testing.T) {
	cases := map[string]string{
		"**问：**可以网上办吗？":    "<strong>问：</strong>可以网上办吗？",
		"请带**身份证（原件）**到窗口": "请带<strong>身份证（原件）</strong>到窗口",
		"*注意*：须本人办理":       "<em>注意</em>：须本人办理",
		"a * b * c":        "a * b * c",
		"**bold** text":    "<strong>bold</strong> text",
		"snake_case_name":  "snake_case_name",
	}
	for in, want := range cases {
		got := string(renderMD(t, in).Other)
		if !strings.Contains(got, want) {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownDropsRawHTML(t *testing.T) {
	s := renderMD(t, "<div onclick=x>块</div>\n\n段落<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![y](javascript:alert(2))\n\n## 常见问题\n\n<iframe src=//evil>\n")
	all := string(s.Other + s.FAQ)
	for _, bad := range []string{"<div", "<script", "<iframe", "javascript:", "onclick"} {
		if strings.Contains(all, bad) {
			t.Errorf("raw HTML %q reached the output: %s", bad, all)
		}
	}
}
