package search

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
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
// (alternate guides in each) and searched as one (OpenAll) answer every
// query of the quality set exactly as one site built from all of them:
// the same guides in the same order with the same scores, the same
// total and facet counts. (bleve's IndexAlias alone gave the same best
// guide in 105 of 128 queries: it scores each term with its own site's
// document frequency.)
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
	if fmt.Sprint(alias.lex.Filler) != fmt.Sprint(combined.lex.Filler) {
		t.Errorf("filler over the two sites %v, of the combined site %v", alias.lex.Filler, combined.lex.Filler)
	}
	qs := readQuerySet(t)
	for _, q := range qs.Query {
		want, got := searchAll(t, combined, q.Text, q.Filters), searchAll(t, alias, q.Text, q.Filters)
		if want.Total != got.Total || fmt.Sprint(want.Facets) != fmt.Sprint(got.Facets) {
			t.Errorf("%q: one site finds %d guides %v, the alias %d %v", q.Text, want.Total, want.Facets, got.Total, got.Facets)
		}
		if w, g := scored(want.Hits), scored(got.Hits); w != g {
			t.Errorf("%q: one site ranks\n%s\nthe alias\n%s", q.Text, w, g)
		}
	}
}

// scored lists hits as code:score, best first.
func scored(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%s:%v ", h.Code, h.Score)
	}
	return b.String()
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
