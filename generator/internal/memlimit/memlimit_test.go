package memlimit

import (
	"fmt"
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
	if gc != GCPercent || limit != Limit(3, 24) {
		t.Errorf("during the build: GOGC %d, limit %d; want %d, %d", gc, limit, GCPercent, Limit(3, 24))
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

	// a limit of the user's own, without GOGC: GOGC is what bounds the heap
	os.Unsetenv("GOGC")
	restore = ForBuild(dir)
	gc, limit = debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gc)
	restore()
	if gc != GCPercentBounded || limit != limitBefore {
		t.Errorf("with GOMEMLIMIT set alone: GOGC %d, limit %d; want %d and the limit untouched", gc, limit, GCPercentBounded)
	}
	if GCPercentUnder(Limit(100_000, 235_000_000)) != GCPercent || GCPercentUnder(Limit(1_000_000, 2_350_000_000)) != GCPercentBounded {
		t.Errorf("GOGC at 100,000 and 1,000,000 guides: %d and %d, want off below the cap and %d at it",
			GCPercentUnder(Limit(100_000, 235_000_000)), GCPercentUnder(Limit(1_000_000, 2_350_000_000)), GCPercentBounded)
	}
	if a, b := Limit(10_000, 23_500_000), Limit(100_000, 235_000_000); a >= b || b > 1900<<20 {
		t.Errorf("limits %d (10k), %d (100k): want growing, and under 1.9 GiB at 100k guides of 2.35 kB", a, b)
	}
	if l := Limit(1_000_000, 2_350_000_000); l != memoryLimitMax {
		t.Errorf("limit %d for 1,000,000 guides: want the cap %d", l, memoryLimitMax)
	}
	// 10,000 guides of the long shape hold 346 MB live at the peak
	if l := Limit(10_000, 57_600_000); l < 346<<20*5/4 {
		t.Errorf("limit %d for 10,000 guides of 5.76 kB: want room above their 346 MB live heap", l)
	}
}

// TestContentBytes: the estimate from a sample of the files is close to
// their sum, for more files than the sample and for fewer.
func TestContentBytes(t *testing.T) {
	for _, n := range []int{5, 3*sizeSample + 7} {
		dir := t.TempDir()
		var files []string
		var want int64
		for i := 0; i < n; i++ {
			name := fmt.Sprintf("g%05d.md", i)
			size := 1000 + (i%10)*300 // 1,000 to 3,700 bytes
			if err := os.WriteFile(filepath.Join(dir, name), make([]byte, size), 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, name)
			want += int64(size)
		}
		got := contentBytes(os.DirFS(dir), files)
		if d := got - want; d < -want/50 || d > want/50 {
			t.Errorf("%d files: estimated %d bytes, they hold %d", n, got, want)
		}
	}
	if got := contentBytes(os.DirFS(t.TempDir()), nil); got != 0 {
		t.Errorf("no files: %d bytes", got)
	}
}
