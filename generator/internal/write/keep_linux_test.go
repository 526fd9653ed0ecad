package write

import (
	"os"
	"path/filepath"
	"testing"

	"zhinan/generator/internal/site"
)

// publishKeeping writes files (and a manifest) into a new stage of dest and
// commits it, keeping the replaced output with record when record is not
// nil.
func publishKeeping(t *testing.T, dest string, record []byte, drop []string, files ...site.File) {
	t.Helper()
	st, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAll(st, files); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteManifest([]byte("manifest " + string(files[0].Data))); err != nil {
		t.Fatal(err)
	}
	if record != nil {
		st.KeepPrevious(record, drop)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestKeptFolder: Commit keeps the replaced output at KeptPath with the
// record when asked (Linux: an atomic exchange); Adopt hands the record
// and manifest to usable and, when it accepts them, the stage holds the
// kept files without the two, and a later Commit keeps again.
func TestKeptFolder(t *testing.T) {
	dest, kept := publishTwiceKeeping(t)
	if got := readTree(t, kept); len(got) != 3 || got["index.html"] != "one" || got[KeptRecord] != "record two" || got[Manifest] != "manifest one" {
		t.Fatalf("kept folder: %v", got)
	}
	if _, err := os.Stat(filepath.Join(kept, "drop")); !os.IsNotExist(err) {
		t.Fatalf("the folder of a dropped file stayed in the kept folder: %v", err)
	}

	st, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var record, manifest string
	if !st.Adopt(func(r, m []byte) bool { record, manifest = string(r), string(m); return true }) {
		t.Fatal("the kept folder was not adopted")
	}
	if record != "record two" || manifest != "manifest one" {
		t.Fatalf("usable was shown %q and %q", record, manifest)
	}
	if got := readTree(t, st.Dir()); len(got) != 1 || got["index.html"] != "one" {
		t.Fatalf("adopted stage holds %v, want index.html alone", got)
	}
	if _, err := os.Stat(kept); !os.IsNotExist(err) {
		t.Fatalf("the kept folder is still there after Adopt: %v", err)
	}
	// Writing a file the stage holds means removing it first.
	if err := st.RemoveFiles([]string{"index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := writeAll(st, []site.File{{Path: "index.html", Data: []byte("three")}}); err != nil {
		t.Fatal(err)
	}
	st.WriteManifest([]byte("manifest three"))
	st.KeepPrevious([]byte("record three"), nil)
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); got["index.html"] != "three" {
		t.Fatalf("published %v", got)
	}
}

// publishTwiceKeeping publishes two outputs in a row, the second keeping
// the first (without its drop/me.html) with the record "record two".
func publishTwiceKeeping(t *testing.T) (dest, kept string) {
	t.Helper()
	dest = filepath.Join(t.TempDir(), "public")
	publishKeeping(t, dest, nil, nil, site.File{Path: "index.html", Data: []byte("one")}, site.File{Path: "drop/me.html", Data: []byte("x")})
	publishKeeping(t, dest, []byte("record two"), []string{"drop/me.html"}, site.File{Path: "index.html", Data: []byte("two")})
	return dest, KeptPath(dest)
}

// TestKeptFolderRefused: when usable refuses the record, the kept folder
// goes.
func TestKeptFolderRefused(t *testing.T) {
	dest, kept := publishTwiceKeeping(t)
	st, _ := Begin(dest, Options{})
	if st.Adopt(func(r, m []byte) bool { return false }) {
		t.Fatal("adopted a refused kept folder")
	}
	st.Abort()
	if _, err := os.Stat(kept); !os.IsNotExist(err) {
		t.Fatalf("a refused kept folder stayed: %v", err)
	}
}

// TestKeptFolderNotOurs: a folder at the kept path without the marker is
// not the tool's: it stays, and Commit does not keep into it.
func TestKeptFolderNotOurs(t *testing.T) {
	dest, kept := publishTwiceKeeping(t)
	if err := os.RemoveAll(kept); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(kept, 0o755)
	os.WriteFile(filepath.Join(kept, "mine.txt"), []byte("x"), 0o644)
	st, _ := Begin(dest, Options{})
	if st.Adopt(func(r, m []byte) bool { return true }) {
		t.Fatal("adopted a folder without the marker")
	}
	writeAll(st, []site.File{{Path: "index.html", Data: []byte("four")}})
	st.WriteManifest([]byte("manifest four"))
	st.KeepPrevious([]byte("record four"), nil)
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, kept); len(got) != 1 || got["mine.txt"] != "x" {
		t.Fatalf("a folder that is not the tool's changed: %v", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 2 {
		t.Fatalf("beside the output: %v, want the output and the foreign folder", entries)
	}
}
