// Package testdeps is the one place that decides what a test does when a
// tool it needs from outside Go is missing: Chromium, node, Java (for the
// Nu Html Checker), xmllint, CJK fonts, or a package of node_modules.
//
// Under CI (the environment variable CI is "true", as .ci/run and every
// common CI service set it) a missing tool fails the test, naming what is
// missing and how to install it, so a CI run cannot pass by skipping.
// Anywhere else the test is skipped with the same message (visible with
// go test -v, and in the list of skipped tests of go test -json).
//
// Chromium is the environment variable ZHINAN_CHROMIUM when set (a path),
// else the first of chromium, chromium-browser on PATH; Debian's package
// "chromium" installs /usr/bin/chromium.
package testdeps

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Dep is one tool a test needs.
type Dep struct {
	name    string                 // what it is, for the message
	install string                 // how to get it
	find    func() (string, error) // its path, or why it is missing
}

// Name is what the dependency is, as messages name it.
func (d Dep) Name() string { return d.name }

func command(names ...string) func() (string, error) {
	return func() (string, error) {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p, nil
			}
		}
		return "", fmt.Errorf("no %s on PATH", strings.Join(names, " or "))
	}
}

var (
	// Chromium is headless Chromium (see the package comment).
	Chromium = Dep{"Chromium", "apt-get install -y chromium (or set ZHINAN_CHROMIUM to its path)", findChromium}
	// Node is node, which runs the search script's tests.
	Node = Dep{"node", "apt-get install -y nodejs npm", command("node")}
	// Java runs the Nu Html Checker (node_modules/vnu-jar).
	Java = Dep{"java", "apt-get install -y default-jre-headless", command("java")}
	// Pdftotext (poppler-utils) reads the text of a printed sheet back
	// from its PDF, line by line.
	Pdftotext = Dep{"pdftotext", "apt-get install -y poppler-utils", command("pdftotext")}
	// Xmllint validates the sitemap against its XSD.
	Xmllint = Dep{"xmllint", "apt-get install -y libxml2-utils", command("xmllint")}
	// CJKFonts are fonts with Chinese glyphs, without which Chromium draws
	// boxes and printed pages lay out differently.
	CJKFonts = Dep{"CJK fonts (fc-list :lang=zh)", "apt-get install -y fonts-noto-cjk", findCJKFonts}
)

// NodeModule is a file installed by npm ci at the repository root, such as
// "node_modules/axe-core/axe.min.js".
func NodeModule(rel string) Dep {
	return Dep{rel, "npm ci at the repository root", func() (string, error) {
		root, err := RepoRoot()
		if err != nil {
			return "", err
		}
		p := filepath.Join(root, filepath.FromSlash(rel))
		if _, err := os.Stat(p); err != nil {
			return "", err
		}
		return p, nil
	}}
}

func findChromium() (string, error) {
	if p := os.Getenv("ZHINAN_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("ZHINAN_CHROMIUM: %w", err)
		}
		return p, nil
	}
	return command("chromium", "chromium-browser")()
}

func findCJKFonts() (string, error) {
	fcList, err := command("fc-list")()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(fcList, ":lang=zh", "family").Output()
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(string(out)) == "" {
		return "", errors.New("no installed font covers Chinese")
	}
	return strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0], nil
}

// RepoRoot is the repository root: the nearest folder above the working
// directory (a test's package folder) that holds go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// InCI reports whether the tests run under CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing lists every dependency of deps that is not there, each with how
// to install it; "" when all are there. Tests that share one setup (a
// TestMain) check once with it and call Unavailable when it is not "".
func Missing(deps ...Dep) string {
	var missing []string
	for _, d := range deps {
		if _, err := d.find(); err != nil {
			missing = append(missing, fmt.Sprintf("%s (%v; install: %s)", d.name, err, d.install))
		}
	}
	return strings.Join(missing, "; ")
}

// Require returns the paths of deps, in order; when any is missing it
// fails t under CI and skips it elsewhere, naming all that are missing.
func Require(t testing.TB, deps ...Dep) []string {
	t.Helper()
	if m := Missing(deps...); m != "" {
		Unavailable(t, "missing %s", m)
	}
	paths := make([]string, len(deps))
	for i, d := range deps {
		paths[i], _ = d.find()
	}
	return paths
}

// Path is Require for one dependency.
func Path(t testing.TB, d Dep) string {
	t.Helper()
	return Require(t, d)[0]
}

// Unavailable stops t because something outside Go that it needs is not
// usable here (missing, or Chromium does not start): t.Fatalf under CI,
// t.Skipf elsewhere. The message says which.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("%s. CI=true: a missing test dependency fails the test (.ci/run installs them all).", msg)
		return
	}
	t.Skipf("skipped: %s. (Under CI=true this fails.)", msg)
}
