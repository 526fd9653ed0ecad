package main

import (
	"fmt"
	"io"

	"zhinan/generator/internal/cli"
	ver "zhinan/generator/internal/version"
)

// version is the release's version, set when the binary is built for a
// release: go build -ldflags "-X main.version=v1.2.0" (scripts/release.sh).
// Empty otherwise; then package version derives one from the build
// information.
var version = ""

// buildVersion is the version to print and the commit time (version.Of).
var buildVersion = ver.Of

// runVersion is `generator version`: one line with the version, the
// commit time when known, the Go version and the system it was built for.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("version", "version", stderr)
	if code := fs.ParseCheck(args, fs.NoArgs); code >= 0 {
		return code
	}
	fmt.Fprintln(stdout, ver.Line(version))
	return exitOK
}
