package write

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"zhinan/generator/internal/site"
)

func TestStreamWritesConcurrentProducers(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Begin(dest, Options{})
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
	st, _ := Begin(filepath.Join(t.TempDir(), "public"), Options{})
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
	st, err := Begin(dest, Options{})
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

func TestStreamWriteFrom(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	st, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := st.Stream()
	line := strings.Repeat("数据,", 1000) + "\n"
	if err := w.WriteFrom("data/big.csv", func(out io.Writer) error {
		for range 300 { // bigger than the buffer
			if _, err := io.WriteString(out, line); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the data ran out")
	if err := w.WriteFrom("data/bad.csv", func(io.Writer) error { return failed }); !errors.Is(err, failed) {
		t.Fatalf("got %v, want the fill's error", err)
	}
	if n, err := w.Close(); n != 1 || !errors.Is(err, failed) {
		t.Fatalf("Close: %d files, %v", n, err)
	}
	got, err := os.ReadFile(filepath.Join(st.Dir(), "data", "big.csv"))
	if err != nil || string(got) != strings.Repeat(line, 300) {
		t.Fatalf("big.csv: %d bytes, %v", len(got), err)
	}
}
