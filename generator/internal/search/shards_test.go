package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestShardsMatchOneIndex: the sample site's index cut into shards of 8
// guides answers every query of the quality set exactly as its index of
// one shard: the same guides in the same order with the same scores,
// the same totals and facet counts; the browser's files are the same
// bytes; and the sharded site searched together with another site
// (OpenAll) answers as the two sites' one-shard indexes do.
func TestShardsMatchOneIndex(t *testing.T) {
	s := loadSite(t, "../../..")
	tmp := t.TempDir()
	one := filepath.Join(tmp, "one")
	if err := Build(s, one); err != nil {
		t.Fatal(err)
	}
	sharded := filepath.Join(tmp, "sharded")
	func() {
		defer func(b, sh int) { builderBatch, shardBatches = b, sh }(builderBatch, shardBatches)
		builderBatch, shardBatches = 4, 2
		if err := Build(s, sharded); err != nil {
			t.Fatal(err)
		}
	}()
	shards, err := shardDirs(sharded)
	if err != nil {
		t.Fatal(err)
	}
	if want := (len(s.Guides) + len(s.Bundles) + 7) / 8; len(shards) < 3 || len(shards) > want {
		t.Fatalf("%d shards, want 3 to %d", len(shards), want)
	}
	a, b := readTree(t, one), readTree(t, sharded)
	for name, data := range a {
		if !strings.HasPrefix(name, "index") && name != manifestName && string(b[name]) != string(data) {
			t.Errorf("%s differs between one shard and several", name)
		}
	}
	compareSearches(t, one, sharded)
	compareSearches(t, one+","+one, sharded+","+one)
	checkShardStats(t, one, sharded)
}

// checkShardStats: the build of several shards wrote their combined
// statistics, which Open takes, and they are those combinedStats
// reads from the shards; the build of one shard wrote none; a file of
// another document count is not taken.
func checkShardStats(t *testing.T, one, sharded string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(one, shardStatsName)); err == nil {
		t.Errorf("one shard: %s written", shardStatsName)
	}
	ix, err := Open(sharded)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	read := readShardStats(sharded, ix.members)
	walked, err := combinedStats(ix.members)
	if err != nil {
		t.Fatal(err)
	}
	if read == nil || !reflect.DeepEqual(read, walked) || !reflect.DeepEqual(ix.stats, walked) {
		t.Errorf("statistics written %v, opened %v, of the shards %v", read, ix.stats, walked)
	}
	path := filepath.Join(sharded, shardStatsName)
	data, _ := os.ReadFile(path)
	stale := strings.Replace(string(data), fmt.Sprintf(`"DocCount":%v`, walked.DocCount), `"DocCount":1`, 1)
	if err := os.WriteFile(path, []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	if readShardStats(sharded, ix.members) != nil {
		t.Errorf("statistics of 1 document taken for %v", walked.DocCount)
	}
}

// compareSearches searches the indexes of the folders a and b (each a
// comma-separated list, opened with OpenAll) with every query of the
// quality set and requires the same answers.
func compareSearches(t *testing.T, a, b string) {
	t.Helper()
	want, err := OpenAll(strings.Split(a, ","))
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	got, err := OpenAll(strings.Split(b, ","))
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	for _, q := range readQuerySet(t).Query {
		w, g := searchAll(t, want, q.Text, q.Filters), searchAll(t, got, q.Text, q.Filters)
		if w.Total != g.Total || fmt.Sprint(w.Facets) != fmt.Sprint(g.Facets) {
			t.Errorf("%q: one shard finds %d guides %v, several %d %v", q.Text, w.Total, w.Facets, g.Total, g.Facets)
		}
		if ws, gs := scored(w.Hits), scored(g.Hits); ws != gs {
			t.Errorf("%q: one shard ranks\n%s\nseveral\n%s", q.Text, ws, gs)
		}
	}
}

// TestShardedUpdateLinksCachedShards: after one guide changes, a build
// with the batch cache merges only the shard that holds it and links the
// others' segments from the cache, and writes what a clean build writes.
// The site has five batches, so its last shard holds one, and that
// batch is not full.
func TestShardedUpdateLinksCachedShards(t *testing.T) {
	defer smallShards()()
	e := newEditSite(t, 4*testBatch+10, 17)
	root := t.TempDir()
	opts := Options{Cache: filepath.Join(root, "cache")}
	first := filepath.Join(root, "first")
	if err := BuildContext(context.Background(), e.site(), first, opts); err != nil {
		t.Fatal(err)
	}
	g := *e.guides[0]
	g.Body += "\n\n补充说明。"
	e.guides[0] = &g
	s := e.site()
	next, clean := filepath.Join(root, "next"), filepath.Join(root, "clean")
	if _, _, err := Update(context.Background(), s, first, next, opts); err != nil {
		t.Fatal(err)
	}
	if err := Build(s, clean); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "one guide edited", clean, next)
	shards, err := shardDirs(next)
	if err != nil || len(shards) != 3 {
		t.Fatalf("%d shards (%v), want 3", len(shards), err)
	}
	linked := 0
	for _, sh := range shards {
		a, errA := os.Stat(filepath.Join(sh, "store", zapFinalName))
		b, errB := os.Stat(filepath.Join(first, filepath.Base(sh), "store", zapFinalName))
		if errA == nil && errB == nil && os.SameFile(a, b) {
			linked++
		}
	}
	if linked != 2 {
		t.Errorf("%d shards share their segment with the first build, want 2 (one guide changed one shard)", linked)
	}
}
