package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/memlimit"
	"zhinan/generator/internal/stats"
)

// runStats is `generator stats`: the reform figures of a site without
// errors, in --format; with --fail-under 1 when a target is missed.
func runStats(args []string, stdout, stderr io.Writer) int {
	fs, source, format, day := reportFlags("stats", "stats [--source 目录] [--format text|json|csv] [--fail-under] [--today YYYY-MM-DD]",
		"输出格式：text、json 或 csv", []string{"text", "json", "csv"}, stderr)
	failUnder := fs.Bool("fail-under", false, "全站未达到 config.toml 中 [targets] 的任一目标时以 1 退出（用于 CI）")
	if code := fs.ParseCheck(args, fs.NoArgs); code >= 0 {
		return code
	}
	defer memlimit.ForBuild(*source)() // the same first half as build, the same policy
	c, code := checkSite(*source, *day, "无法计算改革数据", stderr)
	if code >= 0 {
		return code
	}
	report := stats.Compute(c.Site)
	if err := stats.Write(stdout, *format, report); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if *failUnder && report.MissesTargets() {
		fmt.Fprintln(stderr, "全站未达到改革目标（见上）。")
		return exitContent
	}
	return exitOK
}

// checkSite checks the site in source on day for a command that reports
// on a site without errors (stats, export). On errors it prints them and
// that the content is wrong, so the command could not do what (无法计算改革数据);
// it returns the checked site, or the exit code to stop with (else -1).
func checkSite(source string, day time.Time, what string, stderr io.Writer) (*build.Checked, int) {
	c, err := build.CheckOn(context.Background(), source, false, day, nil, nil)
	if err == nil {
		return c, -1
	}
	if c != nil {
		printDiagnostics(stderr, c.Diagnostics)
	}
	if errors.Is(err, build.ErrContent) {
		fmt.Fprintf(stderr, "内容有误，%s；请先修正上面的错误。\n", what)
		return nil, exitContent
	}
	fmt.Fprintln(stderr, err)
	return nil, exitFailure
}
