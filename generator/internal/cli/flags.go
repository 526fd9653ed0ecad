// Package cli parses a command's flags the generator's way: usage and
// messages in Chinese on stderr, --source checked to be a folder, --format
// checked against its values, --today read once into a build day, flags
// among positional arguments; and it names the exit codes.
package cli

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

// The exit codes: 0 success; 1 the content is wrong (guides, config,
// layouts), or with --strict has warnings, or a target is missed with
// --fail-under; 2 wrong usage; 3 the command failed for another reason
// (disk, permissions).
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
	ExitFailure = 3
)

// NewFlagSet returns a flag set for a command that prints its usage to
// stderr in the tool's language.
func NewFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：generator %s\n\n参数：\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// Parse parses args and returns the exit code to stop with, or -1 to go
// on: ExitOK for --help, ExitUsage for a bad flag.
func Parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	return -1
}

// ErrUsage is what a command's check (Flags.Parse) returns for a
// command line it refuses with its usage and no other message.
var ErrUsage = errors.New("wrong usage")

// Flags is one command's flag set with what the commands share when
// they parse it: where messages go, --source for those that read a site
// and --format for those that write a report. Commands declare their other
// flags on the embedded set.
type Flags struct {
	*flag.FlagSet
	stderr  io.Writer
	source  *string  // nil until sourceFlag declares --source
	format  *string  // nil until formatFlag declares --format
	formats []string // the values --format takes
	today   *string  // nil until Today declares --today
	day     time.Time
}

// NewFlags returns a command's flag set, which prints its usage to
// stderr in the tool's language (NewFlagSet).
func NewFlags(name, synopsis string, stderr io.Writer) *Flags {
	return &Flags{FlagSet: NewFlagSet(name, synopsis, stderr), stderr: stderr}
}

// Source declares --source, the site folder ("." by default), with
// usage as its help; ParseCheck then checks that it is a folder (CheckSource).
func (c *Flags) Source(usage string) *string {
	c.source = c.String("source", ".", usage)
	return c.source
}

// Format declares --format, the output format, with usage as its help:
// the first of formats is the default, and ParseCheck refuses any value that is
// not one of them, with the usage.
func (c *Flags) Format(usage string, formats ...string) *string {
	c.format = c.String("format", formats[0], usage)
	c.formats = formats
	return c.format
}

// Today declares --today, the build day, for a command that builds or
// judges the site on a day: whether an item with `effective` is in force
// yet, how old an `updated` is. ParseCheck reads it (ParseToday, the
// clock read once) into the returned day, refusing a value that is not a
// date with what to write instead.
func (c *Flags) Today() *time.Time {
	c.today = c.String("today", "", "按这一天构建和判断（YYYY-MM-DD，默认今天的本地日期）：决定 effective 尚未到期的事项是否计入统计、页面是否提示施行日期、updated 是否过旧；固定它可使构建可复现")
	return &c.day
}

// ParseCheck parses args, checks --format when the command declared it, asks
// check whether the values and positional arguments will do, reads
// --today, then checks --source, each when the command declared it.
// check returns nil to go on, ErrUsage to print the usage, or another
// error to print as the message; either error is wrong usage. It returns
// the exit code to stop with, or -1 to go on.
func (c *Flags) ParseCheck(args []string, check func() error) int {
	if code := Parse(c.FlagSet, args); code >= 0 {
		return code
	}
	if c.format != nil && !slices.Contains(c.formats, *c.format) {
		c.Usage()
		return ExitUsage
	}
	switch err := check(); {
	case errors.Is(err, ErrUsage):
		c.Usage()
		return ExitUsage
	case err != nil:
		fmt.Fprintln(c.stderr, err)
		return ExitUsage
	}
	if c.today != nil {
		day, err := ParseToday(*c.today, time.Now())
		if err != nil {
			fmt.Fprintln(c.stderr, err)
			return ExitUsage
		}
		c.day = day
	}
	if c.source == nil {
		return -1
	}
	return CheckSource(*c.source, c.stderr)
}

// NoArgs is a check for ParseCheck: the command takes no positional arguments
// (usage when there are some) and its flags need no other check.
func (c *Flags) NoArgs() error {
	return UsageUnless(c.NArg() == 0)
}

// UsageUnless is a check's verdict: nil when ok, ErrUsage when not.
func UsageUnless(ok bool) error {
	if ok {
		return nil
	}
	return ErrUsage
}

// CheckSource tells whether source is a folder, printing what to do when
// it is not: a mistyped --source must not publish an empty site over the
// previous one. It returns the exit code to stop with, or -1 to go on. A
// folder without config.toml is reported by the loader, as content.
func CheckSource(source string, stderr io.Writer) int {
	fi, err := os.Stat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "站点目录 %s 不存在：请检查 --source 是否写对（默认是当前目录）。\n", source)
		return ExitUsage
	case err != nil:
		fmt.Fprintf(stderr, "无法读取站点目录 %s：%v\n", source, err)
		return ExitUsage
	case !fi.IsDir():
		fmt.Fprintf(stderr, "--source %s 是一个文件，不是站点目录：请给出包含 config.toml 和 content/ 的文件夹。\n", source)
		return ExitUsage
	}
	return -1
}

// DayLayout is how --today is written: YYYY-MM-DD.
const DayLayout = "2006-01-02"

// ParseToday is the build day a --today value names: that date, or, when
// the value is empty, the local date of now. The day is the date alone,
// at midnight UTC, so that it compares the same wherever the build runs.
func ParseToday(value string, now time.Time) (time.Time, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		y, m, d := now.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(DayLayout, value)
	if err != nil {
		return time.Time{}, fmt.Errorf("--today 的值 %q 不是有效的日期：请写成 YYYY-MM-DD，例如 --today 2027-01-01；不写则按今天", value)
	}
	return t, nil
}

// ParseInterspersed parses fs's flags wherever they stand among args and
// returns the other arguments in order; after "--" all are arguments. It
// returns the exit code to stop with (Parse), or -1 to go on.
func ParseInterspersed(fs *flag.FlagSet, args []string) ([]string, int) {
	var words []string
	for {
		if code := Parse(fs, args); code >= 0 {
			return nil, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, -1
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(words, rest...), -1
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}
