package build

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/serve"
)

// benchmarkBuild measures a full build of an n-guide corpus into a fresh
// output folder, as CI builds. The corpus is generated once per size,
// outside the timer. Besides ms/build it reports CPU seconds a build
// (steadier than wall time on a shared machine) and the process's peak
// RSS, which is the build's when one size runs per process:
//
//	go test ./generator/internal/build -run XXX -bench 'BuildWithSearch/guides=100000$' -benchtime 1x
func benchmarkBuild(b *testing.B, n int, withSearch bool) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, n, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	cpu0 := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dest := filepath.Join(out, fmt.Sprint("public", i))
		b.StartTimer()
		res, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: withSearch})
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
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
	b.ReportMetric((processCPU()-cpu0).Seconds()/float64(b.N), "cpu-s/build")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-MB")
}

// benchSizes are the corpus sizes the build benchmarks run: 1,000 and
// 10,000 guides, and 100,000 too (a few minutes) with ZHINAN_BENCH_100K=1
// or when the -bench pattern names it.
var benchSizes = []int{1000, 10000, 100000}

func runSizes(b *testing.B, withSearch bool) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("guides=%d", n), func(b *testing.B) {
			if n >= 100000 && os.Getenv("ZHINAN_BENCH_100K") == "" && !strings.Contains(benchPattern(), "100000") {
				b.Skip("100,000 guides: set ZHINAN_BENCH_100K=1 or name guides=100000 in -bench")
			}
			benchmarkBuild(b, n, withSearch)
		})
	}
}

// benchPattern is the -bench flag's value.
func benchPattern() string {
	if f := flag.Lookup("test.bench"); f != nil {
		return f.Value.String()
	}
	return ""
}

// BenchmarkBuildPages is issue 2's target: 10,000 guides, pages only.
func BenchmarkBuildPages(b *testing.B) { runSizes(b, false) }

// BenchmarkBuildWithSearch is the full build, search index included
// (issue 7: 10,000 guides ≤ 4 s; 100,000 ≤ 45 s and 1.5 GB).
func BenchmarkBuildWithSearch(b *testing.B) { runSizes(b, true) }

// BenchmarkPreviewRebuild is one full rebuild of `serve` at 1,000 guides:
// load, validate, resolve and prepare the pages in memory, what a change to
// config.toml costs (a saved guide takes the incremental path that
// BenchmarkSaveToVisible measures).
func BenchmarkPreviewRebuild(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, 1000, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	srv, p, err := NewPreviewServer(serve.Options{Source: src})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close() // never run: Close releases its port
	defer p.close()
	p.build(context.Background()) // the first build indexes synchronously
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if res := p.build(context.Background()); res.Err != nil {
			b.Fatal(res.Err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/rebuild")
}

// BenchmarkSaveToVisible is what an editor of a 1,000- or 10,000-guide
// site waits for: from writing a guide to `serve` answering with the new page,
// through the file watcher's quiet window, the rebuild and the page's
// on-demand rendering. The browser's own reload (a page load from
// localhost) comes on top.
func BenchmarkSaveToVisible(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("guides=%d", n), func(b *testing.B) { benchmarkSaveToVisible(b, n) })
	}
}

func benchmarkSaveToVisible(b *testing.B, n int) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, n, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, p, err := NewPreviewServer(serve.Options{Source: src})
	if err != nil {
		b.Fatal(err)
	}
	defer p.close()
	// As `generator serve` does: the background search index is built by
	// a child process (this binary, see TestMain) at the lowest priority.
	p.background = &childIndexer{exe: os.Args[0], source: src}
	go srv.Run(ctx)
	guide, code := titledGuide(src)
	orig, _ := os.ReadFile(guide)
	page := srv.URL() + "guide/" + code + "/"
	fetch := func() string { return fetchBody(page) }
	for !strings.Contains(fetch(), code) { // the first build
		time.Sleep(10 * time.Millisecond)
	}
	defer startSaveProfile(b)()
	// ZHINAN_SAVE_PAUSE=2s waits that long (untimed) before each save, so
	// that the background search index of the previous save runs meanwhile,
	// as when an editor reads the page before saving again.
	pause, _ := time.ParseDuration(os.Getenv("ZHINAN_SAVE_PAUSE"))
	took := make([]time.Duration, 0, b.N)
	var cpu time.Duration // the server's, not counting the pauses
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if pause > 0 {
			b.StopTimer()
			time.Sleep(pause)
			b.StartTimer()
		}
		mark := fmt.Sprintf("修订%d", i)
		edited := strings.Replace(string(orig), "\ntitle = \"", "\ntitle = \""+mark, 1)
		cpuStart := processCPU()
		start := time.Now()
		os.WriteFile(guide, []byte(edited), 0o644)
		for !strings.Contains(fetch(), mark) {
			if time.Since(start) > 20*time.Second {
				b.Fatal("the edit never showed")
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		cpu += processCPU() - cpuStart
	}
	reportSaves(b, took, cpu, srv)
}

// titledGuide returns the file and code of a guide of the corpus in src
// that has a title line of its own (one that inherits none).
func titledGuide(src string) (file, code string) {
	files, _ := filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
	for _, f := range files {
		if data, _ := os.ReadFile(f); strings.Contains(string(data), "\ntitle = ") {
			return f, strings.TrimSuffix(filepath.Base(f), ".md")
		}
	}
	return "", ""
}

// fetchBody returns the body of the page at url, or "" if it cannot be had.
func fetchBody(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// startSaveProfile starts a CPU profile of the saves alone, without the
// corpus and the first build, when ZHINAN_SAVE_PROFILE names its file
// (ZHINAN_SAVE_PROFILE=/tmp/save.pprof). It returns what stops it.
func startSaveProfile(b *testing.B) (stop func()) {
	prof := os.Getenv("ZHINAN_SAVE_PROFILE")
	if prof == "" {
		return func() {}
	}
	f, err := os.Create(prof)
	if err != nil {
		b.Fatal(err)
	}
	pprof.StartCPUProfile(f)
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// reportSaves reports the time from save to visible page (mean, median,
// 90th percentile), the server's CPU per save, and the last build's
// timings from srv.
func reportSaves(b *testing.B, took []time.Duration, cpu time.Duration, srv *serve.Server) {
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/save")
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "ms-p90")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/save")
	st := srv.Status()
	b.ReportMetric(st.EventToBuildMS, "ms-event-to-build")
	b.ReportMetric(float64(st.TookMS), "ms-build")
}

// BenchmarkFingerprints measures what an incremental build hashes for
// every guide before it knows what changed (ownKeys, guideFingerprints)
// on a 5,000-guide corpus, checked once outside the timer:
//
//	go test ./generator/internal/build -run XXX -bench Fingerprints -benchmem
func BenchmarkFingerprints(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, 5000, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	c, err := Check(context.Background(), src, false, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	key := siteKey(c.Site, true, nil)
	b.ResetTimer()
	for b.Loop() {
		guideFingerprints(c.Site, key, ownKeys(c.Site, nil), nil)
	}
}
