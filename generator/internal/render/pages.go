package render

import (
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strings"
	"time"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// job is one page to render: which template, where, with what data. A
// guide's page and sheet carry only the guide: their path and frame data
// are made when they are rendered (pathOf, guideData), since holding them
// for 200,000 pages at 100,000 guides cost ~140 MB.
type job struct {
	path      string // empty on a guide's page and sheet
	tmpl      string
	data      *PageData   // nil on a guide's page and sheet
	canonical bool        // give the page a canonical link
	guide     *site.Page  // set on guide pages: the view is built by the worker
	sheet     bool        // a guide's printable sheet rather than its page
	group     *site.Group // set on browsing pages: likewise
}

// pathOf is where the page is written.
func (j *job) pathOf() string {
	switch {
	case j.guide == nil:
		return j.path
	}
	return guidePath(j.guide.Code, j.sheet)
}

// guidePath is where the page (or, with sheet, the sheet) of the guide
// with this code is written.
func guidePath(code string, sheet bool) string {
	if sheet {
		return "guide/" + code + "/print.html"
	}
	return "guide/" + code + "/index.html"
}

// pageData is the frame data of the page.
func (j *job) pageData(s *site.Site) PageData {
	if j.guide != nil {
		return guideData(s, j.guide, j.sheet)
	}
	return *j.data
}

// guideData is the frame data of a guide's page, or of its sheet, whose
// canonical link is the guide's page.
func guideData(s *site.Site, g *site.Page, sheet bool) PageData {
	home := homeCrumb
	crumbs := []Crumb{home}
	if g.DepartmentGroup != nil {
		crumbs = append(crumbs, Crumb{Name: g.DepartmentGroup.Name, URL: g.DepartmentGroup.URL})
	}
	if !sheet {
		return PageData{
			Title:       g.Title,
			URL:         g.URL,
			Crumbs:      append(crumbs, Crumb{Name: g.Title}),
			Description: guideDescription(g),
		}
	}
	return PageData{
		Title:       g.Title + " " + sheetTitle,
		URL:         printURL(g.URL),
		Canonical:   canonical(s.Config.BaseURL, g.URL),
		Crumbs:      append(crumbs, Crumb{Name: g.Title, URL: g.URL}, Crumb{Name: sheetTitle}),
		Description: g.Title + "：一次告知所需材料、办理地点、时间和电话，可打印后逐项勾选。",
	}
}

// notFoundURL is the 404 page's URL as the header knows it (it is served
// at whatever address was asked for, so it has no canonical link).
const notFoundURL = "/404.html"

// searchTitle is the title of the search page.
const searchTitle = "搜索办事指南"

// sheetTitle names a guide's printable one-time notification sheet.
const sheetTitle = "一次性告知单"

// printURL is the URL of a guide's sheet from the guide's URL:
// /guide/x/ → /guide/x/print.html: a file beside the guide page, not a
// folder of its own, which would cost the writer one more mkdir per guide.
func printURL(guideURL string) string {
	return guideURL + "print.html"
}

// kindNames are the words for the kinds of browsing pages, used in titles
// and breadcrumbs.
var kindNames = map[string]string{
	"department": "实施机关",
	"region":     "行政区划",
	"topic":      "主题",
	"list":       "三张清单",
}

// jobs lists every page of the site in the order Render returns them.
func (r *Renderer) jobs(p *prepared) ([]job, error) {
	s := p.site
	if err := checkSegments(s); err != nil {
		return nil, err
	}
	jobs := make([]job, 0, 3+len(s.Lists)+2*len(s.Guides)+len(s.Departments)+len(s.Regions)+len(s.Topics))

	jobs = append(jobs, job{path: "index.html", tmpl: "home.html", canonical: true, data: &PageData{
		URL:         "/",
		Description: s.Config.Title + "：每个事项要带什么材料、到哪里办、跑几次，一次告知。",
		Data:        newHomeView(s, p.base),
	}})
	jobs = append(jobs, p.listJobs()...)
	for _, g := range s.Guides {
		jobs = append(jobs, guideJob(g, false), guideJob(g, true))
	}
	bundles, err := r.bundleJobs(p)
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, bundles...)
	jobs = append(jobs, p.browseJobs()...)
	jobs = append(jobs,
		job{path: "404.html", tmpl: "404.html", data: &PageData{Title: "找不到页面", URL: notFoundURL}},
		// The same title and crumbs as Page("search.html", "search/index.html",
		// "搜索办事指南", …) gives, so the two agree byte for byte.
		job{path: "search/index.html", tmpl: "search.html", canonical: true, data: &PageData{
			Title: searchTitle, URL: "/search/", Crumbs: []Crumb{homeCrumb, {Name: searchTitle}},
		}},
	)
	return jobs, nil
}

// checkSegments refuses a site whose codes or slugs cannot be one segment
// of an output path (slug.Safe). It is a last defence, and never fires for
// a site that passed validation: validate refuses such guide codes (R1),
// load.Config such slugs and region codes (config), and derived slugs are
// always safe.
func checkSegments(s *site.Site) error {
	for _, g := range s.Guides {
		if !slug.Safe(g.Code) {
			return fmt.Errorf("事项编码 %q 不能用作网址的一段", g.Code)
		}
	}
	for _, groups := range [][]*site.Group{s.Departments, s.Regions, s.Topics} {
		for _, g := range groups {
			if !slug.Safe(g.Slug) {
				return fmt.Errorf("%s“%s”的网址 %q 不能用作网址的一段", kindNames[g.Kind], g.Name, g.Slug)
			}
		}
	}
	return nil
}

// guideJob is a guide's page or, with sheet, its one-time notification
// sheet: its own page, so the guide page stays light and the sheet can be
// laid out for A4.
func guideJob(g *site.Page, sheet bool) job {
	if sheet {
		return job{tmpl: "print.html", guide: g, sheet: true}
	}
	return job{tmpl: "guide.html", canonical: true, guide: g}
}

// groupJob is a browsing page. ancestors are the enclosing regions of a
// region page, outermost first, for its breadcrumbs.
func groupJob(g *site.Group, home Crumb, ancestors ...Crumb) job {
	path := strings.TrimPrefix(g.URL, "/") + "index.html"
	crumbs := []Crumb{home}
	if g.Kind != "list" {
		// The home page lists every group of a kind under #departments,
		// #regions, #topics.
		crumbs = append(crumbs, Crumb{Name: kindNames[g.Kind], URL: "/#" + g.Kind + "s"})
	}
	crumbs = append(crumbs, ancestors...)
	crumbs = append(crumbs, Crumb{Name: g.Name})
	return job{path: path, tmpl: "list.html", canonical: true, group: g, data: &PageData{
		Title:       g.Name,
		URL:         g.URL,
		Crumbs:      crumbs,
		Description: fmt.Sprintf("%s：共 %d 个事项的办事指南。", g.Name, len(g.Guides)),
	}}
}

// listJobs are the pages of the three lists.
func (p *prepared) listJobs() []job {
	jobs := make([]job, 0, len(p.site.Lists))
	for _, g := range p.site.Lists {
		jobs = append(jobs, groupJob(g, homeCrumb))
	}
	return jobs
}

// browseJobs are the pages of the departments, regions and topics.
func (p *prepared) browseJobs() []job {
	s := p.site
	jobs := make([]job, 0, len(s.Departments)+len(s.Regions)+len(s.Topics))
	for _, groups := range [][]*site.Group{s.Departments, s.Regions, s.Topics} {
		for _, g := range groups {
			var ancestors []Crumb
			if g.Kind == "region" {
				ancestors = regionAncestors(s, p.regions, g.Name)
			}
			jobs = append(jobs, groupJob(g, homeCrumb, ancestors...))
		}
	}
	return jobs
}

// homeCrumb is the first step of every breadcrumb trail.
var homeCrumb = Crumb{Name: "首页", URL: "/"}

// groupedDepartmentsFrom is how many departments a site has before the
// home page groups them by region rather than listing them in one run.
const groupedDepartmentsFrom = 24

// newHomeView groups the departments by their region (from config) when
// there are many, regions in the order of the region groups; departments
// without a declared region come last under 其他.
func newHomeView(s *site.Site, base string) *HomeView {
	v := &HomeView{}
	if len(s.Departments) < groupedDepartmentsFrom {
		return v
	}
	byRegion := make(map[string][]Link)
	for _, g := range s.Departments {
		region := "其他"
		if d, ok := s.Config.DepartmentByName(g.Name); ok && d.Region != "" {
			region = d.Region
		}
		byRegion[region] = append(byRegion[region], Link{Name: g.Name, URL: base + g.URL, Count: len(g.Guides)})
	}
	var order []string
	for _, r := range s.Regions {
		order = append(order, r.Name)
	}
	for _, r := range s.Config.Regions {
		order = append(order, r.Name)
	}
	order = append(order, "其他")
	seen := make(map[string]bool)
	for _, r := range order {
		if seen[r] || len(byRegion[r]) == 0 {
			continue
		}
		seen[r] = true
		v.DepartmentsByRegion = append(v.DepartmentsByRegion, DepartmentSection{Region: r, Departments: byRegion[r]})
	}
	// Regions named by departments but neither declared nor used by a
	// guide, by name.
	var rest []string
	for r := range byRegion {
		if !seen[r] {
			rest = append(rest, r)
		}
	}
	sort.Strings(rest)
	for _, r := range rest {
		v.DepartmentsByRegion = append(v.DepartmentsByRegion, DepartmentSection{Region: r, Departments: byRegion[r]})
	}
	return v
}

// regionAncestors are the declared parents of a region that have pages,
// outermost first (浙江省 › 舟山市 for 定海区). A cycle in config's parents
// stops the walk.
func regionAncestors(s *site.Site, groups map[string]*site.Group, name string) []Crumb {
	var out []Crumb
	seen := map[string]bool{name: true}
	for {
		r, ok := s.Config.RegionByName(name)
		if !ok || r.Parent == "" || seen[r.Parent] {
			break
		}
		name = r.Parent
		seen[name] = true
		if g, ok := groups[name]; ok {
			out = append([]Crumb{{Name: g.Name, URL: g.URL}}, out...)
		}
	}
	return out
}

// guideDescription is a guide page's meta description: what a search
// result snippet should tell before anyone clicks.
func guideDescription(g *site.Page) string {
	parts := []string{g.Title, g.Department, g.Region, starWords(g.Service.Star) + "级", visitWords(g.Service.Visits)}
	if g.Service.OnlineURL != "" {
		parts = append(parts, "可网上办理")
	}
	return strings.Join(parts, "，") + "。"
}

// staticURL is the URL of a file under static/, which is published at the
// site's root: forms/a.docx (or static/forms/a.docx) → /forms/a.docx.
// Each segment is percent-encoded, so Chinese file names work everywhere.
func staticURL(base, p string) string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/")
	p = strings.TrimPrefix(p, "static/")
	if isPlainPath(p) {
		return base + "/" + p
	}
	return base + (&url.URL{Path: "/" + p}).EscapedPath()
}

// isPlainPath tells whether p needs no percent-encoding (the usual
// forms/apply-2024.docx), which spares url.URL its work on every material.
func isPlainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0) {
			return false
		}
	}
	return true
}

// funcMap is the functions templates can call. base is the site's path
// prefix (see basePath); assets are the published layout assets, whose
// URLs carry their version.
func funcMap(base string, assets []asset) template.FuncMap {
	versions := make(map[string]string, len(assets))
	for _, a := range assets {
		versions[a.name] = a.version
	}
	return template.FuncMap{
		// url turns a site-relative URL (/guide/x/) into a link on this
		// site, adding the base path.
		"url": func(rel string) string { return base + rel },
		// asset is the URL of a layout asset with its version: /assets/site.css?v=1a2b3c4d.
		"asset": func(name string) string {
			if v, ok := versions[name]; ok {
				return base + "/assets/" + name + "?v=" + v
			}
			return base + "/assets/" + name
		},
		// static is the URL of a file under static/.
		"static":     func(p string) string { return staticURL(base, p) },
		"stars":      stars,
		"starWords":  starWords,
		"visitWords": visitWords,
		"tel":        telURL,
		"breakURL":   breakURL,
		"date":       chineseDate,
		"isoDate":    isoDate,
		"join":       strings.Join,
		"kindName":   func(kind string) string { return kindNames[kind] },
		// listCounts says which visits a list counts, from its slug.
		"listCounts": func(slug string) string { return site.ListCounts(site.VisitClass(slug)) },
		"isNegative": func(p *site.Page) bool { return p.Class() == site.Negative },
		"notZero":    func(t time.Time) bool { return !t.IsZero() },
	}
}

// breakURL writes a URL for a printed line: each part that ends in / . ?
// & = or # is kept whole (class nw) with a line break allowed after it
// (<wbr>), so that a URL wraps only there, never inside a word, a code
// (330900-GA-QR-0001) or a number.
func breakURL(u string) template.HTML {
	var b strings.Builder
	start := 0
	for i := 0; i < len(u); i++ {
		if strings.IndexByte("/.?&=#", u[i]) < 0 || (i+1 < len(u) && strings.IndexByte("/.?&=#", u[i+1]) >= 0) {
			continue
		}
		writeNoWrap(&b, u[start:i+1])
		if i+1 < len(u) {
			b.WriteString("<wbr>")
		}
		start = i + 1
	}
	writeNoWrap(&b, u[start:])
	return template.HTML(b.String())
}

// writeNoWrap writes s, escaped, in a span that never wraps.
func writeNoWrap(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	b.WriteString(`<span class=nw>`)
	b.WriteString(template.HTMLEscapeString(s))
	b.WriteString(`</span>`)
}
