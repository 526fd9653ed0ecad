package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/sitefixture"
	"zhinan/generator/internal/write"
)

// copySampleSite copies the repository's sample site (config.toml,
// content/, layouts/, static/) into a temp folder and returns it.
func copySampleSite(t *testing.T) string {
	t.Helper()
	root, dst := "../../..", t.TempDir()
	for _, d := range []string{"content", "layouts", "static"} {
		if _, err := os.Stat(filepath.Join(root, d)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestBuildWithSearchIsReproducible builds the sample site and a corpus
// of 2,000 guides (four index segments merged into one) twice each, with
// search, into different folders: every file is byte-identical, the
// bleve index included.
func TestBuildWithSearchIsReproducible(t *testing.T) {
	sites := map[string]string{"sample": copySampleSite(t)}
	if !testing.Short() {
		c := t.TempDir()
		if err := corpus.Generate(c, 2000, 1, corpus.ShapeStandard); err != nil {
			t.Fatal(err)
		}
		sites["corpus-2000"] = c
	}
	for name, src := range sites {
		var trees []map[string][]byte
		for _, d := range []string{"a", "b"} {
			dest := filepath.Join(t.TempDir(), d)
			if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true}); err != nil {
				t.Fatal(err)
			}
			trees = append(trees, sitefixture.Snapshot(t, dest))
		}
		if _, ok := trees[0]["search/index.bleve/store/root.bolt"]; !ok {
			t.Fatalf("%s: no bleve index was written", name)
		}
		if p, ok := sitefixture.SameTree(trees[0], trees[1]); !ok {
			t.Errorf("%s: two builds differ: %s", name, p)
		}
	}
}

// buildWithChanges builds src into dest with search and a change list at
// list, and returns the list's lines.
func buildWithChanges(t *testing.T, src, dest, list string) []string {
	t.Helper()
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true, Changes: list}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(data))
}

// treeChanges is the change list two snapshots imply, computed the slow
// way: every file that is new or differs is "+", every file gone is "-".
func treeChanges(before, after map[string][]byte) []string {
	var lines []string
	for p, data := range after {
		if p == write.Manifest {
			continue // the build's own record: never listed
		}
		if old, ok := before[p]; !ok || string(old) != string(data) {
			lines = append(lines, "+"+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			lines = append(lines, "-"+p)
		}
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[1:], b[1:]) })
	return lines
}

// TestChangesListsWhatChanged follows a site through a first build (every
// file "+"), a build of the same input (an empty list), an edited guide
// (its page, the lists that show it, the data and search files that really
// changed, nothing else) and a deleted guide (its pages "-").
func TestChangesListsWhatChanged(t *testing.T) {
	src := copySampleSite(t)
	dest, list := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "changes.txt")
	first := buildWithChanges(t, src, dest, list)
	if want := treeChanges(nil, sitefixture.Snapshot(t, dest)); !slices.Equal(first, want) {
		t.Fatalf("first build: %d lines, want every file (%d)", len(first), len(want))
	}
	before := sitefixture.Snapshot(t, dest)
	if again := buildWithChanges(t, src, dest, list); len(again) != 0 {
		t.Fatalf("a build of the same input lists %v", again)
	}

	guide := filepath.Join(src, "content/sfj/forensic-expert.md")
	orig, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), `title = "司法鉴定人执业登记"`, `title = "司法鉴定人执业登记（新）"`, 1)
	os.WriteFile(guide, []byte(edited), 0o644)
	got := buildWithChanges(t, src, dest, list)
	after := sitefixture.Snapshot(t, dest)
	if want := treeChanges(before, after); !slices.Equal(got, want) {
		t.Fatalf("edit: listed\n%v\nwant\n%v", got, want)
	}
	for _, p := range []string{"+guide/330000-SF-XK-0006/index.html", "+department/sheng-si-fa-ting/index.html",
		"+data/guides.json", "+search/index.bleve/store/000000000002.zap"} {
		if !slices.Contains(got, p) {
			t.Errorf("edit: %s is not listed: %v", p, got)
		}
	}
	// the sitemap holds URLs and dates, not titles: it did not change
	if slices.Contains(got, "+sitemap.xml") || slices.Contains(got, "+guide/330000-SF-XK-0001/index.html") {
		t.Errorf("edit: unchanged files are listed: %v", got)
	}

	os.Remove(guide)
	got = buildWithChanges(t, src, dest, list)
	for _, p := range []string{"-guide/330000-SF-XK-0006/index.html", "-guide/330000-SF-XK-0006/print.html"} {
		if !slices.Contains(got, p) {
			t.Errorf("delete: %s is not listed: %v", p, got)
		}
	}
	if want := treeChanges(after, sitefixture.Snapshot(t, dest)); !slices.Equal(got, want) {
		t.Fatalf("delete: listed\n%v\nwant\n%v", got, want)
	}
}

// TestChangesFailedBuildKeepsList: a build that fails writes no list and
// leaves the previous one (and no temporary file) behind; a list inside
// the output folder is refused before anything is built.
func TestChangesFailedBuildKeepsList(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	dest, dir := filepath.Join(t.TempDir(), "public"), t.TempDir()
	list := filepath.Join(dir, "changes.txt")
	buildWithChanges(t, src, dest, list)
	prev, _ := os.ReadFile(list)

	guide := filepath.Join(src, "content/sfj/aid.md")
	orig, _ := os.ReadFile(guide)
	os.WriteFile(guide, []byte(strings.Replace(string(orig), "visits = 0", "visits = 3", 1)), 0o644)
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Changes: list}); !errors.Is(err, ErrContent) {
		t.Fatalf("broken guide: err = %v, want ErrContent", err)
	}
	now, _ := os.ReadFile(list)
	entries, _ := os.ReadDir(dir)
	if string(now) != string(prev) || len(entries) != 1 {
		t.Fatalf("failed build touched the list: %d files in its folder", len(entries))
	}

	os.WriteFile(guide, orig, 0o644)
	_, err := Run(context.Background(), Options{Source: src, Dest: dest, Changes: filepath.Join(dest, "changes.txt")})
	var destErr *write.DestError
	if !errors.As(err, &destErr) {
		t.Fatalf("list inside the output: err = %v, want a DestError", err)
	}
}
