package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"zhinan/generator/internal/atomicfile"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// A build with a batch cache (Options.Cache) keeps, for every batch of
// builderBatch documents in export order, what their analysis made: the
// bleve segment of the batch (<key>.zap, the very segment scorch's
// offline builder makes of it) and the export's postings of it
// (<key>.frag, export.Collector.Fragment). Files are named by the batch's
// key (inputs.batchKey), which hashes everything they are made from, and
// never rewritten: a later build takes the batches whose key it finds and
// analyses only the others. It then merges the batches' segments into
// one as the builder does (assembleIndex) and writes the export from the
// fragments; the files are those of a build without the cache, byte for
// byte (TestUpdateEqualsClean).

// batchFiles are the cache files of one batch.
type batchFiles struct {
	key       string
	lo, hi    int // documents [lo, hi) of the export order
	zap, frag string
	reused    bool
}

// shardSegment is the cached segment of one shard of the bleve index
// (writeIndex): its path in the cache and, when that file is whole, its
// size and CRC-32C.
type shardSegment struct {
	path  string
	whole *export.FileSum
}

// planBatches cuts order into batches of builderBatch documents and says
// which of them the cache holds: both files whole (their checksums
// hold), or the fragment alone without bleve or when the segment of the
// batch's shard is whole (the shard is then linked from it, and the
// batch's own segment not read: at 100,000 guides that is 380 MB of
// reading an edit's build no longer does). It returns the shards'
// segments too. It checks the files on every CPU, each reading into a
// buffer of its own: reading the whole cache (600 MB at 100,000 guides)
// into new slices was 2.4 s of CPU, most of it the allocation.
func planBatches(in *inputs, cache string, noBleve bool) ([]batchFiles, []shardSegment) {
	var bs []batchFiles
	for lo := 0; lo < len(in.docs); lo += builderBatch {
		hi := min(lo+builderBatch, len(in.docs))
		key := in.batchKey(lo, hi)
		bs = append(bs, batchFiles{key: key, lo: lo, hi: hi,
			zap: filepath.Join(cache, key+".zap"), frag: filepath.Join(cache, key+".frag")})
	}
	var segs []shardSegment
	for lo := 0; lo < len(bs); lo += shardBatches {
		segs = append(segs, shardSegment{path: filepath.Join(cache, shardKey(bs[lo:min(lo+shardBatches, len(bs))])+".szap")})
	}
	bufs := make([][]byte, par.Workers(1))
	if !noBleve {
		par.EachWorker(context.Background(), len(segs), len(bufs), func(w, k int) error {
			var whole bool
			if whole, bufs[w] = checkZapCRC(segs[k].path, bufs[w]); whole {
				segs[k].whole = &export.FileSum{Size: int64(len(bufs[w])), CRC: crc32.Checksum(bufs[w], castagnoli)}
			}
			return nil
		})
	}
	par.EachWorker(context.Background(), len(bs), len(bufs), func(w, i int) error {
		var err error
		_, bufs[w], err = readFragment(bs[i].frag, bufs[w])
		whole := noBleve || segs[i/shardBatches].whole != nil
		if err == nil && !whole {
			whole, bufs[w] = checkZapCRC(bs[i].zap, bufs[w])
		}
		bs[i].reused = err == nil && whole
		return nil
	})
	return bs, segs
}

// readFragment reads a fragment file into buf (grown when too small): it
// returns the fragment, without its CRC-32C, and the buffer to read the
// next file into. A file that is not whole is an error.
func readFragment(path string, buf []byte) (frag, next []byte, err error) {
	data, err := export.ReadInto(path, buf, nil)
	if err != nil {
		return nil, buf, err
	}
	n := len(data) - 4
	if n < 0 || crc32.Checksum(data[:n], castagnoli) != binary.BigEndian.Uint32(data[n:]) {
		return nil, data, fmt.Errorf("%s 已损坏", path)
	}
	return data[:n], data, nil
}

// buildBatched is build through the batch cache: it analyses the batches
// the cache lacks (writing their files), then writes the export from
// every batch's fragment and the bleve index from every batch's
// segment. It returns meta.json and the number of documents reused.
func buildBatched(ctx context.Context, s *site.Site, order []*site.Page, in *inputs, dir, prev, cache string, opts Options) (*export.Meta, int, error) {
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, 0, fmt.Errorf("创建搜索缓存失败：%w", err)
	}
	bs, segs := planBatches(in, cache, opts.NoBleve)
	reused := 0
	rd, err := slug.NewReadings(s.Config.PinyinOverrides)
	if err != nil {
		rd = slug.Readings{} // as build does
	}
	analysers := make([]*analysis.Analyser, par.Workers(1))
	for i := range analysers {
		analysers[i] = analysis.NewAnalyser(opts.NoBleve)
		analysers[i].Readings = rd
	}
	for _, b := range bs {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		if b.reused {
			reused += b.hi - b.lo
			continue
		}
		if err := makeBatch(analysers, order, b, opts.NoBleve); err != nil {
			return nil, 0, err
		}
	}
	synonyms := analysis.NormalizeSynonyms(s.Config.Synonyms)
	type indexResult struct {
		linked map[string]export.FileSum
		err    error
	}
	indexed := make(chan indexResult, 1)
	go func() {
		linked, err := writeIndex(dir, bs, segs, synonyms, opts)
		indexed <- indexResult{linked, err}
	}()
	meta, exportErr := exportBatches(bs, order, synonyms, dir, prev)
	ir := <-indexed
	if ir.err != nil {
		return nil, 0, ir.err
	}
	if exportErr != nil {
		return nil, 0, exportErr
	}
	if meta.Files == nil {
		meta.Files = map[string]export.FileSum{}
	}
	maps.Copy(meta.Files, ir.linked)
	if !opts.NoBleve {
		if err := checkIndexStatistics(dir, meta); err != nil {
			return nil, 0, err
		}
	}
	return meta, reused, pruneCache(cache, bs)
}

// makeBatch analyses the documents of batch b and writes its files.
func makeBatch(analysers []*analysis.Analyser, order []*site.Page, b batchFiles, noBleve bool) error {
	docs := analyseGuides(analysers, order[b.lo:b.hi], b.lo)
	pc := export.NewCollector()
	pc.Add(docs)
	frag := pc.Fragment()
	pc.Release()
	frag = binary.BigEndian.AppendUint32(frag, crc32.Checksum(frag, castagnoli))
	if err := writeCacheFile(b.frag, frag); err != nil {
		return err
	}
	if noBleve {
		return nil
	}
	seg, err := newBatchSegment(docs)
	if err != nil {
		return fmt.Errorf("索引第 %d 至 %d 份事项失败：%w", b.lo+1, b.hi, err)
	}
	analysis.ReleaseFreqs(docs) // the segment holds what bleve read
	// streamed to the file: through a buffer it was 3.7 GB of garbage at
	// 1,000,000 guides, the buffer doubling as it grew
	err = atomicfile.Write(b.zap, func(w io.Writer) error {
		_, err := seg.WriteTo(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("写入搜索缓存失败：%w", err)
	}
	return nil
}

// writeCacheFile writes a cache file through a temporary file, so that a
// file under the final name is always whole.
func writeCacheFile(path string, data []byte) error {
	if err := export.WriteFile(path, data); err != nil {
		return fmt.Errorf("写入搜索缓存失败：%w", err)
	}
	return nil
}

// exportBatches collects the postings of every batch from its fragment
// and writes the export, as build does from the analysed guides, linking
// the data files that are the same in prev's (export.Write). Past
// export.MergeBudget bytes of fragments it reads them once more for each
// group of shards (export.WriteFragments).
func exportBatches(bs []batchFiles, order []*site.Page, synonyms [][]string, dir, prev string) (*export.Meta, error) {
	var size int64
	for _, b := range bs {
		if fi, err := os.Stat(b.frag); err == nil {
			size += fi.Size()
		}
	}
	frags := func(fn func([]byte) error) error {
		var buf []byte // fn keeps nothing of it
		for _, b := range bs {
			var data []byte
			var err error
			data, buf, err = readFragment(b.frag, buf)
			if err == nil {
				err = fn(data)
			}
			if err != nil {
				return fmt.Errorf("读取搜索缓存 %s 失败：%w", b.frag, err)
			}
		}
		return nil
	}
	return export.WriteFragments(frags, size, export.MergeBudget, order, synonyms, dir, prev)
}

// pruneCache removes from the cache the batch files this build did not
// use: files of batches whose documents changed since.
func pruneCache(cache string, bs []batchFiles) error {
	keep := map[string]bool{}
	for _, b := range bs {
		keep[b.key] = true
	}
	for lo := 0; lo < len(bs); lo += shardBatches {
		keep[shardKey(bs[lo:min(lo+shardBatches, len(bs))])] = true
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		// A temporary file a killed build left (atomicfile.Write names it
		// ".<name>.tmp-…") goes whatever its batch.
		name, temp := strings.CutPrefix(e.Name(), ".")
		temp = temp && strings.Contains(name, ".tmp-")
		key, ext, _ := strings.Cut(name, ".")
		if (ext == "zap" || ext == "frag" || ext == "szap" || temp) && len(key) == 64 && (temp || !keep[key]) {
			if err := os.Remove(filepath.Join(cache, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
