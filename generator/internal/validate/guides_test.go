package validate

import (
	"context"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Guides is the reference the build's Checker is tested against
// (TestCheckerEqualsGuides), and the way this package's tests check a set
// of guides. It runs the rules of guide-format.md on guides after inheritance (the
// output of resolve.Inherit), drafts included: every rule of package rules
// that judges one guide (R1's required keys, R3–R11, R13 and the W-…
// warnings; see rules.CheckGuide). cfg may be nil (no departments or
// regions declared); staticExists tells whether a path under static/
// exists ("forms/x.docx"), is called from several goroutines at once, and
// may be nil to skip rule 9.
//
// Each diagnostic is at the line of the value the editor must change, which
// for an inherited value is in the base guide's file. A problem that lies
// wholly in values inherited from one base file is reported once, by the
// base itself, not again for every guide that inherits it. The result is
// sorted with site.SortDiagnostics.
func Guides(cfg *site.Config, guides []*site.Guide, staticExists func(path string) bool) []site.Diagnostic {
	env := rules.NewEnv(cfg, staticExists)
	// The guides are independent: each goes into its own slot, and the
	// findings are merged in input order and sorted. Below 256 guides a
	// goroutine more costs more than it saves.
	workers := max(1, min(par.Workers(1), len(guides)/256))
	found := make([][]site.Diagnostic, len(guides))
	par.Each(context.Background(), len(guides), workers, func(i int) error {
		found[i] = appendGuide(nil, guides[i], env)
		return nil
	})
	var all []site.Diagnostic
	for _, ds := range found {
		all = append(all, ds...)
	}
	site.SortDiagnostics(all)
	return dedupe(all)
}
