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
	b := collapseRuns(sc.b[:0], a, &markdownMarks)
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
	b = collapseRuns(b[:0], a, &re2Spaces)
	sc.a, sc.b = a, b
	return string(bytes.TrimSpace(b))
}

// collapseRuns appends src to dst with every run of the bytes marked in
// set replaced by one space: a pass of plainText. (A table rather than a
// function: an indirect call per byte measured markedly slower.)
func collapseRuns(dst, src []byte, set *[256]bool) []byte {
	for i := 0; i < len(src); {
		if set[src[i]] {
			for i < len(src) && set[src[i]] {
				i++
			}
			dst = append(dst, ' ')
			continue
		}
		dst = append(dst, src[i])
		i++
	}
	return dst
}

// markdownMarks are the Markdown punctuation bytes whose runs plainText
// turns into a space.
var markdownMarks = byteSet("#*`>|_~[]()!")

// re2Spaces are the bytes of RE2's \s: ASCII space, \t, \n, \f, \r.
var re2Spaces = byteSet(" \t\n\f\r")

// byteSet marks the bytes of s, for collapseRuns.
func byteSet(s string) (set [256]bool) {
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return set
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
