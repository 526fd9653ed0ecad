package export

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadInto reads files into one buffer, reads nothing of a file whose
// size want refuses, and reads an empty file as empty.
func TestReadInto(t *testing.T) {
	dir := t.TempDir()
	small, big, empty := filepath.Join(dir, "small"), filepath.Join(dir, "big"), filepath.Join(dir, "empty")
	for p, data := range map[string]string{small: "abc", big: "0123456789", empty: ""} {
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	buf := make([]byte, 0, 64)
	got, err := ReadInto(big, buf, nil)
	if err != nil || string(got) != "0123456789" || &got[0] != &buf[:1][0] {
		t.Fatalf("big: %q, %v (want it in buf)", got, err)
	}
	got, err = ReadInto(small, got, nil)
	if err != nil || string(got) != "abc" {
		t.Fatalf("small: %q, %v", got, err)
	}
	got, err = ReadInto(big, nil, func(size int64) bool { return size == 3 })
	if err != nil || got != nil {
		t.Fatalf("refused size: %q, %v; want nothing read", got, err)
	}
	got, err = ReadInto(empty, nil, nil)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("empty: %q, %v", got, err)
	}
	if _, err := ReadInto(filepath.Join(dir, "none"), nil, nil); err == nil {
		t.Fatal("a missing file read without error")
	}
	if _, err := ReadInto(dir, nil, nil); err == nil {
		t.Fatal("a folder read without error")
	}
}
