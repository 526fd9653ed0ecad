package search

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"zhinan/generator/internal/search/export"

	"github.com/blevesearch/bleve/v2/index/scorch"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// The bleve index of a site is cut into shards of shardBatches batches
// (builderBatch documents each) in export order: shard 1 in index.bleve,
// shard k > 1 in index-k.bleve, each an index of one segment. A site of
// up to one shard's documents (8,192) has index.bleve alone, as before
// shards. Open searches the shards as one index (federated.go), so the
// results are those of one index of all the documents, score for score
// (TestShardsMatchOneIndex). Shards make the build cheaper, not the
// search: merging the segments of 100,000 guides into one took 7 s of
// CPU on one core at every build, even when one guide changed; now a
// build merges only the shards whose documents changed (the batch cache
// keeps every shard's segment, see writeIndex), and a clean build merges
// the shards on every CPU.

// shardBatches is how many batches one shard holds; a variable so that
// tests can make shards small.
var shardBatches = 16

// shardDocs is how many documents one shard holds (the last may hold
// fewer).
func shardDocs() int { return shardBatches * builderBatch }

// shardName is the folder of shard k (from 0) in the search folder.
func shardName(k int) string {
	if k == 0 {
		return "index.bleve"
	}
	return "index-" + strconv.Itoa(k+1) + ".bleve"
}

var shardPattern = regexp.MustCompile(`^index(-[1-9][0-9]*)?\.bleve$`)

// IsIndexFolder tells whether a folder of the search folder is one of the
// bleve index's shards (index.bleve, index-2.bleve, …): the browser needs none.
func IsIndexFolder(name string) bool { return shardPattern.MatchString(name) }

// shardDirs lists the shards' folders in dir, in shard order; none when
// there is no bleve index.
func shardDirs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ks []int
	for _, e := range entries {
		if !e.IsDir() || !IsIndexFolder(e.Name()) {
			continue
		}
		k := 0
		if rest := e.Name()[len("index") : len(e.Name())-len(".bleve")]; rest != "" {
			k, _ = strconv.Atoi(rest[1:])
			k--
		}
		ks = append(ks, k)
	}
	sort.Ints(ks)
	out := make([]string, len(ks))
	for i, k := range ks {
		if k != i {
			return nil, fmt.Errorf("搜索索引缺少分片 %s", shardName(i))
		}
		out[i] = filepath.Join(dir, shardName(k))
	}
	return out, nil
}

// removeShards removes every shard folder from dir, and their combined
// statistics.
func removeShards(dir string) error {
	if err := os.Remove(filepath.Join(dir, shardStatsName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("删除旧搜索索引失败：%w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		if IsIndexFolder(e.Name()) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("删除旧搜索索引失败：%w", err)
			}
		}
	}
	return nil
}

// shardKey names the segment of a shard in the batch cache: the hash of
// its batches' keys, which hash everything the segment is made from.
func shardKey(bs []batchFiles) string {
	h := sha256.New()
	for _, b := range bs {
		h.Write([]byte(b.key))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// shardedBuilder feeds documents to bleve's offline builder one shard at
// a time (the build without cache): a builder per shard, closed (its
// segments merged into one) when the shard is full, while the next
// shard's documents are indexed. At most one shard merges at a time, so
// memory stays bounded.
type shardedBuilder struct {
	dir      string // the search folder
	synonyms [][]string
	cur      *scorch.Builder
	k, in    int        // the current shard, and its documents so far
	merging  chan error // the previous shard's merge, when one runs
}

func newShardedBuilder(dir string, synonyms [][]string) (*shardedBuilder, error) {
	if err := removeShards(dir); err != nil {
		return nil, err
	}
	return &shardedBuilder{dir: dir, synonyms: synonyms}, nil
}

// Index adds a document to the current shard, starting one when needed.
func (sb *shardedBuilder) Index(doc index.Document) error {
	if sb.cur == nil {
		b, err := newIndexBuilder(filepath.Join(sb.dir, shardName(sb.k)), sb.dir, sb.synonyms)
		if err != nil {
			return err
		}
		sb.cur = b
	}
	if err := sb.cur.Index(doc); err != nil {
		return err
	}
	if sb.in++; sb.in == shardDocs() {
		return sb.closeShard()
	}
	return nil
}

// closeShard merges the current shard in the background, after the
// previous shard's merge has ended.
func (sb *shardedBuilder) closeShard() error {
	if err := sb.wait(); err != nil {
		return err
	}
	b, store := sb.cur, filepath.Join(sb.dir, shardName(sb.k), "store")
	done := make(chan error, 1)
	sb.merging = done
	go func() {
		var err error
		defer func() { done <- err }()
		defer recoverInto(&err)
		err = finishBuilder(b, store)
	}()
	sb.cur, sb.k, sb.in = nil, sb.k+1, 0
	return nil
}

// wait waits for the merge in the background, if any.
func (sb *shardedBuilder) wait() error {
	if sb.merging == nil {
		return nil
	}
	err := <-sb.merging
	sb.merging = nil
	return err
}

// Close merges the last shard and waits for every merge.
func (sb *shardedBuilder) Close() error {
	if sb.cur != nil {
		if err := sb.closeShard(); err != nil {
			return err
		}
	}
	return sb.wait()
}

// finishBuilder closes a shard's builder (which merges its segments into
// one) and makes its files reproducible: the segment's sections sorted,
// the snapshot's time fixed.
func finishBuilder(b *scorch.Builder, store string) error {
	if err := b.Close(); err != nil {
		return fmt.Errorf("写入搜索索引失败：%w", err)
	}
	return errors.Join(sortZapSections(filepath.Join(store, zapFinalName)), fixSnapshotTime(store))
}

// shardStatsName is the file in the search folder that keeps the
// shards' combined BM25 statistics (combinedStats), written by the
// build that wrote the shards, so that Open need not walk every shard's
// dictionaries (0.26 s and 300 MB of mapped pages at 100,000 guides).
// A site of one shard has none.
const shardStatsName = "index-stats.json"

// shardStats is shardStatsName's content.
type shardStats struct {
	DocCount         float64
	FieldCardinality map[string]int
}

// writeShardStats writes the combined statistics of the shards in dir.
func writeShardStats(dir string, st *blevesearch.BM25Stats) error {
	data, err := json.Marshal(shardStats{st.DocCount, st.FieldCardinality})
	if err != nil {
		return err
	}
	return export.WriteFile(filepath.Join(dir, shardStatsName), append(data, '\n'))
}

// readShardStats reads the combined statistics of the shards members
// in dir, when the build wrote them for as many documents as the shards
// hold; nil otherwise.
func readShardStats(dir string, members []*Index) *blevesearch.BM25Stats {
	data, err := os.ReadFile(filepath.Join(dir, shardStatsName))
	if err != nil {
		return nil
	}
	var st shardStats
	if json.Unmarshal(data, &st) != nil || st.FieldCardinality == nil {
		return nil
	}
	var n uint64
	for _, m := range members {
		c, err := m.bi.DocCount()
		if err != nil {
			return nil
		}
		n += c
	}
	if float64(n) != st.DocCount {
		return nil
	}
	return &blevesearch.BM25Stats{DocCount: st.DocCount, FieldCardinality: st.FieldCardinality}
}
