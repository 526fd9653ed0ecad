package search

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
)

// querySet is testdata/search/queries.toml.
type querySet struct {
	Query []struct {
		Text    string              `toml:"text"`
		Kind    string              `toml:"kind"`
		Filters map[string][]string `toml:"filters"`
		Expect  []string            `toml:"expect"`
	} `toml:"query"`
}

func readQuerySet(t testing.TB) querySet {
	t.Helper()
	var qs querySet
	if _, err := toml.DecodeFile("../../../testdata/search/queries.toml", &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs.Query) < 40 {
		t.Fatalf("query set has %d queries, want at least 40", len(qs.Query))
	}
	return qs
}

// quality runs the query set and returns recall@5 (share of expected codes
// found in the top 5) and MRR (mean reciprocal rank of the first expected
// code), printing misses.
func quality(t *testing.T, ix *Index, qs querySet, verbose bool) (recall, mrr float64) {
	found, want, queries := 0, 0, 0
	for _, q := range qs.Query {
		if len(q.Expect) == 0 {
			continue
		}
		res, err := ix.Search(Query{Text: q.Text, Filters: q.Filters, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		rank := map[string]int{}
		for i, h := range res.Hits {
			rank[h.Code] = i + 1
		}
		best := 0
		for _, c := range q.Expect {
			want++
			if r := rank[c]; r > 0 && r <= 5 {
				found++
			} else if verbose {
				var top []string
				for _, h := range res.Hits[:min(5, len(res.Hits))] {
					top = append(top, h.Code+" "+h.Title)
				}
				t.Logf("未进前 5：%q（%s）期望 %s，实际 %v", q.Text, q.Kind, c, top)
			}
			if r := rank[c]; r > 0 && (best == 0 || r < best) {
				best = r
			}
		}
		queries++
		if best > 0 {
			mrr += 1 / float64(best)
		}
	}
	return float64(found) / float64(want), mrr / float64(queries)
}

func TestQuality(t *testing.T) {
	dir := sampleIndex(t)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := readQuerySet(t)
	recall, mrr := quality(t, ix, qs, true)
	fmt.Printf("search quality over %d queries: recall@5 = %.3f, MRR = %.3f\n", len(qs.Query), recall, mrr)
	if recall < 0.9 {
		t.Errorf("recall@5 = %.3f, want ≥ 0.9", recall)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleDir != "" {
		os.RemoveAll(filepath.Dir(sampleDir))
	}
	os.Exit(code)
}

// TestExactTitleFirst: for every guide of the sample, searching its whole
// title puts a guide with exactly that title first.
func TestExactTitleFirst(t *testing.T) {
	ix := openSample(t)
	s := loadSite(t, "../../..")
	for _, p := range s.Guides {
		res, err := ix.Search(Query{Text: p.Title, Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Title != p.Title {
			t.Errorf("%s: first hit %+v", p.Title, res.Hits)
		}
	}
}
