package query

import (
	"sort"

	"zhinan/generator/internal/search/analysis"
)

// Coverage is how well one guide matches a query's looked-up terms: the
// numbers of terms the index knows (holds in some field, Known; in some
// name-like field, KnownName) and of those the guide holds (Any, Name),
// and whether it matched an exact clause (whole title, keyword, material,
// department, or a phrase of its title, keywords or FAQ questions).
type Coverage struct {
	Terms, Known, KnownName, Any, Name int
	Exact                              bool
}

// nameField tells the scored fields that name a guide (with its code and
// the pinyin of its names) and what it asks for, as opposed to its body.
var nameField = map[string]bool{"title": true, "keywords": true, "code": true,
	"materials": true, "department": true, "topics": true, "region": true, "py": true}

// coverage measures guide d against the plan's content terms, given the
// looked-up clauses cs and their postings scored (parallel to cs).
func coverage(plan analysis.Plan, cs []analysis.Clause, scored []scoredClause, d int) Coverage {
	type termState struct{ known, knownName, any, name bool }
	terms := map[string]*termState{}
	for _, t := range plan.Content {
		terms[t] = &termState{}
	}
	var c Coverage
	for i, cl := range cs {
		has := scored[i].list != nil && scored[i].list.has(d)
		if exactField(cl.Field) {
			c.Exact = c.Exact || has
			continue
		}
		st := terms[cl.Term]
		if st == nil {
			continue
		}
		known := scored[i].list != nil
		st.known = st.known || known
		st.any = st.any || has
		if nameField[cl.Field] {
			st.knownName = st.knownName || known
			st.name = st.name || has
		}
	}
	for _, st := range terms {
		c.Terms++
		c.Known += b2i(st.known)
		c.KnownName += b2i(st.knownName)
		c.Any += b2i(st.any)
		c.Name += b2i(st.name)
	}
	return c
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// exactField tells the exact fields (analysis.ExactFields) by name.
func exactField(name string) bool {
	for _, f := range analysis.ExactFields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// has reports whether guide d is in the postings (docs are sorted).
func (p *postings) has(d int) bool {
	i := sort.Search(len(p.docs), func(i int) bool { return int(p.docs[i]) >= d })
	return i < len(p.docs) && int(p.docs[i]) == d
}

// Assess measures guide d (its number in the export) against the plan:
// the Coverage the weak-result signal is computed from. The bleve index
// asks it of the export that every build writes beside it, so that both
// answer alike.
func (ex *Export) Assess(plan analysis.Plan, d int) (Coverage, error) {
	cs := plan.Clauses()
	ex.mu.Lock()
	defer ex.mu.Unlock()
	scored, err := ex.lookup(cs)
	if err != nil {
		return Coverage{}, err
	}
	return coverage(plan, cs, scored, d), nil
}

// Weak tells whether the best guide is far from a good match: it matched
// no exact clause (whole title, keyword, material, department, or a
// phrase) and holds, in its name-like fields, fewer than half of the
// query's content terms. A weak answer is shown as "没有找到完全匹配的事项"
// with at most WeakHits results offered as possibly related.
func (c Coverage) Weak() bool { return !c.Exact && 2*c.Name <= c.Terms }

// WeakHits is how many results a weak answer offers (可能相关).
const WeakHits = 3
