package analysis

import (
	"regexp"
	"strings"
	"testing"

	"zhinan/generator/internal/search/internal/testsite"
)

// plainTextRegexp is the reference plainText: the regular expressions the
// hand-written version replaces.
func plainTextRegexp(md string) string {
	s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(md, " ")
	s = regexp.MustCompile("[#*`>|_~\\[\\]()!]+").ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "---", " ")
	return strings.TrimSpace(regexp.MustCompile(`\s+`).ReplaceAllString(s, " "))
}

func TestPlainTextMatchesRegexp(t *testing.T) {
	cases := []string{
		"", " ", "a<b", "a<b>c", "<<b>>", "x>y<", "## 标题\n\n正文**粗体**", "a---b----c",
		"tab\there\r\nand\fform\vvertical", "\u3000全角空格\u3000", "[链接](http://x.y/z_w)",
		"<div class=\"a\">\n多行\n</div>", "!!!", "a  <  b", "<p>未闭合", "--- \n---",
		"\xff\xfe<b>坏字节</b>", "`code` | 表格 | ~删除~",
	}
	s := testsite.Load(t, "../../../..")
	for _, p := range s.Guides {
		cases = append(cases, p.Body)
	}
	var sc plainTextScratch // reused, as an analyser reuses it
	for _, c := range cases {
		if got, want := sc.plainText(c), plainTextRegexp(c); got != want {
			t.Errorf("plainText(%q) = %q, want %q", c, got, want)
		}
	}
}

// FuzzPlainText: the hand-written passes equal the regular expressions,
// also when the scratch buffers hold an earlier, longer text.
func FuzzPlainText(f *testing.F) {
	for _, c := range []string{"a<b>c---d", "## x **y** `z`", "-- -<i>-", " \t\u3000x\u3000 "} {
		f.Add(c)
	}
	var sc plainTextScratch
	f.Fuzz(func(t *testing.T, md string) {
		sc.plainText(md + md + "<long>---")
		if got, want := sc.plainText(md), plainTextRegexp(md); got != want {
			t.Errorf("plainText(%q) = %q, want %q", md, got, want)
		}
	})
}

// TestCutPassage: long passages end on a sentence (or, for materials, a
// name) boundary, else at the limit with "…".
func TestCutPassage(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九。", 10)
	if got := cutPassage(long, sentenceEnds); got != strings.Repeat("一二三四五六七八九。", 8) {
		t.Errorf("sentence cut: %q", got)
	}
	mats := "材料：" + strings.Repeat("申请书甲乙、", 20)
	if got := cutPassage(mats, "、"); !strings.HasSuffix(got, "申请书甲乙等") || len([]rune(got)) > snippetRunes {
		t.Errorf("materials cut: %q", got)
	}
	if got := cutPassage(strings.Repeat("字", 100), sentenceEnds); len([]rune(got)) != snippetRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("hard cut: %q", got)
	}
	if got := cutPassage("短。", sentenceEnds); got != "短。" {
		t.Errorf("short passage changed: %q", got)
	}
}
