package guidecodec

import (
	"crypto/sha256"
	"math/rand/v2"
	"reflect"
	"testing"

	"zhinan/generator/internal/site"
)

// TestSumsAreTheEncodingsHashes: Checked is SHA-256 of AppendChecked;
// Content is SHA-256 of AppendCanonical of the guide without its file
// name, changes with every other value, and not with the file or the
// positions; neither sum changes the guide.
func TestSumsAreTheEncodingsHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 10))
	g := &site.Guide{}
	fill(rng, reflect.ValueOf(g).Elem(), false)
	g.Positions = site.NewPositions("content/x.md", map[string]int{"code": 3, "title": 4})
	sums := SumsOf(g)
	if sums.Checked != sha256.Sum256(AppendChecked(nil, g)) {
		t.Fatal("Checked is not the hash of AppendChecked")
	}
	nowhere := *g
	nowhere.File = ""
	if sums.Content != sha256.Sum256(AppendCanonical(nil, &nowhere)) {
		t.Fatal("Content is not the hash of AppendCanonical without the file")
	}
	if g.File == "" {
		t.Fatal("the file name was cleared in the guide itself")
	}
	eachLeaf(reflect.ValueOf(g).Elem(), "", func(path string, change func() func()) {
		undo := change()
		defer undo()
		if path == ".File" {
			if ContentSum(g) != sums.Content {
				t.Error("the file name changed Content")
			}
			return
		}
		if ContentSum(g) == sums.Content {
			t.Errorf("changing %s left Content as it was", path)
		}
	})
	g.Positions = site.NewPositions("content/x.md", map[string]int{"code": 5})
	if ContentSum(g) != sums.Content || CheckedSum(g) == sums.Checked {
		t.Error("the positions changed Content, or left Checked as it was")
	}
}
