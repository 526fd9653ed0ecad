package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/sitefixture"
)

// TestGuideCacheFile follows the guide cache file through the builds an
// editor makes: a second build parses only the guide that changed, a
// change that keeps the file's size and modification time is still seen,
// a damaged or foreign cache is parsed around, and --clean parses all;
// every output equals a clean build's.
func TestGuideCacheFile(t *testing.T) {
	if !guideCacheOnDisk {
		t.Skip("the guide cache file is kept on Linux only")
	}
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	dest := filepath.Join(t.TempDir(), "public")
	files := countGuideFiles(t, src)
	build := func(step string, clean bool) Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Source: src, Dest: dest, Clean: clean})
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		clean2 := filepath.Join(t.TempDir(), "clean")
		if _, err := Run(context.Background(), Options{Source: src, Dest: clean2, Clean: true}); err != nil {
			t.Fatal(err)
		}
		if p, ok := sitefixture.SameTree(sitefixture.Snapshot(t, clean2), sitefixture.Snapshot(t, dest)); !ok {
			t.Fatalf("%s: output differs from a clean build at %s", step, p)
		}
		if _, err := os.Stat(GuideCacheFile(dest) + ".new"); err == nil {
			t.Fatalf("%s: the cache being written was left behind", step)
		}
		return res
	}
	expect := func(step string, res Result, parsed int) {
		t.Helper()
		if res.Parsed != parsed || res.FromCache != files-parsed {
			t.Fatalf("%s: parsed %d, from cache %d; want %d and %d", step, res.Parsed, res.FromCache, parsed, files-parsed)
		}
	}
	// Files written less than racyWindow before they are read are not
	// trusted: wait that long after every change.
	settle := func() { time.Sleep(racyWindow + 50*time.Millisecond) }

	settle()
	expect("first build", build("first build", false), files)
	expect("nothing changed", build("nothing changed", false), 0)

	guide := filepath.Join(src, "content/sfj/aid.md")
	orig, _ := os.ReadFile(guide)
	os.WriteFile(guide, append(orig, "\n补充说明。\n"...), 0o644)
	settle()
	expect("one guide edited", build("one guide edited", false), 1)

	// The same size and modification time: only the change time tells.
	info, _ := os.Stat(guide)
	now, _ := os.ReadFile(guide)
	sameSize := bytes.Replace(now, []byte("法律援助正文。"), []byte("法律援助全文。"), 1)
	if len(sameSize) != len(now) || bytes.Equal(sameSize, now) {
		t.Fatal("the fixture's body changed: pick another same-size edit")
	}
	os.WriteFile(guide, sameSize, 0o644)
	os.Chtimes(guide, info.ModTime(), info.ModTime())
	settle()
	expect("same size and time", build("same size and time", false), 1)
	page, _ := os.ReadFile(filepath.Join(dest, "guide/330000-SF-GG-0002/index.html"))
	if !strings.Contains(string(page), "法律援助全文") {
		t.Fatal("an edit that kept size and modification time was not published")
	}

	// Damage the record of one guide: that guide is parsed again.
	data, _ := os.ReadFile(GuideCacheFile(dest))
	i := bytes.LastIndex(data, []byte("法律援助全文"))
	if i < 0 {
		t.Fatal("the guide's body is not in the cache")
	}
	data[i] ^= 1
	os.WriteFile(GuideCacheFile(dest), data, 0o644)
	expect("damaged record", build("damaged record", false), 1)

	// A file cut short has lost its table: every guide is parsed.
	data, _ = os.ReadFile(GuideCacheFile(dest))
	os.WriteFile(GuideCacheFile(dest), data[:len(data)*2/3], 0o644)
	expect("cut short", build("cut short", false), files)

	// A damaged table (the department is one of its strings): the same.
	data, _ = os.ReadFile(GuideCacheFile(dest))
	i = bytes.LastIndex(data, []byte("省司法厅"))
	if i < 0 {
		t.Fatal("the department is not in the cache")
	}
	data[i] ^= 1
	os.WriteFile(GuideCacheFile(dest), data, 0o644)
	expect("damaged table", build("damaged table", false), files)

	expect("clean", build("clean", true), files)
	expect("after clean", build("after clean", false), 0)

	// A failed build leaves the previous cache as it was, and no next one.
	before, _ := os.ReadFile(GuideCacheFile(dest))
	os.WriteFile(guide, bytes.Replace(sameSize, []byte("visits = 0"), []byte("visits = 3"), 1), 0o644)
	settle()
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err == nil {
		t.Fatal("a build of a guide with 5 stars and 3 visits succeeded")
	}
	if after, _ := os.ReadFile(GuideCacheFile(dest)); !bytes.Equal(before, after) {
		t.Fatal("a failed build changed the cache")
	}
	if _, err := os.Stat(GuideCacheFile(dest) + ".new"); err == nil {
		t.Fatal("a failed build left its cache behind")
	}
	os.WriteFile(guide, sameSize, 0o644)
	settle()
	expect("after the failed build", build("after the failed build", false), 1)

	// Another source folder (a copy of the site) does not read this one's
	// cache.
	copySrc := sitefixture.WriteSite(t, sitefixture.SmallSite)
	os.WriteFile(filepath.Join(copySrc, "content/sfj/aid.md"), sameSize, 0o644)
	res, err := Run(context.Background(), Options{Source: copySrc, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if res.FromCache != 0 {
		t.Fatalf("a build of another source took %d guides from the cache", res.FromCache)
	}
}

func countGuideFiles(t *testing.T, src string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no guides in the fixture")
	}
	return n
}
