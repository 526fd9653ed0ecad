package guidecodec

import (
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/validate"
)

// BenchmarkDecode decodes the records of the sample site's guides, with
// their positions, from one table: what a build does for every guide the
// guide cache holds (a third of an edit's CPU at 100,000 guides).
func BenchmarkDecode(b *testing.B) {
	fsys := load.DirFS(repoRoot(b))
	files, _ := load.ContentFiles(fsys)
	tab := NewTable()
	var recs [][]byte
	for _, f := range files {
		doc, _ := load.ReadDocument(fsys, f)
		if doc == nil {
			continue
		}
		g, ds := validate.Decode(doc)
		recs = append(recs, Append(nil, tab, g, ds))
	}
	read, err := ReadTable(tab.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, rec := range recs {
			if _, _, err := Decode(rec, read); err != nil {
				b.Fatal(err)
			}
		}
	}
}
