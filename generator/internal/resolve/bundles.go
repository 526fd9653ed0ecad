package resolve

import (
	"sort"

	"zhinan/generator/internal/site"
)

// bundleURL is the URL of a bundle's page: /thing/<code>/.
func bundleURL(code string) string { return "/thing/" + code + "/" }

// buildBundles makes the bundle pages of the published bundles among
// guides (drafts are left out), sorted by code, from the site's published
// guides (s.ByCode): each with its members in `items` order, its one set
// of materials and the figures A and B; and it sets every member page's
// Bundles. Member pages' Bundles are reset first, so that Patch can call
// it on copied pages.
func buildBundles(s *site.Site, guides []*site.Guide) []*site.BundlePage {
	for _, p := range s.Guides {
		p.Bundles = nil
	}
	var out []*site.BundlePage
	for _, g := range guides {
		if g == nil || g.Draft || !g.IsBundle() {
			continue
		}
		out = append(out, newBundlePage(s, g))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	for _, b := range out {
		for _, m := range b.Members {
			if n := len(m.Bundles); n == 0 || m.Bundles[n-1] != b {
				m.Bundles = append(m.Bundles, b)
			}
		}
	}
	return out
}

// newBundlePage resolves one bundle against the site's published guides.
func newBundlePage(s *site.Site, g *site.Guide) *site.BundlePage {
	b := &site.BundlePage{Guide: g, URL: bundleURL(g.Code)}
	members := make([]*site.Guide, 0, len(g.Items))
	seen := make(map[string]bool, len(g.Items))
	for _, code := range g.Items {
		p, ok := s.ByCode[code]
		if !ok || seen[code] {
			continue
		}
		seen[code] = true
		b.Members = append(b.Members, p)
		members = append(members, p.Guide)
		b.SubmittedBefore += site.SubmittedCount(p.Materials)
	}
	if len(g.Materials) > 0 {
		b.Materials = site.AgreedBundleMaterials(g.Materials, members)
	} else {
		b.Materials = site.DeriveBundleMaterials(members)
	}
	for _, m := range b.Materials {
		if !m.Shared {
			b.SubmittedAfter++
		}
	}
	return b
}
