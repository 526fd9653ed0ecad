package validate

import (
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Checker runs the rules of Guides on one guide at a time, for the live
// preview: after a save it checks again only the guides whose resolved
// values can have changed, and keeps every other guide's findings.
//
// Guides(cfg, all, staticExists) equals the findings of Check over every
// guide, joined, sorted with site.SortDiagnostics and with repeats dropped
// (TestCheckerEqualsGuides): the rules of Guides look at one guide only.
type Checker struct {
	env *rules.Env
}

// NewChecker prepares the checks of Guides for cfg (which may be nil) and
// staticExists (which may be nil), once for many guides.
func NewChecker(cfg *site.Config, staticExists func(path string) bool) *Checker {
	return &Checker{env: rules.NewEnv(cfg, staticExists)}
}

// Check returns what Guides reports about g (after inheritance), sorted,
// without repeats. It is safe to call from several goroutines at once.
func (c *Checker) Check(g *site.Guide) []site.Diagnostic {
	ds := appendGuide(nil, g, c.env)
	site.SortDiagnostics(ds)
	return dedupe(ds)
}
