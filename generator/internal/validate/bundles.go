package validate

import (
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Bundles runs the part of rule 19 that looks across files
// (rules.CheckBundleMembers on every bundle (一件事) among guides,
// rules.CheckExtendsBundle on every guide), the
// resolved guides of the whole site (drafts included, as Check has them),
// and returns its diagnostics, sorted. It is one pass of map lookups over
// the site, so the build and the live preview both run it on the whole
// site after every check: no incremental bookkeeping can then go stale
// when a member guide changes, comes or goes.
func Bundles(guides []*site.Guide) []site.Diagnostic {
	found := false
	for _, g := range guides {
		if g.IsBundle() {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	byCode := make(map[string]*site.Guide, len(guides))
	for _, g := range guides {
		if _, dup := byCode[g.Code]; !dup && g.Code != "" {
			byCode[g.Code] = g
		}
	}
	var ds []site.Diagnostic
	for _, g := range guides {
		findings := rules.CheckExtendsBundle(g, byCode)
		if g.IsBundle() {
			findings = rules.CheckBundleMembers(g, byCode)
		}
		for _, f := range findings {
			if d, ok := place(g, f); ok {
				ds = append(ds, d)
			}
		}
	}
	site.SortDiagnostics(ds)
	return ds
}
