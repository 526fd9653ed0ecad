package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckHost: check --host measures the output folder given by
// --dest: a file over Cloudflare's 25 MiB is a W-host warning (exit 1
// with --strict); a missing output is wrong usage, saying to build.
func TestCheckHost(t *testing.T) {
	dest := t.TempDir()
	f, err := os.Create(filepath.Join(dest, "big.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(26 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out, errb bytes.Buffer
	code := run([]string{"check", "--source", "..", "--today", "2026-01-01", "--host", "cloudflare", "--dest", dest, "--strict"}, &out, &errb)
	if code != exitContent || !strings.Contains(out.String(), "[W-host]") || !strings.Contains(out.String(), "big.json") {
		t.Errorf("exit %d\n%s%s; want 1 with a W-host warning at big.json", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	code = run([]string{"check", "--source", "..", "--host", "github", "--dest", filepath.Join(dest, "none")}, &out, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "generator build") {
		t.Errorf("a missing output: exit %d %s; want 2 saying to build first", code, errb.String())
	}
}
