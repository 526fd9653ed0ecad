package stats

import (
	"fmt"
	"io"
	"testing"

	"zhinan/generator/internal/site"
)

// syntheticSite is a resolved site of n guides over 40 departments and 12
// regions, with three materials each, for benchmarks.
func syntheticSite(n int) *site.Site {
	s := &site.Site{Config: site.Config{Targets: site.Targets{OneVisitShare: 0.95, FiveStarShare: 0.1, ThreeFourStarShare: 0.85}}}
	for i := 0; i < n; i++ {
		g := &site.Guide{
			Code: fmt.Sprintf("330000-%07d", i), Department: fmt.Sprintf("部门%02d", i%40), Region: fmt.Sprintf("地区%02d", i%12),
			Batch: 1 + i%5, Published: date("2017-03-01").AddDate(0, i%36, 0),
			Service:   site.Service{Star: 1 + i%5, Visits: i % 3, Mobile: i%2 == 0},
			Time:      site.Time{LegalDays: ip(20), PromisedDays: ip(i % 20)},
			Materials: []site.Material{{Name: "a", Electronic: true}, {Name: "b"}, {Name: "c", Shared: true}},
		}
		s.Guides = append(s.Guides, &site.Page{Guide: g, URL: "/guide/" + g.Code + "/"})
	}
	return s
}

func BenchmarkCompute(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		s := syntheticSite(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				r := Compute(s)
				if err := WriteJSON(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
