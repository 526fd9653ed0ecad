// Package resolve turns validated guides into the immutable site every
// later stage reads: Inherit resolves `extends` (三级联动), Build drops
// drafts and works out URLs, slugs, browsing groups, the three lists and
// the links between standards and their local implementations. It does
// no I/O.
package resolve

import (
	"sort"
	"strings"
	"time"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
	"zhinan/generator/internal/topn"
)

// The three lists (三张清单): their names as shown on pages and their fixed
// slugs, in the order the site shows them.
var lists = []struct {
	class site.VisitClass
	name  string
}{
	{site.ZeroVisit, site.ListName(site.ZeroVisit)},
	{site.OneVisit, site.ListName(site.OneVisit)},
	{site.Negative, site.ListName(site.Negative)},
}

// BuildOn turns inheritance-resolved, valid guides into the immutable site the
// render, search and stats stages read. Call it once per build, after
// validation passed.
//
// It drops drafts; sets bundles (一件事) apart in Site.Bundles, with
// their members and materials resolved (buildBundles); gives each published guide its URL /guide/<code>/; links
// a guide to its standard (the published guide it extends) and a standard
// to its implementations; groups guides by department, region and topic
// and into the three lists; and picks the recently updated guides. static
// are the files under static/ (relative paths), kept sorted.
//
// Everything it returns is ordered deterministically: guides by code;
// departments and regions in config order when declared there, then the
// undeclared ones by name; topics by name; implementations by region (in
// the order of the region groups) then code; the guides of every group by
// code. Only groups that list at least one published guide exist, except
// the three lists, which always exist (an empty 负面清单 is good news).
//
// A cancelled guide (status = "取消") keeps its page, its URL, its place
// in ByCode and its links to its standard and implementations, but it is
// in no group, list or recent list (site.Page.Listed).
//
// today is the build day (the one value `--today` fixes, see
// build.Options.Today), which it keeps as Site.Today; a zero day judges
// no `effective` dates.
func BuildOn(cfg site.Config, guides []*site.Guide, static []string, today time.Time) *site.Site {
	s := &site.Site{Config: cfg, ByCode: make(map[string]*site.Page), Today: today}

	for _, g := range guides {
		if g == nil || g.Draft || g.IsBundle() {
			continue
		}
		p := &site.Page{Guide: g, URL: "/guide/" + g.Code + "/"}
		s.Guides = append(s.Guides, p)
	}
	sort.SliceStable(s.Guides, func(i, j int) bool { return s.Guides[i].Code < s.Guides[j].Code })
	for _, p := range s.Guides {
		if _, dup := s.ByCode[p.Code]; !dup {
			s.ByCode[p.Code] = p
		}
	}

	listed := listedPages(s.Guides)
	// load has reported bad pinyin_overrides already; without them the
	// phrase table still reads the names.
	rd, err := slug.NewReadings(cfg.PinyinOverrides)
	if err != nil {
		rd = slug.Readings{}
	}
	s.Departments = buildDepartments(cfg, rd, listed)
	s.Regions = buildRegions(cfg, rd, listed)
	s.Topics = buildTopics(rd, listed)
	s.Lists = buildLists(listed)
	linkStandards(s)
	s.Recent = recent(listed, cfg.RecentCount)
	s.Bundles = buildBundles(s, guides)

	s.Static = append([]string(nil), static...)
	sort.Strings(s.Static)
	return s
}

// listedPages keeps the pages that browsing shows (site.Page.Listed): all
// but the cancelled ones, in their order.
func listedPages(pages []*site.Page) []*site.Page {
	out := make([]*site.Page, 0, len(pages))
	for _, p := range pages {
		if p.Listed() {
			out = append(out, p)
		}
	}
	return out
}

// buildDepartments groups guides by department: declared departments in
// config order, then undeclared ones by name.
func buildDepartments(cfg site.Config, rd slug.Readings, pages []*site.Page) []*site.Group {
	var declared []string
	fixed := make(map[string]string)
	for _, d := range cfg.Departments {
		declared = append(declared, d.Name)
		if d.Slug != "" {
			fixed[d.Name] = d.Slug
		}
	}
	return groupOne("department", declared, fixed, rd, pages,
		func(p *site.Page) string { return p.Department },
		func(p *site.Page, g *site.Group) { p.DepartmentGroup = g })
}

// buildRegions groups guides by region: declared regions in config order,
// then undeclared ones by name. A declared region's slug is its explicit
// slug, else its code (330902), else its pinyin.
func buildRegions(cfg site.Config, rd slug.Readings, pages []*site.Page) []*site.Group {
	var declared []string
	fixed := make(map[string]string)
	for _, r := range cfg.Regions {
		declared = append(declared, r.Name)
		switch {
		case r.Slug != "":
			fixed[r.Name] = r.Slug
		case r.Code != "":
			fixed[r.Name] = r.Code
		}
	}
	return groupOne("region", declared, fixed, rd, pages,
		func(p *site.Page) string { return p.Region },
		func(p *site.Page, g *site.Group) { p.RegionGroup = g })
}

// groupOne groups guides by the one value key reads (group) and links
// each guide to its group with link.
func groupOne(kind string, declared []string, fixed map[string]string, rd slug.Readings, pages []*site.Page,
	key func(*site.Page) string, link func(*site.Page, *site.Group)) []*site.Group {
	groups := group(kind, declared, fixed, rd, pages, func(p *site.Page) []string {
		return []string{key(p)}
	})
	for _, g := range groups {
		for _, p := range g.Guides {
			link(p, g)
		}
	}
	return groups
}

// buildTopics groups guides by topic, topics sorted by name.
func buildTopics(rd slug.Readings, pages []*site.Page) []*site.Group {
	groups := group("topic", nil, nil, rd, pages, func(p *site.Page) []string {
		return p.Topics
	})
	for _, g := range groups {
		for _, p := range g.Guides {
			p.TopicGroups = append(p.TopicGroups, g)
		}
	}
	return groups
}

// group builds the groups of one kind. declared names come first in their
// order, then the others sorted by name; groups without guides are left
// out. keys says which group names a page belongs to (each page is listed
// once per group even if it names the group twice). Pages arrive sorted by
// code, so every group's guides are sorted by code. Slugs read names
// with rd; a group whose slug differs from the one every character's
// first reading gave (slug.Legacy, the rule before heteronyms were read
// by phrase) keeps that one as LegacySlug, for a redirect page.
func group(kind string, declared []string, fixed map[string]string, rd slug.Readings, pages []*site.Page, keys func(*site.Page) []string) []*site.Group {
	members := make(map[string][]*site.Page)
	for _, p := range pages {
		seen := make(map[string]bool, 2)
		for _, k := range keys(p) {
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			members[k] = append(members[k], p)
		}
	}

	var order []string
	isDeclared := make(map[string]bool, len(declared))
	for _, n := range declared {
		if !isDeclared[n] {
			isDeclared[n] = true
			order = append(order, n)
		}
	}
	var rest []string
	for n := range members {
		if !isDeclared[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	order = append(order, rest...)

	// Slugs are assigned over every name of the kind, declared or used, so
	// a slug does not change when a declared department gets its first
	// guide.
	slugs := AssignSlugsWith(order, fixed, rd.ASCII)
	legacy := AssignSlugsWith(order, fixed, slug.Legacy)
	var groups []*site.Group
	for _, n := range order {
		if len(members[n]) == 0 {
			continue
		}
		g := &site.Group{
			Kind:   kind,
			Name:   n,
			Slug:   slugs[n],
			URL:    "/" + kind + "/" + slugs[n] + "/",
			Guides: members[n],
		}
		if old := legacy[n]; old != g.Slug {
			g.LegacySlug = old
		}
		groups = append(groups, g)
	}
	return groups
}

// buildLists makes the three lists, always all three, in their fixed order.
func buildLists(pages []*site.Page) []*site.Group {
	var out []*site.Group
	for _, l := range lists {
		g := &site.Group{
			Kind: "list",
			Name: l.name,
			Slug: string(l.class),
			URL:  "/lists/" + string(l.class) + "/",
		}
		for _, p := range pages {
			if p.Class() == l.class {
				g.Guides = append(g.Guides, p)
			}
		}
		out = append(out, g)
	}
	return out
}

// linkStandards sets Standard on every guide that extends a published
// guide and fills the standard's Implementations, sorted by region (in the
// order of the region groups) then code.
func linkStandards(s *site.Site) {
	regionRank := make(map[string]int, len(s.Regions))
	for i, g := range s.Regions {
		regionRank[g.Name] = i
	}
	for _, p := range s.Guides {
		if p.Extends == "" {
			continue
		}
		base, ok := s.ByCode[p.Extends]
		if !ok || base == p {
			continue
		}
		p.Standard = base
		base.Implementations = append(base.Implementations, p)
	}
	for _, p := range s.Guides {
		impl := p.Implementations
		sort.SliceStable(impl, func(i, j int) bool {
			ri, rj := regionRank[impl[i].Region], regionRank[impl[j].Region]
			if ri != rj {
				return ri < rj
			}
			return impl[i].Code < impl[j].Code
		})
	}
}

// recent picks the most recently changed guides, newest first, ties by
// code. A guide's date is its `updated`, or its `published` when it has no
// `updated`; guides with neither are left out, since the home page could
// say nothing true about them. count 0 means the default of config (10);
// a negative count means none.
func recent(pages []*site.Page, count int) []*site.Page {
	if count == 0 {
		count = site.DefaultConfig().RecentCount
	}
	if count < 0 {
		return nil
	}
	var dated []*site.Page
	for _, p := range pages {
		if !p.Changed().IsZero() {
			dated = append(dated, p)
		}
	}
	return topn.First(dated, count, func(a, b *site.Page) int {
		if ta, tb := a.Changed(), b.Changed(); !ta.Equal(tb) {
			return tb.Compare(ta)
		}
		return strings.Compare(a.Code, b.Code)
	})
}
