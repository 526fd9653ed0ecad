package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 300, 7); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 300, 7); err != nil {
		t.Fatal(err)
	}
	count := 0
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		if filepath.Ext(p) == ".md" {
			count++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count != 300 {
		t.Fatalf("wrote %d guides, want 300", count)
	}
}
