package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/sitefixture"
)

// TestSumsTakenFromTheGuideCache: a build that takes every guide from the
// guide cache knows the sums of every one of them, as the guide cache
// recorded them, and they are the guides' own.
func TestSumsTakenFromTheGuideCache(t *testing.T) {
	if !guideCacheOnDisk {
		t.Skip("the guide cache file is kept on Linux only")
	}
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	dest := filepath.Join(t.TempDir(), "public")
	time.Sleep(racyWindow + 50*time.Millisecond) // files newer than that are read again
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	cache := newDiskGuideCache(dest, src, false)
	defer cache.abort()
	st, err := checkAll(context.Background(), src, cache, func(Stage, int) {})
	if err != nil {
		t.Fatal(err)
	}
	if cache.taken == 0 || cache.parsed != 0 {
		t.Fatalf("took %d guides from the cache and parsed %d; want all taken", cache.taken, cache.parsed)
	}
	guides := 0
	for _, f := range st.files {
		if f.decoded == nil {
			continue
		}
		guides++
		sums, ok := st.sums[f.decoded]
		if !ok {
			t.Fatalf("no sums for %s", f.decoded.File)
		}
		if sums != guidecodec.SumsOf(f.decoded) {
			t.Fatalf("the sums of %s are not the guide's", f.decoded.File)
		}
	}
	if guides != cache.taken {
		t.Fatalf("%d guides, %d taken from the cache", guides, cache.taken)
	}
}

// TestVerifySumsCatchesAWrongSum: with verifySums (as in every test of this
// package), a sum that is not the guide's stops the build, so a guide
// changed in place after it was decoded cannot pass the tests unseen.
func TestVerifySumsCatchesAWrongSum(t *testing.T) {
	g := &site.Guide{Code: "330000-TEST-1", Title: "测试事项", File: "content/a.md"}
	known := knownSums{g: guidecodec.SumsOf(g)}
	if s, ok := known.known(g); !ok || s != guidecodec.SumsOf(g) || known.content(g) != guidecodec.ContentSum(g) {
		t.Fatal("the recorded sums are not returned")
	}
	g.Title = "改过的事项"
	for name, take := range map[string]func(){
		"content": func() { known.content(g) },
		"known":   func() { known.known(g) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "content/a.md") {
					t.Errorf("%s: a stale sum was not caught (recovered %v)", name, r)
				}
			}()
			take()
		}()
	}
}
