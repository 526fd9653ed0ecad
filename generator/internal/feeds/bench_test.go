package feeds

import (
	"fmt"
	"testing"

	"zhinan/generator/internal/site"
)

// syntheticSite is a resolved site of n guides with two materials, one
// step and one location each, for benchmarks.
func syntheticSite(n int) *site.Site {
	s := &site.Site{Config: site.Config{Title: "基准", BaseURL: "https://example.gov.cn/"}}
	for i := 0; i < n; i++ {
		g := &site.Guide{
			Code: fmt.Sprintf("330000-%07d", i), Title: fmt.Sprintf("事项%d", i), Department: "省司法厅", Region: "浙江省",
			Keywords: []string{"甲", "乙"}, Batch: 1, Published: date("2017-03-01"), Updated: date("2018-01-01").AddDate(0, 0, i%900),
			Service:   site.Service{Star: 4, Visits: 1, OnlineURL: "https://example.gov.cn/apply"},
			Time:      site.Time{LegalDays: ip(20), PromisedDays: ip(5)},
			Materials: []site.Material{{Name: "申请书", Required: true, Source: "申请人自备"}, {Name: "身份证", Required: true, Shared: true}},
			Steps:     []site.Step{{Name: "受理", Days: ip(1)}},
			Locations: []site.Location{{Name: "市民中心", Address: "杭州市"}},
			Contact:   site.Contact{Consult: []string{"12345"}},
			Body:      "## 申请条件\n\n1. 有自己的名称、住所和章程；\n2. 有符合规定的律师。\n",
		}
		s.Guides = append(s.Guides, &site.Page{Guide: g, URL: "/guide/" + g.Code + "/"})
	}
	return s
}

func BenchmarkFeeds(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		s := syntheticSite(n)
		b.Run(fmt.Sprintf("OpenData/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := OpenData(s); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Sitemaps/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Sitemaps(s, []string{"/stats/"}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Atom/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Atom(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
