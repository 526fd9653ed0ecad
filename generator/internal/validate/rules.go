package validate

import (
	"context"
	"fmt"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Guides runs the rules of guide-format.md on guides after inheritance (the
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

// appendGuide checks one guide and appends its diagnostics to ds.
func appendGuide(ds []site.Diagnostic, g *site.Guide, env *rules.Env) []site.Diagnostic {
	// A guide that extends a base but took nothing from it could not have
	// its extends resolved (rule 2 says so): the keys it meant to inherit
	// are not reported missing one by one.
	quietMissing := g.Extends != "" && !inheritsAnything(g)
	for _, f := range rules.CheckGuide(g, env) {
		if f.Missing && quietMissing {
			continue
		}
		if d, ok := place(g, f); ok {
			ds = append(ds, d)
		}
	}
	return ds
}

// place turns a finding about guide g into a diagnostic at the position of
// its first key path. When every one of its paths was inherited from the
// same other file, the guide in that file reports the same finding itself,
// so it is not repeated here (ok is false).
func place(g *site.Guide, f rules.Finding) (d site.Diagnostic, ok bool) {
	at := g.Pos(f.Path())
	msg := f.Message
	if at.File != g.File {
		inherited := true
		for _, p := range f.Paths[1:] {
			if g.Pos(p).File != at.File {
				inherited = false
			}
		}
		if inherited {
			return d, false
		}
		msg += fmt.Sprintf("（%s 继承了这里的值）", g.File)
	}
	return f.Rule.At(at.File, at.Line, msg), true
}

// inheritsAnything reports whether any value of g was written in another
// file, that is, whether its extends was resolved.
func inheritsAnything(g *site.Guide) bool {
	for _, f := range g.Positions.Files() {
		if f != g.File {
			return true
		}
	}
	return false
}

// dedupe drops repeated diagnostics from a sorted list.
func dedupe(ds []site.Diagnostic) []site.Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
