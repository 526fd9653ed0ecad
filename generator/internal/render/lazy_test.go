package render

import (
	"bytes"
	"testing"
)

// TestLazyEqualsRender proves the preview's fast path equal to a full
// render: every file, byte for byte, and no file more or less.
func TestLazyEqualsRender(t *testing.T) {
	s := fixtureSite()
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	l, err := r.Lazy(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Paths()) != len(files) {
		t.Fatalf("lazy site has %d paths, Render wrote %d files", len(l.Paths()), len(files))
	}
	for i, f := range files {
		if l.Paths()[i] != f.Path {
			t.Fatalf("path %d: lazy %s, Render %s", i, l.Paths()[i], f.Path)
		}
		data, ok, err := l.Get(f.Path)
		if err != nil || !ok {
			t.Fatalf("%s: ok=%v err=%v", f.Path, ok, err)
		}
		if !bytes.Equal(data, f.Data) {
			t.Errorf("%s differs from Render's", f.Path)
		}
	}
	if _, ok, _ := l.Get("guide/nope/index.html"); ok {
		t.Error("a path the site does not have was found")
	}
}
