package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// newFlags returns a flag set for a command that prints its usage to
// stderr in the tool's language.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：generator %s\n\n参数：\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and returns the exit code to stop with, or -1 to go
// on: exitOK for --help, exitUsage for a bad flag.
func parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	return -1
}

// checkSource tells whether source is a folder, printing what to do when
// it is not: a mistyped --source must not publish an empty site over the
// previous one. It returns the exit code to stop with, or -1 to go on. A
// folder without config.toml is reported by the loader, as content.
func checkSource(source string, stderr io.Writer) int {
	fi, err := os.Stat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "站点目录 %s 不存在：请检查 --source 是否写对（默认是当前目录）。\n", source)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "无法读取站点目录 %s：%v\n", source, err)
		return exitUsage
	case !fi.IsDir():
		fmt.Fprintf(stderr, "--source %s 是一个文件，不是站点目录：请给出包含 config.toml 和 content/ 的文件夹。\n", source)
		return exitUsage
	}
	return -1
}
