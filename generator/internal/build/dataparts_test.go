package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/feeds"
)

// TestDataPartsFromPublished: an incremental build takes the parts of
// unchanged guides from the published open-data files; a published file
// whose size is not the one its manifest records gives nothing, and the
// output is still a clean build's.
func TestDataPartsFromPublished(t *testing.T) {
	root := fastTempDir(t)
	src, dest := filepath.Join(root, "site"), filepath.Join(root, "public")
	if err := corpus.Generate(src, 20, 3, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	build := func(clean bool, to string) Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Source: src, Dest: to, Clean: clean})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	build(false, dest)
	edit := func() {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
		f, err := os.OpenFile(files[len(files)/2], os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\n\n补充说明。\n")
		f.Close()
	}
	edit()
	res := build(false, dest)
	if want := 3 * (res.Reused - res.ReusedLists) / 2; res.DataParts != want || want == 0 { // two files a reused guide, three parts
		t.Fatalf("one guide edited: %d open-data parts taken, want %d", res.DataParts, want)
	}
	for _, f := range feeds.OpenDataFiles {
		if f.PerGuide() {
			p := filepath.Join(dest, filepath.FromSlash(f.Path))
			data, _ := os.ReadFile(p)
			os.Remove(p) // a link the kept folder shares: not written through
			os.WriteFile(p, append(data, '\n'), 0o644)
		}
	}
	edit()
	if res := build(false, dest); res.DataParts != 0 {
		t.Fatalf("%d parts taken from published files of another size", res.DataParts)
	}
	clean := filepath.Join(root, "clean")
	build(true, clean)
	if diff := compareTrees(t, dest, clean); diff != "" {
		t.Fatalf("after spoiled open-data files, the output differs from a clean build: %s", diff)
	}
}
