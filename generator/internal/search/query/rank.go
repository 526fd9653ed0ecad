package query

import (
	"context"
	"math"
	"sort"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
)

// This file ranks as search.js's rank does, in four steps, each a function
// of its own: score (BM25 of every clause, query norm, coordination
// factor), filter (the facet filters), facets (the counts of the filtered
// results) and page (order and cut).

// Search answers q (its defaults set, see Query.Normalized) from the
// export; res is the empty answer it fills (NewResult).
func (ex *Export) Search(ctx context.Context, q Query, res Result) (Result, error) {
	plan := ex.lex.Plan(q.Text)
	cs := plan.Clauses()
	if len(cs) == 0 {
		res.Weak = true
		return res, nil
	}
	ex.mu.Lock()
	defer ex.mu.Unlock()
	scored, err := ex.lookup(cs)
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	scores, matched := score(scored, ex.meta.N, ex.meta.K1, ex.meta.B)
	var cols []facetColumn // read when a filter or the facet counts need them
	if hasFilters(q.Filters) {
		if cols, err = ex.facetColumns(); err != nil {
			return res, err
		}
	}
	docs := filter(matched, filterTests(q.Filters, cols, ex.meta.Values))
	res.Total = len(docs)
	if len(docs) > 0 {
		if cols, err = ex.facetColumns(); err != nil {
			return res, err
		}
		for k, vals := range facets(docs, cols, ex.meta.Values) {
			res.Facets[k] = vals
		}
	}
	all := docs
	docs = page(docs, scores, q.From, q.Size)
	res.Weak = len(all) == 0 || coverage(plan, cs, scored, all[0]).Weak()
	if len(docs) == 0 {
		return res, nil
	}
	res.Hits, err = ex.hits(res.Hits, docs, scores, plan)
	return res, err
}

// scoredClause is one clause of a query as BM25 scores it: its postings
// (nil when the term is not in the field), the term's idf, the field's
// average length and boost.
type scoredClause struct {
	list     *postings
	idf, avg float64
	boost    float64
}

// lookup finds each clause's postings, reading the shards it needs.
func (ex *Export) lookup(cs []analysis.Clause) ([]scoredClause, error) {
	scored := make([]scoredClause, len(cs))
	for i, c := range cs {
		fid := ex.fid[c.Field]
		m, err := ex.shard(export.ShardOf(c.Term, ex.meta.Shards))
		if err != nil {
			return nil, err
		}
		var list *postings
		for j := range m[c.Term] {
			if m[c.Term][j].field == fid {
				list = &m[c.Term][j]
			}
		}
		scored[i] = newScoredClause(list, ex.meta.DocCount, ex.meta.Fields[fid])
		scored[i].boost = c.Boost // the field's, or a variant's xmat weight
	}
	return scored, nil
}

// newScoredClause weighs a clause's postings in field f of an index of
// docCount guides: bleve's BM25 idf.
func newScoredClause(list *postings, docCount uint64, f export.MetaField) scoredClause {
	df := 0.0
	if list != nil {
		df = float64(len(list.docs))
	}
	N := float64(docCount)
	idf := math.Log(1 + (N-df+0.5)/(df+0.5))
	return scoredClause{list: list, idf: idf, avg: f.Avg, boost: f.Boost}
}

// score is the BM25 score of each of n guides under the clauses, as bleve
// computes it: per clause idf·tf·(k1)/(tf+k1·(1−b+b·len/avg)), times the
// clause's share of the query norm, summed, times the coordination factor
// (the share of clauses matched), rounded (RoundScore). matched counts the
// clauses each guide matched; a guide matching none scores 0.
func score(cs []scoredClause, n int, k1, b float64) (scores []float64, matched []int32) {
	sumsq := 0.0
	for _, c := range cs {
		w := c.boost * c.idf
		sumsq += w * w
	}
	qnorm := 1 / math.Sqrt(sumsq)
	scores = make([]float64, n)
	matched = make([]int32, n)
	for _, c := range cs {
		if c.list == nil {
			continue
		}
		qw := c.boost * c.idf * qnorm
		for i, d := range c.list.docs {
			tf := math.Sqrt(float64(c.list.freqs[i]))
			norm := float64(float32(1 / math.Sqrt(float64(c.list.length[i]))))
			fl := 1 / (norm * norm)
			s := c.idf * (tf * k1) / (tf + k1*(1-b+(b*fl/c.avg)))
			if qw != 1 {
				s *= qw
			}
			scores[d] += s
			matched[d]++
		}
	}
	total := float64(len(cs))
	for d, m := range matched {
		if m > 0 {
			scores[d] = RoundScore(scores[d] * (float64(m) / total))
		}
	}
	return scores, matched
}

// hasFilters reports whether any facet filter is set.
func hasFilters(filters map[string][]string) bool {
	for _, k := range analysis.FacetKeys {
		if len(filters[k]) > 0 {
			return true
		}
	}
	return false
}

// filterTests turns the filters into one test per filtered facet, in
// FacetKeys order: values of a key are alternatives, keys must all hold.
// Keys that are not facets are ignored, as search.js does. cols are the
// facet columns (by FacetKeys) and values each facet's value names.
func filterTests(filters map[string][]string, cols []facetColumn, values map[string][]string) []func(d int) bool {
	var tests []func(d int) bool
	for i, k := range analysis.FacetKeys {
		vals := filters[k]
		if len(vals) == 0 {
			continue
		}
		want := map[int]bool{}
		for _, v := range vals {
			for ix, name := range values[k] {
				if name == v {
					want[ix] = true
				}
			}
		}
		col := cols[i]
		ok := make([]bool, len(col.sets))
		for s, set := range col.sets {
			for _, v := range set {
				ok[s] = ok[s] || want[v]
			}
		}
		tests = append(tests, func(d int) bool { return ok[col.col[d]] })
	}
	return tests
}

// filter returns, in export order, the guides that matched a clause and
// pass every test.
func filter(matched []int32, tests []func(d int) bool) []int {
	var docs []int
next:
	for d, m := range matched {
		if m == 0 {
			continue
		}
		for _, t := range tests {
			if !t(d) {
				continue next
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// facets counts, for every facet, the values the guides docs have, in
// SortFacet order; values no guide has are left out.
func facets(docs []int, cols []facetColumn, values map[string][]string) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(analysis.FacetKeys))
	for i, k := range analysis.FacetKeys {
		counts := make([]int, len(values[k]))
		col := cols[i]
		for _, d := range docs {
			for _, v := range col.sets[col.col[d]] {
				counts[v]++
			}
		}
		vals := []FacetValue{}
		for v, c := range counts {
			if c > 0 {
				vals = append(vals, FacetValue{Value: values[k][v], Count: c})
			}
		}
		SortFacet(k, vals)
		out[k] = vals
	}
	return out
}

// page orders docs by score descending, then export order, and returns
// the page that skips from guides and holds at most size. It sorts docs
// in place.
func page(docs []int, scores []float64, from, size int) []int {
	sort.Slice(docs, func(i, j int) bool {
		if scores[docs[i]] != scores[docs[j]] {
			return scores[docs[i]] > scores[docs[j]]
		}
		return docs[i] < docs[j]
	})
	return Page(docs, from, size)
}

// hits appends the display data of guides docs, with their scores and
// snippets marked for plan, to dst.
func (ex *Export) hits(dst []Hit, docs []int, scores []float64, plan analysis.Plan) ([]Hit, error) {
	for _, d := range docs {
		r, err := ex.row(d)
		if err != nil {
			return dst, err
		}
		url := r.URL
		if url == "" {
			url = "/guide/" + r.Code + "/"
		}
		dst = append(dst, Hit{
			Code: r.Code, Title: r.Title, URL: url, Score: scores[d],
			Snippet:    SnippetHTML(r.Snippet, plan),
			Department: valueName(ex.meta.Values["department"], r.Department),
			Region:     valueName(ex.meta.Values["region"], r.Region),
			Star:       r.Star, Visits: r.Visits, Ord: d,
		})
	}
	return dst, nil
}

func valueName(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return ""
	}
	return names[i]
}
