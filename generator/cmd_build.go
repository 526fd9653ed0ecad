package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/memlimit"
	"zhinan/generator/internal/profile"
	"zhinan/generator/internal/progress"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/write"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("build", "build [--source 目录] [--dest 目录] [--strict] [--quiet] [--today YYYY-MM-DD] [--changes 文件] [--clean]", stderr)
	source := fs.Source("站点目录（含 config.toml、content/、layouts/、static/）")
	dest := fs.String("dest", "", "输出目录（默认：站点目录下的 public/）")
	strict := fs.Bool("strict", false, "把警告当作错误：有警告就不发布")
	quiet := fs.Bool("quiet", false, "只输出错误和警告，不输出进度和总结")
	noSearch := fs.Bool("no-search", false, "不生成搜索索引（只生成页面）")
	day := fs.Today()
	changes := fs.String("changes", "", "把这次发布改变的文件写入这个清单（每行 +路径 或 -路径），供部署只同步这些文件；必须在输出目录之外")
	clean := fs.Bool("clean", false, "整体重建：不重用上次输出里未变的页面和搜索索引")
	force := fs.Bool("force", false, "输出目录里已有不是本工具生成的文件时，仍然整体替换它（会删除那些文件）")
	cpuProfile := fs.String("cpuprofile", "", "把 CPU 剖析写入这个文件（供开发者分析性能）")
	memProfile := fs.String("memprofile", "", "把内存剖析写入这个文件（供开发者分析性能）：校验后、解析后和构建结束时各写一份")
	code := fs.ParseCheck(args, func() error {
		if fs.NArg() > 0 {
			return fmt.Errorf("build 不接受位置参数：%v", fs.Args())
		}
		return nil
	})
	if code >= 0 {
		return code
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	stopProfile, err := profile.StartCPU(*cpuProfile)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer stopProfile()
	defer memlimit.ForBuild(*source)()
	ctx, stop := untilInterrupted()
	defer stop()

	opts := build.Options{Source: *source, Dest: *dest, Strict: *strict, Search: !*noSearch, Force: *force, Today: *day, Changes: *changes, Clean: *clean}
	if !*quiet {
		opts.Progress = progress.New(stderr)
	}
	opts.Progress = profile.HeapAtStages(*memProfile, opts.Progress, stderr)
	res, err := build.RunRecovering(ctx, opts)
	profile.WriteHeap(*memProfile, stderr)
	printDiagnostics(stderr, res.Diagnostics)
	warnings := len(res.Diagnostics) - site.CountErrors(res.Diagnostics, false)
	var destErr *write.DestError
	switch {
	case errors.As(err, &destErr):
		fmt.Fprintf(stderr, "没有构建：%v\n", err)
		return exitUsage
	case errors.Is(err, build.ErrContent):
		fmt.Fprintf(stderr, "构建失败：%d 个错误，%d 个警告；未发布任何文件，%s 保持原样。\n",
			site.CountErrors(res.Diagnostics, false), warnings, *dest)
		if *strict && warnings > 0 {
			fmt.Fprintln(stderr, "（--strict：警告也算错误。）")
		}
		return exitContent
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintf(stderr, "构建已中断；%s 保持原样。\n", *dest)
		return exitFailure
	case err != nil:
		fmt.Fprintf(stderr, "构建失败：%v\n%s 保持原样。\n", err, *dest)
		if errors.Is(err, build.ErrTemplate) {
			return exitContent
		}
		return exitFailure
	}
	if !*quiet {
		fmt.Fprint(stdout, res.Summary(*dest, warnings))
	}
	return exitOK
}

// printDiagnostics prints one "path:line: [rule] message" line each.
func printDiagnostics(w io.Writer, ds []site.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}
