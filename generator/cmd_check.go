package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"zhinan/generator/internal/build"

	"zhinan/generator/internal/audit"
	"zhinan/generator/internal/site"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [--source 目录] [--format text|json|github] [--strict] [--scores] [--today YYYY-MM-DD]", stderr)
	source := fs.String("source", ".", "站点目录")
	format := fs.String("format", "text", "输出格式：text（终端）、json（看板）、github（GitHub Actions 注释）")
	strict := fs.Bool("strict", false, "有警告也以 1 退出")
	scores := fs.Bool("scores", false, "text 格式下另列每份指南的一次性告知完整度得分")
	today := todayFlag(fs)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json" && *format != "github") {
		fs.Usage()
		return exitUsage
	}
	day, code := buildDay(*today, stderr)
	if code >= 0 {
		return code
	}

	if code := checkSource(*source, stderr); code >= 0 {
		return code
	}
	defer setBuildMemoryPolicy(*source)() // the same first half as build, the same policy
	c, err := build.CheckOn(context.Background(), *source, false, day, nil, nil)
	if err != nil && !errors.Is(err, build.ErrContent) {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	ds := c.Diagnostics
	var guideScores []audit.Score
	if site.CountErrors(ds, false) == 0 {
		// Findings cover drafts too (a guide fresh from `new` shows
		// what is left to fill in); scores count published guides only.
		// A cancelled item is no longer to be completed: it has neither.
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
		site.SortDiagnostics(ds)
		guideScores = audit.Scores(published, c.Site.Config, day)
	}

	switch *format {
	case "json":
		err = audit.WriteReportJSON(stdout, ds, guideScores)
	case "github":
		err = audit.WriteGitHub(stdout, ds)
	default:
		err = audit.WriteText(stdout, ds)
		if err == nil && *scores {
			err = audit.WriteScoresText(stdout, guideScores)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if site.CountErrors(ds, *strict) > 0 {
		return exitContent
	}
	return exitOK
}
