package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
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

// dayLayout is how --today is written: YYYY-MM-DD.
const dayLayout = "2006-01-02"

// todayFlag adds --today to a command that builds or judges the site on a
// day: whether an item with `effective` is in force yet, how old an
// `updated` is. Read it with buildDay.
func todayFlag(fs *flag.FlagSet) *string {
	return fs.String("today", "", "按这一天构建和判断（YYYY-MM-DD，默认今天的本地日期）：决定 effective 尚未到期的事项是否计入统计、页面是否提示施行日期、updated 是否过旧；固定它可使构建可复现")
}

// parseToday is the build day a --today value names: that date, or, when
// the value is empty, the local date of now. The day is the date alone,
// at midnight UTC, so that it compares the same wherever the build runs.
func parseToday(value string, now time.Time) (time.Time, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		y, m, d := now.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(dayLayout, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("--today 的值 %q 不是有效的日期：请写成 YYYY-MM-DD，例如 --today 2027-01-01；不写则按今天", value)
	}
	return t, nil
}

// buildDay reads the value of --today (todayFlag) with the clock read
// once, here, printing what to do when it is wrong. It returns the exit
// code to stop with (exitUsage), or -1 to go on.
func buildDay(value string, stderr io.Writer) (time.Time, int) {
	day, err := parseToday(value, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return time.Time{}, exitUsage
	}
	return day, -1
}

// dayAndSource reads --today (buildDay) and then checks --source
// (checkSource), the two checks every command that builds on a day makes
// before it reads the site. It returns the exit code to stop with, or -1.
func dayAndSource(today, source string, stderr io.Writer) (time.Time, int) {
	day, code := buildDay(today, stderr)
	if code < 0 {
		code = checkSource(source, stderr)
	}
	return day, code
}
