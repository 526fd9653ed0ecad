// Package version tells which generator a binary is: the release version
// set at link time, the module version, or the git commit it was built
// from, with the Go version and the system it was built for.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Of is the version to print: ldflag, the one set with -ldflags -X
// main.version=… (release builds); else the module's version (`go install
// zhinan/generator@v1.2.0`); else "dev-" and the first 12 characters of the
// git commit the binary was built from (`go build` in a clone records
// it), with "-dirty" when the tree had uncommitted changes; else "dev".
// bi and ok are what debug.ReadBuildInfo returns. The second result is
// the commit time, when known.
func Of(ldflag string, bi *debug.BuildInfo, ok bool) (string, string) {
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

// Line is `generator version`'s line, without the newline: the version
// (Of), the Go version, the system built for and the commit time when
// known.
func Line(ldflag string) string {
	bi, ok := debug.ReadBuildInfo()
	v, when := Of(ldflag, bi, ok)
	if when != "" {
		when = "，提交于 " + when
	}
	return fmt.Sprintf("generator %s（%s %s/%s%s）", v, runtime.Version(), runtime.GOOS, runtime.GOARCH, when)
}
