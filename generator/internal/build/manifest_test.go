//go:build unix

package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/write"
)

// manifestSite is a small generated site, its output built once, and a
// guide page of it.
type manifestSite struct {
	t               *testing.T
	src, dest, root string
}

func newManifestSite(t *testing.T) *manifestSite {
	root := fastTempDir(t)
	m := &manifestSite{t: t, src: filepath.Join(root, "site"), dest: filepath.Join(root, "public"), root: root}
	if err := corpus.Generate(m.src, 20, 3, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	m.build(Options{})
	return m
}

// build builds the site into dest with opts (Source and Dest set).
func (m *manifestSite) build(opts Options) Result {
	m.t.Helper()
	opts.Source, opts.Dest = m.src, m.dest
	res, err := Run(context.Background(), opts)
	if err != nil {
		m.t.Fatal(err)
	}
	return res
}

// wantClean wants dest to be what a clean build of the site gives.
func (m *manifestSite) wantClean(search bool) {
	m.t.Helper()
	clean := filepath.Join(m.root, "clean")
	defer os.RemoveAll(clean)
	if _, err := Run(context.Background(), Options{Source: m.src, Dest: clean, Clean: true, Search: search}); err != nil {
		m.t.Fatal(err)
	}
	if diff := compareTrees(m.t, m.dest, clean); diff != "" {
		m.t.Fatal(diff)
	}
}

// TestManifestDecidesReuse: an unchanged site takes every guide page; a
// --clean build, a corrupt manifest, another source folder, another
// --no-search and a manifest of another format take none; a reused page
// that was deleted from the output is made anew; and every time the
// output is a clean build's.
func TestManifestDecidesReuse(t *testing.T) {
	m := newManifestSite(t)
	manifest := filepath.Join(m.dest, write.Manifest)
	lists := browsingPages(t, m.dest)
	if res := m.build(Options{}); res.Reused != 40+lists || res.ReusedLists != lists {
		t.Fatalf("an unchanged site reused %d files (%d browsing pages), want 40 and %d", res.Reused, res.ReusedLists, lists)
	}
	if res := m.build(Options{Clean: true}); res.Reused != 0 {
		t.Fatalf("--clean reused %d files", res.Reused)
	}
	m.wantClean(false)
	for name, spoil := range map[string]func(){
		"corrupt":        func() { os.WriteFile(manifest, []byte(fmt.Sprintf(`{"Format":%d,"Guides":{`, manifestFormat)), 0o644) },
		"missing":        func() { os.Remove(manifest) },
		"other format":   func() { rewrite(t, manifest, fmt.Sprintf(`"Format":%d`, manifestFormat), `"Format":1`) },
		"other source":   func() { rewrite(t, manifest, `"Source":"`, `"Source":"/elsewhere`) },
		"other binary":   func() { rewrite(t, manifest, `"Generator":"`, `"Generator":"0`) },
		"other site key": func() { rewrite(t, manifest, `"Site":"`, `"Site":"0`) },
	} {
		spoil()
		if res := m.build(Options{}); res.Reused != 0 {
			t.Errorf("%s manifest: %d files reused, want none", name, res.Reused)
		}
		m.wantClean(false)
	}
	if res := m.build(Options{Search: true}); res.Reused != 0 || res.SearchReused {
		t.Errorf("with search after without: %d files reused", res.Reused)
	}
	m.wantClean(true)
	if res := m.build(Options{Search: true}); res.Reused != 40+lists || !res.SearchReused {
		t.Errorf("unchanged with search: %d files reused, search reused %v", res.Reused, res.SearchReused)
	}
	// A page the manifest lists but the output lost is made anew, with
	// its sheet. (The kept folder, write.KeptPath, still holds the
	// previous build's link to it and would give it back: it goes too.)
	page := firstGuidePage(t, m.dest)
	os.Remove(page)
	os.RemoveAll(write.KeptPath(m.dest))
	if res := m.build(Options{Search: true}); res.Reused != 38+lists {
		t.Errorf("with one page lost: %d files reused, want %d", res.Reused, 38+lists)
	}
	m.wantClean(true)
}

// browsingPages counts the browsing pages (department, region, topic,
// list) of the output at dest.
func browsingPages(t *testing.T, dest string) int {
	t.Helper()
	n := 0
	for _, kind := range []string{"department", "region", "topic", "lists"} {
		pages, err := filepath.Glob(filepath.Join(dest, kind, "*", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		n += len(pages)
	}
	if n == 0 {
		t.Fatal("no browsing pages in", dest)
	}
	return n
}

// TestIncrementalNextDay builds on one day and then on the next: only the
// pages whose stale notice (or lifecycle notice) changed are made anew,
// and the output is a clean build's of that day.
func TestIncrementalNextDay(t *testing.T) {
	m := newManifestSite(t)
	day := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	m.build(Options{Today: day})
	res := m.build(Options{Today: day.AddDate(0, 0, 1)})
	if res.Reused == 0 || res.Reused == 40 {
		t.Errorf("the next day reused %d of 40 guide files: want the fresh guides' pages only", res.Reused)
	}
	clean := filepath.Join(m.root, "clean")
	if _, err := Run(context.Background(), Options{Source: m.src, Dest: clean, Clean: true, Today: day.AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	if diff := compareTrees(t, m.dest, clean); diff != "" {
		t.Fatal(diff)
	}
}

// TestIncrementalNeverWritesThroughALink keeps a second link to a page
// that changes and to one that does not, outside the output: an
// incremental build leaves the changed page's old file as it was (the new
// page is a new file), and publishes the unchanged one as the very same
// file (a link, not a copy).
func TestIncrementalNeverWritesThroughALink(t *testing.T) {
	for _, fromKept := range []bool{false, true} {
		t.Run(map[bool]string{false: "fresh stage", true: "kept folder"}[fromKept], func(t *testing.T) {
			neverWritesThroughALink(t, fromKept)
		})
	}
}

// neverWritesThroughALink is TestIncrementalNeverWritesThroughALink from
// an empty staging folder or, with fromKept, from the kept folder (an
// unchanged build first, so that the first output is kept beside the
// second and shares every guide file with it).
func neverWritesThroughALink(t *testing.T, fromKept bool) {
	m := newManifestSite(t)
	if fromKept {
		m.build(Options{})
	}
	pages := guidePages(t, m.dest)
	changed, same := pages[0], pages[2] // pages[1] is pages[0]'s sheet
	code := filepath.Base(filepath.Dir(changed))
	before, _ := os.ReadFile(changed)
	keepChanged, keepSame := filepath.Join(m.root, "changed"), filepath.Join(m.root, "same")
	os.Link(changed, keepChanged)
	os.Link(same, keepSame)
	guide := guideFile(t, m.src, code)
	data, _ := os.ReadFile(guide)
	os.WriteFile(guide, append(data, "\n\n新的一段。\n"...), 0o644)
	if res := m.build(Options{}); res.FromKept != fromKept {
		t.Fatalf("the build started from the kept folder: %v, want %v", res.FromKept, fromKept)
	}
	if after, _ := os.ReadFile(keepChanged); string(after) != string(before) {
		t.Fatal("the build wrote the changed page through the old file")
	}
	if now, _ := os.ReadFile(changed); string(now) == string(before) || !strings.Contains(string(now), "新的一段") {
		t.Fatal("the changed page was not made anew")
	}
	if inode(t, same) != inode(t, keepSame) {
		t.Fatal("the unchanged page was not taken from the previous output")
	}
	m.wantClean(false)
}

// TestIncrementalChangesList: the change list of an incremental build is
// the one a clean build over the same output gives.
func TestIncrementalChangesList(t *testing.T) {
	m := newManifestSite(t)
	backup := filepath.Join(m.root, "backup")
	if err := os.CopyFS(backup, os.DirFS(m.dest)); err != nil {
		t.Fatal(err)
	}
	guide := guideFile(t, m.src, filepath.Base(filepath.Dir(firstGuidePage(t, m.dest))))
	data, _ := os.ReadFile(guide)
	os.WriteFile(guide, append(data, "\n\n新的一段。\n"...), 0o644)
	incList, cleanList := filepath.Join(m.root, "inc.txt"), filepath.Join(m.root, "clean.txt")
	if res := m.build(Options{Changes: incList}); res.Reused == 0 {
		t.Fatal("nothing reused")
	}
	os.RemoveAll(m.dest)
	os.Rename(backup, m.dest)
	m.build(Options{Changes: cleanList, Clean: true})
	a, _ := os.ReadFile(incList)
	b, _ := os.ReadFile(cleanList)
	if string(a) != string(b) || !strings.Contains(string(a), "+guide/") {
		t.Fatalf("incremental change list:\n%s\nclean:\n%s", a, b)
	}
	if strings.Contains(string(a), write.Manifest) {
		t.Fatal("the change list names the manifest")
	}
}

func rewrite(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q (%v)", file, old, err)
	}
	os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
}

// guidePages lists the guide pages and sheets of an output, sorted.
func guidePages(t *testing.T, dest string) []string {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(dest, "guide", "*", "*.html"))
	if len(pages) < 3 {
		t.Fatalf("%d guide pages", len(pages))
	}
	return pages
}

func firstGuidePage(t *testing.T, dest string) string { return guidePages(t, dest)[0] }

// guideFile finds the source file of the guide with code.
func guideFile(t *testing.T, src, code string) string {
	t.Helper()
	var found string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if data, rerr := os.ReadFile(p); err == nil && !d.IsDir() && rerr == nil && strings.Contains(string(data), `code = "`+code+`"`) {
			found = p
		}
		return nil
	})
	if found == "" {
		t.Fatalf("no guide has code %s", code)
	}
	return found
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}
