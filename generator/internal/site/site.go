package site

import "time"

// Site is the resolved, immutable site that render, search and stats read:
// published guides only (drafts never appear), inheritance resolved, every
// guide with its URL, and the groupings the pages browse by. Build it with
// the resolve package; do not mutate it afterwards.
type Site struct {
	Config Config
	// Guides are the published guides sorted by Code.
	Guides []*Page
	// ByCode finds a published guide by its code.
	ByCode map[string]*Page

	// Departments, Regions and Topics are the browsing groups, sorted by
	// name (departments and regions in config order when declared there).
	Departments []*Group
	Regions     []*Group
	Topics      []*Group

	// Lists are the three lists (三张清单), in the order zero-visit,
	// one-visit, negative.
	Lists []*Group

	// Recent are the most recently updated guides, newest first (ties by
	// code), at most Config.RecentCount.
	Recent []*Page

	// Bundles are the published bundles (一件事) sorted by code. They are
	// not guides: they are in none of Guides, ByCode, the groups, the
	// lists or the guide figures.
	Bundles []*BundlePage

	// Static are the files under static/, copied as they are: paths
	// relative to static/ with forward slashes, sorted.
	Static []string

	// Today is the build day (`--today`, else the clock's local date, read
	// once by the command): it decides whether an item with `effective`
	// is in force yet (InForce), and pages say against it how old a guide
	// is (the stale notice, see StaleDays). Zero means no day was fixed:
	// effective dates are then not judged, every item counts and no stale
	// notice shows, so the same input always gives the same pages.
	Today time.Time
}

// Listed tells whether a published guide appears where citizens browse
// and search: the lists, groups, recent guides, search, the sitemap and
// the feed. A cancelled item (status = "取消") does not, though its page
// stays at its URL.
func (p *Page) Listed() bool { return !p.Cancelled() }

// InForce tells whether the guide applies on the build day (Today): it
// sets no `effective` date, or one not later than that day. With no day
// fixed every guide is in force.
func (s *Site) InForce(p *Page) bool {
	return s.Today.IsZero() || p.InForceOn(s.Today)
}

// Counts tells whether the guide counts in the figures (stats page,
// `generator stats`, targets): it is listed and in force on the build day.
func (s *Site) Counts(p *Page) bool { return p.Listed() && s.InForce(p) }

// Counted returns the guides that count in the figures (Counts), in the
// order of Guides.
func (s *Site) Counted() []*Page {
	out := make([]*Page, 0, len(s.Guides))
	for _, p := range s.Guides {
		if s.Counts(p) {
			out = append(out, p)
		}
	}
	return out
}

// Page is one published guide with what the pages need around it.
type Page struct {
	*Guide
	// URL is the site-relative URL of the guide's page: /guide/<code>/.
	URL string
	// Standard is the guide this one extends (its base), or nil.
	Standard *Page
	// Implementations are the published guides that extend this one
	// directly, sorted by region then code.
	Implementations []*Page
	// DepartmentGroup, RegionGroup and TopicGroups link back to the groups
	// the guide is listed in.
	DepartmentGroup *Group
	RegionGroup     *Group
	TopicGroups     []*Group
	// Bundles are the published bundles (一件事) that name this guide as a
	// member, sorted by code.
	Bundles []*BundlePage
}

// Changed is the day the guide last changed: its updated date, else its
// published date; zero when it has neither. Lists of recent changes (the
// home page, the feed, the sitemap) go by it.
func (p *Page) Changed() time.Time {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Published
}

// Group is a browsing page: a department, a region, a topic or one of the
// three lists, with the guides it lists sorted by code.
type Group struct {
	// Kind is "department", "region", "topic" or "list".
	Kind string
	// Name is what the page is titled with (省司法厅, 舟山市, 零上门事项).
	Name string
	// Slug is the URL segment; URL is /<kind>/<slug>/ (for lists,
	// /lists/<slug>/).
	Slug   string
	URL    string
	Guides []*Page
	// LegacySlug, when set, is the slug this group had before heteronyms
	// were read by phrase (yin-xing for 银行): render writes a redirect
	// page there, so that old links keep working. Listed nowhere.
	LegacySlug string
}

// File is one output file held in memory before the writer puts it on
// disk. Path is relative to the output folder, with forward slashes
// ("guide/330000-SF-XK-0001/index.html").
type File struct {
	Path string
	Data []byte
}
