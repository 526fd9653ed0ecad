package render

import (
	"bufio"
	"bytes"
	"regexp"
	"strings"
	"testing"
)

var (
	// eventAttr is an on…= attribute inside a tag.
	eventAttr = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	// badTag is a tag raw HTML could smuggle in.
	badTag = regexp.MustCompile(`(?i)<(script|iframe|object|embed|style|form|input|svg|math|base|meta|link)[\s/>]`)
	// badURL is a link or image with a dangerous scheme.
	badURL = regexp.MustCompile(`(?i)(href|src)\s*=\s*"?\s*(javascript:|vbscript:|data:text)`)
)

// FuzzRenderBody: whatever an editor writes, rendering does not panic and
// no markup of the editor's own reaches the page.
func FuzzRenderBody(f *testing.F) {
	for _, seed := range []string{
		"## 申请条件\n\n1. 条件\n\n## 常见问题\n\n**问：**答",
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[a](javascript:alert(1)) ![b](javascript:alert(2)) <javascript:alert(3)>",
		"| a | b |\n|---|---|\n| <b onmouseover=x>1</b> | 2 |",
		"# 标题\n\n<div\nonclick=\"x\">块</div>",
		"```html\n<script>ok in code</script>\n```",
		"**问：**<svg onload=alert(1)>",
	} {
		f.Add(seed)
	}
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		var buf bytes.Buffer
		s, err := renderBody(md, src, &buf, bufio.NewWriter(&buf))
		if err != nil {
			return
		}
		out := string(s.Conditions + s.FAQ + s.Other)
		if m := eventAttr.FindString(out); m != "" {
			t.Fatalf("event attribute %q in output of %q:\n%s", m, src, out)
		}
		if m := badTag.FindString(out); m != "" {
			t.Fatalf("tag %q in output of %q:\n%s", m, src, out)
		}
		if m := badURL.FindString(out); m != "" {
			t.Fatalf("dangerous URL %q in output of %q:\n%s", m, src, out)
		}
		if strings.Contains(out, "<h1") {
			t.Fatalf("<h1> in body output of %q", src)
		}
	})
}
