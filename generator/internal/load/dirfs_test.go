package load

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// DirFS reads what os.DirFS reads, refuses what it refuses, and keeps
// its Stat and ReadDir.
func TestDirFSReadsLikeOsDirFS(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("指南\n"), 40000)
	for name, data := range map[string][]byte{"a.md": []byte("+++\ncode = \"x\"\n+++\n"), "empty.md": nil, "sub/big.md": big} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(dir)
	for _, name := range []string{"a.md", "empty.md", "sub/big.md"} {
		got, err := fs.ReadFile(fsys, name)
		want, _ := fs.ReadFile(os.DirFS(dir), name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	for _, name := range []string{"missing.md", "../etc/passwd", "/abs", "sub"} {
		if _, err := fs.ReadFile(fsys, name); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	if _, err := fs.ReadFile(fsys, "missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := fs.Stat(fsys, "sub/big.md"); err != nil {
		t.Error(err)
	}
	if es, err := fs.ReadDir(fsys, "sub"); err != nil || len(es) != 1 {
		t.Errorf("ReadDir: %v %v", es, err)
	}
}
