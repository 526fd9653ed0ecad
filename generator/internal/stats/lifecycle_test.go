package stats

import (
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// TestFiguresFollowLifecycle: the figures leave out a cancelled item at
// once and count an item with `effective` only from that day on; a
// suspended item still counts.
func TestFiguresFollowLifecycle(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	guides := func() []*site.Guide {
		mk := func(code string) *site.Guide {
			return &site.Guide{Code: code, Title: code, Department: "省司法厅", Region: "浙江省", Batch: 1,
				Service: site.Service{Star: 5, Visits: 0, OnlineURL: "https://example.gov.cn/" + code}}
		}
		cancelled, suspended, pending := mk("A-2"), mk("A-3"), mk("A-4")
		cancelled.Status, suspended.Status, pending.Effective = site.StatusCancelled, site.StatusSuspended, day("2027-01-01")
		return []*site.Guide{mk("A-1"), cancelled, suspended, pending}
	}
	for _, c := range []struct {
		today string
		items int
	}{{"2026-12-31", 2}, {"2027-01-01", 3}} {
		r := Compute(resolve.BuildOn(site.DefaultConfig(), guides(), nil, day(c.today)))
		if r.Site.Items != c.items || r.Site.ZeroVisit != c.items || len(r.Departments) != 1 || r.Departments[0].Items != c.items {
			t.Errorf("on %s: site %d items (%d zero-visit), departments %+v; want %d", c.today, r.Site.Items, r.Site.ZeroVisit, r.Departments, c.items)
		}
		if n := r.Timeline.Batches[0].Count; n != c.items {
			t.Errorf("on %s: the timeline counts %d items in batch 1, want %d", c.today, n, c.items)
		}
	}
}
