// Package render turns a resolved site into HTML pages held in memory:
// goldmark for Markdown bodies, html/template for pages, tdewolff/minify
// for minified output. It writes nothing to disk and knows nothing of
// search.
//
// Minification is done where it is cheap: each template's source once when
// it is loaded (with {{ }} kept intact), each distinct Markdown body once
// per build, and the layout assets (CSS, JavaScript, SVG, JSON) once. Pages
// assembled from them come out minified without a pass over every page,
// which would cost a third of the render time at 10,000 guides.
//
// Templates come from the repository's layouts/ folder, compiled into the
// binary; a site's own layouts/ folder overrides them file by file. Every
// page template defines "main" (and optionally "head") and is executed
// inside the frame base.html; files under partials/ are shared by every
// page; files that are not .html (site.css) are published minified under
// assets/.
//
// Rendering is parallel (two goroutines per core, see renderWorkers, each
// filling its own slots) and deterministic: the same site gives byte-identical files.
// What many pages share is rendered once per build: every guide's line in
// lists, every distinct body, the header and the footer.
package render

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/yuin/goldmark"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/site"
)

// Renderer renders sites with one set of compiled templates. It is safe
// for concurrent use; create it once with New and reuse it across builds
// (the serve command rebuilds many times).
type Renderer struct {
	sets   map[string]*template.Template // page template name → pristine set
	assets []asset
	md     goldmark.Markdown
	min    *minify.M // pages' fragments and assets
	tmin   *minify.M // template sources
	// minified is true except in tests that want readable golden files:
	// templates and Markdown fragments are minified, so pages are.
	minified bool
	// htmlTemplateOnly turns the compiled executor off (tests compare
	// the two).
	htmlTemplateOnly bool

	mu       sync.Mutex
	prepared *prepared // templates bound to the last site rendered
}

// prepared is the template sets cloned and bound to one site's base URL.
type prepared struct {
	site *site.Site
	base string // path prefix from base_url, without trailing slash: "" or "/zhinan"
	sets map[string]*template.Template
	// itemSet names the set used to execute partials (any set holds the
	// partials; list.html's is used).
	itemSet string
	// headers are partials/header.html rendered for a page that is none of
	// the others (""), for the home, search and 404 pages ("/",
	// "/search/", notFoundURL: they have their own search box, so the
	// header has none) and for each
	// list's URL (which it marks current);
	// footer is partials/footer.html.
	headers map[string]template.HTML
	footer  template.HTML
	css     string
	// regions finds a region's group by name.
	regions map[string]*site.Group
	// funcs are the sets' functions; programs the sets compiled by
	// tmplexec, by page template (none when Renderer.htmlTemplateOnly).
	funcs    template.FuncMap
	programs map[programKey]*program
	declined atomic.Int64 // pages a program left to html/template
	// items are the guides' lines in lists, without their HTML, made
	// once (guideItems) for ListPageKeys and the render alike.
	itemsOnce sync.Once
	items     map[*site.Page]*GuideItem
}

// guideItems returns every guide's line in lists (newGuideItem), made on
// first use. The render fills in the HTML of those it renders.
func (p *prepared) guideItems() map[*site.Page]*GuideItem {
	p.itemsOnce.Do(func() {
		gs := p.site.Guides
		made := make([]*GuideItem, len(gs))
		par.Each(context.Background(), len(gs), par.Workers(1), func(i int) error {
			made[i] = newGuideItem(gs[i], p.base)
			return nil
		})
		p.items = make(map[*site.Page]*GuideItem, len(gs))
		for i, g := range gs {
			p.items[g] = made[i]
		}
	})
	return p.items
}

// New compiles the default templates overlaid with siteLayouts (the site's
// own layouts/ folder, or nil for none). A template with a syntax error
// gives an error naming the file and, when html/template knows it, the
// line.
func New(siteLayouts fs.FS) (*Renderer, error) {
	return newRenderer(siteLayouts, true)
}

// newRenderer is New with minification optional, for readable golden files.
func newRenderer(siteLayouts fs.FS, minified bool) (*Renderer, error) {
	r := &Renderer{md: newMarkdown(), min: newMinifier(), tmin: newTemplateMinifier(), minified: minified}
	files, err := mergeLayouts(siteLayouts)
	if err != nil {
		return nil, err
	}
	sets, assets, err := r.parseLayouts(files, funcMap("", nil))
	if err != nil {
		return nil, err
	}
	r.sets, r.assets = sets, assets
	return r, nil
}

// Render renders every page of the site: home, one page per guide and its
// printable one-time notification sheet (guide/<code>/print.html), one per
// department, region and topic, the three lists, one page and one sheet
// per bundle (一件事, thing/<code>/) and /things/, 404, the search page,
// and the layout assets (assets/site.css). Files come back in a fixed
// order (home, lists, guides by code each followed by its sheet, bundles
// by code each followed by its sheet, things, departments, regions,
// topics, 404, search, assets, then the redirect pages of changed
// slugs). The first error, in
// that order, is returned with the path of the page it broke.
func (r *Renderer) Render(s *site.Site) ([]site.File, error) {
	var files []site.File
	var mu sync.Mutex
	n, err := r.render(s, Reuse{}, func(i int, f site.File) error {
		mu.Lock()
		defer mu.Unlock()
		if i >= len(files) {
			files = append(files, make([]site.File, i+1-len(files))...)
		}
		files[i] = site.File{Path: f.Path, Data: bytes.Clone(f.Data)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files[:n], nil
}

// RenderTo renders like Render but hands each file to emit as soon as it
// is ready, from several goroutines at once, instead of holding the whole
// site in memory: the pipeline streams pages to the writer this way. The
// order of calls is not deterministic; the bytes of each file are. emit
// must be safe for concurrent use; an error from it stops the rendering.
// f.Data is lent for the call only (the worker's buffer, reused for its
// next page): emit writes it or copies it, and keeps no reference.
func (r *Renderer) RenderTo(s *site.Site, emit func(site.File) error) error {
	_, err := r.render(s, Reuse{}, func(_ int, f site.File) error { return emit(f) })
	return err
}

// Reuse names the pages an incremental build takes from the previous
// output instead of rendering them (RenderReusing). Either may be nil.
type Reuse struct {
	// Guide is true of the guides whose page and sheet (GuideFiles) are
	// taken.
	Guide func(*site.Page) bool
	// List is true of the output paths of the browsing pages (department,
	// region, topic, list: ListPageKeys) that are taken.
	List func(path string) bool
}

// RenderReusing is RenderTo without the pages reuse names. Every other
// page (home, bundles, redirects, assets) is rendered as always, and only
// the list lines (partials/guide-item.html) of the browsing pages it
// renders.
func (r *Renderer) RenderReusing(s *site.Site, reuse Reuse, emit func(site.File) error) error {
	_, err := r.render(s, reuse, func(_ int, f site.File) error { return emit(f) })
	return err
}

// GuideFiles are the files a guide's page produces, relative to the
// output folder: its page and its sheet.
func GuideFiles(g *site.Page) []string { return GuidePaths(g.Code) }

// GuidePaths is GuideFiles of the guide with this code: a guide's files
// are named by its code alone, so a build can name those of a guide an
// earlier build wrote from the code its manifest records.
func GuidePaths(code string) []string {
	return []string{guidePath(code, false), guidePath(code, true)}
}

// GuideLayout tells whether the layout file name (relative to layouts/)
// is one a guide's page or sheet is made from: base.html, guide.html,
// print.html and every partial. A page may read any part of the site
// through a layout, so an incremental build reuses guide pages only while
// the site overrides none of these.
func GuideLayout(name string) bool {
	return name == "base.html" || name == "guide.html" || name == "print.html" || strings.HasPrefix(name, "partials/")
}

// render renders every page, passing each with its slot in the output
// order to emit, and returns how many files there are. The pages reuse
// names are left out.
func (r *Renderer) render(s *site.Site, reuse Reuse, emit func(i int, f site.File) error) (int, error) {
	p, err := r.prepare(s)
	if err != nil {
		return 0, err
	}
	jobs, err := r.jobs(p)
	if err != nil {
		return 0, err
	}
	taken := make(map[string]bool, len(jobs)) // paths redirects must leave alone
	for i := range jobs {
		if jobs[i].guide == nil {
			taken[jobs[i].path] = true
		}
	}
	jobs = slices.DeleteFunc(jobs, reuse.drops)

	shared, list, bodies := sharedWork(s, p, reuse.Guide, listed(jobs))
	ws := make([]*worker, renderWorkers()) // shared by both passes below
	if err := parallel(ws, len(list)+len(bodies), func(w *worker, i int) error {
		if i < len(list) {
			return r.renderItem(p, w, list[i])
		}
		b := bodies[i-len(list)]
		sec, err := r.sections(b, w)
		*shared.bodies[b] = sec
		return err
	}); err != nil {
		return 0, fmt.Errorf("生成事项列表条目或正文失败：%w", err)
	}

	if err := parallel(ws, len(jobs), func(w *worker, i int) error {
		data, err := r.run(p, w, jobs[i], shared)
		if err != nil {
			return fmt.Errorf("生成页面 %s 失败：%w", jobs[i].pathOf(), err)
		}
		return emit(i, site.File{Path: jobs[i].pathOf(), Data: data})
	}); err != nil {
		return 0, err
	}
	for k, a := range r.assets {
		if err := emit(len(jobs)+k, site.File{Path: "assets/" + a.name, Data: a.data}); err != nil {
			return 0, err
		}
	}
	moved, err := redirectPages(s, p.base, taken)
	if err != nil {
		return 0, err
	}
	for k, f := range moved {
		if err := emit(len(jobs)+len(r.assets)+k, f); err != nil {
			return 0, err
		}
	}
	return len(jobs) + len(r.assets) + len(moved), nil
}

// drops tells whether job j is one reuse takes from the previous output.
func (reuse Reuse) drops(j job) bool {
	switch {
	case j.guide != nil:
		return reuse.Guide != nil && reuse.Guide(j.guide)
	case j.group != nil:
		return reuse.List != nil && reuse.List(j.path)
	}
	return false
}

// listed returns the guides listed on the browsing pages among jobs: the
// guides whose list line is rendered.
func listed(jobs []job) map[*site.Page]bool {
	out := map[*site.Page]bool{}
	for _, j := range jobs {
		if j.group != nil {
			for _, g := range j.group.Guides {
				out[g] = true
			}
		}
	}
	return out
}

// sharedWork lists what several pages share, each to be rendered once:
// the line in lists of every guide inList says true of (a guide shows up
// on its department, region, topic and list pages) and every Markdown
// body that several guides have (local guides inherit their standard's
// body), except those of the guides skip says true of. A body only one
// guide has is rendered with its page and forgotten: holding every body
// until the end would cost ~300 MB at 100,000 guides. Every guide gets
// its item (the guide pages of its standard and implementations show its
// fields); only those of inList get its HTML.
func sharedWork(s *site.Site, p *prepared, skip func(*site.Page) bool, inList map[*site.Page]bool) (shared *pass, list []*GuideItem, bodies []string) {
	shared = &pass{items: p.guideItems(), bodies: make(map[string]*Sections)}
	list = make([]*GuideItem, 0, len(inList))
	uses := make(map[string]int, len(s.Guides))
	for _, g := range s.Guides {
		if it := shared.items[g]; inList[g] {
			list = append(list, it)
		}
		if skip != nil && skip(g) {
			continue // its body is not rendered
		}
		if uses[g.Body]++; uses[g.Body] == 2 {
			shared.bodies[g.Body] = new(Sections)
			bodies = append(bodies, g.Body)
		}
	}
	return shared, list, bodies
}

// renderWorkers is how many goroutines render: two per core, because a
// page is written on its worker's goroutine (RenderTo's emit): while one
// waits on the disk (ext4 reading an inode table to create a file), the
// other keeps the core busy.
func renderWorkers() int { return par.Workers(2) }

// parallel calls fn(w, i) for i in [0, n) on renderWorkers goroutines
// (par.EachWorker), each with its own worker (buffers) from ws, created
// on first use. fn must write only to slot i of whatever it fills. It
// stops at the first error and returns the one of the lowest index.
func parallel(ws []*worker, n int, fn func(w *worker, i int) error) error {
	return par.EachWorker(context.Background(), n, len(ws), func(k, i int) error {
		if ws[k] == nil {
			ws[k] = newWorker()
		}
		return fn(ws[k], i)
	})
}

// itemTemplate is the partial that renders one guide's line in lists.
const itemTemplate = "partials/guide-item.html"

// renderItem fills it.HTML from partials/guide-item.html.
func (r *Renderer) renderItem(p *prepared, w *worker, it *GuideItem) error {
	w.page.Reset()
	if err := p.executeIn(p.itemSet, itemTemplate, &w.page, it); err != nil {
		return err
	}
	it.HTML = template.HTML(w.page.String())
	return nil
}

// Page renders any named template inside the common page frame (header,
// search box, breadcrumbs, footer) to path, with data in PageData.Data.
// Use it for pages other stages compute, e.g.
//
//	r.Page("stats.html", "stats/index.html", "改革数据", s, report)
//
// tmpl is the template's file name in layouts/; path is relative to the
// output folder and ends in index.html (or .html).
func (r *Renderer) Page(tmpl, path, title string, s *site.Site, data any) (site.File, error) {
	p, err := r.prepare(s)
	if err != nil {
		return site.File{}, err
	}
	if _, ok := p.sets[tmpl]; !ok {
		return site.File{}, fmt.Errorf("找不到模板 %s", tmpl)
	}
	u := "/" + strings.TrimSuffix(strings.TrimPrefix(path, "/"), "index.html")
	j := job{path: path, tmpl: tmpl, canonical: true, data: &PageData{
		Title:  title,
		URL:    u,
		Crumbs: []Crumb{{Name: "首页", URL: "/"}, {Name: title}},
		Data:   data,
	}}
	b, err := r.run(p, newWorker(), j, &pass{})
	if err != nil {
		return site.File{}, fmt.Errorf("生成页面 %s 失败：%w", path, err)
	}
	return site.File{Path: path, Data: b}, nil
}

// prepare clones the pristine template sets and binds their URL functions
// to the site's base path. The result is kept for the next call with the
// same site, so that Page after Render costs nothing extra.
func (r *Renderer) prepare(s *site.Site) (*prepared, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.prepared != nil && r.prepared.site == s {
		return r.prepared, nil
	}
	base := basePath(s.Config.BaseURL)
	funcs := funcMap(base, r.assets)
	sets := make(map[string]*template.Template, len(r.sets))
	for name, set := range r.sets {
		c, err := set.Clone()
		if err != nil {
			return nil, err
		}
		sets[name] = c.Funcs(funcs)
	}
	p := &prepared{site: s, base: base, sets: sets, itemSet: "list.html", headers: make(map[string]template.HTML),
		funcs: funcs, programs: make(map[programKey]*program, len(sets)+1)}
	if !r.htmlTemplateOnly {
		for name := range sets {
			p.programs[programKey{name, baseTemplate}] = new(program)
		}
		p.programs[programKey{p.itemSet, itemTemplate}] = new(program)
	}
	p.regions = make(map[string]*site.Group, len(s.Regions))
	for _, g := range s.Regions {
		p.regions[g.Name] = g
	}
	p.css = funcs["asset"].(func(string) string)("site.css")
	var buf bytes.Buffer
	frame := func(name, url string) (template.HTML, error) {
		buf.Reset()
		d := &PageData{Site: s, URL: url}
		if err := sets[p.itemSet].ExecuteTemplate(&buf, name, d); err != nil {
			return "", fmt.Errorf("模板 %s 出错：%w", name, err)
		}
		return template.HTML(buf.String()), nil
	}
	var err error
	for _, u := range append([]string{"", "/", "/search/", notFoundURL}, listURLs(s)...) {
		if p.headers[u], err = frame(headerTemplate, u); err != nil {
			return nil, err
		}
	}
	if p.footer, err = frame(footerTemplate, ""); err != nil {
		return nil, err
	}
	r.prepared = p
	return p, nil
}

// The partials rendered once per build and placed in every page.
const (
	headerTemplate = "partials/header.html"
	footerTemplate = "partials/footer.html"
)

func listURLs(s *site.Site) []string {
	var out []string
	for _, g := range s.Lists {
		out = append(out, g.URL)
	}
	return out
}

// basePath is the path part of base_url without its trailing slash, so that
// a site published under https://example.gov.cn/zhinan/ links to
// /zhinan/guide/…; "" for a site at the root of its host.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || baseURL == "" {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// canonical is the absolute URL of a site-relative URL, from base_url; ""
// when the site has no base_url.
func canonical(baseURL, rel string) string {
	if baseURL == "" {
		return ""
	}
	return strings.TrimSuffix(baseURL, "/") + "/" + strings.TrimPrefix(rel, "/")
}

// worker holds the buffers one goroutine reuses from page to page.
type worker struct {
	page bytes.Buffer  // template output
	md   bytes.Buffer  // Markdown output
	mdw  *bufio.Writer // writes into md
	out  bytes.Buffer  // minified output
}

func newWorker() *worker {
	w := &worker{}
	w.mdw = bufio.NewWriterSize(&w.md, 16<<10)
	w.page.Grow(64 << 10)
	w.out.Grow(32 << 10)
	return w
}

// pass holds what one Render computed once for many pages. Both maps may
// be empty (Renderer.Page); what is missing is computed on the spot.
type pass struct {
	// items are the list lines of the site's guides.
	items map[*site.Page]*GuideItem
	// bodies are the rendered sections of every distinct Markdown body.
	bodies map[string]*Sections
}

// run renders one job: its view (guide or group), then the template. The
// returned slice is w's buffer: valid until w renders its next page.
func (r *Renderer) run(p *prepared, w *worker, j job, shared *pass) ([]byte, error) {
	d := p.frame(j)
	switch {
	case j.guide != nil:
		body := func() (Sections, error) {
			if sec, ok := shared.bodies[j.guide.Body]; ok {
				return *sec, nil
			}
			return r.sections(j.guide.Body, w) // w.md and w.out, not the page buffer
		}
		v := newGuideView(j.guide, body, d.Canonical, p.base, shared.items)
		v.StaleDays = site.StaleDays(j.guide.Updated, p.site.Today, p.site.Config.StaleAfterDays)
		v.Lifecycle = newLifecycleView(p.site, j.guide, p.base)
		if j.sheet {
			v.GuideURL = canonical(p.site.Config.BaseURL, j.guide.URL)
			if v.GuideURL != "" {
				qr, err := qrSVG(v.GuideURL, "二维码：扫码打开本事项的办事指南 "+v.GuideURL)
				if err != nil {
					return nil, err
				}
				v.QR = qr
			}
			if err := v.addEvaluateQR(); err != nil {
				return nil, err
			}
		} else {
			v.GuideURL = d.Canonical
			v.addJSONLD(d.Canonical)
			v.addFAQJSONLD()
		}
		d.Data = v
	case j.group != nil:
		v := newGroupView(j.group, p.base, shared.items)
		p.addGroupContext(v)
		d.Data = v
	}
	w.page.Reset()
	if err := p.execute(j.tmpl, &w.page, &d); err != nil {
		return nil, err
	}
	return w.page.Bytes(), nil
}

// frame is the page data of job j but its own view (PageData.Data): the
// frame every page shares, with the job's title, crumbs and URLs.
func (p *prepared) frame(j job) PageData {
	d := j.pageData(p.site)
	d.Site = p.site
	d.Lang = p.site.Config.Language
	if d.Lang == "" {
		d.Lang = "zh-CN"
	}
	if d.Canonical == "" && j.canonical {
		d.Canonical = canonical(p.site.Config.BaseURL, d.URL)
	}
	d.CSS, d.Footer = p.css, p.footer
	if h, ok := p.headers[d.URL]; ok {
		d.Header = h
	} else {
		d.Header = p.headers[""]
	}
	if p.base != "" && len(d.Crumbs) > 0 {
		crumbs := make([]Crumb, len(d.Crumbs))
		for i, c := range d.Crumbs {
			if c.URL != "" {
				c.URL = p.base + c.URL
			}
			crumbs[i] = c
		}
		d.Crumbs = crumbs
	}
	return d
}

// sections renders a guide's body into its sections, minified.
func (r *Renderer) sections(src string, w *worker) (Sections, error) {
	b, err := renderBody(r.md, src, &w.md, w.mdw)
	if err != nil || !r.minified {
		return b, err
	}
	for _, h := range []*template.HTML{&b.Conditions, &b.FAQ, &b.Other} {
		if *h, err = r.minifyFragment(*h, &w.out); err != nil {
			return b, err
		}
	}
	return b, nil
}

// addGroupContext adds what config says around a department or region:
// its place in the region hierarchy, a department's address and phone.
func (p *prepared) addGroupContext(v *GroupView) {
	cfg := &p.site.Config
	link := func(groups map[string]*site.Group, name string) *Link {
		if g, ok := groups[name]; ok {
			return &Link{Name: g.Name, URL: p.base + g.URL}
		}
		return nil
	}
	switch v.Kind {
	case "region":
		if r, ok := cfg.RegionByName(v.Name); ok && r.Parent != "" {
			v.Parent = link(p.regions, r.Parent)
		}
		for _, r := range cfg.Regions {
			if r.Parent == v.Name {
				if l := link(p.regions, r.Name); l != nil {
					v.Children = append(v.Children, *l)
				}
			}
		}
	case "department":
		if d, ok := cfg.DepartmentByName(v.Name); ok {
			v.Address, v.Phone = d.Address, d.Phone
			v.Region = link(p.regions, d.Region)
		}
	}
}

// newGroupView lists a group's guides with their pre-rendered lines, by
// title in pinyin order (ties by code), as the page says.
func newGroupView(g *site.Group, base string, items map[*site.Page]*GuideItem) *GroupView {
	v := groupView(g, base, items)
	size := 0
	for _, it := range v.Items {
		size += len(it.HTML)
	}
	var b strings.Builder
	b.Grow(size)
	for _, it := range v.Items {
		b.WriteString(string(it.HTML))
	}
	v.ItemsHTML = template.HTML(b.String())
	return v
}

// groupView is newGroupView without the lines' HTML (ItemsHTML).
func groupView(g *site.Group, base string, items map[*site.Page]*GuideItem) *GroupView {
	v := &GroupView{Group: g, Kind: g.Kind, Name: g.Name, Slug: g.Slug, URL: base + g.URL, Count: len(g.Guides)}
	v.Items = make([]*GuideItem, len(g.Guides))
	for i, p := range g.Guides {
		it, ok := items[p]
		if !ok {
			it = newGuideItem(p, base)
		}
		v.Items[i] = it
	}
	// Codes are unique, so the order is total and any sort gives it; a
	// group's page and its key (ListPageKeys) both sort, which with
	// sort.SliceStable's reflection was 4.9 s of CPU at 1,000,000 guides.
	slices.SortFunc(v.Items, func(a, b *GuideItem) int {
		if c := strings.Compare(a.sortKey, b.sortKey); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return v
}
