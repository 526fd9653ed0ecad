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

// StatFile answers what Stat answers: for regular files in and below
// content/, for a link that stays inside (followed), a link that leads
// out (refused), a folder and a missing file.
func TestStatFileLikeStat(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("secret"), 0o600)
	files := map[string]string{"content/a.md": "a", "content/r/b.md": "bb", "content/r/s/c.md": "ccc"}
	for name, data := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	os.Symlink("b.md", filepath.Join(dir, "content/r/link.md"))
	os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/r/out.md"))
	fsys := DirFS(dir)
	for _, name := range []string{"content/a.md", "content/r/b.md", "content/r/s/c.md", "content/r/link.md", "content/r", "content/r/s/c.md"} {
		got, err := StatFile(fsys, name)
		want, wantErr := fs.Stat(fsys, name)
		if err != nil || wantErr != nil {
			t.Fatalf("%s: %v / %v", name, err, wantErr)
		}
		if got.Size() != want.Size() || got.Mode() != want.Mode() || !got.ModTime().Equal(want.ModTime()) || got.IsDir() != want.IsDir() || got.Name() != want.Name() {
			t.Errorf("%s: StatFile %v %v %v %q, Stat %v %v %v %q", name, got.Size(), got.Mode(), got.ModTime(), got.Name(), want.Size(), want.Mode(), want.ModTime(), want.Name())
		}
	}
	for _, name := range []string{"content/r/out.md", "content/missing.md", "content/r/missing/x.md", "../x.md"} {
		if _, err := StatFile(fsys, name); err == nil {
			t.Errorf("%s: stat without error", name)
		}
	}
	if _, err := StatFile(fsys, "content/missing.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}
