package search

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/query"
)

// parityQueries are the query set, each also with filters and past the
// first page, and the bad inputs.
func parityQueries(t testing.TB) []Query {
	var qs []Query
	for _, q := range readQuerySet(t).Query {
		qs = append(qs, Query{Text: q.Text, Filters: q.Filters},
			Query{Text: q.Text, Filters: map[string][]string{"star": {"4"}}},
			Query{Text: q.Text, Filters: map[string][]string{"list": {"zero-visit", "one-visit"}, "audience": {"个人"}}},
			Query{Text: q.Text, Size: 3, From: 2},
			Query{Text: q.Text, Size: 50})
	}
	for _, q := range badInputs {
		qs = append(qs, Query{Text: q})
	}
	return qs
}

// compareIndexes asks both indexes every query and fails on any
// difference in the results: totals, facet counts and every field of every
// hit (score, snippet and order included). One exception is bleve's own:
// it fetches the best From+Size+query.TieWindow hits by unrounded score before
// ordering them by rounded score and export order, so when a group of
// hits with one rounded score reaches past that window, bleve may show
// other members of the group than the export (and search.js), which
// order the whole group. There only the scores must agree.
func compareIndexes(t *testing.T, bleveIx, exportIx *Index, queries []Query) {
	t.Helper()
	for _, q := range queries {
		a, err := bleveIx.Search(q)
		if err != nil {
			t.Fatalf("%q: %v", q.Text, err)
		}
		b, err := exportIx.Search(q)
		if err != nil {
			t.Fatalf("%q: export: %v", q.Text, err)
		}
		all, err := exportIx.Search(Query{Text: q.Text, Filters: q.Filters, Size: max(b.Total, 1)})
		if err != nil {
			t.Fatal(err)
		}
		size := q.Size
		if size <= 0 {
			size = 10
		}
		window := q.From + size + query.TieWindow
		for i := range b.Hits {
			if i >= len(a.Hits) {
				break
			}
			end := q.From + i // the last hit of this hit's score group
			for end+1 < len(all.Hits) && all.Hits[end+1].Score == all.Hits[q.From+i].Score {
				end++
			}
			if end >= window && a.Hits[i].Score == b.Hits[i].Score {
				a.Hits[i] = b.Hits[i] // a group bleve cuts: scores agree
			}
		}
		if d := resultDiff(a, b); d != "" {
			t.Errorf("%q %v from %d size %d: bleve and export differ: %s", q.Text, q.Filters, q.From, q.Size, d)
		}
	}
}

// resultDiff describes the first difference between two results, or
// returns "".
func resultDiff(a, b Result) string {
	if a.Total != b.Total {
		return fmt.Sprintf("total %d, export %d", a.Total, b.Total)
	}
	if len(a.Hits) != len(b.Hits) {
		return fmt.Sprintf("%d hits, export %d", len(a.Hits), len(b.Hits))
	}
	for i := range a.Hits {
		if a.Hits[i] != b.Hits[i] {
			return fmt.Sprintf("hit %d: %+v, export %+v", i, a.Hits[i], b.Hits[i])
		}
	}
	for _, k := range analysis.FacetKeys {
		if !reflect.DeepEqual(a.Facets[k], b.Facets[k]) {
			return fmt.Sprintf("facet %s: %v, export %v", k, a.Facets[k], b.Facets[k])
		}
	}
	if len(a.Facets) != len(b.Facets) {
		return fmt.Sprintf("%d facets, export %d", len(a.Facets), len(b.Facets))
	}
	return ""
}

// TestExportIndexMatchesBleve: the static export, read in Go, answers
// every query of the query set exactly as the bleve index does.
func TestExportIndexMatchesBleve(t *testing.T) {
	dir := sampleIndex(t)
	bi, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	if bi.bi == nil {
		t.Fatal("Open did not open the bleve index")
	}
	ex, err := openExportIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bi.synonyms, ex.synonyms) {
		t.Errorf("synonyms: bleve %v, export %v", bi.synonyms, ex.synonyms)
	}
	compareIndexes(t, bi, ex, parityQueries(t))
}

// TestBuildWithoutBleve: NoBleve writes the same export, file for file,
// and no index.bleve; Open then answers from the export.
func TestBuildWithoutBleve(t *testing.T) {
	withBleve := sampleIndex(t)
	dir := filepath.Join(t.TempDir(), "search")
	// a bleve index left by an earlier build must not shadow the export
	if err := os.MkdirAll(filepath.Join(dir, "index.bleve"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := BuildWith(loadSite(t, "../../.."), dir, Options{NoBleve: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.bleve")); !os.IsNotExist(err) {
		t.Fatalf("index.bleve written without bleve: %v", err)
	}
	want, got := exportFiles(t, withBleve), exportFiles(t, dir)
	if len(want) < 4 || !reflect.DeepEqual(want, got) {
		t.Errorf("exports differ: %d files with bleve, %d without", len(want), len(got))
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.ex == nil {
		t.Fatal("Open did not fall back to the export")
	}
	bi, err := Open(withBleve)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	compareIndexes(t, bi, ix, []Query{{Text: "律师事务所"}, {Text: "身份证", Filters: map[string][]string{"star": {"4", "5"}}}})
}

// TestExportIndexMatchesBleveOnCorpus compares the two on a generated
// site of 2,000 guides, where postings span many shards and blocks.
func TestExportIndexMatchesBleveOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Generate(src, 2000, 3, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "search")
	if err := Build(loadSite(t, src), dir); err != nil {
		t.Fatal(err)
	}
	bi, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	ex, err := openExportIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	queries := parityQueries(t)
	for _, q := range []string{"证明", "登记", "许可", "330", "申请表", "营业执照 变更"} {
		queries = append(queries, Query{Text: q, Size: 100},
			Query{Text: q, Filters: map[string][]string{"star": {"3", "4"}}, From: 5})
	}
	compareIndexes(t, bi, ex, queries)
}

// exportFiles reads every file under dir but the bleve index and the
// build's manifest (which lists the bleve index's files too).
func exportFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !strings.HasPrefix(rel, "index.bleve") && rel != manifestName {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
