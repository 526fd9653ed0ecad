package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 300, 7, ShapeStandard); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 300, 7, ShapeStandard); err != nil {
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

// TestLongShape checks what makes the long shape a different corpus:
// deterministic, folders per region and department, two local guides in
// five, and guide sizes spread far wider than the standard shape's.
func TestLongShape(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Generate(d, 400, 5, ShapeLong); err != nil {
			t.Fatal(err)
		}
	}
	std := t.TempDir()
	if err := Generate(std, 400, 5, ShapeStandard); err != nil {
		t.Fatal(err)
	}
	long := guideStats(t, a, b)
	short := guideStats(t, std, "")
	if long.count != 400 || short.count != 400 {
		t.Fatalf("wrote %d and %d guides, want 400", long.count, short.count)
	}
	if long.local < 150 || short.local > 90 {
		t.Errorf("local implementations: long %d, standard %d; want about 160 and 80", long.local, short.local)
	}
	if long.nested != long.count || short.nested != 0 {
		t.Errorf("guides in region/department folders: long %d, standard %d", long.nested, short.nested)
	}
	if long.max < 3*short.max || long.total < 3*short.total/2 {
		t.Errorf("long shape: largest %d B, total %d B; standard %d B, %d B", long.max, long.total, short.max, short.total)
	}
}

func TestUnknownShape(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Generate(dir, 3, 1, "wide"); err == nil {
		t.Fatal("an unknown shape was accepted")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("an unknown shape wrote %s", dir)
	}
}

type shapeStats struct{ count, local, nested, max, total int }

// guideStats reads the guides under dir and, when same is not empty,
// fails on any file that differs from the same path under same.
func guideStats(t *testing.T, dir, same string) shapeStats {
	t.Helper()
	var s shapeStats
	root := filepath.Join(dir, "content")
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		x, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if same != "" {
			rel, _ := filepath.Rel(dir, p)
			if y, err := os.ReadFile(filepath.Join(same, rel)); err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs", rel)
			}
		}
		if filepath.Ext(p) != ".md" {
			return nil
		}
		s.count++
		s.total += len(x)
		s.max = max(s.max, len(x))
		if bytes.Contains(x, []byte("\nextends = ")) {
			s.local++
		}
		if rel, _ := filepath.Rel(root, p); strings.Count(filepath.ToSlash(rel), "/") == 2 {
			s.nested++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
