package search

import (
	"regexp"
	"strings"
	"testing"
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
	s := loadSite(t, "../../..")
	for _, p := range s.Guides {
		cases = append(cases, p.Body)
	}
	for _, c := range cases {
		if got, want := plainText(c), plainTextRegexp(c); got != want {
			t.Errorf("plainText(%q) = %q, want %q", c, got, want)
		}
	}
}
