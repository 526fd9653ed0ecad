// Package render turns a resolved site into HTML pages held in memory:
// goldmark for Markdown bodies, html/template for pages, tdewolff/minify
// for the output. It writes nothing to disk and knows nothing of search.
//
// Templates come from the repository's layouts/ folder, compiled into the
// binary; a site's own layouts/ folder overrides them file by file. Every
// page template defines "main" (and optionally "head") and is executed
// inside the frame base.html; files under partials/ are shared by every
// page; files that are not .html (site.css) are published minified under
// assets/.
//
// Rendering is parallel (one worker per GOMAXPROCS, each filling its own
// slots) and deterministic: the same site gives byte-identical files.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/yuin/goldmark"

	"zhinan/generator/internal/site"
)

// Renderer renders sites with one set of compiled templates. It is safe
// for concurrent use; create it once with New and reuse it across builds
// (the serve command rebuilds many times).
type Renderer struct {
	sets   map[string]*template.Template // page template name → pristine set
	assets []asset
	md     goldmark.Markdown
	min    *minify.M
	// minifyOutput is true except in tests that want readable golden files.
	minifyOutput bool

	mu       sync.Mutex
	prepared *prepared // templates bound to the last site rendered
}

// prepared is the template sets cloned and bound to one site's base URL.
type prepared struct {
	site *site.Site
	base string // path prefix from base_url, without trailing slash: "" or "/zhinan"
	sets map[string]*template.Template
}

// New compiles the default templates overlaid with siteLayouts (the site's
// own layouts/ folder, or nil for none). A template with a syntax error
// gives an error naming the file and, when html/template knows it, the
// line.
func New(siteLayouts fs.FS) (*Renderer, error) {
	r := &Renderer{md: newMarkdown(), min: newMinifier(), minifyOutput: true}
	files, err := mergeLayouts(siteLayouts)
	if err != nil {
		return nil, err
	}
	sets, assets, err := parseLayouts(files, funcMap("", nil), r.minifyAsset)
	if err != nil {
		return nil, err
	}
	r.sets, r.assets = sets, assets
	return r, nil
}

// Render renders every page of the site: home, one page per guide, per
// department, region and topic, the three lists, 404, the search page,
// and the layout assets (assets/site.css). Files come back in a fixed
// order (home, lists, guides by code, departments, regions, topics, 404,
// search, assets). The first error, in that order, is returned with the
// path of the page it broke.
func (r *Renderer) Render(s *site.Site) ([]site.File, error) {
	p, err := r.prepare(s)
	if err != nil {
		return nil, err
	}
	jobs, err := r.jobs(p)
	if err != nil {
		return nil, err
	}
	files := make([]site.File, len(jobs)+len(r.assets))
	errs := make([]error, len(jobs))

	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				data, err := r.run(p, w, jobs[i])
				if err != nil {
					errs[i] = fmt.Errorf("生成页面 %s 失败：%w", jobs[i].path, err)
					continue
				}
				files[i] = site.File{Path: jobs[i].path, Data: data}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for i, a := range r.assets {
		files[len(jobs)+i] = site.File{Path: "assets/" + a.name, Data: append([]byte(nil), a.data...)}
	}
	return files, nil
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
	j := job{path: path, tmpl: tmpl, canonical: true, data: PageData{
		Title:  title,
		URL:    u,
		Crumbs: []Crumb{{Name: "首页", URL: "/"}, {Name: title}},
		Data:   data,
	}}
	b, err := r.run(p, newWorker(), j)
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
	r.prepared = &prepared{site: s, base: base, sets: sets}
	return r.prepared, nil
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
	page bytes.Buffer // template output
	md   bytes.Buffer // Markdown output
	out  bytes.Buffer // minified output
}

func newWorker() *worker {
	w := &worker{}
	w.page.Grow(64 << 10)
	w.out.Grow(32 << 10)
	return w
}

// run renders one job: its guide view if it is a guide page, the template,
// then the minifier. The returned slice is the page's own.
func (r *Renderer) run(p *prepared, w *worker, j job) ([]byte, error) {
	d := j.data
	d.Site = p.site
	d.Lang = p.site.Config.Language
	if d.Lang == "" {
		d.Lang = "zh-CN"
	}
	if d.Canonical == "" && j.canonical {
		d.Canonical = canonical(p.site.Config.BaseURL, d.URL)
	}
	if j.guide != nil {
		b, err := renderBody(r.md, j.guide.Body, &w.md)
		if err != nil {
			return nil, err
		}
		d.Data = newGuideView(j.guide, b, d.Canonical, func(path string) string {
			return staticURL(p.base, path)
		})
	}
	w.page.Reset()
	if err := p.sets[j.tmpl].ExecuteTemplate(&w.page, baseTemplate, &d); err != nil {
		return nil, err
	}
	if !r.minifyOutput {
		return bytes.Clone(w.page.Bytes()), nil
	}
	w.out.Reset()
	if err := r.min.Minify("text/html", &w.out, bytes.NewReader(w.page.Bytes())); err != nil {
		return nil, err
	}
	return bytes.Clone(w.out.Bytes()), nil
}
