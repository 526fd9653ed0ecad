package write

import (
	"os"
	"path/filepath"
	"testing"

	"zhinan/generator/internal/site"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == Marker {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCommitReplacesWholeOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i, files := range [][]site.File{
		{{Path: "index.html", Data: []byte("one")}, {Path: "old/gone.html", Data: []byte("x")}},
		{{Path: "index.html", Data: []byte("two")}, {Path: "guide/a/index.html", Data: []byte("a")}},
	} {
		st, err := Begin(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := writeAll(st, files); err != nil {
			t.Fatal(err)
		}
		if err := st.Commit(); err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
	}
	got := readTree(t, dest)
	want := map[string]string{"index.html": "two", "guide/a/index.html": "a"}
	if len(got) != len(want) || got["index.html"] != "two" || got["guide/a/index.html"] != "a" {
		t.Fatalf("got %v, want %v", got, want)
	}
	// No staging folders are left beside the output.
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Fatalf("leftovers beside output: %v", entries)
	}
}

func TestFailedWriteLeavesPreviousOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, _ := Begin(dest, Options{})
	if err := writeAll(st, []site.File{{Path: "index.html", Data: []byte("keep")}}); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	st, _ = Begin(dest, Options{})
	// A file and a folder of the same name: the second write fails, as a
	// full disk or a permission problem would.
	err := writeAll(st, []site.File{
		{Path: "index.html", Data: []byte("new")},
		{Path: "a", Data: []byte("file")},
		{Path: "a/b.html", Data: []byte("under a file")},
	})
	if err == nil {
		t.Fatal("expected a write error")
	}
	st.Abort()
	if err := st.Commit(); err == nil {
		t.Fatal("commit after abort must fail")
	}
	after := readTree(t, dest)
	if len(after) != len(before) || after["index.html"] != "keep" {
		t.Fatalf("output changed: %v", after)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Fatalf("staging folder left behind: %v", entries)
	}
}

func TestRejectsPathsOutsideOutput(t *testing.T) {
	st, _ := Begin(filepath.Join(t.TempDir(), "public"), Options{})
	defer st.Abort()
	for _, p := range []string{"../x", "/abs", "", "a/../../b"} {
		if err := writeAll(st, []site.File{{Path: p}}); err == nil {
			t.Errorf("path %q accepted", p)
		}
	}
}

// writeAll writes files through a Stream and returns the first error.
func writeAll(st *Stage, files []site.File) error {
	w := st.Stream()
	for _, f := range files {
		if err := w.Write(f); err != nil {
			w.Close()
			return err
		}
	}
	_, err := w.Close()
	return err
}
