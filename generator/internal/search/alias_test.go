package search

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// buildGuides builds the search index of a site of guides into
// dir/search and returns that folder.
func buildGuides(t *testing.T, cfg site.Config, guides []*site.Guide, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "search")
	if err := Build(resolve.BuildOn(cfg, guides, nil, time.Time{}), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAliasMatchesCombined: the sample site's guides split into two sites
// (alternate guides in each) and searched as one alias (OpenAll) find, for
// every query of the quality set, the same guides with the same facet
// counts as one site built from all of them. The order is close but not
// equal: bleve's global scoring sums the document count and field lengths
// over the sites, but each site still scores a term with its own document
// frequency (the idf) and its own query norm (1/√Σ(boost·idf)²), so a
// term common in one half and rare in the other weighs differently there.
func TestAliasMatchesCombined(t *testing.T) {
	s := loadSite(t, "../../..")
	var all, halves [2][]*site.Guide
	for i, p := range s.Guides {
		all[0] = append(all[0], p.Guide)
		halves[i%2] = append(halves[i%2], p.Guide)
	}
	tmp := t.TempDir()
	combined, err := Open(buildGuides(t, s.Config, all[0], filepath.Join(tmp, "all")))
	if err != nil {
		t.Fatal(err)
	}
	defer combined.Close()
	alias, err := OpenAll([]string{
		buildGuides(t, s.Config, halves[0], filepath.Join(tmp, "a")),
		buildGuides(t, s.Config, halves[1], filepath.Join(tmp, "b")),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer alias.Close()
	qs := readQuerySet(t)
	var top1, top10 int
	for _, q := range qs.Query {
		want, got := searchAll(t, combined, q.Text, q.Filters), searchAll(t, alias, q.Text, q.Filters)
		if want.Total != got.Total || fmt.Sprint(want.Facets) != fmt.Sprint(got.Facets) || !sameCodes(want.Hits, got.Hits) {
			t.Errorf("%q: one site finds %d guides %v, the alias %d %v", q.Text, want.Total, want.Facets, got.Total, got.Facets)
		}
		w, g := want.Hits[:min(10, len(want.Hits))], got.Hits[:min(10, len(got.Hits))]
		if len(w) > 0 && len(g) > 0 && w[0].Code == g[0].Code {
			top1++
		}
		if fmt.Sprint(codes(w)) == fmt.Sprint(codes(g)) {
			top10++
		}
	}
	t.Logf("%d queries: same best guide in %d, same top 10 in the same order in %d", len(qs.Query), top1, top10)
	if top1*5 < len(qs.Query)*4 { // measured: 105 of 128
		t.Errorf("the alias's best guide is the one site's in %d of %d queries; want at least 80%%", top1, len(qs.Query))
	}
}

// searchAll answers text under filters with every matching guide.
func searchAll(t *testing.T, ix *Index, text string, filters map[string][]string) Result {
	t.Helper()
	res, err := ix.Search(Query{Text: text, Filters: filters, Size: 1000, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func codes(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Code
	}
	return out
}

// sameCodes tells whether a and b hold the same guides, in any order.
func sameCodes(a, b []Hit) bool {
	x, y := codes(a), codes(b)
	sort.Strings(x)
	sort.Strings(y)
	return fmt.Sprint(x) == fmt.Sprint(y)
}
