package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"zhinan/generator/internal/audit"
	"zhinan/generator/internal/build"
	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/hostlimit"
	"zhinan/generator/internal/memlimit"
	"zhinan/generator/internal/site"
)

// runCheck is `generator check`: the build's first half and check's own
// findings, reported in --format; 1 on errors (with --strict, warnings).
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs, source, format, day := reportFlags("check", "check [--source 目录] [--format text|json|github] [--strict] [--scores] [--profile national] [--host cloudflare|github|gitlab [--dest 目录]] [--today YYYY-MM-DD]",
		"输出格式：text（终端）、json（看板）、github（GitHub Actions 注释）", []string{"text", "json", "github"}, stderr)
	strict := fs.Bool("strict", false, "有警告也以 1 退出")
	scores := fs.Bool("scores", false, "text 格式下另列每份指南的一次性告知完整度得分")
	profile := fs.String("profile", "", "另查一套要素：national 列出每份指南还缺哪些国家事项要素（GB/T 39046），json 格式另给每份指南的百分比")
	host := fs.String("host", "", "另查托管平台的限制：cloudflare、github 或 gitlab（检查 --dest 里已生成的网站）")
	dest := fs.String("dest", "", "--host 检查的输出目录（默认：站点目录下的 public/）")
	code := fs.ParseCheck(args, func() error {
		if err := fs.NoArgs(); err != nil {
			return err
		}
		return cli.UsageUnless((*profile == "" || *profile == profileNational) && (*host == "" || slices.Contains(hostlimit.Names(), *host)))
	})
	if code >= 0 {
		return code
	}
	defer memlimit.ForBuild(*source)() // the same first half as build, the same policy
	c, err := build.CheckOn(context.Background(), *source, false, *day, nil, nil)
	if err != nil && !errors.Is(err, build.ErrContent) {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	report := audit.RunCheck(c.Diagnostics, c.Guides, c.Site, *day, *profile == profileNational)
	if *host != "" {
		hd, err := hostlimit.Check(cmp.Or(*dest, filepath.Join(*source, "public")), *host)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		report.Diagnostics = append(report.Diagnostics, hd...)
	}
	if err := report.Write(stdout, *format, *scores); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if site.CountErrors(report.Diagnostics, *strict) > 0 {
		return exitContent
	}
	return exitOK
}

// profileNational is the value of `check --profile` that adds the national
// elements (GB/T 39046) a guide lacks.
const profileNational = "national"
