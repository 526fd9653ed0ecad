package write

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"zhinan/generator/internal/site"
)

func TestStreamWritesConcurrentProducers(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	w := st.Stream()
	if err := w.MakeDirs([]string{"guide/a", "guide/b"}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for p := 0; p < 4; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				w.Write(site.File{Path: fmt.Sprintf("guide/%d-%d/index.html", p, i), Data: []byte("x")})
			}
		}()
	}
	wg.Wait()
	n, err := w.Close()
	if err != nil || n != 200 {
		t.Fatalf("wrote %d files, err %v; want 200", n, err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := len(readTree(t, dest)); got != 200 {
		t.Fatalf("%d files on disk, want 200", got)
	}
}

func TestStreamReportsFirstErrorAndStops(t *testing.T) {
	st, _ := Begin(filepath.Join(t.TempDir(), "public"))
	defer st.Abort()
	w := st.Stream()
	w.Write(site.File{Path: "a", Data: []byte("file")})
	w.Close()
	w = st.Stream()
	w.Write(site.File{Path: "a/b.html", Data: []byte("under a file")})
	if _, err := w.Close(); err == nil {
		t.Fatal("expected an error writing below a file")
	}
	if err := st.Stream().Write(site.File{Path: "../escape"}); err == nil {
		t.Fatal("a path outside the output was accepted")
	}
}

// The renderer reuses its page buffer as soon as Write returns: the file
// must hold what the buffer held during the call.
func TestStreamDoesNotKeepTheBuffer(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	w := st.Stream()
	buf := []byte("first page")
	if err := w.Write(site.File{Path: "a/index.html", Data: buf}); err != nil {
		t.Fatal(err)
	}
	copy(buf, "XXXXX")
	if err := w.Write(site.File{Path: "b/index.html", Data: buf}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dest)
	if got["a/index.html"] != "first page" || got["b/index.html"] != "XXXXX page" {
		t.Fatalf("files hold %q", got)
	}
}
