// Package sitefixture helps tests build whole sites on disk: a site written
// from a txtar archive, a snapshot of an output folder, and the small
// site most whole-site tests start from. Only tests import it.
package sitefixture

import (
	"bytes"
	"crypto/sha256"
	_ "embed" // SmallSite is in testdata/
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// WriteSite writes a txtar archive of a site into a new temp folder.
func WriteSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Snapshot reads every file under dir into a map of relative path → bytes.
func Snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// SameTree compares two snapshots; it names a differing file.
func SameTree(a, b map[string][]byte) (string, bool) {
	if len(a) != len(b) {
		return "file count differs", false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return k, false
		}
	}
	return "", true
}

// SmallSite is a valid site of a few guides: a standard guide and a local
// one extending it, a five-star guide, a draft, a form under static/.
//
//go:embed testdata/small.txtar
var SmallSite string

// Manifest is a checksum of every file and link under dir (links by
// their target, not followed), so that a test can tell that nothing
// under dir changed: not a byte, not a file more or less. The one thing
// it leaves out is a build's search batch cache (build.SearchCache, a
// folder ".<output>.search-cache" beside the output): the tool's own
// cache, never published, which any build with search fills as it
// analyses, a build that then fails too, and which is checked before use.
func Manifest(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if fi.IsDir() && strings.HasPrefix(fi.Name(), ".") && strings.HasSuffix(fi.Name(), ".search-cache") {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			lines = append(lines, rel+" -> "+l)
		case fi.Mode()&os.ModeNamedPipe != 0:
			lines = append(lines, rel+" (fifo)")
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(data)))
		case fi.IsDir():
			lines = append(lines, rel+"/")
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
