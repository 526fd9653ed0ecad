package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"
	"zhinan/generator/internal/build"
	"zhinan/generator/internal/hostlimit"

	"zhinan/generator/internal/audit"
	"zhinan/generator/internal/site"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newCmdFlags("check", "check [--source 目录] [--format text|json|github] [--strict] [--scores] [--profile national] [--host cloudflare|github|gitlab [--dest 目录]] [--today YYYY-MM-DD]", stderr)
	source := fs.sourceFlag("站点目录")
	format := fs.formatFlag("输出格式：text（终端）、json（看板）、github（GitHub Actions 注释）", "text", "json", "github")
	strict := fs.Bool("strict", false, "有警告也以 1 退出")
	scores := fs.Bool("scores", false, "text 格式下另列每份指南的一次性告知完整度得分")
	day := fs.todayFlag()
	host := fs.String("host", "", "另查托管平台的限制：cloudflare、github 或 gitlab（检查 --dest 里已生成的网站）")
	dest := fs.String("dest", "", "--host 检查的输出目录（默认：站点目录下的 public/）")
	profile := fs.String("profile", "", "另查一套要素：national 列出每份指南还缺哪些国家事项要素（GB/T 39046），json 格式另给每份指南的百分比")
	code := fs.parse(args, func() error {
		if err := fs.noArgs(); err != nil {
			return err
		}
		return usageUnless((*profile == "" || *profile == profileNational) && (*host == "" || slices.Contains(hostlimit.Names(), *host)))
	})
	if code >= 0 {
		return code
	}
	defer setBuildMemoryPolicy(*source)() // the same first half as build, the same policy
	c, err := build.CheckOn(context.Background(), *source, false, *day, nil, nil)
	if err != nil && !errors.Is(err, build.ErrContent) {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	ds, guideScores, national := auditGuides(c, *day, *profile == profileNational)
	if *host != "" {
		hd, err := hostlimit.Check(cmp.Or(*dest, filepath.Join(*source, "public")), *host)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		ds = append(ds, hd...)
	}

	if err := writeCheckReport(stdout, *format, *scores, ds, guideScores, national); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if site.CountErrors(ds, *strict) > 0 {
		return exitContent
	}
	return exitOK
}

// profileNational is the value of `check --profile` that adds the national
// elements (GB/T 39046) a guide lacks.
const profileNational = "national"

// auditGuides adds check's own findings to the diagnostics of c when it
// has no errors: completeness and freshness of every guide, drafts
// included, and with national the national elements too; and it scores
// the published guides (national scores are nil without national).
func auditGuides(c *build.Checked, day time.Time, national bool) ([]site.Diagnostic, []audit.Score, []audit.NationalScore) {
	ds := c.Diagnostics
	if site.CountErrors(ds, false) > 0 {
		return ds, nil, nil
	}
	// Findings cover drafts too (a guide fresh from `new` shows what is
	// left to fill in); scores count published guides only. A cancelled
	// item is no longer to be completed: it has neither.
	var audited, published []*site.Guide
	for _, g := range c.Guides {
		if g.Cancelled() {
			continue
		}
		audited = append(audited, g)
		if !g.Draft {
			published = append(published, g)
		}
	}
	ds = append(ds, audit.Findings(audited, c.Site.Config, day)...)
	var nationalScores []audit.NationalScore
	if national {
		ds = append(ds, audit.NationalFindings(audited)...)
		nationalScores = audit.NationalScores(published)
	}
	site.SortDiagnostics(ds)
	return ds, audit.Scores(published, c.Site.Config, day), nationalScores
}

// writeCheckReport writes check's report in format: the JSON report (with
// the national shares when asked for), GitHub annotations, or text with,
// on --scores, the completeness scores and national shares.
func writeCheckReport(w io.Writer, format string, scores bool, ds []site.Diagnostic, guideScores []audit.Score, national []audit.NationalScore) error {
	switch format {
	case "json":
		report := audit.NewReport(ds, guideScores)
		report.National = national
		return audit.WriteReport(w, report)
	case "github":
		return audit.WriteGitHub(w, ds)
	}
	err := audit.WriteText(w, ds)
	if err == nil && scores {
		err = audit.WriteScoresText(w, guideScores)
	}
	if err == nil && scores && national != nil {
		err = audit.WriteNationalText(w, national)
	}
	return err
}
