package memlimit

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestBuildMemoryPolicy: the build sets GOGC and a memory limit that grows
// with the number of guides, restores both afterwards, and leaves alone
// what the environment sets.
func TestBuildMemoryPolicy(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "b.md", "sub/c.md", "_index.md"} {
		p := filepath.Join(dir, "content", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("+++\n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Setenv(v, "") // restored when the test ends
		os.Unsetenv(v)
	}
	gcBefore, limitBefore := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gcBefore)

	restore := ForBuild(dir)
	gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gc)
	restore()
	if gc != GCPercent || limit != Limit(3) {
		t.Errorf("during the build: GOGC %d, limit %d; want %d, %d", gc, limit, GCPercent, Limit(3))
	}
	if got := debug.SetGCPercent(-1); got != gcBefore {
		t.Errorf("GOGC not restored: %d, want %d", got, gcBefore)
	}
	debug.SetGCPercent(gcBefore)
	if got := debug.SetMemoryLimit(-1); got != limitBefore {
		t.Errorf("memory limit not restored: %d, want %d", got, limitBefore)
	}

	t.Setenv("GOGC", "100")
	t.Setenv("GOMEMLIMIT", "off")
	restore = ForBuild(dir)
	gc, limit = debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gc)
	restore()
	if gc != gcBefore || limit != limitBefore {
		t.Errorf("with GOGC and GOMEMLIMIT set: GOGC %d, limit %d; want them untouched", gc, limit)
	}
	if a, b := Limit(10_000), Limit(100_000); a >= b || b > 1200<<20 {
		t.Errorf("limits %d (10k), %d (100k): want growing, and under 1.2 GiB at 100k", a, b)
	}
}
