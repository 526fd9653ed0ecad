package api

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/search"
)

// indexSite builds the search index of the site at source into
// dest/search, as a published output holds it.
func indexSite(t *testing.T, source, dest string) {
	t.Helper()
	if err := build.IndexInto(source, filepath.Join(dest, "search")); err != nil {
		t.Fatal(err)
	}
}

// total is how many guides the index under pub finds for q.
func total(t *testing.T, pub, q string) int {
	t.Helper()
	ix, err := search.Open(filepath.Join(pub, "search"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(search.Query{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// TestRepublishUnderLoad: while 8 clients search without pause, the site
// is republished twice as a build publishes it (a new folder swapped in,
// the old one deleted); the server picks each new index up and not one
// request fails.
func TestRepublishUnderLoad(t *testing.T) {
	tmp := t.TempDir()
	pub, next := filepath.Join(tmp, "public"), filepath.Join(tmp, "next")
	indexSite(t, "../../..", pub)
	src := filepath.Join(tmp, "corpus")
	if err := corpus.Generate(src, 40, 1, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	indexSite(t, src, next)
	const q = "登记"
	totals := []int{total(t, pub, q), total(t, next, q)}
	if totals[0] == totals[1] {
		t.Fatalf("both versions find %d guides for %q; the test cannot tell them apart", totals[0], q)
	}
	s, log := start(t, Options{Sites: []string{pub}, Poll: 20 * time.Millisecond, MaxConcurrent: 64})
	var failed, served atomic.Int64
	var seen sync.Map // total → true
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				n, err := searchTotal(s.Addr(), q)
				if err != nil {
					failed.Add(1)
					t.Error(err)
					continue
				}
				served.Add(1)
				seen.Store(n, true)
			}
		})
	}
	for i, want := range []int{totals[1], totals[0]} {
		time.Sleep(100 * time.Millisecond)
		old := filepath.Join(tmp, "old")
		if err := os.Rename(pub, old); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(next, pub); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(old, next); err != nil { // keep it to swap back
			t.Fatal(err)
		}
		seen.Clear()
		deadline := time.Now().Add(30 * time.Second)
		for _, ok := seen.Load(want); !ok && time.Now().Before(deadline); _, ok = seen.Load(want) {
			time.Sleep(10 * time.Millisecond)
		}
		if _, ok := seen.Load(want); !ok {
			t.Fatalf("republish %d: the server still answers from the previous index after 30 s", i+1)
		}
	}
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	if failed.Load() != 0 || served.Load() == 0 {
		t.Errorf("%d requests failed, %d served; want none failed", failed.Load(), served.Load())
	}
	t.Logf("%d requests served across two republishes", served.Load())
	if c := countLines(log.String(), `"msg":"api reloaded"`); c != 2 {
		t.Errorf("%d reloads logged; want 2", c)
	}
}

// searchTotal asks the server for q and returns the total, or an error
// for anything but a 200 with JSON.
func searchTotal(addr, q string) (int, error) {
	resp, err := http.Get("http://" + addr + "/api/search?q=" + url.QueryEscape(q))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != 200 {
		return 0, fmt.Errorf("status %d: %s", resp.StatusCode, body)
	}
	var res struct{ Total int }
	err = json.Unmarshal(body, &res)
	return res.Total, err
}

// countLines counts the lines of log that hold s.
func countLines(log, s string) int {
	n := 0
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}
