package build

import (
	"bytes"
	"context"
	"math/rand/v2"
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

// TestReadWindow asks a readWindow for parts of a file larger than the
// window, mostly forward as the build does, some backward, some across
// the window's end, some larger than the window and one past the end of
// the file, and compares each with the file's bytes.
func TestReadWindow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 3*readWindowSize+12345)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	path := filepath.Join(t.TempDir(), "guides.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &readWindow{f: f}
	off := int64(0)
	for k := 0; k < 5000; k++ {
		n := rng.IntN(3000)
		switch k % 500 {
		case 7: // backward
			off = rng.Int64N(off + 1)
		case 13: // larger than the window
			n = readWindowSize + rng.IntN(1000)
		}
		if off+int64(n) > int64(len(data)) {
			off = 0
		}
		got, err := w.slice(off, n)
		if err != nil || !bytes.Equal(got, data[off:off+int64(n)]) {
			t.Fatalf("part %d (%d bytes at %d): %d bytes, err %v", k, n, off, len(got), err)
		}
		off += int64(n) + int64(rng.IntN(100))
	}
	if _, err := w.slice(int64(len(data))-10, 20); err == nil {
		t.Error("a part past the end of the file gave no error")
	}
}
