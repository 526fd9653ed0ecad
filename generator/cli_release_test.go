package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"zhinan/generator/internal/sitefixture"
	"zhinan/generator/internal/write"
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

// A guide saved on Windows (CRLF line ends, a BOM, as Notepad writes it)
// checks like the same guide with LF: same exit, same findings and lines.
func TestCLICRLFGuide(t *testing.T) {
	crlf := func(t *testing.T, env cliEnv) {
		p := filepath.Join(env.src, "content/sfj/aid.md")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, "\ufeff"+strings.ReplaceAll(string(data), "\n", "\r\n"))
	}
	today := "--today=2021-01-01"
	runTable(t, []cliCase{
		{name: "check", site: sitefixture.SmallSite, setup: crlf, args: []string{"check", today, "--source", "$SRC"}, code: exitOK,
			stdout: []string{"content/sfj/aid.md:1: [W-fee] 警告：", "共 0 个错误，"}, same: true},
		{name: "build", site: sitefixture.SmallSite, setup: crlf, args: []string{"build", "--quiet", "--no-search", "--source", "$SRC", "--dest", "$DEST"}, code: exitOK,
			check: func(t *testing.T, env cliEnv, _, _ string) {
				exists(t, filepath.Join(env.dest, "guide/330000-SF-GG-0002/index.html"))
			}},
	})
}

// --source and --dest as people type them on each system: on Windows a
// drive path with backslashes (C:\…\site) and the same with forward
// slashes (C:/…/site), which Windows accepts too; on Unix a backslash is
// an ordinary character of a folder name (a folder copied from Windows as
// "办事\指南 2024"), never a separator. Each builds into the given --dest,
// and the last line names it.
func TestCLIPathsFromUsers(t *testing.T) {
	var forms []func(string) string
	if runtime.GOOS == "windows" {
		forms = []func(string) string{filepath.FromSlash, filepath.ToSlash}
	} else {
		forms = []func(string) string{func(p string) string { return filepath.Join(filepath.Dir(p), `办事\指南 2024`, filepath.Base(p)) }}
	}
	for i, form := range forms {
		root := t.TempDir()
		src := form(filepath.Join(root, "site"))
		dest := form(filepath.Join(root, "out", "public"))
		if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(sitefixture.WriteSite(t, sitefixture.SmallSite), src); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--no-search", "--source", src, "--dest", dest}, &stdout, &stderr); code != exitOK {
			t.Fatalf("form %d: build --source %s --dest %s: exit %d\n%s", i, src, dest, code, stderr.String())
		}
		if !strings.HasSuffix(stdout.String(), "→ "+dest+"\n") {
			t.Errorf("form %d: the last line does not name %s:\n%s", i, dest, stdout.String())
		}
		exists(t, filepath.Join(dest, "guide/330000-SF-GG-0002/index.html"), filepath.Join(dest, write.Marker))
		stdout.Reset()
		if code := run([]string{"new", "--source", src, "--department", "省司法厅", "330000-SF-XK-0042"}, &stdout, &stderr); code != exitOK {
			t.Fatalf("form %d: new: exit %d\n%s", i, code, stderr.String())
		}
		// new names the file by its path inside the site, always with "/".
		if !strings.Contains(stdout.String(), "content/sfj/330000-SF-XK-0042.md") {
			t.Errorf("form %d: new printed %q", i, stdout.String())
		}
	}
}
