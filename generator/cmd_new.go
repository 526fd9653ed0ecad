package main

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"

	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs, source := siteFlags("new", "new [--source 目录] [--department 部门] [--region 区划] [--title 名称] 事项编码", stderr)
	department := fs.String("department", "", "实施机关（须是 config.toml 中声明的部门）")
	region := fs.String("region", "", "行政区划（默认取部门所在区划）")
	title := fs.String("title", "", "事项名称")
	if code := cli.Parse(fs.FlagSet, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "请给出一个事项编码，例如：generator new --department 省司法厅 330000-SF-XK-0009")
		fs.Usage()
		return exitUsage
	}
	path, err := scaffold.Write(scaffold.Options{
		Source: *source, Code: fs.Arg(0), Title: *title, Department: *department, Region: *region,
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		// A refusal (code taken, name not declared, file there) is the
		// content's; a folder or file the system would not read or
		// write is another failure.
		if pe := (*iofs.PathError)(nil); errors.As(err, &pe) {
			return exitFailure
		}
		return exitContent
	}
	fmt.Fprintf(stdout, "已新建 %s（草稿：填好“待填写”的内容并删去 draft = true 后发布）\n", path)
	return exitOK
}
