package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/national"
)

// runExport is `generator export --format gbt39046 [--source DIR] [--dest
// FILE.json]`: the published, non-cancelled items under the national
// element names (package national), as JSON on stdout, or with --dest as
// FILE.json and FILE.csv.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "export --format gbt39046 [--source 目录] [--dest 文件.json]", stderr)
	source := fs.String("source", ".", "站点目录")
	format := fs.String("format", "", "导出格式（必填）：gbt39046，按 GB/T 39046 的事项要素名导出")
	dest := fs.String("dest", "", "写入这个 .json 文件，并在旁边写同名的 .csv（UTF-8 带 BOM）；不写则把 JSON 输出到标准输出")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 || *format != national.Format {
		if *format != national.Format && fs.NArg() == 0 {
			fmt.Fprintf(stderr, "请用 --format %s 指定导出格式（目前只有这一种）。\n\n", national.Format)
		}
		fs.Usage()
		return exitUsage
	}
	if code := checkDest(*dest, stderr); code >= 0 {
		return code
	}
	if code := checkSource(*source, stderr); code >= 0 {
		return code
	}
	defer setBuildMemoryPolicy(*source)() // the same first half as build, the same policy
	c, err := build.Check(context.Background(), *source, false, nil, nil)
	if err != nil {
		if c != nil {
			printDiagnostics(stderr, c.Diagnostics)
		}
		if errors.Is(err, build.ErrContent) {
			fmt.Fprintln(stderr, "内容有误，没有导出；请先修正上面的错误。")
			return exitContent
		}
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if *dest == "" {
		err = national.WriteJSON(stdout, national.Items(c.Site))
	} else {
		var n int
		n, err = national.WriteFiles(c.Site, *dest)
		if err == nil {
			fmt.Fprintf(stdout, "已导出 %d 个事项（GB/T 39046 要素）→ %s、%s\n", n, *dest, national.CSVPath(*dest))
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}

// checkDest refuses a --dest that does not end in .json or is a folder;
// it returns the exit code to stop with, or -1 to go on (also for none).
func checkDest(dest string, stderr io.Writer) int {
	if dest == "" {
		return -1
	}
	if !national.IsJSONPath(dest) {
		fmt.Fprintf(stderr, "--dest %s 应当是以 .json 结尾的文件名：同名的 .csv 写在它旁边。\n", dest)
		return exitUsage
	}
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		fmt.Fprintf(stderr, "--dest %s 是一个文件夹：请给出要写入的 .json 文件名。\n", dest)
		return exitUsage
	}
	return -1
}
