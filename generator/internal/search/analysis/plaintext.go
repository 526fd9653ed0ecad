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

// A guide's snippet source is a few short passages, each a whole
// sentence or list where it fits, separated by SnippetSep: its materials
// ("材料：A、B"), its first snippetFAQs FAQ entries ("常见问题：Q A"), and
// the start of its body, last. At query time the passage holding the most
// query terms is shown (query.PickPassage; search.js does the same), so the
// snippet comes from the field that matched and names it.
const (
	// SnippetSep separates the passages of a snippet source.
	SnippetSep = "\n"
	// snippetRunes is the longest passage, in characters.
	snippetRunes = 80
	// snippetFAQs is how many FAQ entries give a passage: more would
	// weigh on the download of every result block.
	snippetFAQs = 3
)

// snippetSourceFrom is the text a result's snippet is picked from (see
// SnippetSep). It is a string of its own, so that it keeps no body alive.
func snippetSourceFrom(p *site.Page, body string) string {
	var ps []string
	if len(p.Materials) > 0 {
		names := make([]string, len(p.Materials))
		for i, m := range p.Materials {
			names[i] = oneLine(m.Name)
		}
		ps = append(ps, cutPassage("材料："+strings.Join(names, "、"), "、"))
	}
	for i, f := range p.FAQ {
		if i == snippetFAQs {
			break
		}
		ps = append(ps, cutPassage("常见问题："+oneLine(f.Q)+" "+oneLine(f.A), sentenceEnds))
	}
	if b := oneLine(body); b != "" {
		ps = append(ps, cutPassage(b, sentenceEnds))
	}
	return strings.Clone(strings.Join(ps, SnippetSep))
}

// sentenceEnds are the characters a passage may be cut after.
const sentenceEnds = "。！？；"

// cutPassage cuts s to at most snippetRunes characters: after the last of
// the characters ends that leaves at least a third of that, else at the
// limit with "…".
func cutPassage(s, ends string) string {
	r := []rune(s)
	if len(r) <= snippetRunes {
		return s
	}
	for i := snippetRunes - 1; i >= snippetRunes/3; i-- {
		if strings.ContainsRune(ends, r[i]) {
			if r[i] == '、' {
				return string(r[:i]) + "等"
			}
			return string(r[:i+1])
		}
	}
	return string(r[:snippetRunes-1]) + "…"
}

// oneLine folds runs of white space (line breaks included) into one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
