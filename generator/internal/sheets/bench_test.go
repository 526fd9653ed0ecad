package sheets

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"zhinan/generator/internal/corpus"
)

// BenchmarkImport10k imports an xlsx of 10,000 generated guides into
// their own site: unchanged (every row compared, nothing written), and
// with one cell changed (the would-be site checked twice by the build's
// validator, one file written). The target is 10 s an import.
//
//	go test ./generator/internal/sheets -run '^$' -bench Import10k -benchtime 3x
func BenchmarkImport10k(b *testing.B) {
	src := b.TempDir()
	if err := corpus.Generate(src, 10000, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	clean := export(b, src, "xlsx")
	changed := copyFile(b, clean)
	ref := firstCode(b, clean)
	setCell(b, changed, "事项", ref, 0, "事项名称", "改过的名称")
	b.Run("unchanged", func(b *testing.B) {
		for b.Loop() {
			res, err := Import(context.Background(), ImportOptions{Source: src, Path: clean})
			if err != nil || len(res.Problems) > 0 || res.Unchanged != 10000 {
				b.Fatalf("%v %d problems, %d unchanged", err, len(res.Problems), res.Unchanged)
			}
		}
	})
	b.Run("one-change", func(b *testing.B) {
		for b.Loop() {
			res, err := Import(context.Background(), ImportOptions{Source: src, Path: changed})
			if err != nil || len(res.Problems) > 0 || len(res.Updated) != 1 {
				b.Fatalf("%v %v %d updated", err, first(res.Problems), len(res.Updated))
			}
			b.StopTimer()
			file := filepath.Join(src, filepath.FromSlash(res.Updated[0]))
			restore(b, file, clean, src)
			b.StartTimer()
		}
	})
}

// firstCode is the code of the first guide row of a workbook.
func firstCode(b *testing.B, path string) string {
	wb, _, err := readWorkbook(path)
	if err != nil {
		b.Fatal(err)
	}
	return wb[Guides.Name].rows[0].cells[0]
}

// restore imports the clean workbook again, which puts the changed file
// back as it was (the round trip changes nothing else).
func restore(b *testing.B, file, clean, src string) {
	if _, err := Import(context.Background(), ImportOptions{Source: src, Path: clean}); err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(file); err != nil {
		b.Fatal(err)
	}
}
