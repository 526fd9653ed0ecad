package search

import (
	"sort"

	"context"
	"fmt"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/query"

	"github.com/blevesearch/bleve/v2"
)

// OpenAll opens the indexes Build wrote under dirs (each a site's
// search/ folder) and answers them as one: with one folder it is Open;
// with several, they rank exactly as one index built from all their
// guides would, so a province portal ranks every city's guides in one
// list (federated.go says how). The synonyms and the homophone correction
// are the first site's; the filler terms are learned over all the sites;
// the weak-result signal asks the site of the best hit. Every site needs
// its bleve index.
func OpenAll(dirs []string) (*Index, error) {
	if len(dirs) == 1 {
		return Open(dirs[0])
	}
	ix := &Index{alias: true}
	var first *Index // the first site: its synonyms are the alias's
	for i, dir := range dirs {
		m, err := Open(dir)
		if err != nil {
			ix.Close()
			return nil, err
		}
		if m.bi == nil && m.members == nil {
			m.Close()
			ix.Close()
			return nil, fmt.Errorf("站点 %s 的搜索索引没有 bleve 索引（构建时用了只导出的选项），不能与其他站点合并搜索", dir)
		}
		if first == nil {
			first = m
		}
		if m.members == nil {
			m.bi.SetName(fmt.Sprintf("site-%d", i))
			ix.members = append(ix.members, m)
			continue
		}
		for k, shard := range m.members { // a site of several shards
			shard.bi.SetName(fmt.Sprintf("site-%d-%d", i, k+1))
			ix.members = append(ix.members, shard)
		}
	}
	stats, err := combinedStats(ix.members)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("读取各站点的搜索索引统计失败：%w", err)
	}
	filler, err := combinedFiller(ix.members, stats.DocCount)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("合并各站点的搜索索引失败：%w", err)
	}
	ix.synonyms, ix.assessor = first.synonyms, first.assessor
	ix.lex = analysis.NewLexicon(first.synonyms, filler)
	ix.stats = stats
	return ix, nil
}

// SearchContext answers q as Search does, stopping when ctx ends.
func (ix *Index) SearchContext(ctx context.Context, q Query) (Result, error) {
	return ix.search(ctx, q)
}

// searchWindow asks bleve for the clauses cs under q's filters, at most
// window hits: the index itself, or an alias's sites as one.
func (ix *Index) searchWindow(ctx context.Context, q Query, cs []analysis.Clause, window int) (*bleve.SearchResult, error) {
	if ix.members != nil {
		return ix.federatedSearch(ctx, q, cs, window)
	}
	return ix.bi.SearchInContext(ctx, bleveRequest(q, cs, window))
}

// assessorOf is the export that measures the best hit: the index's own,
// or, for an alias, that of the site whose bleve index returned it.
func (ix *Index) assessorOf(sr *bleve.SearchResult, best Hit) *Index {
	if ix.members == nil {
		return ix
	}
	for _, h := range sr.Hits {
		if h.ID != best.Code {
			continue
		}
		for _, m := range ix.members {
			if m.bi.Name() == h.Index {
				return m
			}
		}
	}
	return ix
}

// sortHits orders hits best first: by Score, then by export order. An
// alias's hits come from several exports, whose numbers do not compare,
// so their ties go by what export order is made of, title then code.
func (ix *Index) sortHits(hits []Hit) {
	if !ix.alias {
		query.SortHits(hits)
		return
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Code < b.Code
	})
}
