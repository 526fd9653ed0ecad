package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"zhinan/generator/internal/serve"
	"zhinan/generator/internal/site"
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
	if code := checkSource(*source, stderr); code >= 0 {
		return code
	}
	if dir := os.Getenv(indexChildEnv); dir != "" {
		return runIndexChild(*source, dir, stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv, p, err := newPreviewServer(ctx, serve.Options{
		Source: *source, Bind: *bind, Port: *port,
		Logf: func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) },
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer p.close()
	if exe, err := os.Executable(); err == nil {
		p.background = &childIndexer{exe: exe, source: *source}
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}

// newPreviewServer creates the live-preview server of `serve` for
// opts.Source, building through a preview and answering /api/search.
func newPreviewServer(ctx context.Context, opts serve.Options) (*serve.Server, *preview, error) {
	p, err := newPreview(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	opts.BuildFiles = func() ([]site.File, serve.Result) { return p.build(ctx) }
	opts.BuildChanged = func(changed []string) ([]site.File, serve.Result) { return p.buildChanged(ctx, changed) }
	opts.Handlers = map[string]http.Handler{"/api/search": p}
	srv, err := serve.New(opts)
	if err != nil {
		p.close()
		return nil, nil, err
	}
	p.srv = srv
	return srv, p, nil
}
