package resolve

import (
	"slices"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// lifecycleGuides are four items of one department, region and topic: in
// use, suspended, cancelled (replaced by the first), and in force only
// from 2027-01-01; the cancelled one is the most recently updated, and
// the first is the standard the cancelled one implements.
func lifecycleGuides() []*site.Guide {
	active := bGuide("A-1", "省司法厅", "浙江省", 0, "法律服务")
	suspended := bGuide("A-2", "省司法厅", "浙江省", 1, "法律服务")
	suspended.Status = site.StatusSuspended
	cancelled := bGuide("A-3", "省司法厅", "浙江省", 2, "法律服务")
	cancelled.Status, cancelled.ReplacedBy, cancelled.Extends = site.StatusCancelled, "A-1", "A-1"
	cancelled.Updated = bDay("2026-11-30")
	pending := bGuide("A-4", "省司法厅", "浙江省", 1, "法律服务")
	pending.Effective = bDay("2027-01-01")
	for _, g := range []*site.Guide{active, suspended, pending} {
		g.Updated = bDay("2026-01-01")
	}
	return []*site.Guide{active, suspended, cancelled, pending}
}

// TestCancelledLeavesBrowsing: a cancelled guide keeps its page, its URL
// and its link to its standard, but is in no group, list or recent list;
// a suspended guide and one not yet in force are listed as usual.
func TestCancelledLeavesBrowsing(t *testing.T) {
	s := BuildOn(site.DefaultConfig(), lifecycleGuides(), nil, bDay("2026-12-31"))
	if got := bCodes(s.Guides); !slices.Equal(got, []string{"A-1", "A-2", "A-3", "A-4"}) {
		t.Fatalf("pages %v: a cancelled guide keeps its page", got)
	}
	old := s.ByCode["A-3"]
	if old == nil || old.URL != "/guide/A-3/" || old.Standard != s.ByCode["A-1"] ||
		!slices.Contains(s.ByCode["A-1"].Implementations, old) {
		t.Fatalf("the cancelled guide lost its page, URL or standard link: %+v", old)
	}
	if old.DepartmentGroup != nil || old.RegionGroup != nil || old.TopicGroups != nil {
		t.Error("the cancelled guide links back to browsing groups")
	}
	want := []string{"A-1", "A-2", "A-4"}
	for _, groups := range [][]*site.Group{s.Departments, s.Regions, s.Topics} {
		if len(groups) != 1 || !slices.Equal(bCodes(groups[0].Guides), want) {
			t.Errorf("group %s lists %v, want %v", groups[0].Name, bCodes(groups[0].Guides), want)
		}
	}
	var listed []string
	for _, l := range s.Lists {
		listed = append(listed, bCodes(l.Guides)...)
	}
	if slices.Sort(listed); !slices.Equal(listed, want) {
		t.Errorf("the three lists hold %v, want %v (the negative list loses the cancelled item)", listed, want)
	}
	if got := bCodes(s.Recent); slices.Contains(got, "A-3") {
		t.Errorf("recent %v holds the cancelled guide, though it changed last", got)
	}
}

// TestCountsFromEffectiveDay: the figures count neither cancelled items
// nor those not yet in force; a build on or after the effective day
// counts the latter. With no day fixed, every listed item counts.
func TestCountsFromEffectiveDay(t *testing.T) {
	for _, c := range []struct {
		today string
		want  []string
	}{
		{"2026-12-31", []string{"A-1", "A-2"}},
		{"2027-01-01", []string{"A-1", "A-2", "A-4"}},
		{"2030-06-01", []string{"A-1", "A-2", "A-4"}},
		{"", []string{"A-1", "A-2", "A-4"}},
	} {
		var s *site.Site
		if c.today == "" {
			s = Build(site.DefaultConfig(), lifecycleGuides(), nil)
		} else {
			s = BuildOn(site.DefaultConfig(), lifecycleGuides(), nil, bDay(c.today))
		}
		if got := bCodes(s.Counted()); !slices.Equal(got, c.want) {
			t.Errorf("today %q: counted %v, want %v", c.today, got, c.want)
		}
		if (c.today == "") != s.Today.IsZero() || c.today != "" && !s.Today.Equal(bDay(c.today)) {
			t.Errorf("today %q: Site.Today = %v", c.today, s.Today)
		}
	}
}

// TestPatchRebuildsWhenStatusCancels: a save that cancels an item moves
// it out of the groups, so the preview must not patch the old site.
func TestPatchRebuildsWhenStatusCancels(t *testing.T) {
	guides := lifecycleGuides()
	prev := BuildOn(site.DefaultConfig(), guides, nil, bDay("2026-12-31"))
	now := *guides[0]
	now.Status = site.StatusCancelled
	if _, ok := Patch(prev, map[*site.Guide]*site.Guide{guides[0]: &now}); ok {
		t.Error("Patch took a save that cancels an item")
	}
	now = *guides[0]
	now.Status = site.StatusSuspended
	if _, ok := Patch(prev, map[*site.Guide]*site.Guide{guides[0]: &now}); !ok {
		t.Error("Patch refused a save that only suspends an item")
	}
}

// TestReplacedByNamesAnExistingCode is rule 16's cross-file half: any
// content file's code will do (drafts too); a code that is one typo away
// is suggested; the finding is at the line of replaced_by.
func TestReplacedByNamesAnExistingCode(t *testing.T) {
	guides := lifecycleGuides()
	draft := bGuide("B-1", "省司法厅", "浙江省", 0)
	draft.Draft = true
	guides = append(guides, draft)
	at := func(g *site.Guide, line int) {
		g.File = "content/" + g.Code + ".md"
		g.Positions = site.NewPositions(g.File, map[string]int{"replaced_by": line})
	}
	at(guides[2], 9)
	if ds := ReplacedBy(guides); len(ds) != 0 {
		t.Fatalf("a replacement that exists: %v", ds)
	}
	guides[2].ReplacedBy = "B-1"
	if ds := ReplacedBy(guides); len(ds) != 0 {
		t.Fatalf("a draft's code: %v", ds)
	}
	for _, c := range []struct{ code, want string }{
		{"a-1x", `你是不是想写 "A-1"？`},
		{"Z-99", "请改为取代本事项的新事项的编码"},
		{"A-3", "是本事项自己的编码"},
	} {
		guides[2].ReplacedBy = c.code
		ds := ReplacedBy(guides)
		if len(ds) != 1 || ds[0].File != "content/A-3.md" || ds[0].Line != 9 || ds[0].Rule != "R16" ||
			ds[0].Severity != site.Error || !strings.Contains(ds[0].Message, c.want) {
			t.Errorf("replaced_by %q: %v, want one R16 error at content/A-3.md:9 saying %q", c.code, ds, c.want)
		}
	}
}
