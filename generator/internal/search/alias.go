package search

import (
	"sort"

	"context"
	"fmt"
	"zhinan/generator/internal/search/query"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
)

// OpenAll opens the indexes Build wrote under dirs (each a site's
// search/ folder) and answers them as one: with one folder it is Open;
// with several, their bleve indexes are searched through one
// bleve.IndexAlias with global scoring (document count and field lengths
// summed over the sites before BM25 scores), so a province portal ranks
// every city's guides in one list. The query plan (synonyms, filler) and
// the homophone correction are the first site's; the weak-result signal
// asks the site of the best hit. Every site needs its bleve index.
func OpenAll(dirs []string) (*Index, error) {
	if len(dirs) == 1 {
		return Open(dirs[0])
	}
	members := make([]*Index, 0, len(dirs))
	closeAll := func() {
		for _, m := range members {
			m.Close()
		}
	}
	alias := bleve.NewIndexAlias()
	for i, dir := range dirs {
		m, err := Open(dir)
		if err != nil {
			closeAll()
			return nil, err
		}
		members = append(members, m)
		if m.bi == nil {
			closeAll()
			return nil, fmt.Errorf("站点 %s 的搜索索引没有 bleve 索引（构建时用了只导出的选项），不能与其他站点合并搜索", dir)
		}
		m.bi.SetName(fmt.Sprintf("site-%d", i))
		alias.Add(m.bi)
	}
	first := members[0]
	return &Index{bi: alias, synonyms: first.synonyms, lex: first.lex, assessor: first.assessor, members: members}, nil
}

// SearchContext answers q as Search does, stopping when ctx ends.
func (ix *Index) SearchContext(ctx context.Context, q Query) (Result, error) {
	return ix.search(ctx, q)
}

// scoringContext asks an alias for global scoring; a single index scores
// with its own statistics either way.
func (ix *Index) scoringContext(ctx context.Context) context.Context {
	if ix.members == nil {
		return ctx
	}
	return context.WithValue(ctx, blevesearch.SearchTypeKey, blevesearch.GlobalScoring)
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
	if ix.members == nil {
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
