package analysis

import (
	"bytes"
	"strings"

	"zhinan/generator/internal/site"
)

// plainTextScratch holds the buffers of plainText's passes, reused from
// one body to the next, so that only the result is allocated.
type plainTextScratch struct{ a, b []byte }

// plainText turns a Markdown body into searchable plain text: HTML tags
// and runs of Markdown punctuation become a space, so does "---", and
// whitespace is collapsed. It does by hand, in one pass per step, what
// the regular expressions in plainTextRegexp (the reference, in a test)
// do.
func (sc *plainTextScratch) plainText(md string) string {
	// tags: "<" up to the next ">" (none: the "<" stays)
	a := sc.a[:0]
	for i := 0; i < len(md); {
		if md[i] == '<' {
			if j := strings.IndexByte(md[i+1:], '>'); j >= 0 {
				a = append(a, ' ')
				i += j + 2
				continue
			}
		}
		a = append(a, md[i])
		i++
	}
	// Markdown punctuation runs
	b := sc.b[:0]
	for i := 0; i < len(a); {
		if isMarkdownMark(a[i]) {
			for i < len(a) && isMarkdownMark(a[i]) {
				i++
			}
			b = append(b, ' ')
			continue
		}
		b = append(b, a[i])
		i++
	}
	// "---" (strings.ReplaceAll: left to right, without overlaps)
	a = a[:0]
	for i := 0; i < len(b); {
		if b[i] == '-' && i+2 < len(b) && b[i+1] == '-' && b[i+2] == '-' {
			a = append(a, ' ')
			i += 3
			continue
		}
		a = append(a, b[i])
		i++
	}
	// whitespace runs (RE2's \s: ASCII space, \t, \n, \f, \r), trimmed
	b = b[:0]
	for i := 0; i < len(a); {
		if isRE2Space(a[i]) {
			for i < len(a) && isRE2Space(a[i]) {
				i++
			}
			b = append(b, ' ')
			continue
		}
		b = append(b, a[i])
		i++
	}
	sc.a, sc.b = a, b
	return string(bytes.TrimSpace(b))
}

func isMarkdownMark(c byte) bool {
	switch c {
	case '#', '*', '`', '>', '|', '_', '~', '[', ']', '(', ')', '!':
		return true
	}
	return false
}

func isRE2Space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// snippetSourceRunes is how much text per guide snippets are cut from.
const snippetSourceRunes = 90

// snippetSourceFrom is the text a result's snippet is cut from: material
// names, then the body's plain text, at most snippetSourceRunes runes. It
// is a string of its own, so that it keeps no body alive.
func snippetSourceFrom(p *site.Page, body string) string {
	var parts []string
	for _, m := range p.Materials {
		parts = append(parts, m.Name)
	}
	s := strings.Join(parts, "、")
	if s != "" {
		s += "。"
	}
	// s ends with a whole character, so cutting the body first cuts the
	// same text
	s += TruncateRunes(body, snippetSourceRunes)
	return strings.Clone(TruncateRunes(s, snippetSourceRunes))
}
