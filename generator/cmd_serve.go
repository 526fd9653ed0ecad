package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/editor"
	"zhinan/generator/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs, source := siteFlags("serve", "serve [--source 目录] [--port 1313] [--bind 127.0.0.1] [--today YYYY-MM-DD] [--open]", stderr)
	port := fs.Int("port", 1313, "端口")
	bind := fs.String("bind", "127.0.0.1", "监听地址；默认只有本机能访问，填 0.0.0.0 让局域网访问")
	day := fs.Today()
	open := fs.Bool("open", false, "启动后用默认浏览器打开预览")
	if code := fs.ParseCheck(args, fs.NoArgs); code >= 0 {
		return code
	}
	ctx, stop := untilInterrupted()
	defer stop()

	srv, p, err := build.NewPreviewServer(serve.Options{
		Source: *source, Bind: *bind, Port: *port, Editor: editor.New(*source),
		Logf: func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) },
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer p.Close()
	p.SetToday(*day)
	defer srv.Close() // Run releases it too; this covers a Run that never starts
	if exe, err := os.Executable(); err == nil {
		p.IndexInChildProcess(exe)
	}
	if *open {
		openPreview(srv.Addr(), stderr)
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}

// runIndex is `generator index --source DIR --into DIR` (build.IndexCommand),
// an internal command: the child process in which `serve` builds the search
// index in the background. It checks the site and builds its search index
// into --into. Messages go to stderr, which the parent shows only when the
// child fails.
func runIndex(args []string, stdout, stderr io.Writer) int {
	fs, source := siteFlags(build.IndexCommand, build.IndexCommand+" --source 目录 --into 目录", stderr)
	into := fs.String("into", "", "搜索索引写入的目录")
	if code := fs.ParseCheck(args, func() error { return cli.UsageUnless(fs.NArg() == 0 && *into != "") }); code >= 0 {
		return code
	}
	err := build.IndexInto(*source, *into)
	switch {
	case errors.Is(err, build.ErrContent):
		fmt.Fprintln(stderr, err)
		return exitContent
	case err != nil:
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}
