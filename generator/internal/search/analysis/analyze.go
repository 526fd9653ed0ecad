package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the Chinese analysis shared by the index, the Go query path
// and (ported line by line to ../export/js/search.js) the browser. Change
// both together: the one-ranking test fails when they drift apart.

// maxTermRunes caps the length of one token; longer words are cut.
const maxTermRunes = 64

// MaxQueryRunes is how much of a query is analysed; the rest is ignored.
const MaxQueryRunes = 200

// Token is one term produced by the analyzer with its byte span in the
// normalized text.
type Token struct {
	Term       string
	Start, End int
}

// foldRune folds full-width ASCII to half-width, the ideographic space to a
// space, and upper-case ASCII to lower case. It is the whole of the
// normalization, so that the browser can do exactly the same.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// Normalize folds a text with foldRune; invalid UTF-8 becomes U+FFFD.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// IsCJK reports whether r is written without spaces between words: Han
// ideographs, kana and hangul. Fixed ranges (not unicode tables) keep Go and
// JavaScript in agreement whatever their Unicode versions.
func IsCJK(r rune) bool {
	return (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x3134F) ||
		(r >= 0x3040 && r <= 0x30FF) || (r >= 0xAC00 && r <= 0xD7AF)
}

// IsWordRune reports whether r belongs to a Latin-style word: ASCII letters
// and digits, and letters or digits of other alphabets (not CJK).
func IsWordRune(r rune) bool {
	if r < 0x80 {
		return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
	}
	if r == utf8.RuneError || IsCJK(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// IsJoiner reports whether r joins two word parts into one compound, as in
// item codes (330000-SF-XK-0001) and versions (v1.2).
func IsJoiner(r rune) bool { return r == '-' || r == '_' || r == '.' }

// span is a run of text of one kind in the normalized string.
type span struct {
	start, end int   // bytes
	runes      []int // byte offset of each rune (CJK) or of each part start (word)
	partEnds   []int // word runs: byte end of each part
	cjk        bool
}

// scan splits normalized text into CJK runs and word runs (compounds of
// parts joined by IsJoiner). Everything else separates.
func scan(s string) []span {
	var out []span
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case IsCJK(r):
			sp := span{start: i, cjk: true}
			for i < len(s) {
				r, n = utf8.DecodeRuneInString(s[i:])
				if !IsCJK(r) {
					break
				}
				sp.runes = append(sp.runes, i)
				i += n
			}
			sp.end = i
			out = append(out, sp)
		case IsWordRune(r):
			sp := span{start: i}
			for {
				ps := i
				for i < len(s) {
					r, n = utf8.DecodeRuneInString(s[i:])
					if !IsWordRune(r) {
						break
					}
					i += n
				}
				sp.runes = append(sp.runes, ps)
				sp.partEnds = append(sp.partEnds, i)
				if !continuesCompound(s, i) {
					break
				}
				i++
			}
			sp.end = i
			out = append(out, sp)
		default:
			i += n
		}
	}
	return out
}

// Cut shortens a term to maxTermRunes runes.
func Cut(t string) string {
	if utf8.RuneCountInString(t) <= maxTermRunes {
		return t
	}
	return TruncateRunes(t, maxTermRunes)
}

// indexUnigrams: index every CJK character too (false: only lone
// characters, as bleve's cjk analyzer does). Measured on the query set
// (recall@5 and MRR) when the search was built.
const indexUnigrams = true

// maxCompoundParts bounds the sub-compounds indexed for one word run.
const maxCompoundParts = 8

// AnalyzeIndex returns the tokens indexed for a text: every CJK character
// (unigram) and every pair of adjacent CJK characters (bigram); every word
// part, and for compounds (item codes) every run of two or more adjacent
// parts, the whole code included, so 330000-SF-XK-0001 is found whole and by
// its parts.
func AnalyzeIndex(text string) []Token {
	s := Normalize(text)
	var out []Token
	VisitIndexTerms(s, func(b, e int) {
		out = append(out, Token{Term: Cut(s[b:e]), Start: b, End: e})
	})
	return out
}

// VisitIndexTerms calls fn with the byte span of every term AnalyzeIndex
// produces from the normalized text s, in order (the term is Cut(s[b:e])).
// Build uses it directly, to count terms without making tokens; it walks
// the text as scan does, without allocating.
func VisitIndexTerms(s string, fn func(b, e int)) {
	var partsBuf [16][2]int
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case IsCJK(r):
			i = visitCJKRun(s, i, n, fn)
		case IsWordRune(r):
			i = visitWordRun(s, i, partsBuf[:0], fn)
		default:
			i += n
		}
	}
}

// visitCJKRun calls fn with the unigrams and bigrams of the CJK run that
// starts at byte i with a rune of n bytes, and returns the run's end.
func visitCJKRun(s string, i, n int, fn func(b, e int)) int {
	// the rune at [b, e); a bigram is this rune and the next
	b, e, first := i, i+n, true
	for {
		if e < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[e:])
			if IsCJK(r2) {
				if indexUnigrams {
					fn(b, e)
				}
				fn(b, e+n2)
				b, e, first = e, e+n2, false
				continue
			}
		}
		if indexUnigrams || first {
			fn(b, e)
		}
		return e
	}
}

// continuesCompound tells whether the word part that ends at byte i of s
// goes on into another: a joiner followed by a word rune continues the
// compound (330000-SF-XK-0001).
func continuesCompound(s string, i int) bool {
	if i+1 >= len(s) || !IsJoiner(rune(s[i])) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return IsWordRune(r)
}

// visitWordRun calls fn with the parts and sub-compounds of the word run
// (parts joined by IsJoiner) that starts at byte i, and returns its end;
// parts is scratch space.
func visitWordRun(s string, i int, parts [][2]int, fn func(b, e int)) int {
	for {
		ps := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !IsWordRune(r) {
				break
			}
			i += n
		}
		parts = append(parts, [2]int{ps, i})
		if !continuesCompound(s, i) {
			break
		}
		i++
	}
	for a := range parts {
		for z := a; z < len(parts); z++ {
			if z > a && len(parts) > maxCompoundParts && !(a == 0 && z == len(parts)-1) {
				continue
			}
			fn(parts[a][0], parts[z][1])
		}
	}
	return i
}

// NormalizeText is Normalize without a copy when folding changes nothing
// (valid UTF-8 without full-width forms, ideographic spaces or upper-case
// ASCII), as in most of a guide's text.
func NormalizeText(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				return Normalize(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || foldRune(r) != r {
			return Normalize(s)
		}
		i += n
	}
	return s
}

// AnalyzeQuery returns the terms a query looks up, in order, without
// repeats. A lone CJK character is looked up as a unigram; a run of two or
// more as every one of its bigrams, so every word of the query is looked
// up wherever it starts (想开饭馆: 想开 开饭 饭馆). A word or code is looked
// up whole.
func AnalyzeQuery(text string) []string {
	s := Normalize(TruncateRunes(text, MaxQueryRunes))
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		t = Cut(t)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, sp := range scan(s) {
		if !sp.cjk {
			add(s[sp.start:sp.end])
			continue
		}
		if len(sp.runes) == 1 {
			add(s[sp.start:sp.end])
			continue
		}
		for k := 0; k+1 < len(sp.runes); k++ {
			e := sp.end
			if k+2 < len(sp.runes) {
				e = sp.runes[k+2]
			}
			add(s[sp.runes[k]:e])
		}
	}
	return out
}

// ExactKey is the form a whole title or keyword is compared in for the
// exact-match boost: normalized, keeping only CJK and word characters.
func ExactKey(text string) string {
	var b strings.Builder
	for _, r := range Normalize(text) {
		if IsCJK(r) || IsWordRune(r) {
			b.WriteRune(r)
		}
	}
	return Cut(b.String())
}

// TruncateRunes keeps the first n runes of s.
func TruncateRunes(s string, n int) string {
	c := 0
	for i := range s {
		if c == n {
			return s[:i]
		}
		c++
	}
	return s
}
