package audit

import (
	"io"
	"time"

	"zhinan/generator/internal/site"
)

// Check is what `generator check` reports: the diagnostics, its own
// findings included, the completeness scores of the published guides and,
// with the national profile, their national shares (nil without it).
type Check struct {
	Diagnostics []site.Diagnostic
	Scores      []Score
	National    []NationalScore
}

// RunCheck adds check's own findings to ds, the diagnostics of a site
// checked up to resolving, when ds has no errors: completeness and
// freshness of every guide, drafts included, and with national the
// national elements too; and it scores the published guides. s is the
// site (nil when ds has errors), guides every guide incl. drafts.
func RunCheck(ds []site.Diagnostic, guides []*site.Guide, s *site.Site, day time.Time, national bool) Check {
	if site.CountErrors(ds, false) > 0 {
		return Check{Diagnostics: ds}
	}
	// Findings cover drafts too (a guide fresh from `new` shows what is
	// left to fill in); scores count published guides only. A cancelled
	// item is no longer to be completed: it has neither.
	var audited, published []*site.Guide
	for _, g := range guides {
		if g.Cancelled() {
			continue
		}
		audited = append(audited, g)
		if !g.Draft {
			published = append(published, g)
		}
	}
	ds = append(ds, Findings(audited, s.Config, day)...)
	var nationalScores []NationalScore
	if national {
		ds = append(ds, NationalFindings(audited)...)
		nationalScores = NationalScores(published)
	}
	site.SortDiagnostics(ds)
	return Check{Diagnostics: ds, Scores: Scores(published, s.Config, day), National: nationalScores}
}

// Write writes the report in format: "json" (with the national shares
// when there are some), "github" (annotations), or text with, when
// scores, the completeness scores and national shares.
func (c Check) Write(w io.Writer, format string, scores bool) error {
	switch format {
	case "json":
		report := NewReport(c.Diagnostics, c.Scores)
		report.National = c.National
		return WriteReport(w, report)
	case "github":
		return WriteGitHub(w, c.Diagnostics)
	}
	err := WriteText(w, c.Diagnostics)
	if err == nil && scores {
		err = WriteScoresText(w, c.Scores)
	}
	if err == nil && scores && c.National != nil {
		err = WriteNationalText(w, c.National)
	}
	return err
}
