package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/serve"
)

// benchmarkBuild measures a full build of an n-guide corpus. The corpus is
// generated once per size, outside the timer.
func benchmarkBuild(b *testing.B, n int, withSearch bool) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, n, 1); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := build(context.Background(), buildOptions{Source: src, Dest: dest, Search: withSearch})
		if err != nil {
			for _, d := range res.Diagnostics[:min(10, len(res.Diagnostics))] {
				b.Log(d)
			}
			b.Fatal(err)
		}
		if res.Guides != n {
			b.Fatalf("built %d guides, want %d", res.Guides, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
}

// BenchmarkBuildPages is issue 2's target: 10,000 guides, pages only.
func BenchmarkBuildPages(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("guides=%d", n), func(b *testing.B) { benchmarkBuild(b, n, false) })
	}
}

// BenchmarkBuildWithSearch is the full build, search index included.
func BenchmarkBuildWithSearch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("guides=%d", n), func(b *testing.B) { benchmarkBuild(b, n, true) })
	}
}

// BenchmarkPreviewRebuild is one rebuild of `serve` at 1,000 guides: load,
// validate, resolve and render in memory, what an editor waits for after a
// save besides the 40 ms quiet window and the browser's reload. The search
// index is rebuilt in the background meanwhile, competing for the CPU as it
// does in real use.
func BenchmarkPreviewRebuild(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, 1000, 1); err != nil {
		b.Fatal(err)
	}
	_, p, err := newPreviewServer(context.Background(), serve.Options{Source: src})
	if err != nil {
		b.Fatal(err)
	}
	defer p.close()
	p.build(context.Background()) // the first build indexes synchronously
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, res := p.build(context.Background()); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/rebuild")
}
