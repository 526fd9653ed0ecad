package main

import (
	"io"
	"time"

	"zhinan/generator/internal/cli"
)

// parseToday is the build day a --today value names (cli.ParseToday).
var parseToday = cli.ParseToday

// siteFlags returns the flag set of a command that reads a site, with
// what those commands share declared: --source, the site folder ("." by
// default), which ParseCheck checks is a folder.
func siteFlags(name, synopsis string, stderr io.Writer) (*cli.Flags, *string) {
	fs := cli.NewFlags(name, synopsis, stderr)
	return fs, fs.Source("站点目录")
}

// dayLayout is how --today is written (cli.DayLayout).
const dayLayout = cli.DayLayout

// reportFlags returns the flag set of a command that reports on a site on
// a day (check, stats): siteFlags with --format, whose values are formats
// (the first the default), and --today.
func reportFlags(name, synopsis, formatUsage string, formats []string, stderr io.Writer) (fs *cli.Flags, source, format *string, day *time.Time) {
	fs, source = siteFlags(name, synopsis, stderr)
	return fs, source, fs.Format(formatUsage, formats...), fs.Today()
}
