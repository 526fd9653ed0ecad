package search

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/site"
)

// BenchmarkBuild times Build (bleve index and static export) over the
// corpus generator's sites of 1,000 and 10,000 guides, and of
// ZHINAN_SEARCH_BENCH guides when that is set (100,000 is slow):
//
//	go test ./generator/internal/search -run '^$' -bench Build -benchtime 3x
//	ZHINAN_SEARCH_BENCH=100000 go test ./generator/internal/search -run '^$' -bench 'Build/n=100000' -benchtime 1x
//
// ZHINAN_SEARCH_SITE=DIR times Build over an existing site folder instead
// (say one written by generator corpus), without generating one:
//
//	ZHINAN_SEARCH_SITE=/root/zb/c100k go test ./generator/internal/search -run '^$' -bench Build -benchtime 1x
//
// Each size runs twice: "bleve" (Build) and "no-bleve" (Options.NoBleve).
// It reports wall, CPU (user + system) and user milliseconds per build, and the
// peak Go heap during a build (sampled every 5 ms, the loaded site
// included), in MB. On a busy machine the CPU figure is the steadier one.
func BenchmarkBuild(b *testing.B) {
	sizes := []int{1000, 10000}
	if n, _ := strconv.Atoi(os.Getenv("ZHINAN_SEARCH_BENCH")); n > 0 && n != 1000 && n != 10000 {
		sizes = append(sizes, n)
	}
	type benchCase struct {
		name string
		site func(b *testing.B) *site.Site
	}
	var cases []benchCase
	if dir := os.Getenv("ZHINAN_SEARCH_SITE"); dir != "" {
		cases = append(cases, benchCase{"site=" + filepath.Base(dir), func(b *testing.B) *site.Site { return loadSite(b, dir) }})
	} else {
		for _, n := range sizes {
			cases = append(cases, benchCase{fmt.Sprintf("n=%d", n), func(b *testing.B) *site.Site { return benchSite(b, n) }})
		}
	}
	modes := []struct {
		name string
		opts Options
	}{{"bleve", Options{}}, {"no-bleve", Options{NoBleve: true}}}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s := c.site(b)
			for _, m := range modes {
				b.Run(m.name, func(b *testing.B) { benchBuild(b, s, m.opts) })
			}
		})
	}
}

// benchBuild times BuildWith(s, …, opts).
func benchBuild(b *testing.B, s *site.Site, opts Options) {
	tmp := b.TempDir()
	runtime.GC()
	peak := startHeapSampler()
	b.ResetTimer()
	start, cpu, user := time.Now(), processCPU(), processUser()
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(tmp, strconv.Itoa(i))
		if err := BuildWith(s, dir, opts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/build")
	b.ReportMetric(float64((processCPU()-cpu).Milliseconds())/float64(b.N), "cpu-ms/build")
	b.ReportMetric(float64((processUser()-user).Milliseconds())/float64(b.N), "user-ms/build")
	b.ReportMetric(float64(peak())/1e6, "peak-heap-MB")
}

// benchSite generates a corpus site of n guides and loads it.
func benchSite(b *testing.B, n int) *site.Site {
	b.Helper()
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, n, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	return loadSite(b, src)
}

// startHeapSampler samples the live heap every 5 ms until the returned
// function is called, which returns the largest value seen.
func startHeapSampler() func() uint64 {
	var max atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	m := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	sample := func() {
		metrics.Read(m)
		if v := m[0].Value.Uint64(); v > max.Load() {
			max.Store(v)
		}
	}
	go func() {
		defer close(done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				sample()
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return max.Load()
	}
}
