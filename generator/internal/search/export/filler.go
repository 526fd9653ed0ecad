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

// LearnFiller returns the filler terms of the collected postings of n
// guides, sorted by body document frequency (descending), then term.
// The query planner leaves them out of a query's lookup (analysis.Lexicon).
func (pc *Collector) LearnFiller(n int) []string {
	body := fieldID("body")
	minDF := max(fillerMinDocs, int(float64(n)*fillerMinShare+0.999999))
	type cand struct {
		term string
		df   int32
	}
	var cands []cand
	for i := range pc.lists {
		pl := &pc.lists[i]
		if int(pl.fid) != body || int(pl.df) < minDF {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(pl.term); !analysis.IsCJK(r) {
			continue
		}
		if pc.nameDF(pl.term)*fillerNameRatio > int(pl.df) {
			continue
		}
		cands = append(cands, cand{pl.term, pl.df})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].df != cands[j].df {
			return cands[i].df > cands[j].df
		}
		return cands[i].term < cands[j].term
	})
	out := []string{}
	for _, c := range cands[:min(len(cands), maxFiller)] {
		out = append(out, c.term)
	}
	return out
}

// nameFields are the name-like scored fields: what a guide is called and
// what it asks for, as opposed to its body text and code.
var nameFields = []string{"title", "keywords", "materials", "department", "topics", "region"}

// nameDF is the sum of a term's document frequencies in the name-like
// fields (an upper bound of the guides holding it in any of them).
func (pc *Collector) nameDF(term string) int {
	n := 0
	for _, name := range nameFields {
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
