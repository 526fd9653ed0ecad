package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"zhinan/generator/internal/sheets"
)

// exportSheets writes the workbook (format "xlsx" or "csv") of the site at
// source to dest and returns the exit code.
func exportSheets(source, format, dest string, stdout, stderr io.Writer) int {
	if code := checkSource(source, stderr); code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, diags, err := sheets.Export(ctx, sheets.ExportOptions{Source: source, Format: format, Dest: dest})
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	switch {
	case errors.Is(err, sheets.ErrUsage):
		fmt.Fprintln(stderr, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "导出失败：%v\n", err)
		return exitFailure
	case len(diags) > 0:
		fmt.Fprintf(stderr, "%d 个问题，没有导出：请先改正上面的文件\n", len(diags))
		return exitContent
	}
	fmt.Fprintf(stdout, "已导出 %d 份指南、%d 件“一件事”到 %s（材料 %d 行，流程 %d 行，地点 %d 行）\n",
		res.Guides, res.Bundles, dest, res.Rows["材料"], res.Rows["流程"], res.Rows["地点"])
	return exitOK
}

// runImport is `generator import PATH [--source DIR] [--dry-run]`.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import 工作簿.xlsx|CSV文件夹 [--source 目录] [--dry-run]", stderr)
	source := fs.String("source", ".", "站点目录")
	dry := fs.Bool("dry-run", false, "只显示将要做的修改（统一 diff），不写任何文件")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() >= 1 { // flags may follow the path
		path := fs.Arg(0)
		if code := parseFlags(fs, fs.Args()[1:]); code >= 0 {
			return code
		}
		if fs.NArg() == 0 {
			return importSheets(*source, path, *dry, stdout, stderr)
		}
	}
	fmt.Fprintln(stderr, "请给出一个 .xlsx 文件或放 .csv 文件的文件夹，例如：generator import 指南.xlsx --dry-run")
	fs.Usage()
	return exitUsage
}

// importSheets runs the import and prints its problems, the diff of a
// dry run and a summary.
func importSheets(source, path string, dry bool, stdout, stderr io.Writer) int {
	if code := checkSource(source, stderr); code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := sheets.Import(ctx, sheets.ImportOptions{Source: source, Path: path, DryRun: dry, Diff: stdout})
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w)
	}
	for _, p := range res.Problems {
		fmt.Fprintln(stderr, p)
	}
	switch {
	case errors.Is(err, sheets.ErrUsage):
		fmt.Fprintln(stderr, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "导入失败：%v\n", err)
		return exitFailure
	case len(res.Problems) > 0:
		fmt.Fprintf(stderr, "%d 个问题，没有写入任何文件：请按提示改正表格后重新导入\n", len(res.Problems))
		return exitContent
	}
	verb := "已"
	if dry {
		verb = "演习（没有写入任何文件）：将"
	}
	fmt.Fprintf(stdout, "%s新建 %d 份、更新 %d 份指南，%d 份没有变化\n", verb, len(res.Created), len(res.Updated), res.Unchanged)
	return exitOK
}
