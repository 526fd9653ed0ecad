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

// PickPassage returns the passage of a snippet source (passages separated
// by analysis.SnippetSep: materials, FAQ entries, the body's start) that
// holds the most distinct query terms, the earliest on a tie, or, when
// none holds any, the last (the body's start). search.js's pickPassage
// does the same.
func PickPassage(src string, plan analysis.Plan) string {
	ps := strings.Split(src, analysis.SnippetSep)
	best, bestN := len(ps)-1, 0
	for i, p := range ps {
		norm := analysis.Normalize(p)
		n := 0
		for _, t := range plan.Terms {
			if t != "" && strings.Contains(norm, t) {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return ps[best]
}

// SnippetHTML renders the Segments of the passage PickPassage picks from
// src as escaped HTML with <mark> around matches.
func SnippetHTML(src string, plan analysis.Plan) string {
	var b strings.Builder
	for _, s := range Segments(PickPassage(src, plan), plan) {
		if s.Marked {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}
