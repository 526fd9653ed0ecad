package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/write"
)

// incrementalSeed is the seed of the random edits of
// TestPublishIncrementalEqualsClean: ZHINAN_INCR_SEED when set (to replay
// a failure the log names), else a fixed one.
func incrementalSeed(t *testing.T) uint64 {
	seed := uint64(20261204)
	if s := os.Getenv("ZHINAN_INCR_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("ZHINAN_INCR_SEED=%q: %v", s, err)
		}
		seed = n
	}
	t.Logf("seed %d (set ZHINAN_INCR_SEED to replay)", seed)
	return seed
}

// fastTempDir is a temporary folder on a RAM disk when there is one: a
// publish syncs the staging folder, which on a disk waits for the
// journal, and these tests publish hundreds of times.
func fastTempDir(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "zhinan-incr-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// TestPublishIncrementalEqualsClean makes random edits to a generated site
// on disk (guides edited, added, deleted, copied, renamed; a standard that
// others extend; layouts, config.toml and static files) and after each
// builds it twice: incrementally into one output, kept from step to step,
// and cleanly into a new one. Both must agree on success, and the two
// outputs must hold the same files with the same bytes (manifest
// included). Steps 50 to 73 build with search (every other one with an edit that
// leaves the index as it is), so that the search folder
// is taken whole and made anew too.
func TestPublishIncrementalEqualsClean(t *testing.T) {
	if testing.Short() {
		t.Skip("200 builds: skipped with -short")
	}
	root := fastTempDir(t)
	src := filepath.Join(root, "site")
	if err := corpus.Generate(src, 60, 7, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	ed := newSiteEditor(src, incrementalSeed(t))
	inc := filepath.Join(root, "inc")
	var reused, built, searchReused, fromKept, dataParts int
	for step := range 100 {
		search := step >= 50 && step < 74
		what := ed.step(step, search && step%2 == 1)
		switch step % 10 {
		case 3:
			interruptedBuild(t, root, src, inc, search)
		case 7:
			what += spoilKept(inc)
		}
		res, err := Run(context.Background(), Options{Source: src, Dest: inc, Search: search})
		clean := filepath.Join(root, "clean")
		_, cleanErr := Run(context.Background(), Options{Source: src, Dest: clean, Search: search, Clean: true})
		if os.Getenv("ZHINAN_INCR_DEBUG") != "" {
			t.Logf("step %d (%s): err %v, reused %d, search %v", step, what, err, res.Reused, res.SearchReused)
		}
		if (err == nil) != (cleanErr == nil) {
			t.Fatalf("step %d (%s): incremental: %v; clean: %v", step, what, err, cleanErr)
		}
		if err == nil {
			built++
			reused += res.Reused
			if res.SearchReused {
				searchReused++
			}
			if res.FromKept {
				fromKept++
			}
			dataParts += res.DataParts
			if diff := compareTrees(t, inc, clean); diff != "" {
				t.Fatalf("step %d (%s): the incremental output differs from a clean build: %s", step, what, diff)
			}
		}
		os.RemoveAll(clean)
	}
	t.Logf("%d of 100 steps built; %d guide files reused in all; the search folder reused %d times; %d builds started from the kept folder; %d open-data parts taken",
		built, reused, searchReused, fromKept, dataParts)
	if built < 50 || reused < 1000 || searchReused < 2 || fromKept < 10 || dataParts < 1000 {
		t.Errorf("%d steps built, %d files reused, search reused %d times, %d from the kept folder, %d open-data parts taken: the test no longer exercises reuse",
			built, reused, searchReused, fromKept, dataParts)
	}
}

// interruptedBuild runs an incremental build into inc that is cancelled
// once it has set up its stage (after it adopted the kept folder, when
// there was one) and wants it to fail and leave inc as it was.
func interruptedBuild(t *testing.T, root, src, inc string, search bool) {
	t.Helper()
	before := filepath.Join(root, "before")
	defer os.RemoveAll(before)
	if err := os.CopyFS(before, os.DirFS(inc)); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Run(ctx, Options{Source: src, Dest: inc, Search: search, Progress: func(s Stage, _ int) {
		if s == StageRender || s == StageRenderAndIndex {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("a build cancelled while it rendered succeeded")
	}
	if _, serr := os.Stat(inc); serr == nil {
		if diff := compareTrees(t, inc, before); diff != "" {
			t.Fatalf("a cancelled build (%v) changed the output: %s", err, diff)
		}
	}
}

// spoilKept leaves the kept folder as a build killed while it brought
// the folder up to date would: its record gone (the first thing such a
// build removes) and some of its files too. The next build must not
// take it.
func spoilKept(inc string) string {
	kept := write.KeptPath(inc)
	if os.Remove(filepath.Join(kept, write.KeptRecord)) != nil {
		return ""
	}
	pages, _ := filepath.Glob(filepath.Join(kept, "guide", "*", "index.html"))
	for _, p := range pages[:min(3, len(pages))] {
		os.Remove(p)
	}
	return ", kept folder spoilt"
}

// compareTrees returns "" when the two folders hold the same files (and
// folders) with the same bytes, else the first difference.
func compareTrees(t *testing.T, a, b string) string {
	t.Helper()
	fa, fb := treeFiles(t, a), treeFiles(t, b)
	if !slices.Equal(fa, fb) {
		return fmt.Sprintf("files differ: only in incremental %v, only in clean %v", minus(fa, fb), minus(fb, fa))
	}
	for _, p := range fa {
		if strings.HasSuffix(p, "/") {
			continue
		}
		da, errA := os.ReadFile(filepath.Join(a, p))
		db, errB := os.ReadFile(filepath.Join(b, p))
		if errA != nil || errB != nil {
			return fmt.Sprintf("%s: %v %v", p, errA, errB)
		}
		if !bytes.Equal(da, db) {
			return p + " differs"
		}
	}
	return ""
}

// treeFiles lists every file and folder below root, sorted.
func treeFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			rel += "/"
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			out = append(out, x)
		}
	}
	return out
}

// siteEditor makes the random edits of the publishing tests: the guide
// edits of randomEditor and, beside them, body edits, renames, edits of a
// standard others extend, layouts, config.toml and static files.
type siteEditor struct {
	*randomEditor
	config string // config.toml as generated
}

func newSiteEditor(src string, seed uint64) *siteEditor {
	e := newRandomEditor(src)
	e.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	e.edits = e.guideEdits()
	config, _ := os.ReadFile(filepath.Join(src, "config.toml"))
	return &siteEditor{randomEditor: e, config: string(config)}
}

// step makes one random edit and says what it was. Every sixth step
// undoes the guide edits since the last undo, so that the site does not
// stay broken for long; with quiet, only edits that leave the guides (and
// so the search index) alone are made.
func (e *siteEditor) step(step int, quiet bool) string {
	if step%6 == 5 {
		return fmt.Sprintf("undo %v", e.undo())
	}
	if quiet {
		if e.rng.IntN(2) == 0 {
			return e.layout()
		}
		return e.static(step)
	}
	switch r := e.rng.IntN(14); {
	case r < 5:
		return fmt.Sprintf("guides %v", e.randomEditor.step(step))
	case r < 8:
		return e.editBody()
	case r == 8:
		return e.rename(step)
	case r == 9:
		return e.editStandard()
	case r == 10:
		return e.layout()
	case r == 11:
		return e.configEdit()
	default:
		return e.static(step)
	}
}

func (e *siteEditor) abs(rel string) string { return filepath.Join(e.src, filepath.FromSlash(rel)) }

// editBody adds a paragraph to a guide's body (only its own page changes).
func (e *siteEditor) editBody() string {
	f := e.pick()
	data, err := os.ReadFile(e.abs(f))
	if err != nil {
		return "nothing (" + f + " is gone)"
	}
	os.WriteFile(e.abs(f), append(data, fmt.Sprintf("\n\n补充说明 %d。\n", e.rng.IntN(1000))...), 0o644)
	e.dirty[f] = true
	return "body of " + f
}

// rename moves a guide's file to a new name.
func (e *siteEditor) rename(step int) string {
	i := e.rng.IntN(len(e.files))
	from := e.files[i]
	to := fmt.Sprintf("%s/renamed-%d.md", filepath.ToSlash(filepath.Dir(from)), step)
	if os.Rename(e.abs(from), e.abs(to)) != nil {
		return "nothing (" + from + " is gone)"
	}
	e.files[i] = to
	e.original[to], e.codes[to] = e.original[from], e.codes[from]
	if e.dirty[from] {
		e.dirty[to] = true
	}
	delete(e.dirty, from)
	return "rename " + from + " → " + to
}

var extendsLine = regexp.MustCompile(`(?m)^extends = "([^"]*)"`)

// editStandard changes the title and promised days of a guide that others
// extend (what they inherit).
func (e *siteEditor) editStandard() string {
	var codes []string
	for _, f := range e.files {
		data, _ := os.ReadFile(e.abs(f))
		if m := extendsLine.FindSubmatch(data); m != nil {
			codes = append(codes, string(m[1]))
		}
	}
	for _, f := range e.files {
		if len(codes) == 0 || e.codes[f] != codes[e.rng.IntN(len(codes))] {
			continue
		}
		data, err := os.ReadFile(e.abs(f))
		if err != nil {
			break
		}
		d := strings.Replace(string(data), "\ntitle = \"", "\ntitle = \"新", 1)
		d = regexp.MustCompile(`(?m)^promised_days = \d+`).ReplaceAllString(d, fmt.Sprintf("promised_days = %d", 1+e.rng.IntN(20)))
		os.WriteFile(e.abs(f), []byte(d), 0o644)
		e.dirty[f] = true
		return "standard " + f
	}
	return "nothing (no standard found)"
}

// layout writes, changes or removes one of the site's own layouts: an
// asset (site.css), a page no guide uses (404.html), a partial every page
// uses (the footer), or the whole folder.
func (e *siteEditor) layout() string {
	n := e.rng.IntN(100)
	var rel, text string
	switch e.rng.IntN(4) {
	case 0:
		rel, text = "layouts/site.css", fmt.Sprintf("body{color:#%03d}", n)
	case 1:
		rel, text = "layouts/404.html", fmt.Sprintf(`{{define "main"}}<h1>找不到 %d</h1>{{end}}`, n)
	case 2:
		rel, text = "layouts/partials/footer.html", fmt.Sprintf(`<footer>页脚 %d {{.Site.Config.Title}}</footer>`, n)
	default:
		os.RemoveAll(e.abs("layouts"))
		return "layouts removed"
	}
	os.MkdirAll(filepath.Dir(e.abs(rel)), 0o755)
	os.WriteFile(e.abs(rel), []byte(text), 0o644)
	return "layout " + rel
}

// configEdit changes the site's title, or puts it back.
func (e *siteEditor) configEdit() string {
	data, _ := os.ReadFile(e.abs("config.toml"))
	if string(data) != e.config {
		os.WriteFile(e.abs("config.toml"), []byte(e.config), 0o644)
		return "config.toml restored"
	}
	os.WriteFile(e.abs("config.toml"), []byte(strings.Replace(e.config, "办事指南", "办事指南（新）", 1)), 0o644)
	return "config.toml title"
}

// static adds, changes or removes a static file.
func (e *siteEditor) static(step int) string {
	rel := fmt.Sprintf("static/files/f%d.txt", e.rng.IntN(3))
	if _, err := os.Stat(e.abs(rel)); err == nil && e.rng.IntN(2) == 0 {
		os.Remove(e.abs(rel))
		return "removed " + rel
	}
	os.MkdirAll(filepath.Dir(e.abs(rel)), 0o755)
	os.WriteFile(e.abs(rel), []byte(fmt.Sprintf("文件 %d", step)), 0o644)
	return "wrote " + rel
}
