package export

import (
	"sort"
	"unicode/utf8"

	"zhinan/generator/internal/search/analysis"
)

// How filler is learned (LearnFiller): a CJK term is filler when at
// least fillerMinShare of the guides (and fillerMinDocs) hold it in their
// body while the name-like fields (title, keywords, materials, department,
// topics, region) of at most one guide in fillerNameRatio of those do. Such
// a term (需要, 什么, 办理, 可以 …) is how guides and questions are phrased,
// not what they are about. At most maxFiller terms are kept, the most
// frequent first, so meta.json (inlined in search.js) stays small.
const (
	fillerMinShare  = 0.08
	fillerMinDocs   = 3
	fillerNameRatio = 20
	maxFiller       = 400
)

// FillerCandidate is a term with its body document frequency and the sum
// of its document frequencies in the name-like fields (NameFields).
type FillerCandidate struct {
	Term           string
	BodyDF, NameDF int
}

// MinFillerDF is the body document frequency a term needs, in a site of n
// guides, to be filler.
func MinFillerDF(n int) int {
	return max(fillerMinDocs, int(float64(n)*fillerMinShare+0.999999))
}

// FillerShare is the share of a site's guides whose body must hold a
// filler term: in sites searched as one, a term that is filler in all of
// them together reaches this share in at least one of them.
const FillerShare = fillerMinShare

// SelectFiller is the filler rule for a site of n guides: the CJK
// candidates with at least MinFillerDF(n) body documents and at most one
// name-field document in fillerNameRatio of those, the most frequent
// maxFiller of them, sorted by body document frequency (descending), then
// term. LearnFiller applies it to one build's postings; search.OpenAll to
// several sites' indexes searched as one.
func SelectFiller(n int, cands []FillerCandidate) []string {
	minDF := MinFillerDF(n)
	var kept []FillerCandidate
	for _, c := range cands {
		if c.BodyDF < minDF || c.NameDF*fillerNameRatio > c.BodyDF {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(c.Term); !analysis.IsCJK(r) {
			continue
		}
		kept = append(kept, c)
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].BodyDF != kept[j].BodyDF {
			return kept[i].BodyDF > kept[j].BodyDF
		}
		return kept[i].Term < kept[j].Term
	})
	out := []string{}
	for _, c := range kept[:min(len(kept), maxFiller)] {
		out = append(out, c.Term)
	}
	return out
}

// LearnFiller returns the filler terms of the collected postings of n
// guides (SelectFiller). The query planner leaves them out of a query's
// lookup (analysis.Lexicon).
func (pc *Collector) LearnFiller(n int) []string {
	body := fieldID("body")
	minDF := MinFillerDF(n)
	var cands []FillerCandidate
	for i := range pc.lists {
		pl := &pc.lists[i]
		if int(pl.fid) != body || int(pl.df) < minDF {
			continue
		}
		cands = append(cands, FillerCandidate{pl.term, int(pl.df), pc.nameDF(pl.term)})
	}
	return SelectFiller(n, cands)
}

// NameFields are the name-like scored fields: what a guide is called and
// what it asks for, as opposed to its body text and code.
var NameFields = []string{"title", "keywords", "materials", "department", "topics", "region"}

// nameDF is the sum of a term's document frequencies in the name-like
// fields (an upper bound of the guides holding it in any of them).
func (pc *Collector) nameDF(term string) int {
	n := 0
	for _, name := range NameFields {
		fid := fieldID(name)
		var id int32
		var ok bool
		if len(term) <= 7 {
			id, ok = pc.short[fid][analysis.PackTerm(term)]
		} else {
			id, ok = pc.long[fid][term]
		}
		if ok {
			n += int(pc.lists[id].df)
		}
	}
	return n
}

// fieldID is the id of an indexed field by name (-1 when there is none).
func fieldID(name string) int {
	for i, f := range analysis.IndexedFields {
		if f.Name == name {
			return i
		}
	}
	return -1
}
