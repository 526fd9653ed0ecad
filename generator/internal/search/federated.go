package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
)

// Several sites searched as one (OpenAll) rank exactly as one index built
// from all their guides would. bleve's IndexAlias with global scoring
// cannot: it sums the document count and field lengths over the sites
// (and adds up the fields' distinct terms, which bleve's average field
// length is made of, as if the sites shared none), and it scores each
// term with its own site's document frequency, both in
// the term's idf and in the query norm (1/√Σ(boost·idf)²) every score is
// multiplied by. So the alias is searched one site at a time, with
// - the statistics of the combined index (bleve's BM25Stats, as the
//   alias's global scoring passes them, but with each field's distinct
//   terms counted over the sites together: see combinedStats);
// - each clause's boost multiplied by (idf/idfᵢ)², idf from the summed
//   document frequency and idfᵢ from the site's own, so that each term
//   weighs boost·idf² as in the combined index;
// - each site's scores multiplied by the ratio of the combined index's
//   query norm to the one bleve computes for the site's rewritten
//   boosts,
// and the sites' answers merged (hits by score, totals and facet counts
// summed). The filler terms are learned over the sites together
// (export.SelectFiller), as the combined build would learn them.

// combinedStats reads the BM25 statistics one index of the sites'
// guides would have: the summed document count and, for every field
// bleve asks them of (the indexed fields, and the facet fields the
// filters use), its cardinality, which bleve counts as the field's
// distinct terms: the size of the union of the sites' dictionaries, not
// their sum, since the sites share most terms. The dictionaries are
// merged in term order.
func combinedStats(members []*Index) (*blevesearch.BM25Stats, error) {
	readers := make([]index.IndexReader, 0, len(members))
	defer func() {
		for _, r := range readers {
			r.Close()
		}
	}()
	st := &blevesearch.BM25Stats{FieldCardinality: map[string]int{}}
	for _, m := range members {
		adv, err := m.bi.Advanced()
		if err != nil {
			return nil, err
		}
		r, err := adv.Reader()
		if err != nil {
			return nil, err
		}
		readers = append(readers, r)
		n, err := r.DocCount()
		if err != nil {
			return nil, err
		}
		st.DocCount += float64(n)
	}
	fields := make([]string, 0, len(analysis.IndexedFields)+len(analysis.FacetKeys))
	for _, f := range analysis.IndexedFields {
		fields = append(fields, f.Name)
	}
	for _, k := range analysis.FacetKeys {
		fields = append(fields, "f_"+k)
	}
	for _, f := range fields {
		n, err := unionSize(readers, f)
		if err != nil {
			return nil, err
		}
		st.FieldCardinality[f] = n
	}
	// A filter's alternatives are merged by bleve into one unscored term
	// searcher on the pseudo-field "*", which asks its statistics too
	// (and has no terms of its own).
	st.FieldCardinality["*"] = 0
	return st, nil
}

// unionSize counts the distinct terms of field over the readers'
// dictionaries, walking them side by side in term order.
func unionSize(readers []index.IndexReader, field string) (int, error) {
	dicts := make([]index.FieldDict, len(readers))
	heads := make([]*index.DictEntry, len(readers))
	defer func() {
		for _, d := range dicts {
			if d != nil {
				d.Close()
			}
		}
	}()
	var err error
	for i, r := range readers {
		if dicts[i], err = r.FieldDict(field); err != nil {
			return 0, err
		}
		if heads[i], err = dicts[i].Next(); err != nil {
			return 0, err
		}
	}
	count := 0
	for {
		least := ""
		found := false
		for _, h := range heads {
			if h != nil && (!found || h.Term < least) {
				least, found = h.Term, true
			}
		}
		if !found {
			return count, nil
		}
		count++
		for i, h := range heads {
			if h != nil && h.Term == least {
				if heads[i], err = dicts[i].Next(); err != nil {
					return 0, err
				}
			}
		}
	}
}

// withReader calls fn with a reader of bi's current snapshot.
func withReader(bi bleve.Index, fn func(index.IndexReader) error) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	return fn(r)
}

// docFreq is how many of the reader's documents hold term in field.
func docFreq(r index.IndexReader, field, term string) (int, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	return int(tfr.Count()), nil
}

// bm25IDF is bleve's BM25 idf of a term in docTerm of docTotal documents.
func bm25IDF(docTotal float64, docTerm int) float64 {
	return math.Log(1 + (docTotal-float64(docTerm)+0.5)/(float64(docTerm)+0.5))
}

// federatedSearch answers the clauses cs under q's filters over the
// alias's sites as the combined index would, at most window hits, best
// first (score, then _id, as bleveRequest sorts).
func (ix *Index) federatedSearch(ctx context.Context, q Query, cs []analysis.Clause, window int) (*bleve.SearchResult, error) {
	df := make([][]int, len(ix.members)) // site → clause → document frequency
	total := make([]int, len(cs))
	for i, m := range ix.members {
		df[i] = make([]int, len(cs))
		err := withReader(m.bi, func(r index.IndexReader) error {
			for j, c := range cs {
				n, err := docFreq(r, c.Field, c.Term)
				if err != nil {
					return err
				}
				df[i][j], total[j] = n, total[j]+n
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	n := ix.stats.DocCount
	var combinedNorm float64 // Σ(boost·idf)² of the combined index
	for j, c := range cs {
		w := c.Boost * bm25IDF(n, total[j])
		combinedNorm += w * w
	}
	var merged *bleve.SearchResult
	for i, m := range ix.members {
		rewritten := make([]analysis.Clause, len(cs))
		var siteNorm float64 // Σ(boost'·idfᵢ)² bleve computes for the site
		for j, c := range cs {
			idf, own := bm25IDF(n, total[j]), bm25IDF(n, df[i][j])
			c.Boost *= (idf / own) * (idf / own)
			rewritten[j] = c
			siteNorm += (c.Boost * own) * (c.Boost * own)
		}
		req := bleveRequest(q, rewritten, window)
		req.Fields = nil // loaded for the merged window alone (loadStored)
		req.PreSearchData = map[string]interface{}{blevesearch.BM25PreSearchDataKey: ix.stats}
		sr, err := m.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		scale := math.Sqrt(siteNorm / combinedNorm)
		for _, h := range sr.Hits {
			h.Score *= scale
			h.Index = m.bi.Name()
		}
		if merged == nil {
			merged = sr
		} else {
			merged.Merge(sr)
		}
	}
	slices.SortStableFunc(merged.Hits, func(a, b *blevesearch.DocumentMatch) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	merged.Hits = merged.Hits[:min(len(merged.Hits), window)]
	return merged, ix.loadStored(merged.Hits)
}

// loadStored reads the stored field of each hit from the member that
// found it, as bleve does for the fields a request names: each member
// would otherwise load a whole window of documents, of which the merge
// keeps one window in all (with 13 shards at 100,000 guides, loading
// took twice the time it takes in one index).
func (ix *Index) loadStored(hits blevesearch.DocumentMatchCollection) error {
	byName := make(map[string]*Index, len(ix.members))
	for _, m := range ix.members {
		byName[m.bi.Name()] = m
	}
	for _, h := range hits {
		m := byName[h.Index]
		if m == nil {
			return fmt.Errorf("搜索结果 %s 来自未知的分片 %s", h.ID, h.Index)
		}
		doc, err := m.bi.Document(h.ID)
		if err != nil {
			return err
		}
		if doc == nil {
			continue
		}
		doc.VisitFields(func(f index.Field) {
			if f.Name() == analysis.StoredField {
				h.AddFieldValue(analysis.StoredField, string(f.Value()))
			}
		})
	}
	return nil
}

// combinedFiller learns the filler terms of the sites together: a term
// that is filler over all of them reaches export.FillerShare of the
// guides' bodies in at least one site, so the candidates are read from
// each site's body dictionary above that share, then counted in every
// site.
func combinedFiller(members []*Index, docs float64) ([]string, error) {
	seen := map[string]bool{}
	var terms []string
	for _, m := range members {
		err := withReader(m.bi, func(r index.IndexReader) error {
			n, err := r.DocCount()
			if err != nil {
				return err
			}
			minDF := uint64(math.Floor(float64(n) * export.FillerShare))
			d, err := r.FieldDict("body")
			if err != nil {
				return err
			}
			defer d.Close()
			for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
				if err != nil {
					return err
				}
				if e.Count >= max(minDF, 1) && !seen[e.Term] {
					seen[e.Term] = true
					terms = append(terms, e.Term)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	cands := make([]export.FillerCandidate, len(terms))
	for i, t := range terms {
		cands[i].Term = t
	}
	for _, m := range members {
		err := withReader(m.bi, func(r index.IndexReader) error {
			for i := range cands {
				if err := addCandidateDF(r, &cands[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return export.SelectFiller(int(docs), cands), nil
}

// addCandidateDF adds a site's body and name-field document frequencies
// of a candidate's term.
func addCandidateDF(r index.IndexReader, c *export.FillerCandidate) error {
	n, err := docFreq(r, "body", c.Term)
	if err != nil {
		return err
	}
	c.BodyDF += n
	for _, f := range export.NameFields {
		if n, err = docFreq(r, f, c.Term); err != nil {
			return err
		}
		c.NameDF += n
	}
	return nil
}
