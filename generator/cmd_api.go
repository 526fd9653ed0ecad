package main

import (
	"fmt"
	"io"

	"zhinan/generator/internal/api"
	"zhinan/generator/internal/cli"
)

// runApi is `generator api`: the search API over published sites (package api).
func runApi(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("api", "api --site 目录 [--site 目录 …] [--bind 127.0.0.1] [--port 8080] [--max-concurrent N] [--timeout 2s]", stderr)
	o := api.Flags(fs.FlagSet)
	if code := fs.ParseCheck(args, func() error { return cli.UsageUnless(fs.NArg() == 0 && len(o.Sites) > 0) }); code >= 0 {
		return code
	}
	ctx, stop := untilInterrupted()
	defer stop()
	srv, err := api.New(*o)
	if err == nil {
		err = srv.Run(ctx)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}
