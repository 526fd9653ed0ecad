package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/write"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newCmdFlags("build", "build [--source 目录] [--dest 目录] [--strict] [--quiet] [--today YYYY-MM-DD] [--changes 文件]", stderr)
	source := fs.sourceFlag("站点目录（含 config.toml、content/、layouts/、static/）")
	dest := fs.String("dest", "", "输出目录（默认：站点目录下的 public/）")
	strict := fs.Bool("strict", false, "把警告当作错误：有警告就不发布")
	quiet := fs.Bool("quiet", false, "只输出错误和警告，不输出进度和总结")
	noSearch := fs.Bool("no-search", false, "不生成搜索索引（只生成页面）")
	day := fs.todayFlag()
	changes := fs.String("changes", "", "把这次发布改变的文件写入这个清单（每行 +路径 或 -路径），供部署只同步这些文件；必须在输出目录之外")
	force := fs.Bool("force", false, "输出目录里已有不是本工具生成的文件时，仍然整体替换它（会删除那些文件）")
	cpuProfile := fs.String("cpuprofile", "", "把 CPU 剖析写入这个文件（供开发者分析性能）")
	memProfile := fs.String("memprofile", "", "把内存剖析写入这个文件（供开发者分析性能）：校验后、解析后和构建结束时各写一份")
	code := fs.parse(args, func() error {
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
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailure
		}
		defer stopProfile()
	}
	defer setBuildMemoryPolicy(*source)()
	ctx, stop := untilInterrupted()
	defer stop()

	opts := build.Options{Source: *source, Dest: *dest, Strict: *strict, Search: !*noSearch, Force: *force, Today: *day, Changes: *changes}
	if !*quiet {
		opts.Progress = newProgress(stderr)
	}
	if *memProfile != "" {
		opts.Progress = heapProfileAtStages(*memProfile, opts.Progress, stderr)
	}
	res, err := buildRecovering(ctx, opts)
	if *memProfile != "" {
		writeHeapProfile(*memProfile, stderr)
	}
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
		fmt.Fprintf(stdout, "已生成 %d 份指南、%d 个文件，%d 个警告，用时 %s → %s\n",
			res.Guides, res.Pages, warnings, res.Took.Round(1e6), *dest)
	}
	return exitOK
}

// buildRecovering is build, with a panic (in a library: bleve on a full
// disk did) turned into an error: the deferred clean-up of the stage has
// run by then, so nothing is left behind, and the command exits with the
// failure code and a plain message instead of a stack trace.
func buildRecovering(ctx context.Context, opts build.Options) (res build.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("内部错误（%v）；请把这条消息报告给开发者", p)
		}
	}()
	return build.Run(ctx, opts)
}

// printDiagnostics prints one "path:line: [rule] message" line each.
func printDiagnostics(w io.Writer, ds []site.Diagnostic) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}

// heapProfileAtStages wraps a progress reporter (which may be nil) so that
// a heap profile of what is live is written when validation is over
// (path + ".validated", the peak of the first half of a build, before the
// site is resolved) and when the stage after resolving starts
// (path + ".resolved", what rendering carries from the first half).
func heapProfileAtStages(path string, progress func(build.Stage, int), stderr io.Writer) func(build.Stage, int) {
	resolving := false
	return func(stage build.Stage, count int) {
		switch {
		case stage == build.StageResolve:
			writeHeapProfile(path+".validated", stderr)
			resolving = true
		case resolving:
			writeHeapProfile(path+".resolved", stderr)
			resolving = false
		}
		if progress != nil {
			progress(stage, count)
		}
	}
}

// writeHeapProfile collects garbage, so that the profile shows only what
// is live, and writes a heap profile to path. A failure is reported and
// does not stop the build.
func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		runtime.GC()
		err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
	}
	if err != nil {
		fmt.Fprintln(stderr, "无法写入内存剖析：", err)
	}
}

// startCPUProfile writes a CPU profile of the rest of the command to path.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
