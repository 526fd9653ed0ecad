package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	blevequery "github.com/blevesearch/bleve/v2/search/query"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/query"
)

// Index is an opened search index, safe for concurrent searches. It asks
// the bleve index when the build wrote one, and otherwise the static
// export, which answers the same (query.Export).
type Index struct {
	bi       bleve.Index   // nil when answering from the export
	ex       *query.Export // nil when answering from bleve
	synonyms [][]string
	lex      analysis.Lexicon // synonyms and the export's filler terms
	// assessor is the export beside the bleve index, which measures the
	// best hit for the weak-result signal (query.Export.Assess); nil
	// when answering from the export, or when there is none.
	assessor *query.Export
	// members are the sites' own indexes when the index answers several
	// sites as one (OpenAll; alias is then true), or the shards of one
	// site's index (shards.go); bi is then nil, and stats are their
	// combined BM25 statistics. An alias's members are the shards of all
	// its sites.
	members []*Index
	alias   bool
	stats   *blevesearch.BM25Stats
}

const internalSynonymsKey = "zhinan-synonyms"

func writeSiteConfig(idx bleve.Index, synonyms [][]string) error {
	data, err := json.Marshal(analysis.NormalizeSynonyms(synonyms))
	if err != nil {
		return err
	}
	return idx.SetInternal([]byte(internalSynonymsKey), data)
}

// Open opens the index Build wrote under dir: the bleve index (its
// shards, searched as one: shards.go), or, when the build left it out
// (Options.NoBleve), the static export.
func Open(dir string) (*Index, error) {
	shards, err := shardDirs(dir)
	if err == nil && len(shards) == 0 {
		if _, err := os.Stat(filepath.Join(dir, "meta.json")); err == nil {
			return openExportIndex(dir)
		}
	}
	if len(shards) == 0 {
		shards = []string{filepath.Join(dir, shardName(0))} // for bleve's error
	}
	registerAnalysis()
	ix := &Index{}
	for _, path := range shards {
		bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
		if err != nil {
			ix.closeShards()
			return nil, fmt.Errorf("打开搜索索引 %s 失败（请先运行 generator build）：%w", dir, err)
		}
		ix.members = append(ix.members, &Index{bi: bi})
	}
	if err := ix.openCommon(dir); err != nil {
		ix.closeShards()
		return nil, err
	}
	return ix, nil
}

// openCommon reads what the shards ix.members of the index under dir
// share (the synonyms, kept in each, and the export's filler terms and
// assessor), and makes one shard the index itself or the shards its
// members, with their combined statistics.
func (ix *Index) openCommon(dir string) error {
	first := ix.members[0].bi
	if data, err := first.GetInternal([]byte(internalSynonymsKey)); err == nil && len(data) > 0 {
		if err := json.Unmarshal(data, &ix.synonyms); err != nil {
			return fmt.Errorf("搜索索引中的同义词损坏：%w", err)
		}
	}
	filler, err := query.ReadFiller(dir)
	if err != nil {
		return err
	}
	ix.lex = analysis.NewLexicon(ix.synonyms, filler)
	if filler != nil {
		if ix.assessor, err = query.Open(dir); err != nil {
			return err
		}
	}
	if len(ix.members) == 1 {
		ix.bi, ix.members = first, nil
		return nil
	}
	for k, m := range ix.members {
		m.bi.SetName(fmt.Sprintf("shard-%d", k+1))
		m.assessor = ix.assessor
	}
	if ix.stats = readShardStats(dir, ix.members); ix.stats != nil {
		return nil
	}
	ix.stats, err = combinedStats(ix.members)
	return err
}

// closeShards closes the shards opened so far, when Open fails.
func (ix *Index) closeShards() {
	for _, m := range ix.members {
		m.bi.Close()
	}
	if ix.bi != nil {
		ix.bi.Close()
	}
}

// openExportIndex opens the static export under dir as an Index.
func openExportIndex(dir string) (*Index, error) {
	ex, err := query.Open(dir)
	if err != nil {
		return nil, err
	}
	return &Index{ex: ex, synonyms: ex.Synonyms(), lex: ex.Lexicon()}, nil
}

// Close releases the index (and, for an alias, every site's).
func (ix *Index) Close() error {
	if ix.members != nil {
		var first error
		for _, m := range ix.members {
			if err := m.Close(); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if ix.bi == nil {
		return nil
	}
	return ix.bi.Close()
}

// Search runs a query against the index.
func (ix *Index) Search(q Query) (Result, error) {
	return ix.search(context.Background(), q)
}

// search answers q, and when q finds nothing good (Result.Weak) and its
// homophone correction (query.Export.Correct) finds something better,
// answers the corrected text instead, saying so (Result.Corrected).
func (ix *Index) search(ctx context.Context, q Query) (Result, error) {
	q = q.Normalized()
	res, err := ix.searchText(ctx, q)
	if err != nil || !res.Weak || q.Exact {
		return res, err
	}
	ex := ix.ex
	if ex == nil {
		ex = ix.assessor
	}
	if ex == nil {
		return res, nil
	}
	text, err := ex.Correct(q.Text)
	if err != nil || text == "" {
		return res, err
	}
	typed := q.Text
	q.Text = text
	better, err := ix.searchText(ctx, q)
	if err != nil || (better.Weak && (res.Total > 0 || better.Total == 0)) {
		return res, err
	}
	better.Corrected, better.Original = text, typed
	return better, nil
}

// searchText answers q as it is typed.
func (ix *Index) searchText(ctx context.Context, q Query) (Result, error) {
	res := query.NewResult()
	if ix.ex != nil {
		return ix.ex.Search(ctx, q, res)
	}
	plan := ix.lex.Plan(q.Text)
	cs := plan.Clauses()
	if len(cs) == 0 {
		res.Weak = true
		return res, nil
	}
	sr, err := ix.bleveSearch(ctx, q, cs)
	if err != nil {
		return res, err
	}
	res.Total = int(sr.Total)
	for _, k := range analysis.FacetKeys {
		res.Facets[k] = bleveFacet(k, sr.Facets[k])
	}
	hits, texts := bleveHits(sr.Hits)
	ix.sortHits(hits)
	if res.Weak, err = ix.weak(sr, plan, hits); err != nil {
		return res, err
	}
	if page := query.Page(hits, q.From, q.Size); page != nil {
		// Snippets only for the page: the window holds up to TieWindow
		// more hits, and marking a snippet costs more than ranking one.
		for i := range page {
			page[i].Snippet = query.SnippetHTML(texts[page[i].Code], plan)
		}
		res.Hits = page
	}
	return res, nil
}

// weak is the weak-result signal for bleve's hits, best first: the
// export measures the best one as it does for its own answers.
func (ix *Index) weak(sr *bleve.SearchResult, plan Plan, hits []Hit) (bool, error) {
	if len(hits) == 0 {
		return true, nil
	}
	a := ix.assessorOf(sr, hits[0]).assessor
	if a == nil {
		return false, nil
	}
	c, err := a.Assess(plan, hits[0].Ord)
	return c.Weak(), err
}

// bleveSearch asks bleve for the clauses cs under q's filters, with a
// window large enough that every guide tied (after RoundScore) with the
// last one of the page is in it: bleve breaks ties by _id, the export by
// its order, so a tie group cut by the window would be cut differently.
// The window grows fourfold until the group ends inside it.
func (ix *Index) bleveSearch(ctx context.Context, q Query, cs []analysis.Clause) (*bleve.SearchResult, error) {
	want := q.From + q.Size
	for window := want + query.TieWindow; ; window *= 4 {
		sr, err := ix.searchWindow(ctx, q, cs, window)
		if err != nil {
			return nil, err
		}
		h := sr.Hits
		if len(h) < window || len(h) < want || want == 0 ||
			query.RoundScore(h[len(h)-1].Score) != query.RoundScore(h[want-1].Score) {
			return sr, nil
		}
	}
}

// bleveRequest asks bleve for the disjunction of a plan's clauses under
// the filters, the best window hits by score, with every facet's counts.
func bleveRequest(q Query, cs []analysis.Clause, window int) *bleve.SearchRequest {
	var disj []blevequery.Query
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
	req := bleve.NewSearchRequestOptions(bq, window, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	req.Fields = []string{analysis.StoredField}
	for _, k := range analysis.FacetKeys {
		req.AddFacet(k, bleve.NewFacetRequest("f_"+k, 10000))
	}
	return req
}

// bleveFacet is one facet's counts from bleve, in SortFacet order.
func bleveFacet(key string, fr *blevesearch.FacetResult) []FacetValue {
	vals := []FacetValue{}
	if fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
		}
	}
	query.SortFacet(key, vals)
	return vals
}

// bleveHits turns bleve's hits into Hits from their stored field, with
// rounded scores and no snippet, and returns the snippet text of each
// by code (query.SnippetHTML marks it for the plan).
func bleveHits(matches blevesearch.DocumentMatchCollection) ([]Hit, map[string]string) {
	hits := make([]Hit, 0, len(matches))
	texts := make(map[string]string, len(matches))
	for _, h := range matches {
		stored, _ := h.Fields[analysis.StoredField].(string)
		v := analysis.DecodeStored(stored) // in the order of analysis.StoredValues
		star, _ := strconv.Atoi(v[4])
		visits, _ := strconv.Atoi(v[5])
		ord, _ := strconv.Atoi(v[7])
		hits = append(hits, Hit{
			Code: h.ID, Title: v[0], URL: v[1], Score: query.RoundScore(h.Score),
			Department: v[2], Region: v[3], Star: star, Visits: visits, Ord: ord,
		})
		texts[h.ID] = v[6]
	}
	return hits, texts
}

// filterQuery turns filters into a query that selects without scoring:
// values of a key are alternatives, keys must all hold. Keys that are not
// facets are ignored, as search.js does.
func filterQuery(filters map[string][]string) blevequery.Query {
	keys := make([]string, 0, len(filters))
	for _, k := range analysis.FacetKeys {
		if len(filters[k]) > 0 {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	var conj []blevequery.Query
	for _, k := range keys {
		var alts []blevequery.Query
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
