package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
	"zhinan/generator/internal/build"

	"zhinan/generator/internal/audit"
	"zhinan/generator/internal/site"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newCmdFlags("check", "check [--source 目录] [--format text|json|github] [--strict] [--scores]", stderr)
	source := fs.sourceFlag("站点目录")
	format := fs.formatFlag("输出格式：text（终端）、json（看板）、github（GitHub Actions 注释）", "text", "json", "github")
	strict := fs.Bool("strict", false, "有警告也以 1 退出")
	scores := fs.Bool("scores", false, "text 格式下另列每份指南的一次性告知完整度得分")
	today := fs.String("today", "", "按这一天判断时效（YYYY-MM-DD，默认今天；便于复现）")
	day := time.Now()
	code := fs.parse(args, func() error {
		if err := fs.noArgs(); err != nil || *today == "" {
			return err
		}
		t, err := time.Parse("2006-01-02", *today)
		if err != nil {
			return fmt.Errorf("--today 应为 YYYY-MM-DD：%v", err)
		}
		day = t
		return nil
	})
	if code >= 0 {
		return code
	}
	defer setBuildMemoryPolicy(*source)() // the same first half as build, the same policy
	c, err := build.Check(context.Background(), *source, false, nil, nil)
	if err != nil && !errors.Is(err, build.ErrContent) {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	ds := c.Diagnostics
	var guideScores []audit.Score
	if site.CountErrors(ds, false) == 0 {
		// Findings cover drafts too (a guide fresh from `new` shows
		// what is left to fill in); scores count published guides only.
		published := make([]*site.Guide, 0, len(c.Guides))
		for _, g := range c.Guides {
			if !g.Draft {
				published = append(published, g)
			}
		}
		ds = append(ds, audit.Findings(c.Guides, c.Site.Config, day)...)
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
