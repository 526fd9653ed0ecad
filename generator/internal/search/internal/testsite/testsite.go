// Package testsite loads a site folder for the search packages' tests and
// benchmarks through the build's own first half (load, validate.Decode,
// resolve), without package build, which imports search.
package testsite

import (
	"os"
	"testing"
	"time"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// Load reads, decodes and resolves the site folder dir as a build does
// (drafts left out, inheritance and bundles resolved, cancelled items kept
// for their pages but not listed), failing the test on any error.
func Load(t testing.TB, dir string) *site.Site {
	t.Helper()
	fsys := os.DirFS(dir)
	cfg, diags := load.Config(fsys)
	files, ds := load.ContentFiles(fsys)
	diags = append(diags, ds...)
	var guides []*site.Guide
	for _, f := range files {
		doc, ds := load.ReadDocument(fsys, f)
		diags = append(diags, ds...)
		if doc == nil {
			continue
		}
		g, ds := validate.Decode(doc)
		diags = append(diags, ds...)
		guides = append(guides, g)
	}
	resolved, ds := resolve.Inherit(guides)
	diags = append(diags, ds...)
	for _, d := range diags {
		if d.Severity == site.Error {
			t.Fatalf("%v", d)
		}
	}
	return resolve.BuildOn(cfg, resolved, nil, time.Time{})
}

// Guides reads, decodes and resolves the site folder dir as Load does,
// and returns its configuration and resolved guides, from which tests
// make variants of the site (resolve.BuildOn).
func Guides(t testing.TB, dir string) (site.Config, []*site.Guide) {
	t.Helper()
	s := Load(t, dir)
	var guides []*site.Guide
	for _, p := range s.Guides {
		guides = append(guides, p.Guide)
	}
	for _, b := range s.Bundles {
		guides = append(guides, b.Guide)
	}
	return s.Config, guides
}
