package audit

import (
	"fmt"
	"sort"
	"time"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Freshness returns a gap when the guide's `updated` date is more than
// staleAfterDays days before today (both taken as calendar dates), nil
// otherwise. A guide without `updated` is not judged here: the validator
// warns about it. staleAfterDays ≤ 0 means 365.
func Freshness(g *site.Guide, staleAfterDays int, today time.Time) *Gap {
	days := site.StaleDays(g.Updated, today, staleAfterDays)
	if days == 0 {
		return nil
	}
	if staleAfterDays <= 0 {
		staleAfterDays = site.DefaultStaleAfterDays
	}
	return &Gap{
		Path: "updated",
		Rule: rules.FStale.ID,
		Message: fmt.Sprintf("指南已 %d 天未更新（updated = %s，超过 %d 天）：请核对内容是否仍然准确，核对后更新 updated。",
			days, g.Updated.Format("2006-01-02"), staleAfterDays),
	}
}

// Findings runs Completeness and Freshness on every guide and returns their
// gaps as warnings, at the position of the value concerned (which, after
// inheritance, may be in the base guide's file), sorted by file and line.
// Gaps of the validator's rules (W-time …), which it reports itself during
// build and check alike, are left out: only rules of stage rules.Audit are
// reported here. A
// gap found at the same place for several guides (a base and the local
// guides inheriting its materials) is reported once.
func Findings(guides []*site.Guide, cfg site.Config, today time.Time) []site.Diagnostic {
	e := newEmitter()
	for _, g := range guides {
		if !g.IsBundle() { // completeness is a guide's: a bundle has no basis, steps …
			_, gaps := Completeness(g)
			for _, gp := range gaps {
				e.emit(g, gp)
			}
		}
		if gp := Freshness(g, cfg.StaleAfterDays, today); gp != nil {
			e.emit(g, *gp)
		}
	}
	site.SortDiagnostics(e.ds)
	return e.ds
}

// emitter turns gaps into warnings of rules of stage rules.Audit, at the
// position of the gap's path, each diagnostic once.
type emitter struct {
	ds   []site.Diagnostic
	seen map[site.Diagnostic]bool
}

func newEmitter() *emitter { return &emitter{seen: map[site.Diagnostic]bool{}} }

// emit adds the gap gp of guide g, unless its rule is not one of stage
// rules.Audit (the validator reports those) or it was added already.
func (e *emitter) emit(g *site.Guide, gp Gap) {
	r := rules.ByID(gp.Rule)
	if r.Stage != rules.Audit {
		return
	}
	pos := g.Pos(gp.Path)
	d := r.At(pos.File, pos.Line, gp.Message)
	if !e.seen[d] {
		e.seen[d] = true
		e.ds = append(e.ds, d)
	}
}

// Score is one guide's completeness, for the per-guide summary.
type Score struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	File  string `json:"file"`
	// Score is 0–100 (see Completeness).
	Score int `json:"score"`
	// Gaps counts what a citizen would still have to ask.
	Gaps int `json:"gaps"`
	// Stale is true when `updated` is older than stale_after_days.
	Stale bool `json:"stale"`
}

// Scores returns the completeness of every guide, lowest score first (then
// by code), so the guides most in need of work head the list.
func Scores(guides []*site.Guide, cfg site.Config, today time.Time) []Score {
	out := make([]Score, 0, len(guides))
	for _, g := range guides {
		if g.IsBundle() {
			continue // completeness is a guide's
		}
		score, gaps := Completeness(g)
		out = append(out, Score{
			Code: g.Code, Title: g.Title, File: g.File, Score: score, Gaps: len(gaps),
			Stale: Freshness(g, cfg.StaleAfterDays, today) != nil,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score < out[j].Score
		}
		return out[i].Code < out[j].Code
	})
	return out
}
