// Package testsite loads a site folder for the search packages' tests and
// benchmarks, without the validate package.
package testsite

import (
	"os"
	"strings"
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// Load reads a site folder through the loader and resolver. The
// validate package (which turns documents into typed guides) is written
// concurrently, so this file decodes the keys search needs itself and
// applies `extends` the simple way (keys the guide does not set come from
// its base).
func Load(t testing.TB, dir string) *site.Site {
	t.Helper()
	fsys := os.DirFS(dir)
	cfg, diags := load.Config(fsys)
	for _, d := range diags {
		if d.Severity == site.Error {
			t.Fatalf("config: %v", d)
		}
	}
	files, diags := load.ContentFiles(fsys)
	var docs []*site.Document
	for _, f := range files {
		doc, ds := load.ReadDocument(fsys, f)
		diags = append(diags, ds...)
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	for _, d := range diags {
		if d.Severity == site.Error {
			t.Fatalf("content: %v", d)
		}
	}
	byCode := map[string]*site.Document{}
	for _, d := range docs {
		if c, ok := d.Front["code"].(string); ok {
			byCode[c] = d
		}
	}
	var guides []*site.Guide
	for _, d := range docs {
		chain := []*site.Document{d}
		for cur := d; ; {
			base, _ := cur.Front["extends"].(string)
			b := byCode[base]
			if b == nil || len(chain) > 8 {
				break
			}
			chain = append(chain, b)
			cur = b
		}
		g := &site.Guide{File: d.File}
		// apply from the farthest base to the guide itself
		for i := len(chain) - 1; i >= 0; i-- {
			decodeInto(g, chain[i], i == 0)
		}
		guides = append(guides, g)
	}
	return resolve.Build(cfg, guides, nil)
}

func str(v any) string { s, _ := v.(string); return s }

func strs(v any) []string {
	a, _ := v.([]any)
	var out []string
	for _, x := range a {
		out = append(out, str(x))
	}
	return out
}

func num(v any) int { n, _ := v.(int64); return int(n) }

func decodeInto(g *site.Guide, d *site.Document, own bool) {
	f := d.Front
	set := func(k string, fn func(v any)) {
		if v, ok := f[k]; ok {
			fn(v)
		}
	}
	set("code", func(v any) { g.Code = str(v) })
	set("title", func(v any) { g.Title = str(v) })
	set("department", func(v any) { g.Department = str(v) })
	set("region", func(v any) { g.Region = str(v) })
	set("type", func(v any) { g.Type = str(v) })
	set("audience", func(v any) { g.Audience = strs(v) })
	set("topics", func(v any) { g.Topics = strs(v) })
	set("keywords", func(v any) { g.Keywords = strs(v) })
	if own {
		g.Draft, _ = f["draft"].(bool)
		g.Extends = str(f["extends"])
	}
	set("service", func(v any) {
		m, _ := v.(map[string]any)
		g.Service.Star = num(m["star"])
		g.Service.Visits = num(m["visits"])
	})
	set("materials", func(v any) {
		g.Materials = nil
		switch a := v.(type) {
		case []map[string]any:
			for _, m := range a {
				g.Materials = append(g.Materials, site.Material{Name: str(m["name"])})
			}
		case []any:
			for _, x := range a {
				m, _ := x.(map[string]any)
				g.Materials = append(g.Materials, site.Material{Name: str(m["name"])})
			}
		}
	})
	if strings.TrimSpace(d.Body) != "" {
		g.Body = d.Body
	}
}
