package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"zhinan/generator/internal/search"
	"zhinan/generator/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--source 目录] [--port 1313] [--bind 127.0.0.1]", stderr)
	source := fs.String("source", ".", "站点目录")
	port := fs.Int("port", 1313, "端口")
	bind := fs.String("bind", "127.0.0.1", "监听地址；默认只有本机能访问，填 0.0.0.0 让局域网访问")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv, err := serve.New(serve.Options{
		Source: *source, Bind: *bind, Port: *port,
		Build: func(outDir string) serve.Result { return serveBuild(ctx, *source, outDir) },
		Logf:  func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) },
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "预览地址：http://%s/ （Ctrl-C 退出）\n", srv.Addr())
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}

// serveBuild is one rebuild of the preview: the whole pipeline, search
// included, into the server's own folder.
func serveBuild(ctx context.Context, source, outDir string) serve.Result {
	res, err := build(ctx, buildOptions{Source: source, Dest: outDir, Search: true})
	return serve.Result{Diagnostics: res.Diagnostics, Err: err, Guides: res.Guides, Pages: res.Pages, Took: res.Took}
}

// searchAPI answers /api/search from the index of the current build,
// reopened after each rebuild.
func searchAPI(outDir string) (http.Handler, func() error, error) {
	ix, err := search.Open(filepath.Join(outDir, "search"))
	if err != nil {
		return nil, nil, errors.Join(errors.New("搜索索引不可用"), err)
	}
	return search.Handler(ix), ix.Close, nil
}
