package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

var linkified = regexp.MustCompile(`<a href="?https://example.gov.cn/help"?>`)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func renderFixture(t testing.TB, minified bool) map[string][]byte {
	t.Helper()
	r, err := newRenderer(nil, minified)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(fixtureSite())
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]byte, len(files))
	for _, f := range files {
		if _, dup := out[f.Path]; dup {
			t.Fatalf("two files at %s", f.Path)
		}
		out[f.Path] = f.Data
	}
	return out
}

// TestGolden compares the main page types, unminified so a reviewer can
// read them, with testdata/golden. Refresh with -update.
func TestGolden(t *testing.T) {
	files := renderFixture(t, false)
	golden := map[string]string{
		"index.html":                             "home.html",
		"guide/330000-SF-XK-0001/index.html":     "guide-standard.html",
		"guide/330902-SF-XK-0001/index.html":     "guide-local.html",
		"guide/330000-SF-GG-0002/index.html":     "guide-online.html",
		"guide/330000-SF-XK-0001/print.html":     "print-standard.html",
		"guide/330000-SF-GG-0002/print.html":     "print-online.html",
		"department/sheng-si-fa-ting/index.html": "department.html",
		"lists/one-visit/index.html":             "list-one-visit.html",
		"lists/negative/index.html":              "list-negative.html",
		"region/330900/index.html":               "region.html",
		"404.html":                               "404.html",
		"search/index.html":                      "search.html",
	}
	for path, name := range golden {
		got, ok := files[path]
		if !ok {
			t.Errorf("no page %s", path)
			continue
		}
		gp := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.WriteFile(gp, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(gp)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test ./generator/internal/render -update and review the diff)", path, gp)
		}
	}
}

func TestRenderListsEveryPage(t *testing.T) {
	files := renderFixture(t, true)
	for _, p := range []string{
		"index.html", "404.html", "search/index.html", "assets/site.css",
		"guide/330000-SF-XK-0001/index.html", "guide/330900-SF-XK-0001/index.html",
		"guide/330902-SF-XK-0001/index.html", "guide/330000-GA-QT-0007/index.html", "guide/330000-SF-GG-0002/index.html",
		"department/sheng-si-fa-ting/index.html", "department/sheng-gong-an-ting/index.html",
		"region/330000/index.html", "region/330900/index.html", "region/330902/index.html",
		"topic/fa-lv-fu-wu/index.html", "topic/chu-ru-jing/index.html",
		"lists/zero-visit/index.html", "lists/one-visit/index.html", "lists/negative/index.html",
	} {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	if _, ok := files["guide/330000-SF-XK-0099/index.html"]; ok {
		t.Error("draft rendered")
	}
}

func TestRawHTMLNeverRendered(t *testing.T) {
	for _, minified := range []bool{false, true} {
		files := renderFixture(t, minified)
		page := string(files["guide/330000-SF-XK-0001/index.html"])
		for _, bad := range []string{"<script>alert", "<img src=x", "onerror", "javascript:"} {
			if strings.Contains(page, bad) {
				t.Errorf("minified=%v: page contains %q", minified, bad)
			}
		}
		// The Markdown around it still renders.
		for _, good := range []string{"<table>", "请提前预约"} {
			if !strings.Contains(page, good) {
				t.Errorf("minified=%v: page lacks %q", minified, good)
			}
		}
		if !linkified.MatchString(page) {
			t.Errorf("minified=%v: bare URL not turned into a link", minified)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := renderFixture(t, true)
	for range 3 {
		b := renderFixture(t, true)
		if len(a) != len(b) {
			t.Fatal("different number of files")
		}
		for p, data := range a {
			if !bytes.Equal(data, b[p]) {
				t.Fatalf("%s differs between two renders", p)
			}
		}
	}
}

func TestRenderOrder(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(fixtureSite())
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if paths[0] != "index.html" || !strings.HasPrefix(paths[len(paths)-1], "assets/") {
		t.Errorf("order: %v", paths)
	}
}

// TestSameOutputWhateverTheWorkers renders with one worker and with eight:
// slots, not finishing order, decide the output.
func TestSameOutputWhateverTheWorkers(t *testing.T) {
	s := syntheticSite(300)
	render := func(procs int) []site.File {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		r, err := New(nil)
		if err != nil {
			t.Fatal(err)
		}
		files, err := r.Render(s)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a, b := render(1), render(8)
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s vs %s", i, a[i].Path, b[i].Path)
		}
	}
}

// TestSearchPageSameFromRenderAndPage: the pipeline may also render the
// search page through Page; both must give the same bytes, or the output
// would depend on which was written last.
func TestSearchPageSameFromRenderAndPage(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := fixtureSite()
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Page("search.html", "search/index.html", "搜索办事指南", s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range files {
		if g.Path == f.Path && !bytes.Equal(g.Data, f.Data) {
			t.Errorf("search page from Render differs from Page's")
		}
	}
}
