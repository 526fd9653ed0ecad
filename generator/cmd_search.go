package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"zhinan/generator/internal/search"
)

func runSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("search", "search [--source 目录] [--dest 目录] [--json] [--filter 键=值 …] [--size N] 查询词", stderr)
	source := fs.String("source", ".", "站点目录")
	dest := fs.String("dest", "", "已生成的输出目录（默认：站点目录下的 public/）")
	// The remaining flags are the search package's; they are declared here
	// only so that --help lists them, and passed through unchanged.
	fs.Bool("json", false, `输出 JSON：{"total": N, "hits": [{"code", "title", "url", "score"}, …]}`)
	fs.Func("filter", "筛选，可重复：department、region、star、list（zero-visit|one-visit|negative）、audience、type、topic", func(string) error { return nil })
	fs.Int("size", 10, "返回结果数")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	indexDir := filepath.Join(*dest, "search")
	if _, err := os.Stat(indexDir); err != nil {
		fmt.Fprintf(stderr, "找不到搜索索引 %s：请先运行 generator build --source %s\n", indexDir, *source)
		return exitContent
	}
	return search.RunCLI(indexDir, passThrough(args, "source", "dest"), stdout, stderr)
}

// passThrough returns args without the named flags (and their values).
func passThrough(args []string, drop ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		matched := false
		for _, name := range drop {
			switch a {
			case "-" + name, "--" + name:
				i++ // skip the value too
				matched = true
			}
			if len(a) > len(name)+2 && (a[:len(name)+2] == "-"+name+"=" || (len(a) > len(name)+3 && a[:len(name)+3] == "--"+name+"=")) {
				matched = true
			}
		}
		if !matched {
			out = append(out, a)
		}
	}
	return out
}
