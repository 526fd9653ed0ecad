package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// `generator version`: one line, the version and the system built for.
func TestCLIVersion(t *testing.T) {
	rows := usageRows("version", []string{"version", "extra"})
	rows = append(rows, cliCase{name: "prints the version", args: []string{"version"}, code: exitOK,
		stdout: []string{"generator ", runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH},
		check: func(t *testing.T, _ cliEnv, stdout, stderr string) {
			if strings.Count(stdout, "\n") != 1 || stderr != "" {
				t.Errorf("want one line on stdout and nothing on stderr:\n%s\n%s", stdout, stderr)
			}
		}})
	runTable(t, rows)
}

// The version -ldflags -X sets wins; then the module's; then the commit.
func TestCLIVersionSources(t *testing.T) {
	vcs := func(rev, modified string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "zhinan", Version: "(devel)"}}
		bi.Settings = []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-12-04T16:00:00Z"}, {Key: "vcs.modified", Value: modified}}
		return bi
	}
	tagged := &debug.BuildInfo{Main: debug.Module{Path: "zhinan", Version: "v1.4.0"}}
	for _, c := range []struct {
		name, ldflag string
		bi           *debug.BuildInfo
		ok           bool
		want, when   string
	}{
		{"-ldflags -X", "v2.0.0", vcs("0123456789abcdef0123", "false"), true, "v2.0.0", "2026-12-04T16:00:00Z"},
		{"go install @version", "", tagged, true, "v1.4.0", ""},
		{"a clean clone", "", vcs("0123456789abcdef0123", "false"), true, "dev-0123456789ab", "2026-12-04T16:00:00Z"},
		{"uncommitted changes", "", vcs("0123456789abcdef0123", "true"), true, "dev-0123456789ab-dirty", "2026-12-04T16:00:00Z"},
		{"no build information", "", nil, false, "dev", ""},
	} {
		v, when := buildVersion(c.ldflag, c.bi, c.ok)
		if v != c.want || when != c.when {
			t.Errorf("%s: %q %q, want %q %q", c.name, v, when, c.want, c.when)
		}
	}
}

// --open opens an address a browser can reach, whatever --bind says.
func TestCLIServeOpenURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:1313": "http://127.0.0.1:1313/",
		"0.0.0.0:1313":   "http://127.0.0.1:1313/",
		"[::]:8080":      "http://127.0.0.1:8080/",
		"[::1]:8080":     "http://[::1]:8080/",
		"192.168.1.5:80": "http://192.168.1.5:80/",
	} {
		if got := browserURL(addr); got != want {
			t.Errorf("browserURL(%q) = %q, want %q", addr, got, want)
		}
	}
}
