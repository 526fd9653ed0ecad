package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/sheets"
)

// exportSheets writes the workbook (format "xlsx" or "csv") of the site at
// source to dest and returns the exit code.
func exportSheets(source, format, dest string, stdout, stderr io.Writer) int {
	if code := cli.CheckSource(source, stderr); code >= 0 {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, diags, err := sheets.Export(ctx, sheets.ExportOptions{Source: source, Format: format, Dest: dest})
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	if code := sheetsExit(err, len(diags), "导出失败", "没有导出：请先改正上面的文件", stderr); code >= 0 {
		return code
	}
	fmt.Fprintln(stdout, res.Summary(dest))
	return exitOK
}

// runImport is `generator import PATH [--source DIR] [--dry-run]`.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs, source := siteFlags("import", "import 工作簿.xlsx|CSV文件夹 [--source 目录] [--dry-run]", stderr)
	dry := fs.Bool("dry-run", false, "只显示将要做的修改（统一 diff），不写任何文件")
	if code := cli.Parse(fs.FlagSet, args); code >= 0 {
		return code
	}
	if fs.NArg() >= 1 { // flags may follow the path
		path := fs.Arg(0)
		if code := cli.Parse(fs.FlagSet, fs.Args()[1:]); code >= 0 {
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
	if code := cli.CheckSource(source, stderr); code >= 0 {
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
	if code := sheetsExit(err, len(res.Problems), "导入失败", "没有写入任何文件：请按提示改正表格后重新导入", stderr); code >= 0 {
		return code
	}
	fmt.Fprintln(stdout, res.Summary(dry))
	return exitOK
}

// sheetsExit is the exit code of an export or import that returned err
// and found so many problems, printing why it stopped (failed: 导出失败;
// refused follows the number of problems), or -1 when it succeeded.
func sheetsExit(err error, problems int, failed, refused string, stderr io.Writer) int {
	switch {
	case errors.Is(err, sheets.ErrUsage):
		fmt.Fprintln(stderr, err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "%s：%v\n", failed, err)
		return exitFailure
	case problems > 0:
		fmt.Fprintf(stderr, "%d 个问题，%s\n", problems, refused)
		return exitContent
	}
	return -1
}
