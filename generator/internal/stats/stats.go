// Package stats computes the reform figures (改革数据) of a resolved site:
// for the whole site, each department and each region, how many published
// items need zero visits, at most one visit, how many are five-star, and so
// on, each measured against the targets of config.toml.
//
// It is pure: Compute reads a *site.Site and returns a Report; WriteText,
// WriteJSON and WriteCSV print a Report for the stats command; the Report
// also carries display values (percent strings, bar widths) so that the
// stats.html template needs only standard html/template features.
package stats

import (
	"sort"

	"zhinan/generator/internal/site"
)

// Scope kinds used in Figures.Kind and in the first column of WriteCSV.
const (
	KindSite       = "site"
	KindDepartment = "department"
	KindRegion     = "region"
)

// Target keys, as in config.toml's [targets]; Figures.Misses holds them.
const (
	TargetOneVisit      = "one_visit_share"
	TargetFiveStar      = "five_star_share"
	TargetThreeFourStar = "three_four_star_share"
)

// Report is everything the stats page and the stats command show.
type Report struct {
	// Site is the figures of the whole site; its Name is the site title.
	Site Figures
	// Departments and Regions are one Figures each, in the order of the
	// site's groups (config order when declared), then any declared name
	// without a published item, then names only guides use, sorted.
	// Use MissesFirst for the page order.
	Departments []Figures
	Regions     []Figures
	// Timeline counts publication by batch and by published month.
	Timeline Timeline
	// Targets are config.toml's [targets]; a zero target is not checked.
	Targets site.Targets
	// Bundles are the figures of the bundles (一件事): not items, so they
	// count in none of the figures above.
	Bundles BundleFigures
}

// Figures are the counts and shares of one scope: the site, a department
// or a region. Shares are fractions between 0 and 1 of Items (of Materials
// for the material shares); they are 0 when the scope has no item.
type Figures struct {
	// Kind is KindSite, KindDepartment or KindRegion.
	Kind string
	Name string
	// URL is the site-relative URL of the scope's browsing page, when
	// there is one ("/department/sfj/"); empty otherwise.
	URL string

	Items int
	// ZeroVisit counts visits = 0 (零上门); OneVisit counts visits ≤ 1
	// (最多跑一次, zero included); Negative counts visits > 1 (负面清单).
	ZeroVisit     int
	OneVisit      int
	Negative      int
	FiveStar      int
	ThreeFourStar int
	Immediate     int
	Online        int // online_url set
	Mobile        int
	Delivery      int

	ZeroVisitShare     float64
	OneVisitShare      float64
	FiveStarShare      float64
	ThreeFourStarShare float64
	ImmediateShare     float64
	OnlineShare        float64
	MobileShare        float64
	DeliveryShare      float64

	// TimeItems counts the items with both legal_days and promised_days
	// set; LegalDays and PromisedDays are their sums. TimeCompression is
	// 1 − PromisedDays / LegalDays, defined (TimeCompressionDefined) only
	// when LegalDays > 0.
	TimeItems              int
	LegalDays              int
	PromisedDays           int
	TimeCompression        float64
	TimeCompressionDefined bool

	// Materials counts all materials of the scope's items; Electronic and
	// Shared those accepted electronically and those the office fetches
	// itself (免提交).
	Materials               int
	ElectronicMaterials     int
	SharedMaterials         int
	ElectronicMaterialShare float64
	SharedMaterialShare     float64

	// Misses lists the target keys (TargetOneVisit, …) whose share is
	// below a non-zero target, in the order of config.toml. A scope
	// without items misses nothing: there is nothing to measure.
	Misses []string

	// Metrics are the shares ready for display, in page order.
	Metrics []Metric
}

// Compute returns the figures of a resolved site. The site holds published
// guides only, so drafts never count; every published guide is one item,
// local implementations included, unless it is cancelled or not yet in
// force on the build day (site.Site.Counts): a later build counts it.
func Compute(s *site.Site) Report {
	t := s.Config.Targets
	all := &Figures{Kind: KindSite, Name: s.Config.Title}
	depts := newScopes(KindDepartment, s.Departments, declaredDepartments(s.Config))
	regions := newScopes(KindRegion, s.Regions, declaredRegions(s.Config))
	// One pass over the guides: each is added to the site and to its
	// department and region at once.
	counted := s.Counted()
	for _, p := range counted {
		all.add(p)
		depts.get(p.Department).add(p)
		regions.get(p.Region).add(p)
	}
	all.finish(t)
	return Report{
		Site:        *all,
		Departments: depts.finish(t),
		Regions:     regions.finish(t),
		Timeline:    timelineOf(counted),
		Targets:     t,
		Bundles:     bundleFigures(s.Bundles),
	}
}

// MissesTargets reports whether the whole site misses a target; the stats
// command's --fail-under exits 1 when it does.
func (r Report) MissesTargets() bool {
	return len(r.Site.Misses) > 0
}

// DepartmentsMissesFirst returns the departments, those missing a target
// first; the page lists them in this order.
func (r Report) DepartmentsMissesFirst() []Figures { return MissesFirst(r.Departments) }

// RegionsMissesFirst returns the regions, those missing a target first.
func (r Report) RegionsMissesFirst() []Figures { return MissesFirst(r.Regions) }

// MissesFirst returns a copy of fs with the scopes that miss a target
// first, the others after; within each part the order of fs is kept.
func MissesFirst(fs []Figures) []Figures {
	out := append([]Figures(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		return len(out[i].Misses) > 0 && len(out[j].Misses) == 0
	})
	return out
}

func declaredDepartments(c site.Config) []string {
	var names []string
	for _, d := range c.Departments {
		names = append(names, d.Name)
	}
	return names
}

func declaredRegions(c site.Config) []string {
	var names []string
	for _, r := range c.Regions {
		names = append(names, r.Name)
	}
	return names
}

// scopes collects the figures of one kind of scope (departments or
// regions) by name.
type scopes struct {
	kind   string
	byName map[string]*Figures
	known  []*Figures // groups in site order, then declared names
}

// newScopes starts the scopes of a kind: the site's groups first, in their
// order, with their URLs; then the declared names that have no group.
func newScopes(kind string, groups []*site.Group, declared []string) *scopes {
	sc := &scopes{kind: kind, byName: map[string]*Figures{}}
	for _, g := range groups {
		if sc.byName[g.Name] == nil {
			f := &Figures{Kind: kind, Name: g.Name, URL: g.URL}
			sc.byName[g.Name] = f
			sc.known = append(sc.known, f)
		}
	}
	for _, n := range declared {
		if sc.byName[n] == nil {
			f := &Figures{Kind: kind, Name: n}
			sc.byName[n] = f
			sc.known = append(sc.known, f)
		}
	}
	return sc
}

// get returns the figures of a name, creating them for a name neither a
// group nor declared.
func (sc *scopes) get(name string) *Figures {
	f := sc.byName[name]
	if f == nil {
		f = &Figures{Kind: sc.kind, Name: name}
		sc.byName[name] = f
	}
	return f
}

// finish computes the shares and returns the scopes in report order: the
// known ones, then the others sorted by name.
func (sc *scopes) finish(t site.Targets) []Figures {
	known := make(map[string]bool, len(sc.known))
	out := make([]Figures, 0, len(sc.byName))
	for _, f := range sc.known {
		known[f.Name] = true
		f.finish(t)
		out = append(out, *f)
	}
	var rest []string
	for n := range sc.byName {
		if !known[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	for _, n := range rest {
		f := sc.byName[n]
		f.finish(t)
		out = append(out, *f)
	}
	return out
}

// add counts one published guide.
func (f *Figures) add(p *site.Page) {
	f.Items++
	sv := &p.Service
	if sv.Visits <= 0 {
		f.ZeroVisit++
	}
	if sv.Visits <= 1 {
		f.OneVisit++
	} else {
		f.Negative++
	}
	switch sv.Star {
	case 5:
		f.FiveStar++
	case 3, 4:
		f.ThreeFourStar++
	}
	if sv.Immediate {
		f.Immediate++
	}
	if sv.OnlineURL != "" {
		f.Online++
	}
	if sv.Mobile {
		f.Mobile++
	}
	if sv.Delivery {
		f.Delivery++
	}
	if p.Time.LegalDays != nil && p.Time.PromisedDays != nil {
		f.TimeItems++
		f.LegalDays += *p.Time.LegalDays
		f.PromisedDays += *p.Time.PromisedDays
	}
	for i := range p.Materials {
		m := &p.Materials[i]
		f.Materials++
		if m.Electronic {
			f.ElectronicMaterials++
		}
		if m.Shared {
			f.SharedMaterials++
		}
	}
}

// finish computes the shares, the missed targets and the display values
// from the counts.
func (f *Figures) finish(t site.Targets) {
	f.ZeroVisitShare = share(f.ZeroVisit, f.Items)
	f.OneVisitShare = share(f.OneVisit, f.Items)
	f.FiveStarShare = share(f.FiveStar, f.Items)
	f.ThreeFourStarShare = share(f.ThreeFourStar, f.Items)
	f.ImmediateShare = share(f.Immediate, f.Items)
	f.OnlineShare = share(f.Online, f.Items)
	f.MobileShare = share(f.Mobile, f.Items)
	f.DeliveryShare = share(f.Delivery, f.Items)
	if f.LegalDays > 0 {
		f.TimeCompressionDefined = true
		f.TimeCompression = 1 - float64(f.PromisedDays)/float64(f.LegalDays)
	}
	f.ElectronicMaterialShare = share(f.ElectronicMaterials, f.Materials)
	f.SharedMaterialShare = share(f.SharedMaterials, f.Materials)
	f.Metrics = metricsOf(*f, t)
	for _, m := range f.Metrics {
		if m.Miss {
			f.Misses = append(f.Misses, m.Key)
		}
	}
}

// below reports share < target, forgiving the rounding of a division that
// lands exactly on the target (19/20 against 0.95 meets it).
func below(share, target float64) bool {
	return share < target-1e-9
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
