package analysis

import (
	"slices"
	"sort"
	"strings"
)

// Plan is what a query text becomes before it meets the index: its
// variants after synonym expansion, the terms looked up in every scored
// field, and the exact keys looked up in the exact-title and
// exact-keyword fields. search.js computes the same plan.
type Plan struct {
	Variants []string
	Terms    []string
	Exact    []string
	// Content are the terms of Terms that carry the query's meaning:
	// those without a filler character (a single-character filler term,
	// 要, 么 …), so that 要办 and 么证 in 出国要办什么证件 are left out.
	// The weak-result signal measures the best guide against them.
	Content []string
}

// MaxVariants bounds synonym expansion.
const MaxVariants = 6

// Lexicon is what a site's build teaches the query planner: the synonym
// groups of config.toml and the filler terms learned from document
// frequency (export.LearnFiller). Go and search.js plan with the same one
// (meta.json's synonyms and filler).
type Lexicon struct {
	Synonyms [][]string
	Filler   map[string]bool
}

// NewLexicon makes a lexicon of synonym groups and a list of filler terms.
func NewLexicon(synonyms [][]string, filler []string) Lexicon {
	lx := Lexicon{Synonyms: synonyms, Filler: make(map[string]bool, len(filler))}
	for _, t := range filler {
		lx.Filler[t] = true
	}
	return lx
}

// Plan expands a query with the site's synonym groups and analyses it.
// For each group (in config order) the query contains a word of but not the
// group's first, preferred word, a variant with that word replaced by the
// preferred one is added. Filler terms (要办, 什么, 需要 …) are left out of
// the lookup, so that they never decide the ranking and cost no download,
// unless every term of the query is filler.
func (lx Lexicon) Plan(text string) Plan {
	variants := expand(Normalize(TruncateRunes(text, MaxQueryRunes)), lx.Synonyms)
	var p Plan
	var filler []string
	seenT, seenX := map[string]bool{}, map[string]bool{}
	for _, v := range variants {
		p.Variants = append(p.Variants, v)
		for _, t := range AnalyzeQuery(v) {
			if seenT[t] {
				continue
			}
			seenT[t] = true
			if lx.Filler[t] {
				filler = append(filler, t)
			} else {
				p.Terms = append(p.Terms, t)
			}
		}
		if k := ExactKey(v); k != "" && !seenX[k] {
			seenX[k] = true
			p.Exact = append(p.Exact, k)
		}
	}
	if len(p.Terms) == 0 {
		p.Terms = filler
	}
	p.Content = lx.content(p.Terms)
	return p
}

// content returns the terms without a filler character, or all of them
// when every term has one.
func (lx Lexicon) content(terms []string) []string {
	var out []string
next:
	for _, t := range terms {
		for _, r := range t {
			if lx.Filler[string(r)] {
				continue next
			}
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return terms
	}
	return out
}

// expand returns the normalized query q and its synonym variants.
func expand(q string, synonyms [][]string) []string {
	variants := []string{q}
	for _, g := range synonyms {
		if len(variants) >= MaxVariants {
			break
		}
		if strings.Contains(q, g[0]) {
			continue
		}
		for _, w := range g[1:] {
			if strings.Contains(q, w) {
				variants = append(variants, strings.ReplaceAll(q, w, g[0]))
				break
			}
		}
	}
	return variants
}

// MaxTerms bounds how many terms one query looks up.
const MaxTerms = 32

// Clause is one term looked up in one field with a boost.
type Clause struct {
	Field, Term string
	Boost       float64
}

// Clauses lists a plan's term lookups in their fixed order: each term in
// each scored field, then each exact key in each exact field.
func (p Plan) Clauses() []Clause {
	var cs []Clause
	terms := p.Terms
	if len(terms) > MaxTerms {
		terms = terms[:MaxTerms]
	}
	for _, t := range terms {
		for _, f := range ScoredFields {
			cs = append(cs, Clause{f.Name, t, f.Boost})
		}
	}
	for i, x := range p.Exact {
		for _, f := range ExactFields {
			b := f.Boost
			if i > 0 && f.Name == "xmat" { // a synonym's variant, not the query as typed
				b = VariantMaterialBoost
			}
			cs = append(cs, Clause{f.Name, x, b})
		}
	}
	return cs
}

// NormalizeSynonyms folds every word of the groups and drops empty ones.
func NormalizeSynonyms(groups [][]string) [][]string {
	out := [][]string{}
	for _, g := range groups {
		var ng []string
		for _, w := range g {
			if w = strings.TrimSpace(Normalize(w)); w != "" {
				ng = append(ng, w)
			}
		}
		if len(ng) > 1 {
			out = append(out, ng)
		}
	}
	return out
}

// Phrases of name-like values (PhraseKeys) are MinPhraseRunes to
// maxPhraseRunes characters long: shorter queries are bigrams or single
// characters, which the scored fields match as phrases already; longer
// ones are rarely contained in a name without being all of it.
const (
	MinPhraseRunes = 3
	maxPhraseRunes = 8
)

// PhraseKeys returns, sorted and without repeats, the ExactKey of every
// substring of MinPhraseRunes to maxPhraseRunes CJK characters of the
// CJK runs of values: what a query's ExactKey is looked up against in
// the xphrase field. A value that is all CJK is also in xtitle, xkw or
// xmat as a whole.
func PhraseKeys(values []string) []string {
	// out is made whole first, then sorted and its repeats dropped: a set
	// of the keys seen was half of this function's 3 GB of allocation in
	// a clean build of 1,000,000 guides
	var out []string
	for _, v := range values {
		nv := Normalize(v)
		for _, sp := range scan(nv) {
			if !sp.cjk {
				continue
			}
			r := []rune(nv[sp.start:sp.end])
			for i := range r {
				for n := MinPhraseRunes; n <= maxPhraseRunes && i+n <= len(r); n++ {
					out = append(out, string(r[i:i+n]))
				}
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}
