package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapv17 "github.com/blevesearch/zapx/v17"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
)

// This file makes the bleve index from batch segments as scorch's
// offline builder (scorch.Builder) does, so that the batch cache
// (batches.go) can keep the segments: a segment per batch made as the
// builder's executeBatchLOCKED makes it, the segments merged mergeMax at
// a time in order as its doMerge does, the last one renamed into the
// store, and root.bolt as its Close writes it. root.bolt depends on the
// index's internal storage (mapping and synonyms) alone, not on the
// segment, so it is taken from a one-document index built by the real
// builder (rootBolt).

// zapPlugin is the segment format of the index (see sortedZap).
var zapPlugin = sortedZap{&zapv17.ZapPlugin{}}

// newBatchSegment makes the segment of a batch of analysed guides, which
// WriteTo writes as its file: each document gets its _id field and has
// its indexed fields analysed (which does nothing for pre-analysed ones),
// as the builder does before sortedZap sorts them by ID.
func newBatchSegment(docs []*analysis.GuideDoc) (*zapv17.SegmentBase, error) {
	results := make([]index.Document, 0, len(docs))
	for _, g := range docs {
		d := document.NewDocument(g.Doc.ID())
		d.Fields = append(d.Fields, g.Doc.Fields...) // not g.Doc's own slice: another reader may share it
		d.AddIDField()
		d.VisitFields(func(f index.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		results = append(results, d)
	}
	seg, _, err := zapPlugin.New(results)
	if err != nil {
		return nil, err
	}
	sb, ok := seg.(*zapv17.SegmentBase)
	if !ok {
		return nil, fmt.Errorf("zap 段类型 %T", seg)
	}
	return sb, nil
}

// checkZapCRC says whether the zap file at path is whole: its footer
// ends with the CRC-32 of everything before it. It reads the file into
// buf (see export.ReadInto) and returns the buffer to read the next file into.
func checkZapCRC(path string, buf []byte) (whole bool, next []byte) {
	data, err := export.ReadInto(path, buf, nil)
	if err != nil {
		return false, buf
	}
	if len(data) < zapFooter {
		return false, data
	}
	n := len(data) - 4
	return crc32.ChecksumIEEE(data[:n]) == binary.BigEndian.Uint32(data[n:]), data
}

// writeIndex writes the bleve index's shards into dir from the batches'
// segments (none with NoBleve, an empty index without guides): a shard
// whose segment the cache holds whole (segs, planBatches) is linked from
// it, the others are merged from their batches' segments, on every CPU,
// and their segments kept in the cache for the next build. It returns
// the size and CRC-32C of the segments it linked, by slash-separated path
// under dir, for the manifest.
func writeIndex(dir string, bs []batchFiles, segs []shardSegment, synonyms [][]string, opts Options) (map[string]export.FileSum, error) {
	if opts.NoBleve || len(bs) == 0 {
		_, err := startIndex(dir, 0, synonyms, opts)
		return nil, err
	}
	if err := removeShards(dir); err != nil {
		return nil, err
	}
	root, err := rootBolt(synonyms)
	if err != nil {
		return nil, err
	}
	linked := make([]bool, len(segs))
	err = par.Each(context.Background(), len(segs), par.Workers(1), func(k int) error {
		var err error
		linked[k], err = writeShard(filepath.Join(dir, shardName(k)), dir, segs[k], bs[k*shardBatches:min((k+1)*shardBatches, len(bs))], root)
		return err
	})
	sums := map[string]export.FileSum{}
	for k, ok := range linked {
		if ok {
			sums[shardName(k)+"/store/"+zapFinalName] = *segs[k].whole
		}
	}
	return sums, err
}

// writeShard writes the shard of the batches bs at ixPath: its segment
// linked from the cache when it is whole there (seg), else merged
// (temporary files under tmpDir) and linked into the cache for the next
// build; then index_meta.json and root.bolt (root). linked tells
// whether it linked the cached segment.
func writeShard(ixPath, tmpDir string, seg shardSegment, bs []batchFiles, root []byte) (linked bool, err error) {
	store := filepath.Join(ixPath, "store")
	if err := os.MkdirAll(store, 0o755); err != nil {
		return false, fmt.Errorf("创建搜索索引失败：%w", err)
	}
	if err := os.WriteFile(filepath.Join(ixPath, "index_meta.json"), []byte(indexMeta), 0o644); err != nil {
		return false, fmt.Errorf("创建搜索索引失败：%w", err)
	}
	final := filepath.Join(store, zapFinalName)
	linked = seg.whole != nil && os.Link(seg.path, final) == nil
	if !linked {
		paths := make([]string, len(bs))
		for i, b := range bs {
			paths[i] = b.zap
		}
		if err := mergeSegments(paths, final, tmpDir); err != nil {
			return false, fmt.Errorf("合并搜索索引失败：%w", err)
		}
		if err := sortZapSections(final); err != nil {
			return false, err
		}
		// Nothing writes into a segment once it is made (a later build
		// makes new files), so the cache and the index may share it.
		os.Remove(seg.path)
		os.Link(final, seg.path) // without it, the next build merges again
	}
	return linked, os.WriteFile(filepath.Join(store, "root.bolt"), root, 0o600)
}

// indexMeta is the index_meta.json bleve.NewBuilder writes: the index
// type and storage of a scorch index, no config.
const indexMeta = `{"storage":"scorch","index_type":"scorch"}`

// mergeSegments merges the segment files paths (which it does not
// change) into one at final, builderMergeMax at a time in order, as the
// offline builder's doMerge does, with its intermediate files in a
// temporary folder under tmpDir. One segment is copied.
func mergeSegments(paths []string, final, tmpDir string) error {
	if len(paths) == 1 {
		data, err := os.ReadFile(paths[0])
		if err != nil {
			return err
		}
		return os.WriteFile(final, data, 0o600)
	}
	tmp, err := os.MkdirTemp(tmpDir, "merge")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for round := 0; len(paths) > 1; round++ {
		n := min(builderMergeMax, len(paths))
		out := filepath.Join(tmp, fmt.Sprintf("%d.zap", round))
		if err := mergeOnce(paths[:n], out); err != nil {
			return err
		}
		paths = append(paths[n:len(paths):len(paths)], out)
	}
	return os.Rename(paths[0], final)
}

// mergeOnce merges the segment files paths into one at out.
func mergeOnce(paths []string, out string) error {
	segs := make([]segment.Segment, 0, len(paths))
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	for _, p := range paths {
		s, err := zapPlugin.Open(p)
		if err != nil {
			return err
		}
		segs = append(segs, s)
	}
	_, _, err := zapPlugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), out, nil, nil)
	return err
}

// rootBolts keeps rootBolt's answers by synonyms' JSON.
var rootBolts sync.Map

// rootBolt is the root.bolt the offline builder writes for an index with
// the given synonyms, with its snapshot time fixed (fixSnapshotTime):
// that of a one-document index built by the builder itself, in a
// temporary folder.
func rootBolt(synonyms [][]string) ([]byte, error) {
	key := fmt.Sprint(synonyms)
	if b, ok := rootBolts.Load(key); ok {
		return b.([]byte), nil
	}
	tmp, err := os.MkdirTemp("", "zhinan-root-bolt")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	ib, err := newIndexBuilder(filepath.Join(tmp, "index"), tmp, synonyms)
	if err != nil {
		return nil, err
	}
	if err := ib.Index(document.NewDocument("x")); err != nil {
		return nil, err
	}
	store := filepath.Join(tmp, "index", "store")
	if err := errors.Join(ib.Close(), fixSnapshotTime(store)); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(store, "root.bolt"))
	if err == nil {
		rootBolts.Store(key, b)
	}
	return b, err
}
