package search

import (
	"path/filepath"
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// TestCancelledNotSearchable: a cancelled item is neither in the bleve
// index nor in the static export, though its page stays; a suspended item
// is in both.
func TestCancelledNotSearchable(t *testing.T) {
	mk := func(code, title, status string) *site.Guide {
		return &site.Guide{Code: code, Title: title, Department: "省司法厅", Region: "浙江省", Status: status,
			Keywords: []string{"法律援助"}, Service: site.Service{Star: 4, Visits: 1}}
	}
	s := resolve.BuildOn(site.DefaultConfig(), []*site.Guide{
		mk("A-1", "法律援助申请", ""),
		mk("A-2", "法律援助旧申请", site.StatusCancelled),
		mk("A-3", "法律援助暂停申请", site.StatusSuspended),
	}, nil, time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
	dir := filepath.Join(t.TempDir(), "search")
	if err := Build(s, dir); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(Query{Text: "法律援助", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, h := range res.Hits {
		found[h.Code] = true
	}
	if res.Total != 2 || !found["A-1"] || !found["A-3"] || found["A-2"] {
		t.Errorf("bleve finds %v (total %d); want A-1 and A-3, never the cancelled A-2", found, res.Total)
	}
	si := openStatic(t, dir)
	if _, ok := si.ord["A-2"]; ok || len(si.codes) != 2 || si.meta.N != 2 {
		t.Errorf("the static export holds %v (N = %d); want A-1 and A-3 only", si.codes, si.meta.N)
	}
}
