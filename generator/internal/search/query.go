package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is one search: free text plus filters. Filters map a facet key
// (department, region, star, list, audience, type, topic) to the values
// accepted; values of one key are alternatives, keys must all hold.
type Query struct {
	Text    string
	Filters map[string][]string
	Size    int // results wanted; 10 when 0
	From    int // results skipped
}

// Hit is one result.
type Hit struct {
	Code       string  `json:"code"`
	Title      string  `json:"title"`
	URL        string  `json:"url"`
	Score      float64 `json:"score"`
	Snippet    string  `json:"snippet"` // HTML-escaped, matches in <mark>
	Department string  `json:"department"`
	Region     string  `json:"region"`
	Star       int     `json:"star"`
	Visits     int     `json:"visits"`
	// Ord is the guide's number in the static export; ties in Score are
	// broken by it, in Go and in search.js alike.
	Ord int `json:"-"`
}

// FacetValue is one value of a facet with the number of results having it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is the answer to a Query. Hits are ordered by Score (rounded to
// nine decimals) descending, then by their order in the static export
// (department, region, title, code).
type Result struct {
	Total  int                     `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
}

// Index is an opened search index, safe for concurrent searches. It asks
// the bleve index when the build wrote one, and otherwise the static
// export, which answers the same (exportIndex).
type Index struct {
	bi       bleve.Index  // nil when answering from the export
	ex       *exportIndex // nil when answering from bleve
	synonyms [][]string
}

const internalSynonymsKey = "zhinan-synonyms"

func writeSiteConfig(idx bleve.Index, synonyms [][]string) error {
	data, err := json.Marshal(normalizeSynonyms(synonyms))
	if err != nil {
		return err
	}
	return idx.SetInternal([]byte(internalSynonymsKey), data)
}

// normalizeSynonyms folds every word of the groups and drops empty ones.
func normalizeSynonyms(groups [][]string) [][]string {
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

// Open opens the index Build wrote under dir: the bleve index
// dir/index.bleve, or, when the build left it out (Options.NoBleve), the
// static export.
func Open(dir string) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, "index.bleve")); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, "meta.json")); err == nil {
			return openExportIndex(dir)
		}
	}
	registerAnalysis()
	bi, err := bleve.OpenUsing(dir+"/index.bleve", map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("打开搜索索引 %s 失败（请先运行 generator build）：%w", dir, err)
	}
	ix := &Index{bi: bi}
	if data, err := bi.GetInternal([]byte(internalSynonymsKey)); err == nil && len(data) > 0 {
		if err := json.Unmarshal(data, &ix.synonyms); err != nil {
			bi.Close()
			return nil, fmt.Errorf("搜索索引中的同义词损坏：%w", err)
		}
	}
	return ix, nil
}

// openExportIndex opens the static export under dir as an Index.
func openExportIndex(dir string) (*Index, error) {
	ex, err := openExport(dir)
	if err != nil {
		return nil, err
	}
	return &Index{ex: ex, synonyms: ex.meta.Synonyms}, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix.bi == nil {
		return nil
	}
	return ix.bi.Close()
}

// Plan is what a query text becomes before it meets the index: its
// variants after synonym expansion, the terms looked up in every scored
// field, and the exact keys looked up in the exact-title and
// exact-keyword fields. search.js computes the same plan.
type Plan struct {
	Variants []string
	Terms    []string
	Exact    []string
}

// maxVariants bounds synonym expansion.
const maxVariants = 6

// MakePlan expands a query with the site's synonym groups and analyses it.
// For each group (in config order) the query contains a word of but not the
// group's first, preferred word, a variant with that word replaced by the
// preferred one is added.
func MakePlan(text string, synonyms [][]string) Plan {
	q := Normalize(truncateRunes(text, maxQueryRunes))
	variants := []string{q}
	for _, g := range synonyms {
		if len(variants) >= maxVariants {
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
	var p Plan
	seenT, seenX := map[string]bool{}, map[string]bool{}
	for _, v := range variants {
		p.Variants = append(p.Variants, v)
		for _, t := range AnalyzeQuery(v) {
			if !seenT[t] {
				seenT[t] = true
				p.Terms = append(p.Terms, t)
			}
		}
		if k := ExactKey(v); k != "" && !seenX[k] {
			seenX[k] = true
			p.Exact = append(p.Exact, k)
		}
	}
	return p
}

// maxTerms bounds how many terms one query looks up.
const maxTerms = 32

// clause is one term looked up in one field with a boost.
type clause struct {
	Field, Term string
	Boost       float64
}

// clauses lists a plan's term lookups in their fixed order: each term in
// each scored field, then each exact key in each exact field.
func (p Plan) clauses() []clause {
	var cs []clause
	terms := p.Terms
	if len(terms) > maxTerms {
		terms = terms[:maxTerms]
	}
	for _, t := range terms {
		for _, f := range scoredFields {
			cs = append(cs, clause{f.Name, t, f.Boost})
		}
	}
	for _, x := range p.Exact {
		for _, f := range exactFields {
			cs = append(cs, clause{f.Name, x, f.Boost})
		}
	}
	return cs
}

// roundScore is the score results are ordered by: nine decimals, so that
// the last-bit differences of floating-point sums in another order (bleve's
// heap, JavaScript) never change the order. Ties go to the guide first in
// export order.
func roundScore(s float64) float64 { return math.Round(s*1e9) / 1e9 }

// tieWindow is how many results beyond the page are fetched so that the
// rounding and the code tie-break see every near-tie.
const tieWindow = 64

// Search runs a query against the index.
func (ix *Index) Search(q Query) (Result, error) {
	return ix.search(context.Background(), q)
}

func (ix *Index) search(ctx context.Context, q Query) (Result, error) {
	res := Result{Hits: []Hit{}, Facets: map[string][]FacetValue{}}
	for _, k := range facetKeys {
		res.Facets[k] = []FacetValue{}
	}
	if q.Size <= 0 {
		q.Size = 10
	}
	if q.From < 0 {
		q.From = 0
	}
	if ix.ex != nil {
		return ix.ex.search(ctx, q, res)
	}
	plan := MakePlan(q.Text, ix.synonyms)
	cs := plan.clauses()
	if len(cs) == 0 {
		return res, nil
	}
	var disj []query.Query
	for _, c := range cs {
		tq := bleve.NewTermQuery(c.Term)
		tq.SetField(c.Field)
		tq.SetBoost(c.Boost)
		disj = append(disj, tq)
	}
	bq := bleve.NewBooleanQuery()
	bq.AddShould(bleve.NewDisjunctionQuery(disj...))
	if f := filterQuery(q.Filters); f != nil {
		bq.AddFilter(f)
	}
	req := bleve.NewSearchRequestOptions(bq, q.From+q.Size+tieWindow, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	req.Fields = []string{storedField}
	for _, k := range facetKeys {
		req.AddFacet(k, bleve.NewFacetRequest("f_"+k, 10000))
	}
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return res, err
	}
	res.Total = int(sr.Total)
	for _, k := range facetKeys {
		fr := sr.Facets[k]
		vals := []FacetValue{}
		if fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		sortFacet(vals)
		res.Facets[k] = vals
	}
	hits := make([]Hit, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		stored, _ := h.Fields[storedField].(string)
		v := decodeStored(stored) // in the order of storedValues
		star, _ := strconv.Atoi(v[4])
		visits, _ := strconv.Atoi(v[5])
		ord, _ := strconv.Atoi(v[7])
		hits = append(hits, Hit{
			Code: h.ID, Title: v[0], URL: v[1], Score: roundScore(h.Score),
			Snippet:    SnippetHTML(v[6], plan),
			Department: v[2], Region: v[3], Star: star, Visits: visits, Ord: ord,
		})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Ord < hits[j].Ord
	})
	if q.From >= len(hits) {
		return res, nil
	}
	hits = hits[q.From:]
	if len(hits) > q.Size {
		hits = hits[:q.Size]
	}
	res.Hits = hits
	return res, nil
}

// sortFacet orders facet values by count descending, then value.
func sortFacet(vals []FacetValue) {
	sort.Slice(vals, func(i, j int) bool {
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
}

// filterQuery turns filters into a query that selects without scoring:
// values of a key are alternatives, keys must all hold. Keys that are not
// facets are ignored, as search.js does.
func filterQuery(filters map[string][]string) query.Query {
	keys := make([]string, 0, len(filters))
	for _, k := range facetKeys {
		if len(filters[k]) > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	var conj []query.Query
	for _, k := range keys {
		var alts []query.Query
		for _, v := range filters[k] {
			tq := bleve.NewTermQuery(v)
			tq.SetField("f_" + k)
			alts = append(alts, tq)
		}
		conj = append(conj, bleve.NewDisjunctionQuery(alts...))
	}
	return bleve.NewConjunctionQuery(conj...)
}

// searchTimeout bounds one search from the HTTP API.
const searchTimeout = 2 * time.Second
