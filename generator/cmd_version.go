package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is the release's version, set when the binary is built for a
// release: go build -ldflags "-X main.version=v1.2.0" (scripts/release.sh).
// Empty otherwise; then buildVersion derives one from the build
// information.
var version = ""

// buildInfo reads the binary's build information; tests replace it.
var buildInfo = debug.ReadBuildInfo

// buildVersion is the version to print: the one set with -ldflags -X
// (release builds); else the module's version (`go install
// zhinan/generator@v1.2.0`); else "dev-" and the first 12 characters of the
// git commit the binary was built from (`go build` in a clone records
// it), with "-dirty" when the tree had uncommitted changes; else "dev".
// The second result is the commit time, when known.
func buildVersion(ldflag string, bi *debug.BuildInfo, ok bool) (string, string) {
	var rev, when string
	dirty := false
	if ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	switch {
	case ldflag != "":
		return ldflag, when
	case ok && bi.Main.Version != "" && bi.Main.Version != "(devel)":
		return bi.Main.Version, when
	case rev != "":
		v := "dev-" + rev[:min(12, len(rev))]
		if dirty {
			v += "-dirty"
		}
		return v, when
	}
	return "dev", when
}

// runVersion is `generator version`: one line with the version, the
// commit time when known, the Go version and the system it was built for.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	bi, ok := buildInfo()
	v, when := buildVersion(version, bi, ok)
	if when != "" {
		when = "，提交于 " + when
	}
	fmt.Fprintf(stdout, "generator %s（%s %s/%s%s）\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH, when)
	return exitOK
}
