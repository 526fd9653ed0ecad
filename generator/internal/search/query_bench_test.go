package search

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkQuery answers every query of the quality set once per
// iteration, as /api/search does (first page of 10, facets, snippets),
// from the search folder ZHINAN_SEARCH_INDEX names (a built site's
// public/search), or from the sample site's index built into a temporary
// folder. Per query: ns/op divided by the set's size (reported as
// ms/query).
//
//	ZHINAN_SEARCH_INDEX=/tmp/o100k/search go test ./generator/internal/search -run '^$' -bench BenchmarkQuery -cpuprofile /tmp/q.prof
func BenchmarkQuery(b *testing.B) {
	dir := os.Getenv("ZHINAN_SEARCH_INDEX")
	if dir == "" {
		s := loadSite(b, "../../..")
		dir = filepath.Join(b.TempDir(), "search")
		if err := Build(s, dir); err != nil {
			b.Fatal(err)
		}
	}
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	qs := readQuerySet(b)
	b.ResetTimer()
	for b.Loop() {
		for _, q := range qs.Query {
			if _, err := ix.Search(Query{Text: q.Text, Filters: q.Filters, Size: 10}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(qs.Query)), "ms/query")
}
