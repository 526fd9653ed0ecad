package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"zhinan/generator/internal/build"

	"zhinan/generator/internal/stats"
)

func runStats(args []string, stdout, stderr io.Writer) int {
	fs := newCmdFlags("stats", "stats [--source 目录] [--format text|json|csv] [--fail-under] [--today YYYY-MM-DD]", stderr)
	source := fs.sourceFlag("站点目录")
	format := fs.formatFlag("输出格式：text、json 或 csv", "text", "json", "csv")
	failUnder := fs.Bool("fail-under", false, "全站未达到 config.toml 中 [targets] 的任一目标时以 1 退出（用于 CI）")
	day := fs.todayFlag()
	if code := fs.parse(args, fs.noArgs); code >= 0 {
		return code
	}
	defer setBuildMemoryPolicy(*source)() // the same first half as build, the same policy
	c, err := build.CheckOn(context.Background(), *source, false, *day, nil, nil)
	if err != nil {
		if c != nil {
			printDiagnostics(stderr, c.Diagnostics)
		}
		if errors.Is(err, build.ErrContent) {
			fmt.Fprintln(stderr, "内容有误，无法计算改革数据；请先修正上面的错误。")
			return exitContent
		}
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	report := stats.Compute(c.Site)
	switch *format {
	case "json":
		err = stats.WriteJSON(stdout, report)
	case "csv":
		err = stats.WriteCSV(stdout, report)
	default:
		stats.WriteText(stdout, report)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if *failUnder && report.MissesTargets() {
		fmt.Fprintln(stderr, "全站未达到改革目标（见上）。")
		return exitContent
	}
	return exitOK
}
