package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
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

// errUsage is what a command's check (cmdFlags.parse) returns for a
// command line it refuses with its usage and no other message.
var errUsage = errors.New("wrong usage")

// cmdFlags is one command's flag set with what the commands share when
// they parse it: where messages go, --source for those that read a site
// and --format for those that write a report. Commands declare their other
// flags on the embedded set.
type cmdFlags struct {
	*flag.FlagSet
	stderr  io.Writer
	source  *string  // nil until sourceFlag declares --source
	format  *string  // nil until formatFlag declares --format
	formats []string // the values --format takes
	today   *string  // nil until todayFlag declares --today
	day     time.Time
}

// newCmdFlags returns a command's flag set, which prints its usage to
// stderr in the tool's language (newFlags).
func newCmdFlags(name, synopsis string, stderr io.Writer) *cmdFlags {
	return &cmdFlags{FlagSet: newFlags(name, synopsis, stderr), stderr: stderr}
}

// sourceFlag declares --source, the site folder ("." by default), with
// usage as its help; parse then checks that it is a folder (checkSource).
func (c *cmdFlags) sourceFlag(usage string) *string {
	c.source = c.String("source", ".", usage)
	return c.source
}

// formatFlag declares --format, the output format, with usage as its help:
// the first of formats is the default, and parse refuses any value that is
// not one of them, with the usage.
func (c *cmdFlags) formatFlag(usage string, formats ...string) *string {
	c.format = c.String("format", formats[0], usage)
	c.formats = formats
	return c.format
}

// todayFlag declares --today, the build day; parse reads it (parseToday,
// the clock read once) into the returned day, refusing a value that is
// not a date with what to write instead.
func (c *cmdFlags) todayFlag() *time.Time {
	c.today = todayFlag(c.FlagSet)
	return &c.day
}

// parse parses args, checks --format when the command declared it, asks
// check whether the values and positional arguments will do, then checks
// --source when the command declared it. check returns nil to go on, errUsage to print the usage, or another
// error to print as the message; either error is wrong usage. It returns
// the exit code to stop with, or -1 to go on.
func (c *cmdFlags) parse(args []string, check func() error) int {
	if code := parseFlags(c.FlagSet, args); code >= 0 {
		return code
	}
	if c.format != nil && !slices.Contains(c.formats, *c.format) {
		c.Usage()
		return exitUsage
	}
	switch err := check(); {
	case errors.Is(err, errUsage):
		c.Usage()
		return exitUsage
	case err != nil:
		fmt.Fprintln(c.stderr, err)
		return exitUsage
	}
	if c.today != nil {
		day, err := parseToday(*c.today, time.Now())
		if err != nil {
			fmt.Fprintln(c.stderr, err)
			return exitUsage
		}
		c.day = day
	}
	if c.source == nil {
		return -1
	}
	return checkSource(*c.source, c.stderr)
}

// noArgs is a check for parse: the command takes no positional arguments
// (usage when there are some) and its flags need no other check.
func (c *cmdFlags) noArgs() error {
	return usageUnless(c.NArg() == 0)
}

// usageUnless is a check's verdict: nil when ok, errUsage when not.
func usageUnless(ok bool) error {
	if ok {
		return nil
	}
	return errUsage
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
