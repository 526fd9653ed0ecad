package render

import (
	"context"
	"strings"

	"zhinan/generator/internal/keyhash"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/site"
)

// ListLayout tells whether the layout file name (relative to layouts/) is
// one a browsing page is made from: base.html, list.html and every
// partial. ListPageKeys covers what the built-in layouts show; an
// incremental build reuses browsing pages only while the site overrides
// none of these.
func ListLayout(name string) bool {
	return name == "base.html" || name == "list.html" || strings.HasPrefix(name, "partials/")
}

// ListPageKeys returns, for the page of every department, region, topic
// and list (its output path), a hash of everything the built-in layouts
// show on it: its frame (title, description, crumbs, canonical link,
// header, footer, stylesheet), what config says around the group
// (address, phone, enclosing and enclosed regions) and, in page order,
// every field of every guide's line (GuideItem). Two builds of a site
// with the same key for a page give it the same bytes, provided the
// site-wide inputs are the same too: config, the binary and its built-in
// layouts, which the caller hashes beside (an incremental build's site
// key), and no site layout of the page (ListLayout).
//
// It renders nothing: at 100,000 guides it costs the lines' sorting and
// one hash of their fields, where rendering the lines and the pages was
// the larger part of an edit's rendering (#17).
func (r *Renderer) ListPageKeys(s *site.Site) (map[string]string, error) {
	p, err := r.prepare(s)
	if err != nil {
		return nil, err
	}
	if err := checkSegments(s); err != nil {
		return nil, err
	}
	items := p.guideItems()
	jobs := append(p.listJobs(), p.browseJobs()...)
	keys := make([]string, len(jobs))
	par.Each(context.Background(), len(jobs), par.Workers(1), func(i int) error {
		d := p.frame(jobs[i])
		v := groupView(jobs[i].group, p.base, items)
		p.addGroupContext(v)
		keys[i] = listPageKey(jobs[i], &d, v)
		return nil
	})
	out := make(map[string]string, len(jobs))
	for i, j := range jobs {
		out[j.path] = keys[i]
	}
	return out, nil
}

// listPageKey hashes the template, path, frame d and view v of a
// browsing page (ListPageKeys).
func listPageKey(j job, d *PageData, v *GroupView) string {
	k := keyhash.New()
	k.Str(j.tmpl, j.path, d.Lang, d.Title, d.URL, d.Canonical, d.Description, d.CSS, string(d.Header), string(d.Footer))
	k.Int(len(d.Crumbs))
	for _, c := range d.Crumbs {
		k.Str(c.Name, c.URL)
	}
	k.Str(v.Kind, v.Name, v.Slug, v.URL, v.Address, v.Phone)
	k.Int(v.Count)
	hashLink(k, v.Parent)
	hashLink(k, v.Region)
	k.Int(len(v.Children))
	for i := range v.Children {
		hashLink(k, &v.Children[i])
	}
	k.Int(len(v.Items))
	for _, it := range v.Items {
		k.Str(it.Code, it.Title, it.URL, it.Department, it.Region, it.Stars, it.StarWords, it.Visits, it.Reason)
		k.Bool(it.Negative, it.Suspended, it.Cancelled)
		k.Time(it.Updated, it.Published)
	}
	return k.Sum()
}

// hashLink hashes a link that may be missing.
func hashLink(k *keyhash.Hash, l *Link) {
	if l == nil {
		k.Int(-1)
		return
	}
	k.Str(l.Name, l.URL)
	k.Int(l.Count)
}
