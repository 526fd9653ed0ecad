package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"zhinan/generator/internal/corpus"
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
