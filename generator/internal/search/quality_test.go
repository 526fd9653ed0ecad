package search

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
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

// kindQuality is the quality of the queries of one kind: recall@5 (share
// of expected codes found in the top 5) and MRR (mean reciprocal rank of
// the first expected code), over the queries that expect codes.
type kindQuality struct {
	Found, Want, Queries int
	RR                   float64
}

func (k kindQuality) recall() float64 { return float64(k.Found) / float64(max(k.Want, 1)) }
func (k kindQuality) mrr() float64    { return k.RR / float64(max(k.Queries, 1)) }

// quality runs the query set and returns its quality overall and by
// kind, logging misses when verbose.
func quality(t *testing.T, ix *Index, qs querySet, verbose bool) (all kindQuality, byKind map[string]kindQuality) {
	byKind = map[string]kindQuality{}
	for _, q := range qs.Query {
		if len(q.Expect) == 0 {
			continue
		}
		res, err := ix.Search(Query{Text: q.Text, Filters: q.Filters, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		k := byKind[q.Kind]
		found, rr := rankExpected(t, res, q.Text, q.Kind, q.Expect, verbose)
		k.Found += found
		k.Want += min(5, len(q.Expect))
		k.Queries++
		k.RR += rr
		byKind[q.Kind] = k
		all.Found, all.Want, all.Queries, all.RR = all.Found+found, all.Want+min(5, len(q.Expect)), all.Queries+1, all.RR+rr
	}
	return all, byKind
}

// rankExpected counts the expected codes in res's top 5 (a query with
// more than 5 expected guides, such as a department's name, can find at
// most 5: quality counts it out of 5) and returns the
// reciprocal rank of the first one found in the top 10 (0 when none is).
func rankExpected(t *testing.T, res Result, text, kind string, expect []string, verbose bool) (found int, rr float64) {
	rank := map[string]int{}
	for i, h := range res.Hits {
		rank[h.Code] = i + 1
	}
	best := 0
	for _, c := range expect {
		if r := rank[c]; r > 0 && r <= 5 {
			found++
		} else if verbose {
			var top []string
			for _, h := range res.Hits[:min(5, len(res.Hits))] {
				top = append(top, h.Code+" "+h.Title)
			}
			t.Logf("未进前 5：%q（%s）期望 %s，实际 %v", text, kind, c, top)
		}
		if r := rank[c]; r > 0 && (best == 0 || r < best) {
			best = r
		}
	}
	if best > 0 {
		rr = 1 / float64(best)
	}
	return found, rr
}

// floors are the least recall@5 and MRR each kind must reach: the
// issue's 0.9 for every kind that expects guides.
var floors = map[string][2]float64{
	"title": {0.9, 0.9}, "fragment": {0.9, 0.9}, "code": {0.9, 0.9}, "char": {0.9, 0.9},
	"colloquial": {0.9, 0.9}, "department": {0.9, 0.9},
	"question": {0.9, 0.9}, "typo": {0.9, 0.9}, "pinyin": {0.9, 0.9},
	"material": {0.9, 0.9},
	"none":     {0, 0}, // none queries expect no guide; weakShare checks them
}

// qualityFloor is the least recall@5 and MRR per kind, and the
// least share of none queries answered as weak.
const qualityFloor = 0.9

func TestQuality(t *testing.T) {
	dir := sampleIndex(t)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := readQuerySet(t)
	all, byKind := quality(t, ix, qs, true)
	fmt.Printf("search quality over %d queries: recall@5 = %.3f, MRR = %.3f\n", all.Queries, all.recall(), all.mrr())
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Printf("  %-10s %3d queries: recall@5 = %.3f, MRR = %.3f\n", k, byKind[k].Queries, byKind[k].recall(), byKind[k].mrr())
	}
	if all.recall() < 0.95 || all.mrr() < qualityFloor {
		t.Errorf("overall recall@5 = %.3f, MRR = %.3f, want ≥ 0.95 and ≥ %v", all.recall(), all.mrr(), qualityFloor)
	}
	weak, none := weakShare(t, ix, qs)
	fmt.Printf("  weak-result notice on %d of %d none queries\n", weak, none)
	if none > 0 && float64(weak) < qualityFloor*float64(none) {
		t.Errorf("weak-result notice on %d of %d none queries, want ≥ %v", weak, none, qualityFloor)
	}
	for _, k := range kinds {
		f, ok := floors[k]
		if q := byKind[k]; !ok || q.recall() < f[0] || q.mrr() < f[1] {
			t.Errorf("%s: recall@5 = %.3f, MRR = %.3f, want ≥ %v", k, q.recall(), q.mrr(), f)
		}
	}
}

// weakShare runs the none queries (services the site does not have) and
// counts those answered as weak (Result.Weak: the page's "没有找到完全匹配
// 的事项").
func weakShare(t *testing.T, ix *Index, qs querySet) (weak, none int) {
	for _, q := range qs.Query {
		if q.Kind != "none" {
			continue
		}
		res, err := ix.Search(Query{Text: q.Text, Filters: q.Filters})
		if err != nil {
			t.Fatal(err)
		}
		none++
		if res.Weak {
			weak++
		} else {
			t.Logf("none query %q not weak: first %s", q.Text, res.Hits[0].Title)
		}
	}
	return weak, none
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
		if !p.Listed() {
			continue // a cancelled item's page stays, but search does not find it
		}
		res, err := ix.Search(Query{Text: p.Title, Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Title != p.Title {
			t.Errorf("%s: first hit %+v", p.Title, res.Hits)
		}
	}
}
