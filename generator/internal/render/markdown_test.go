package render

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"zhinan/generator/internal/audit"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/sections"
	"zhinan/generator/internal/site"
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

// TestSectionsAgreeWithAudit: the page gives 申请条件 its own section
// exactly when `generator check` counts the guide as having one
// (C-conditions), since both ask package sections. Only a top-level
// heading of level 1 or 2, ATX or setext, starts a section.
func TestSectionsAgreeWithAudit(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       bool
	}{
		{"level 2", "## 申请条件\n\n1. 条件一\n", true},
		{"level 1, colon", "# 申请条件：\n\n1. 条件一\n", true},
		{"setext level 2", "申请条件\n--------\n\n1. 条件一\n", true},
		{"setext level 1", "受理条件\n========\n\n1. 条件一\n", true},
		{"level 3", "### 申请条件\n\n1. 条件一\n", false},
		{"level 6", "###### 申请条件\n\n1. 条件一\n", false},
		{"in a code fence", "```\n## 申请条件\n```\n\n1. 条件一\n", false},
		{"in a list", "- ## 申请条件\n\n  1. 条件一\n", false},
		{"in a quote", "> ## 申请条件\n>\n> 1. 条件一\n", false},
	} {
		s := renderMD(t, c.body)
		page := strings.Contains(string(s.Conditions), "条件一")
		_, gaps := audit.Completeness(&site.Guide{Body: c.body})
		counted := true
		for _, g := range gaps {
			if g.Rule == rules.CConditions.ID {
				counted = false
			}
		}
		if page != c.want || counted != c.want || sections.In(c.body)[sections.Conditions] != c.want {
			t.Errorf("%s: page has the section %v, audit counts it %v, sections.In %v; want %v",
				c.name, page, counted, sections.In(c.body)[sections.Conditions], c.want)
		}
	}
}
