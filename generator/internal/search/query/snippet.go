package query

import (
	"html"
	"strings"

	"zhinan/generator/internal/search/analysis"
)

// Segment is a piece of a snippet, marked when it matched the query.
type Segment struct {
	Text   string
	Marked bool
}

// Segments splits a snippet source into marked and unmarked pieces: every
// character covered by an occurrence of a query term (compared after
// normalization, which maps characters one to one) is marked. search.js
// does the same with DOM text nodes.
func Segments(src string, plan analysis.Plan) []Segment {
	orig := []rune(src)
	norm := []rune(analysis.Normalize(src))
	marks := make([]bool, len(orig))
	for _, t := range plan.Terms {
		tr := []rune(t)
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(norm); i++ {
			if string(norm[i:i+len(tr)]) == t {
				for k := i; k < i+len(tr); k++ {
					marks[k] = true
				}
			}
		}
	}
	var out []Segment
	for i := 0; i < len(orig); {
		j := i
		for j < len(orig) && marks[j] == marks[i] {
			j++
		}
		out = append(out, Segment{Text: string(orig[i:j]), Marked: marks[i]})
		i = j
	}
	return out
}

// SnippetHTML renders Segments as escaped HTML with <mark> around matches.
func SnippetHTML(src string, plan analysis.Plan) string {
	var b strings.Builder
	for _, s := range Segments(src, plan) {
		if s.Marked {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}
