package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// How Build streams the guides: analysed in chunks of analyseChunk guides
// (in parallel), each chunk handed to the index builder and to the export
// at once, at most chunksInFlight chunks ahead of the slower of the two,
// so memory stays bounded whatever the site's size.
const (
	analyseChunk   = 256
	chunksInFlight = 1
)

// builderBatch is how many guides bleve's offline builder puts into one
// segment before it writes it out; all segments are merged into one when
// the builder closes (builderMergeMax at a time).
// builderBatch is also the batch of the batch cache (batches.go); it is
// a variable so that tests can make batches small.
var builderBatch = 512

const builderMergeMax = 1000

// Options choose what Build writes besides the static export.
type Options struct {
	// NoBleve leaves the bleve index out. Open then answers generator
	// search and /api/search from the static export, with the same
	// results (TestExportIndexMatchesBleve); the stage takes about a third
	// of the CPU and a fifth of the allocated bytes, because bleve's
	// segments are neither made nor merged. The export is the same file for
	// file.
	NoBleve bool
	// Cache, when set, is a folder (outside the published site) where
	// the build keeps the analysis of each batch of guides, so that the
	// next build (BuildContext or Update with the same Cache) analyses
	// only the batches whose guides changed (batches.go). The files are
	// the same with or without it. One build at a time may use a cache.
	Cache string
	// ContentSum, when set, gives a guide's guidecodec.ContentSum (a
	// build takes it from its guide cache, without encoding the guide
	// again); nil computes it. Update and BuildContext read it only while
	// they hash their inputs (inputs.go).
	ContentSum func(*site.Guide) [32]byte
}

// Build writes the search files of a site into dir (the output's search/
// folder): the bleve index in dir/index.bleve, used by the command line and
// the HTTP API, and the static export the browser reads (meta.json,
// facets.bin, p/*.bin postings shards, d/*.json document blocks,
// search.js), and last build.json, the manifest Update reuses a build
// by (manifest.go). dir must not exist or be empty, or hold an earlier
// search build, whose files are replaced, never written into (they may
// be hard links into the published site).
//
// Each guide is analysed once; the analysis feeds bleve's offline index
// builder (one segment in the end, so the index statistics the scores use
// do not depend on timing) and, at the same time, the export's postings.
func Build(s *site.Site, dir string) error { return BuildWith(s, dir, Options{}) }

// BuildWith is Build with options.
func BuildWith(s *site.Site, dir string, opts Options) error {
	return BuildContext(context.Background(), s, dir, opts)
}

// BuildContext is BuildWith that stops, with ctx's error, at the next
// chunk of guides once ctx is done (Ctrl-C). A panic inside bleve (its
// builder panics when it is closed after a failed write, as on a full
// disk) is returned as an error; dir is then the caller's to remove.
func BuildContext(ctx context.Context, s *site.Site, dir string, opts Options) error {
	_, err := buildContext(ctx, s, export.Order(s), nil, dir, "", opts)
	return err
}

// buildContext is BuildContext of the documents order, with their
// inputs when the caller has them (else nil). prev is the search folder
// of an earlier build whose unchanged export files it links (Update's),
// or "". It returns the number of documents it took from the batch cache
// (Options.Cache).
func buildContext(ctx context.Context, s *site.Site, order []*site.Page, in *inputs, dir, prev string, opts Options) (reused int, err error) {
	defer recoverInto(&err)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("创建搜索目录失败：%w", err)
	}
	// an older manifest would vouch for files this build replaces
	if err := os.Remove(filepath.Join(dir, manifestName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("删除旧搜索清单失败：%w", err)
	}
	ins := make(chan inputsResult, 1)
	if in != nil {
		ins <- inputsResult{in, nil}
	} else {
		go func() {
			in, err := inputsOf(s, order, opts)
			ins <- inputsResult{in, err}
		}()
	}
	var meta *export.Meta
	if opts.Cache != "" {
		// the batches are named by the inputs
		r := <-ins
		if r.err != nil {
			return 0, fmt.Errorf("计算搜索输入摘要失败：%w", r.err)
		}
		ins <- r
		meta, reused, err = buildBatched(ctx, s, order, r.in, dir, prev, opts.Cache, opts)
	} else {
		meta, err = build(ctx, s, order, dir, prev, opts)
	}
	r := <-ins
	if err != nil {
		return 0, err
	}
	if r.err != nil {
		return 0, fmt.Errorf("计算搜索输入摘要失败：%w", r.err)
	}
	return reused, writeManifest(dir, meta.ID, r.in.digest(), meta.Files)
}

type inputsResult struct {
	in  *inputs
	err error
}

// build writes the search files of the guides order into dir and
// returns the export's meta.json.
func build(ctx context.Context, s *site.Site, order []*site.Page, dir, prev string, opts Options) (*export.Meta, error) {
	synonyms := analysis.NormalizeSynonyms(s.Config.Synonyms)
	// nil for a site without guides, or without bleve
	ib, err := startIndex(dir, len(order), synonyms, opts)
	if err != nil {
		return nil, err
	}

	toIndex := make(chan []*analysis.GuideDoc, chunksInFlight)
	toExport := make(chan []*analysis.GuideDoc, chunksInFlight)
	// load has reported bad pinyin_overrides; without them the phrase
	// table still reads the names, as resolve's slugs do.
	rd, err := slug.NewReadings(s.Config.PinyinOverrides)
	if err != nil {
		rd = slug.Readings{}
	}
	go analyseInChunks(ctx, order, opts.NoBleve, rd, toIndex, toExport)

	// bleve: index every chunk, then merge into one segment.
	indexed := make(chan error, 1)
	go func() { indexed <- indexChunks(ctx, ib, toIndex) }()

	// export: collect postings, then write the data files while bleve
	// merges.
	pc := export.NewCollector()
	for chunk := range toExport {
		pc.Add(chunk)
	}
	meta := export.NewMeta(pc, len(order), synonyms)
	exportErr := export.Write(pc, order, meta, dir, prev)
	if err := <-indexed; err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if exportErr != nil {
		return nil, exportErr
	}
	if opts.NoBleve {
		return meta, nil
	}
	return meta, checkIndexStatistics(dir, meta)
}

// startIndex prepares the bleve index of a build of n guides under dir:
// none with NoBleve (an old one is removed), an empty index for a site
// without guides (bleve's offline builder needs at least one document),
// and otherwise a builder of its shards, which it returns.
func startIndex(dir string, n int, synonyms [][]string, opts Options) (*shardedBuilder, error) {
	switch {
	case opts.NoBleve:
		return nil, removeShards(dir)
	case n == 0:
		if err := removeShards(dir); err != nil {
			return nil, err
		}
		return nil, buildEmptyIndex(filepath.Join(dir, shardName(0)), synonyms)
	}
	return newShardedBuilder(dir, synonyms)
}

// analyseInChunks analyses the guides in export order, analyseChunk at a
// time on every CPU, and hands each chunk to the index and to the export;
// it stops at the next chunk once ctx is done, and closes both channels.
func analyseInChunks(ctx context.Context, order []*site.Page, noBleve bool, rd slug.Readings, toIndex, toExport chan<- []*analysis.GuideDoc) {
	defer close(toIndex)
	defer close(toExport)
	analysers := make([]*analysis.Analyser, par.Workers(1))
	for i := range analysers {
		analysers[i] = analysis.NewAnalyser(noBleve)
		analysers[i].Readings = rd
	}
	for lo := 0; lo < len(order) && ctx.Err() == nil; lo += analyseChunk {
		chunk := analyseGuides(analysers, order[lo:min(lo+analyseChunk, len(order))], lo)
		toIndex <- chunk
		toExport <- chunk
	}
}

// indexChunks gives every guide of the chunks to the shards' builder ib
// (or, when ib is nil, drains them), then merges the last shard. A panic
// inside bleve is returned as an error.
func indexChunks(ctx context.Context, ib *shardedBuilder, chunks <-chan []*analysis.GuideDoc) (err error) {
	defer recoverInto(&err)
	if ib == nil {
		for range chunks {
		}
		return nil
	}
	for chunk := range chunks {
		for _, g := range chunk {
			if err == nil {
				if e := ib.Index(g.Doc); e != nil {
					err = fmt.Errorf("索引事项 %s 失败：%w", g.Page.Code, e)
				}
			}
		}
	}
	if err == nil && ctx.Err() == nil {
		// Close merges the last shard; after a failed Index it would
		// panic, and after Ctrl-C the index is thrown away anyway.
		err = ib.Close()
	} else if ib != nil {
		ib.wait() // a merge in the background must not outlive the build
	}
	return err
}

// recoverInto turns a panic into an error in *err; deferred by Build's
// goroutines.
func recoverInto(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("建立搜索索引时出错：%v", p)
	}
}

// analyseGuides analyses pages (numbered from first in the export order)
// on one goroutine per analyser (par.EachWorker); the result keeps their
// order.
func analyseGuides(analysers []*analysis.Analyser, pages []*site.Page, first int) []*analysis.GuideDoc {
	out := make([]*analysis.GuideDoc, len(pages))
	par.EachWorker(context.Background(), len(pages), len(analysers), func(w, i int) error {
		out[i] = analysers[w].AnalyseGuide(pages[i], first+i)
		return nil
	})
	return out
}

// newIndexBuilder starts bleve's offline builder for an index at path
// with the site's mapping and synonyms (kept in the index's internal
// storage, where Open reads them). Its temporary segments go under tmpDir.
// It does what bleve.NewBuilder does, which cannot be used because it
// keeps nothing but the mapping in the internal storage; the documents it
// takes are already analysed (analyser), so it needs no mapping itself.
func newIndexBuilder(path, tmpDir string, synonyms [][]string) (*scorch.Builder, error) {
	os.RemoveAll(path)
	im := newMapping()
	if err := im.Validate(); err != nil {
		return nil, err
	}
	mappingJSON, err := util.MarshalJSON(im)
	if err != nil {
		return nil, err
	}
	synJSON, err := json.Marshal(synonyms)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("创建搜索索引失败：%w", err)
	}
	// what bleve.NewBuilder writes: the index type and storage of a scorch
	// index, no config
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte(`{"storage":"scorch","index_type":"scorch"}`), 0o644); err != nil {
		return nil, fmt.Errorf("创建搜索索引失败：%w", err)
	}
	cfg := map[string]interface{}{
		"path":            filepath.Join(path, "store"),
		"buildPathPrefix": tmpDir,
		"batchSize":       builderBatch,
		"mergeMax":        builderMergeMax,
		"internal": map[string][]byte{
			string(util.MappingInternalKey): mappingJSON,
			internalSynonymsKey:             synJSON,
		},
	}
	b, err := scorch.NewBuilder(cfg)
	if err != nil {
		return nil, fmt.Errorf("创建搜索索引失败：%w", err)
	}
	return b, nil
}

// buildEmptyIndex writes an index without documents at path.
func buildEmptyIndex(path string, synonyms [][]string) error {
	os.RemoveAll(path)
	idx, err := bleve.NewUsing(path, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("创建搜索索引失败：%w", err)
	}
	if err := errors.Join(writeSiteConfig(idx, synonyms), idx.Close()); err != nil {
		return err
	}
	return fixSnapshotTime(filepath.Join(path, "store"))
}

// checkIndexStatistics opens the built index and checks that the
// statistics the export scores with (document count, and each field's
// number of distinct terms, which makes its average length) are bleve's
// (of the shards together, when there are several): if they were not,
// the browser would rank differently from the index.
//
// Several shards get their combined statistics written first, from the
// export (exportStats), for Open and every later reader to take: reading
// them from the shards means walking every field's dictionary of every
// shard side by side (combinedStats), which at 1,000,000 guides took 5 s
// and mapped 3 GB of the index into memory at the end of the build, where
// the build's memory peaked. TestShardsMatchOneIndex checks that the
// written statistics are the walked ones.
func checkIndexStatistics(dir string, meta *export.Meta) error {
	shards, err := shardDirs(dir)
	if err != nil {
		return err
	}
	if len(shards) > 1 {
		if err := writeShardStats(dir, exportStats(meta)); err != nil {
			return err
		}
	}
	ix, err := Open(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	if ix.members != nil {
		return compareStatistics(meta, uint64(ix.stats.DocCount), func(field string) (float64, error) {
			return export.AverageFieldLength(ix.stats.FieldCardinality[field], uint64(ix.stats.DocCount)), nil
		})
	}
	return withReader(ix.bi, func(r index.IndexReader) error {
		count, err := r.DocCount()
		if err != nil {
			return err
		}
		return compareStatistics(meta, count, func(field string) (float64, error) {
			return avgFieldLength(r, field, count)
		})
	})
}

// exportStats is what combinedStats reads from the shards, taken from
// the export instead: the document count, each indexed field's distinct
// terms, each facet field's distinct values, and none for "*".
func exportStats(meta *export.Meta) *blevesearch.BM25Stats {
	st := &blevesearch.BM25Stats{DocCount: float64(meta.DocCount), FieldCardinality: map[string]int{"*": 0}}
	for _, f := range meta.Fields {
		st.FieldCardinality[f.Name] = f.Terms
	}
	for _, k := range analysis.FacetKeys {
		st.FieldCardinality["f_"+k] = len(meta.Values[k])
	}
	return st
}

// compareStatistics compares the index's document count and average
// field lengths (avg) with the export's.
func compareStatistics(meta *export.Meta, count uint64, avg func(field string) (float64, error)) error {
	if count != meta.DocCount {
		return fmt.Errorf("搜索索引有 %d 份事项，导出有 %d 份", count, meta.DocCount)
	}
	var errs []error
	for _, f := range meta.Fields {
		a, err := avg(f.Name)
		if err != nil {
			return err
		}
		if a != f.Avg {
			errs = append(errs, fmt.Errorf("字段 %s 的平均长度：索引 %v，导出 %v", f.Name, a, f.Avg))
		}
	}
	return errors.Join(errs...)
}

// avgFieldLength is the average length of a field as the index's BM25
// scores with it (see averageFieldLength).
func avgFieldLength(r index.IndexReader, fieldName string, count uint64) (float64, error) {
	br, ok := r.(index.BM25Reader)
	if !ok || count == 0 {
		return 0, nil
	}
	card, err := br.FieldCardinality(fieldName)
	if err != nil {
		return 0, err
	}
	return export.AverageFieldLength(card, count), nil
}
