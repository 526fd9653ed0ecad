package resolve

import (
	"slices"

	"zhinan/generator/internal/site"
)

// Patch is Build for the live preview after a save that changed guides
// but nothing Build sorts, groups or links them by. prev is what Build
// returned for a set of guides; replaced maps some of those guides (drafts
// too) to their new values. When every new value agrees with its old one
// on what Build reads (code, draft, extends, department, region, topics,
// the list its visits put it on, the dates that pick the recent guides,
// and whether it is cancelled), Patch returns what Build would return for
// the new set, and true: a new site of the same shape, with new pages and groups so that
// prev stays as it was. Otherwise it returns nil and false, and the
// caller calls Build.
//
// The config and the static files are prev's: a change to them needs
// Build. A bundle (一件事) that changed needs Build too; bundles whose
// members changed are made anew over the new pages.
func Patch(prev *site.Site, replaced map[*site.Guide]*site.Guide) (*site.Site, bool) {
	for old, g := range replaced {
		if old == nil || g == nil || !sameShape(old, g) || old.IsBundle() || g.IsBundle() {
			return nil, false
		}
	}
	s := *prev
	pages := make(map[*site.Page]*site.Page, len(prev.Guides))
	fresh := make([]site.Page, len(prev.Guides))
	for i, p := range prev.Guides {
		fresh[i] = *p
		if g, ok := replaced[p.Guide]; ok {
			fresh[i].Guide = g
		}
		pages[p] = &fresh[i]
	}
	groups := make(map[*site.Group]*site.Group)
	copyGroups := func(gs []*site.Group) []*site.Group {
		out := make([]*site.Group, len(gs))
		for i, g := range gs {
			ng := *g
			ng.Guides = mapPages(g.Guides, pages)
			groups[g] = &ng
			out[i] = &ng
		}
		return out
	}
	s.Departments = copyGroups(prev.Departments)
	s.Regions = copyGroups(prev.Regions)
	s.Topics = copyGroups(prev.Topics)
	s.Lists = copyGroups(prev.Lists)
	s.Guides = mapPages(prev.Guides, pages)
	s.Recent = mapPages(prev.Recent, pages)
	s.ByCode = make(map[string]*site.Page, len(prev.ByCode))
	for code, p := range prev.ByCode {
		s.ByCode[code] = pages[p]
	}
	for _, p := range s.Guides {
		if p.Standard != nil {
			p.Standard = pages[p.Standard]
		}
		p.Implementations = mapPages(p.Implementations, pages)
		if p.DepartmentGroup != nil {
			p.DepartmentGroup = groups[p.DepartmentGroup]
		}
		if p.RegionGroup != nil {
			p.RegionGroup = groups[p.RegionGroup]
		}
		topics := make([]*site.Group, len(p.TopicGroups))
		for i, g := range p.TopicGroups {
			topics[i] = groups[g]
		}
		if p.TopicGroups == nil {
			topics = nil
		}
		p.TopicGroups = topics
	}
	// Bundles read their members' materials: make them anew over the
	// new pages (which buildBundles links back to them).
	bundles := make([]*site.Guide, len(prev.Bundles))
	for i, b := range prev.Bundles {
		bundles[i] = b.Guide
	}
	s.Bundles = buildBundles(&s, bundles)
	return &s, true
}

// sameShape tells whether Build places a and b alike: same page, groups,
// list, standard and place among the recent guides (a cancelled guide is
// in none of them).
func sameShape(a, b *site.Guide) bool {
	return a.Code == b.Code && a.Draft == b.Draft && a.Extends == b.Extends &&
		a.Cancelled() == b.Cancelled() &&
		a.Department == b.Department && a.Region == b.Region &&
		slices.Equal(a.Topics, b.Topics) && a.Class() == b.Class() &&
		a.Updated.Equal(b.Updated) && a.Published.Equal(b.Published) &&
		a.Updated.IsZero() == b.Updated.IsZero() && a.Published.IsZero() == b.Published.IsZero()
}

// mapPages returns ps with every page replaced by its new copy; nil stays
// nil, as Build leaves it.
func mapPages(ps []*site.Page, pages map[*site.Page]*site.Page) []*site.Page {
	if ps == nil {
		return nil
	}
	out := make([]*site.Page, len(ps))
	for i, p := range ps {
		out[i] = pages[p]
	}
	return out
}
