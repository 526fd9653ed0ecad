package analysis

import (
	"fmt"
	"testing"

	"zhinan/generator/internal/site"
)

// TestSharedFieldsBoundedByTerms: guides whose shared fields (materials,
// pinyin) are long and all different must not fill the share cache with
// maxSharedFields fields of hundreds of terms each; the cache is bounded
// by its terms too, and still shares a field that recurs.
func TestSharedFieldsBoundedByTerms(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses half a million distinct terms (seconds); runs without -short")
	}
	a := NewAnalyser(false)
	page := func(i int) *site.Page {
		g := &site.Guide{Code: fmt.Sprintf("g-%d", i), Title: "食品经营许可", Department: "市场监督管理局", Region: "杭州市"}
		r := uint32(i*7919 + 1)
		for j := 0; j < 60; j++ {
			name := make([]rune, 12) // random Han characters: new bigrams
			for k := range name {
				r = r*1664525 + 1013904223
				name[k] = 0x4e00 + rune(r>>16)%8000
			}
			g.Materials = append(g.Materials, site.Material{Name: string(name)})
		}
		return &site.Page{Guide: g}
	}
	most, resets := 0, 0
	for i := 0; i < 400; i++ {
		before := a.sharedTerms
		a.AnalyseGuide(page(i), i)
		if a.sharedTerms < before {
			resets++
		}
		if a.sharedTerms > maxSharedTerms {
			t.Fatalf("after %d guides the cache holds %d terms, more than %d", i+1, a.sharedTerms, maxSharedTerms)
		}
		most = max(most, a.sharedTerms)
	}
	if resets == 0 || len(a.fields) >= maxSharedFields {
		t.Errorf("the cache held at most %d terms and never started over: the bound was not reached, the test proves nothing", most)
	}
	x, y := a.AnalyseGuide(page(7), 0), a.AnalyseGuide(page(7), 1)
	if x.Fields[3] != y.Fields[3] {
		t.Error("the same materials analysed twice in a row are not shared")
	}
}
