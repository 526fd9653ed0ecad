package export

import (
	"bytes"
	"embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"

	"zhinan/generator/internal/atomicfile"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/site"
)

// The static export is what search.js reads instead of a server. Data
// files live in a folder named after a hash of their content, so that a
// page holding an older search.js never mixes in files of a newer build:
//
//	search.js          the browser script, with meta.json inlined
//	meta.json          statistics bleve scores with (document count,
//	                   average field lengths), fields and boosts, shard
//	                   count, facet value names, synonym groups, data id
//	<id>/facets.bin    every guide's facet values, one column per facet
//	<id>/p/<n>.bin     postings shards: every (term, field) of the index
//	                   whose key hashes to n, with each guide's term
//	                   frequency and field length as bleve stores them, so
//	                   the browser computes bleve's BM25 exactly
//	<id>/d/<n>.json    display data of meta.block guides
//
// Guides are numbered in the order title, code (Order): guides that
// share a title tend to be found together, and then share document blocks.

//go:embed js/search.js
var jsFiles embed.FS

// minifiedScript is js/search.js minified with tdewolff/minify, once per
// process: the script is part of every first query's download.
var minifiedScript = sync.OnceValues(func() ([]byte, error) {
	src, err := jsFiles.ReadFile("js/search.js")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := js.Minify(minify.New(), &out, bytes.NewReader(src), nil); err != nil {
		return nil, fmt.Errorf("search.js 压缩失败：%w", err)
	}
	return out.Bytes(), nil
})

// Meta is meta.json.
type Meta struct {
	Version int `json:"v"`
	// ID names the data folder; it changes whenever any data file does.
	ID       string              `json:"id"`
	N        int                 `json:"n"`
	DocCount uint64              `json:"docCount"`
	Shards   int                 `json:"shards"`
	Block    int                 `json:"block"`
	K1       float64             `json:"k1"`
	B        float64             `json:"b"`
	Fields   []MetaField         `json:"fields"`
	Scored   int                 `json:"scored"` // the first Scored fields take terms, the rest exact keys
	Facets   []string            `json:"facetKeys"`
	Values   map[string][]string `json:"facetValues"`
	// FacetSets lists, per facet, the distinct sets of value indexes a
	// guide can have; facets.bin holds for each facet and guide the index
	// of its set, in FacetWidth bytes (little-endian).
	FacetSets  map[string][][]int `json:"facetSets"`
	FacetWidth map[string]int     `json:"facetWidth"`
	Synonyms   [][]string         `json:"synonyms"`
	// Filler are the terms the query planner leaves out (LearnFiller).
	Filler []string `json:"filler"`
	// VariantMatBoost is xmat's weight for a synonym variant's exact key
	// (analysis.VariantMaterialBoost).
	VariantMatBoost float64 `json:"variantMatBoost"`
	// HomophoneShards is the number of y/<n>.json homophone shards
	// (writeHomophones).
	HomophoneShards int `json:"homophoneShards"`
	// Files are the size and CRC-32C of every file of the data folder, by
	// slash-separated path under the search folder (the folder's ID
	// first), as Write had their bytes: the search's manifest takes them
	// from here instead of reading the files again. Not in meta.json.
	Files map[string]FileSum `json:"-"`
}

// FileSum is a file's size and CRC-32C (Castagnoli).
type FileSum struct {
	Size int64
	CRC  uint32
}

// castagnoli is the table of CRC-32C, which FileSum holds.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type MetaField struct {
	Name  string  `json:"name"`
	Boost float64 `json:"boost"`
	Avg   float64 `json:"avg"`
	// Terms is the field's number of distinct terms (bleve's field
	// cardinality), which Avg is made of; not in meta.json.
	Terms int `json:"-"`
}

// NewMeta starts meta.json for n guides whose postings pc collected, with
// the site's (normalized) synonym groups: the statistics bleve scores with
// (document count, each field's boost and average length). Write fills in
// the rest.
func NewMeta(pc *Collector, n int, synonyms [][]string) *Meta {
	meta := &Meta{Version: 1, N: n, DocCount: uint64(n), K1: 1.2, B: 0.75,
		Scored: len(analysis.ScoredFields), Facets: analysis.FacetKeys, Synonyms: synonyms,
		Filler: pc.LearnFiller(n), VariantMatBoost: analysis.VariantMaterialBoost}
	for fid, f := range analysis.IndexedFields {
		meta.Fields = append(meta.Fields, MetaField{Name: f.Name, Boost: f.Boost,
			Avg: AverageFieldLength(pc.Cardinality(fid), meta.DocCount), Terms: pc.Cardinality(fid)})
	}
	return meta
}

// shardKey is what decides a term's shard. For a CJK term it is its first
// two characters, so a bigram and the exact keys that start with it share
// a shard. For any other term it is its leading word with joiners removed,
// so a code (330000-sf-xk-0001) and its exact key (330000sfxk0001) share
// one, while codes, which all start with "33", spread over all shards.
func shardKey(term string) string {
	r, _ := utf8.DecodeRuneInString(term)
	if analysis.IsCJK(r) {
		return analysis.TruncateRunes(term, 2)
	}
	var b strings.Builder
	for _, r := range term {
		if analysis.IsJoiner(r) {
			continue
		}
		if !analysis.IsWordRune(r) {
			break
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return term
	}
	return b.String()
}

// ShardOf returns the shard of a term: FNV-1a of the UTF-8 bytes of its
// shard key, modulo the shard count.
func ShardOf(term string, shards int) int {
	key := shardKey(term)
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// Order numbers the documents of the search, for the index and the
// export alike: the guides and the bundles (一件事, as SearchPage makes
// them), by title, then code.
// (Grouping the implementations of one standard instead was measured at
// 100,000 guides: no fewer requests, and facets.bin grew from 73 to 160 kB
// gzip.) It holds the guides search finds, in the bleve index and in the
// export alike: every published guide but the cancelled ones
// (site.Page.Listed), whose pages stay but which no citizen should find.
func Order(s *site.Site) []*site.Page {
	ps := make([]*site.Page, 0, len(s.Guides)+len(s.Bundles))
	for _, p := range s.Guides {
		if p.Listed() {
			ps = append(ps, p)
		}
	}
	for _, b := range s.Bundles {
		ps = append(ps, SearchPage(b))
	}
	slices.SortStableFunc(ps, func(a, b *site.Page) int {
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return ps
}

// targetShardBytes is the raw size postings shards are aimed at.
const targetShardBytes = 24 << 10

// maxShards and maxBlocks bound the number of data files Write writes: the
// budget is 2,000 search files at 100,000 guides. minBlock is the least
// block size (guides per document block) however few guides there are.
const (
	maxShards = 1700
	maxBlocks = 250
	minBlock  = 256
)

// Write writes the static files: postings shards, facets and
// document blocks into the data folder, then meta.json and search.js.
// meta arrives with the index statistics filled in. Shards are written as
// they are made, so the export never holds all of them in memory; the data
// folder is written under a temporary name and renamed to its id, which
// hashes every file's name and content hash.
//
// prev, when not "", is the search folder of an earlier build (the
// published one): a data file whose bytes are those of the same file in
// its data folder is a hard link to that file instead of a new one (an
// edit of one guide changes a few hundred of some 1,700 shards), so that
// an edit neither writes nor later syncs the rest. prev is only read.
func Write(pc *Collector, order []*site.Page, meta *Meta, dir, prev string) error {
	tmp := filepath.Join(dir, "data.tmp")
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	w, err := newDataWriter(tmp, prevDataFolder(prev), "d", "p", "y")
	if err != nil {
		return err
	}
	if meta.Shards, err = pc.writeShards(w); err != nil {
		return err
	}
	if meta.HomophoneShards, err = pc.writeHomophones(w); err != nil {
		return err
	}
	pc.dropPostings()
	meta.Block = max(minBlock, (len(order)+maxBlocks-1)/maxBlocks)
	if err := writeDocsAndFacets(order, pc.snippets, meta, w); err != nil {
		return err
	}
	meta.ID = w.id()
	meta.Files = make(map[string]FileSum, len(w.files))
	for name, f := range w.files {
		meta.Files[meta.ID+"/"+name] = f.FileSum
	}
	final := filepath.Join(dir, meta.ID)
	if err := os.RemoveAll(final); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		return err
	}
	if err := removeStaleData(dir, meta.ID); err != nil {
		return err
	}
	metaJSON, err := marshalJSON(meta)
	if err != nil {
		return err
	}
	if err := WriteFile(filepath.Join(dir, "meta.json"), metaJSON); err != nil {
		return err
	}
	js, err := minifiedScript()
	if err != nil {
		return err
	}
	script := append([]byte("globalThis.ZHINAN_SEARCH_META="), metaJSON...)
	script = append(append(script, ';'), js...)
	return WriteFile(filepath.Join(dir, "search.js"), script)
}

// WriteFile writes data to path whole or not at all (atomicfile.Write): a
// file already at path (which may be a hard link into the published
// site, see search.Update) is replaced, never written into.
func WriteFile(path string, data []byte) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// dataWriter writes the files of the data folder, from any goroutine, and
// remembers the sums of each, for the folder's id and Meta.Files.
type dataWriter struct {
	dir string
	// prev is the data folder of an earlier build whose files may be
	// linked ("" for none); linked counts the files that were.
	prev   string
	linked atomic.Int64
	mu     sync.Mutex
	files  map[string]dataFile
}

// dataFile is what a dataWriter remembers of a file it wrote: its size
// and CRC-32C, and its CRC-32 (IEEE), which with the CRC-32C makes the
// 64-bit content hash the folder's id is made of.
type dataFile struct {
	FileSum
	ieee uint32
}

// newDataWriter creates dir and its subfolders; prev is the data folder
// of an earlier build, or "".
func newDataWriter(dir, prev string, subdirs ...string) (*dataWriter, error) {
	for _, sub := range subdirs {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, err
		}
	}
	return &dataWriter{dir: dir, prev: prev, files: map[string]dataFile{}}, nil
}

// write writes one file, or links the earlier build's file of the same
// name when it holds the same bytes; name is slash-separated, relative to
// the folder.
func (w *dataWriter) write(name string, data []byte) error {
	// both in hardware: FNV-1a over the bytes was 0.34 s of an edit's
	// build at 100,000 guides
	f := dataFile{FileSum{int64(len(data)), crc32.Checksum(data, castagnoli)}, crc32.ChecksumIEEE(data)}
	rel := filepath.FromSlash(name)
	if !w.linkSame(rel, data) {
		if err := os.WriteFile(filepath.Join(w.dir, rel), data, 0o644); err != nil {
			return err
		}
	}
	w.mu.Lock()
	w.files[name] = f
	w.mu.Unlock()
	return nil
}

// readBuffers are the buffers linkSame reads earlier files into.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// linkSame links the earlier build's file rel into the folder when its
// bytes are data's; false when there is none, it differs or the link
// fails (the caller then writes the file).
func (w *dataWriter) linkSame(rel string, data []byte) bool {
	if w.prev == "" {
		return false
	}
	old := filepath.Join(w.prev, rel)
	bp := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(bp)
	same := func(size int64) bool { return size == int64(len(data)) }
	got, err := ReadInto(old, *bp, same)
	if got != nil {
		*bp = got
	}
	if err != nil || got == nil || !bytes.Equal(got, data) {
		return false
	}
	if os.Link(old, filepath.Join(w.dir, rel)) != nil {
		return false
	}
	w.linked.Add(1)
	return true
}

// prevDataFolder is the data folder of the search folder prev (named by
// its meta.json), or "" when prev is "" or has none.
func prevDataFolder(prev string) string {
	if prev == "" {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(prev, "meta.json"))
	if err != nil {
		return ""
	}
	var m struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(data, &m) != nil || !IsDataFolder(m.ID) || m.ID == "data.tmp" {
		return ""
	}
	dir := filepath.Join(prev, m.ID)
	if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
		return ""
	}
	return dir
}

// id names the data folder: 12 hex digits of FNV-1a over every file's
// name and content hash (its CRC-32C and CRC-32), in name order. It
// changes whenever a file does.
func (w *dataWriter) id() string {
	names := make([]string, 0, len(w.files))
	for name := range w.files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := fnv.New64a()
	var b [8]byte
	for _, name := range names {
		h.Write([]byte(name))
		f := w.files[name]
		binary.LittleEndian.PutUint64(b[:], uint64(f.CRC)<<32|uint64(f.ieee))
		h.Write(b[:])
	}
	return fmt.Sprintf("%016x", h.Sum64())[:12]
}

// removeStaleData deletes data folders of earlier builds from dir.
func removeStaleData(dir, keep string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() && e.Name() != keep && IsDataFolder(e.Name()) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// IsDataFolder says whether a folder of the search folder is named like a
// data folder (12 hex digits, dataWriter.id) or is the temporary one.
func IsDataFolder(name string) bool {
	return name == "data.tmp" || len(name) == 12 && strings.Trim(name, "0123456789abcdef") == ""
}

// writeDocsAndFacets writes facets.bin and the document blocks with w
// and fills the facet fields of meta. Blocks are made and written one at
// a time.
func writeDocsAndFacets(order []*site.Page, snippets []string, meta *Meta, w *dataWriter) error {
	meta.Values = map[string][]string{}
	meta.FacetSets = map[string][][]int{}
	meta.FacetWidth = map[string]int{}
	valueIdx := map[string]map[string]int{}
	var col []byte
	ids := make([]int, len(order))
	// each guide's values of the facet, in one backing array
	valsOf := make([][]string, len(order))
	var backing []string
	for _, k := range analysis.FacetKeys {
		backing = facetValuesOf(order, k, valsOf, backing[:0])
		idx, vals := facetValueIndex(valsOf)
		valueIdx[k] = idx
		meta.Values[k] = vals
		sets := facetSets(valsOf, idx, ids)
		width := facetWidth(len(sets))
		for _, id := range ids {
			for b := 0; b < width; b++ {
				col = append(col, byte(id>>(8*b)))
			}
		}
		meta.FacetSets[k] = sets
		meta.FacetWidth[k] = width
	}
	if err := w.write("facets.bin", col); err != nil {
		return err
	}
	return writeDocBlocks(order, snippets, meta.Block, valueIdx, w)
}

// facetValuesOf sets valsOf[d] to guide d's values of facet k, all held
// in backing, which it returns.
func facetValuesOf(order []*site.Page, k string, valsOf [][]string, backing []string) []string {
	ends := make([]int, len(order))
	for d, p := range order {
		backing = analysis.AppendFacetValues(backing, p, k)
		ends[d] = len(backing)
	}
	for d := range order {
		lo := 0
		if d > 0 {
			lo = ends[d-1]
		}
		valsOf[d] = backing[lo:ends[d]]
	}
	return backing
}

// facetValueIndex returns a facet's distinct values, sorted, and the
// index of each.
func facetValueIndex(valsOf [][]string) (map[string]int, []string) {
	idx := map[string]int{}
	vals := []string{}
	for _, vs := range valsOf {
		for _, v := range vs {
			if _, ok := idx[v]; !ok {
				idx[v] = 0
				vals = append(vals, v)
			}
		}
	}
	sort.Strings(vals)
	for i, v := range vals {
		idx[v] = i
	}
	return idx, vals
}

// facetSets returns the distinct sets of value indexes the guides have,
// in order of first occurrence, and sets ids[d] to guide d's set.
func facetSets(valsOf [][]string, idx map[string]int, ids []int) [][]int {
	sets := [][]int{}
	setIdx := map[string]int{}
	var set []int
	var key []byte
	for d, vs := range valsOf {
		set = set[:0]
		for _, v := range vs {
			set = append(set, idx[v])
		}
		sort.Ints(set)
		set = dedupInts(set)
		key = key[:0]
		for _, v := range set {
			key = binary.AppendUvarint(key, uint64(v))
		}
		si, ok := setIdx[string(key)]
		if !ok {
			si = len(sets)
			setIdx[string(key)] = si
			sets = append(sets, append([]int{}, set...))
		}
		ids[d] = si
	}
	return sets
}

// facetWidth is the bytes per guide of a facet's column with n sets.
func facetWidth(n int) int {
	switch {
	case n > 65535:
		return 3
	case n > 255:
		return 2
	}
	return 1
}

// writeDocBlocks writes the document blocks d/<n>.json of block guides
// each, one at a time.
func writeDocBlocks(order []*site.Page, snippets []string, block int, valueIdx map[string]map[string]int, w *dataWriter) error {
	for b := 0; b*block < len(order); b++ {
		var rows [][]any
		for i := b * block; i < min(len(order), (b+1)*block); i++ {
			p := order[i]
			url := p.URL
			if url == "/guide/"+p.Code+"/" {
				url = ""
			}
			rows = append(rows, []any{p.Code, p.Title, url, valueIdx["department"][p.Department],
				valueIdx["region"][p.Region], p.Service.Star, p.Service.Visits, snippets[i]})
		}
		data, err := marshalJSON(rows)
		if err != nil {
			return err
		}
		if err := w.write(fmt.Sprintf("d/%d.json", b), data); err != nil {
			return err
		}
	}
	return nil
}

// dedupInts removes repeats from a sorted slice, in place.
func dedupInts(a []int) []int {
	out := a[:0]
	for i, v := range a {
		if i == 0 || v != a[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// marshalJSON encodes v without HTML escaping and without a final newline.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// SearchPage is a bundle (一件事) as a document of the search: its title,
// keywords, body and region as they are, its lead department as the
// department, its one set of materials, type 一件事 (so that the type
// filter finds the bundles), and its URL /thing/<code>/, where hits link.
func SearchPage(b *site.BundlePage) *site.Page {
	g := *b.Guide
	g.Department = b.Lead
	g.Type = site.BundleKind
	g.Materials = make([]site.Material, len(b.Materials))
	for i, m := range b.Materials {
		g.Materials[i] = m.Material
	}
	return &site.Page{Guide: &g, URL: b.URL}
}
