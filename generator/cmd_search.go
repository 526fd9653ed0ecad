package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"zhinan/generator/internal/cli"
	"zhinan/generator/internal/search"
)

func runSearch(args []string, stdout, stderr io.Writer) int {
	a, code := parseSearchArgs(args, stderr)
	if code >= 0 {
		return code
	}
	indexDir := filepath.Join(a.dest, "search")
	if _, err := os.Stat(indexDir); err != nil {
		fmt.Fprintf(stderr, "找不到搜索索引 %s：请先运行 generator build --source %s\n", indexDir, a.source)
		return exitContent
	}
	return search.RunCLI(indexDir, a.opts, stdout, stderr)
}

// searchArgs are generator search's arguments, parsed.
type searchArgs struct {
	source, dest string
	opts         search.CLIOptions
}

// parseSearchArgs parses generator search's arguments, the one place they
// are declared: flags may come before, between and after the words of the
// query (joined by spaces); after "--" everything is query. It returns
// the exit code to stop with, or -1 to go on.
func parseSearchArgs(args []string, stderr io.Writer) (searchArgs, int) {
	fs, source := siteFlags("search", "search [--source 目录] [--dest 目录] [--json] [--filter 键=值 …] [--size N] 查询词", stderr)
	a := searchArgs{opts: search.CLIOptions{Filters: map[string][]string{}, Size: 10}}
	fs.StringVar(&a.dest, "dest", "", "已生成的输出目录（默认：站点目录下的 public/）")
	fs.BoolVar(&a.opts.JSON, "json", false, `输出 JSON：{"total": N, "hits": [{"code", "title", "url", "score"}, …]}`)
	fs.Func("filter", "筛选，可重复：department、region、star、list（zero-visit|one-visit|negative）、audience、type、topic", func(kv string) error {
		return search.ParseFilter(kv, a.opts.Filters)
	})
	fs.Func("size", "返回结果数（1 到 1000，默认 10）", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return errors.New("--size 应为 1 到 1000 之间的整数")
		}
		a.opts.Size = n
		return nil
	})
	words, code := cli.ParseInterspersed(fs.FlagSet, args)
	if code >= 0 {
		return a, code
	}
	a.source, a.opts.Text = *source, strings.Join(words, " ")
	if a.dest == "" {
		a.dest = filepath.Join(a.source, "public")
	}
	return a, -1
}
