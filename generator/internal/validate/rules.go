package validate

import (
	"fmt"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

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
	if f.Warn {
		return f.Rule.WarnAt(at.File, at.Line, msg), true
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
