package search

import (
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
)

// TestWriteFragmentsInGroups checks that an export merged a group of
// shards at a time (fragments over the budget) is the export merged in
// one reading, file for file, and that fragments that change between
// readings fail the merge instead of giving a wrong export.
func TestWriteFragmentsInGroups(t *testing.T) {
	e := newEditSite(t, 400, 5)
	order := export.Order(e.site())
	analysers := []*analysis.Analyser{analysis.NewAnalyser(true)}
	var frags [][]byte
	var size int64
	for lo := 0; lo < len(order); lo += 64 {
		pc := export.NewCollector()
		pc.Add(analyseGuides(analysers, order[lo:min(lo+64, len(order))], lo))
		frags = append(frags, pc.Fragment())
		size += int64(len(frags[len(frags)-1]))
		pc.Release()
	}
	readings := 0
	all := func(fn func([]byte) error) error {
		readings++
		for _, f := range frags {
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	}
	root := t.TempDir()
	once, grouped, tiny := filepath.Join(root, "once"), filepath.Join(root, "grouped"), filepath.Join(root, "tiny")
	if _, err := export.WriteFragments(all, size, size, order, nil, once, ""); err != nil {
		t.Fatal(err)
	}
	if readings != 1 {
		t.Fatalf("within the budget the fragments were read %d times, want once", readings)
	}
	// a third of the postings a group: a first reading and three or more
	readings = 0
	if _, err := export.WriteFragments(all, size, size/3, order, nil, grouped, ""); err != nil {
		t.Fatal(err)
	}
	if readings < 4 {
		t.Fatalf("over the budget the fragments were read %d times, want a counting and at least three groups", readings)
	}
	sameTree(t, "grouped", once, grouped)
	// one shard a group
	readings = 0
	if _, err := export.WriteFragments(all, size, 0, order, nil, tiny, ""); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "one shard a group", once, tiny)
	t.Logf("%d fragments, %d bytes; one shard a group read them %d times", len(frags), size, readings)

	changing := func(fn func([]byte) error) error {
		readings++
		for i, f := range frags {
			if readings > 1 && i == len(frags)-1 {
				continue // the last batch is gone the second time
			}
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	}
	readings = 0
	_, err := export.WriteFragments(changing, size, size/3, order, nil, filepath.Join(root, "changed"), "")
	if err == nil {
		t.Fatal("fragments that changed between readings gave an export")
	}
	if !strings.Contains(err.Error(), "被改动") {
		t.Fatalf("fragments that changed between readings: %v, want it to say so", err)
	}
}
