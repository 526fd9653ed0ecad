package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/search/export"
	"zhinan/generator/internal/search/internal/testsite"
	"zhinan/generator/internal/site"
)

// BenchmarkUpdate times Update with a batch cache (Options.Cache) after
// 1, 10 and 1,000 guides' bodies were edited, against a clean
// BuildContext, on the corpus generator's site of 10,000 guides (or
// ZHINAN_SEARCH_BENCH guides):
//
//	go test ./generator/internal/search -run '^$' -bench Update -benchtime 1x
//	ZHINAN_SEARCH_BENCH=100000 go test ./generator/internal/search -run '^$' -bench Update -benchtime 1x -timeout 60m
//
// ZHINAN_SEARCH_NOBLEVE=1 builds without bleve (Options.NoBleve)
// throughout. Each iteration starts from a fresh previous build with its cache (not
// timed). With -cpuprofile, pprof -tagfocus phase=timed shows the timed
// builds alone. It reports wall, CPU and user milliseconds per build and the
// documents reused.
func BenchmarkUpdate(b *testing.B) {
	n := 10000
	if v, _ := strconv.Atoi(os.Getenv("ZHINAN_SEARCH_BENCH")); v > 0 {
		n = v
	}
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, n, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	cfg, guides := testsite.Guides(b, src)
	base := resolve.BuildOn(cfg, guides, nil, time.Time{})
	b.Run(fmt.Sprintf("n=%d/clean", n), func(b *testing.B) {
		benchUpdate(b, base, base, false)
	})
	for _, edits := range []int{0, 1, 10, 1000} {
		edited := resolve.BuildOn(cfg, editBodies(guides, edits), nil, time.Time{})
		b.Run(fmt.Sprintf("n=%d/edits=%d", n, edits), func(b *testing.B) {
			benchUpdate(b, base, edited, true)
		})
	}
}

// editBodies returns guides with the bodies of k of them (spread at
// random, the same every run) extended; titles stay, so the export order
// does too.
func editBodies(guides []*site.Guide, k int) []*site.Guide {
	out := append([]*site.Guide{}, guides...)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, i := range rng.Perm(len(out))[:min(k, len(out))] {
		g := *out[i]
		g.Body += "\n\n本事项办理时间有调整，请以窗口公告为准。"
		out[i] = &g
	}
	return out
}

// benchUpdate builds base with a cache (not timed), then times building
// next: by Update from that build when update, else by a clean
// BuildContext without cache.
func benchUpdate(b *testing.B, base, next *site.Site, update bool) {
	var wall, cpu, user time.Duration
	reused := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		tmp := b.TempDir()
		prev, dir := filepath.Join(tmp, "prev"), filepath.Join(tmp, "next")
		noBleve := os.Getenv("ZHINAN_SEARCH_NOBLEVE") == "1"
		opts := Options{Cache: filepath.Join(tmp, "cache"), NoBleve: noBleve}
		if update {
			if err := BuildContext(context.Background(), base, prev, opts); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start, c0, u0 := time.Now(), processCPU(), processUser()
		var err error
		// labelled, so that a -cpuprofile shows this build alone with
		// pprof -tagfocus phase=timed
		pprof.Do(context.Background(), pprof.Labels("phase", "timed"), func(ctx context.Context) {
			if update {
				reused, _, err = Update(ctx, next, prev, dir, opts)
			} else {
				err = BuildContext(ctx, next, dir, Options{NoBleve: noBleve})
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		wall, cpu, user = wall+time.Since(start), cpu+processCPU()-c0, user+processUser()-u0
		b.StopTimer()
		os.RemoveAll(tmp)
	}
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "ms/build")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/build")
	b.ReportMetric(float64(user.Milliseconds())/float64(b.N), "user-ms/build")
	b.ReportMetric(float64(reused), "reused-docs")
}

// BenchmarkDocDigests times the digest of every document that Update
// computes before it knows what changed, on 5,000 guides of the corpus:
//
//	go test ./generator/internal/search -run '^$' -bench DocDigests -benchmem
func BenchmarkDocDigests(b *testing.B) {
	src := filepath.Join(b.TempDir(), "site")
	if err := corpus.Generate(src, 5000, 1, corpus.ShapeStandard); err != nil {
		b.Fatal(err)
	}
	cfg, guides := testsite.Guides(b, src)
	order := export.Order(resolve.BuildOn(cfg, guides, nil, time.Time{}))
	b.ResetTimer()
	for b.Loop() {
		if _, err := docDigests(order, guidecodec.ContentSum); err != nil {
			b.Fatal(err)
		}
	}
}
