package validate

import "zhinan/generator/internal/site"

// Checker runs the rules of Guides on one guide at a time, for the live
// preview: after a save it checks again only the guides whose resolved
// values can have changed, and keeps every other guide's findings.
//
// Guides(cfg, all, staticExists) equals the findings of Check over every
// guide, joined, sorted with site.SortDiagnostics and with repeats dropped
// (TestCheckerEqualsGuides): the rules of Guides look at one guide only.
type Checker struct {
	staticExists func(string) bool
	regions      map[string]bool
	departments  map[string]bool
}

// NewChecker prepares the checks of Guides for cfg (which may be nil) and
// staticExists (which may be nil), once for many guides.
func NewChecker(cfg *site.Config, staticExists func(path string) bool) *Checker {
	c := &Checker{staticExists: staticExists}
	if cfg != nil {
		c.regions = make(map[string]bool, len(cfg.Regions))
		for _, r := range cfg.Regions {
			c.regions[r.Name] = true
		}
		c.departments = make(map[string]bool, len(cfg.Departments))
		for _, d := range cfg.Departments {
			c.departments[d.Name] = true
		}
	}
	return c
}

// Check returns what Guides reports about g (after inheritance), sorted,
// without repeats. It is safe to call from several goroutines at once.
func (c *Checker) Check(g *site.Guide) []site.Diagnostic {
	one := &checker{staticExists: c.staticExists, regions: c.regions, departments: c.departments}
	one.guide(g)
	site.SortDiagnostics(one.diags)
	return dedupe(one.diags)
}
