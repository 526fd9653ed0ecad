package main

import (
	"fmt"
	"io"
	"time"

	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/memlimit"
	"zhinan/generator/internal/national"
)

// runExport is `generator export --format FORMAT [--source DIR] [--dest
// PATH]`. Formats xlsx and csv write the editors' workbook (package
// sheets, see exportSheets); gbt39046 writes the published, non-cancelled
// items under the national element names (package national), as JSON on
// stdout, or with --dest as FILE.json and FILE.csv.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs, source := siteFlags("export", "export --format xlsx|csv|gbt39046 [--source 目录] [--dest 路径]", stderr)
	format := fs.String("format", "", "导出格式（必填）：xlsx（一个工作簿）、csv（每张表一个 UTF-8 带 BOM 的 .csv 文件，放在 --dest 文件夹里）或 gbt39046（按 GB/T 39046 的事项要素名）")
	dest := fs.String("dest", "", "输出位置：xlsx 为文件，csv 为文件夹（两者必填）；gbt39046 为 .json 文件（旁边另写同名 .csv），不写则把 JSON 输出到标准输出")
	if code := cli.Parse(fs.FlagSet, args); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() > 0:
	case *format == "xlsx" || *format == "csv":
		if *dest != "" {
			return exportSheets(*source, *format, *dest, stdout, stderr)
		}
		fmt.Fprintln(stderr, "请用 --dest 给出输出位置，例如：generator export --format xlsx --dest 指南.xlsx")
	case *format == national.Format:
		return exportNational(*source, *dest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "请用 --format 指定导出格式：xlsx、csv 或 %s。\n\n", national.Format)
	}
	fs.Usage()
	return exitUsage
}

// exportNational is `export --format gbt39046`; it returns the exit code.
func exportNational(source, dest string, stdout, stderr io.Writer) int {
	if err := national.CheckDest(dest); err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if code := cli.CheckSource(source, stderr); code >= 0 {
		return code
	}
	defer memlimit.ForBuild(source)() // the same first half as build, the same policy
	c, code := checkSite(source, time.Time{}, "没有导出", stderr)
	if code >= 0 {
		return code
	}
	if err := national.Export(stdout, c.Site, dest); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}
