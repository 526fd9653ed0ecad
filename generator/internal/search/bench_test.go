package search

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"syscall"
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
// It reports wall and CPU (user + system) milliseconds per build, and the
// peak Go heap during a build (sampled every 5 ms, the loaded site
// included), in MB. On a busy machine the CPU figure is the steadier one.
func BenchmarkBuild(b *testing.B) {
	sizes := []int{1000, 10000}
	if n, _ := strconv.Atoi(os.Getenv("ZHINAN_SEARCH_BENCH")); n > 0 && n != 1000 && n != 10000 {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s := benchSite(b, n)
			tmp := b.TempDir()
			runtime.GC()
			peak := startHeapSampler()
			b.ResetTimer()
			start, cpu := time.Now(), processCPU()
			for i := 0; i < b.N; i++ {
				dir := filepath.Join(tmp, strconv.Itoa(i))
				if err := Build(s, dir); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				os.RemoveAll(dir)
				b.StartTimer()
			}
			b.StopTimer()
			b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/build")
			b.ReportMetric(float64((processCPU()-cpu).Milliseconds())/float64(b.N), "cpu-ms/build")
			b.ReportMetric(float64(peak())/1e6, "peak-heap-MB")
		})
	}
}

// benchSite generates a corpus site of n guides and loads it.
func benchSite(b *testing.B, n int) *site.Site {
	b.Helper()
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, n, 1); err != nil {
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

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
