package search

import (
	"context"
	"embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	index "github.com/blevesearch/bleve_index_api"

	"zhinan/generator/internal/site"
)

// The static export is what search.js reads instead of a server:
//
//	meta.json      statistics bleve scores with (document count, average
//	               field lengths), fields and boosts, shard count, facet
//	               value names, synonym groups
//	facets.json    every guide's facet values, run-length coded
//	p/<n>.bin      postings shards: every (term, field) of the index whose
//	               key (its first two characters) hashes to n, with each
//	               guide's term frequency and field length as bleve stores
//	               them, so the browser computes bleve's BM25 exactly
//	d/<n>.json     display data of blockSize guides
//	search.js      the browser script
//
// Guides are numbered in the order department, region, title, code, so
// facet runs are long and similar guides share document blocks.

//go:embed js/search.js
var jsFiles embed.FS

// blockSize is how many guides one document block holds.
const blockSize = 32

// targetShardBytes is the raw size postings shards are aimed at.
const targetShardBytes = 24 << 10

// maxShards bounds the number of postings files (the file budget is 2,000
// search files at 100,000 guides).
const maxShards = 1536

// exportMeta is meta.json.
type exportMeta struct {
	Version int `json:"v"`
	// ID changes whenever any exported file does; search.js appends it to
	// data URLs so a cached file of an older build is never mixed in.
	ID       string              `json:"id"`
	N        int                 `json:"n"`
	DocCount uint64              `json:"docCount"`
	Shards   int                 `json:"shards"`
	Block    int                 `json:"block"`
	K1       float64             `json:"k1"`
	B        float64             `json:"b"`
	Fields   []exportField       `json:"fields"`
	Scored   int                 `json:"scored"` // the first Scored fields take terms, the rest exact keys
	Facets   []string            `json:"facetKeys"`
	Values   map[string][]string `json:"facetValues"`
	Synonyms [][]string          `json:"synonyms"`
}

type exportField struct {
	Name  string  `json:"name"`
	Boost float64 `json:"boost"`
	Avg   float64 `json:"avg"`
}

// shardOf returns the shard of a term: FNV-1a of the UTF-8 bytes of its
// first two characters, modulo the shard count.
func shardOf(term string, shards int) int {
	key := truncateRunes(term, 2)
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// exportOrder numbers the guides for the export.
func exportOrder(s *site.Site) []*site.Page {
	ps := append([]*site.Page(nil), s.Guides...)
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Department != b.Department {
			return a.Department < b.Department
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Code < b.Code
	})
	return ps
}

type posting struct{ doc, freq, length int }

// export writes the static files from the opened index.
func export(ix *Index, s *site.Site, dir string) error {
	order := exportOrder(s)
	docnum := make(map[string]int, len(order))
	for i, p := range order {
		docnum[p.Code] = i
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	count, err := r.DocCount()
	if err != nil {
		return err
	}
	meta := exportMeta{Version: 1, N: len(order), DocCount: count, Block: blockSize,
		K1: 1.2, B: 0.75, Scored: len(scoredFields), Facets: facetKeys,
		Synonyms: ix.synonyms}
	if meta.Synonyms == nil {
		meta.Synonyms = [][]string{}
	}
	all := append(append([]field(nil), scoredFields...), exactFields...)
	for _, f := range all {
		avg, err := avgFieldLength(r, f.Name, count)
		if err != nil {
			return err
		}
		meta.Fields = append(meta.Fields, exportField{Name: f.Name, Boost: f.Boost, Avg: avg})
	}

	// records grouped by the key their shard is chosen by
	records := map[string][]byte{}
	var keys []string
	total := 0
	var buf [binary.MaxVarintLen64]byte
	put := func(b []byte, v int) []byte {
		n := binary.PutUvarint(buf[:], uint64(v))
		return append(b, buf[:n]...)
	}
	ctx := context.Background()
	for fid, f := range all {
		dict, err := r.FieldDict(f.Name)
		if err != nil {
			return err
		}
		for {
			de, err := dict.Next()
			if err != nil {
				dict.Close()
				return err
			}
			if de == nil {
				break
			}
			ps, err := readPostings(ctx, r, de.Term, f.Name, docnum)
			if err != nil {
				dict.Close()
				return err
			}
			if len(ps) == 0 {
				continue
			}
			key := truncateRunes(de.Term, 2)
			rec := records[key]
			if rec == nil {
				keys = append(keys, key)
			}
			before := len(rec)
			rec = put(rec, len(de.Term))
			rec = append(rec, de.Term...)
			rec = put(rec, fid)
			rec = put(rec, len(ps))
			prev := 0
			for _, p := range ps {
				rec = put(rec, p.doc-prev)
				rec = put(rec, p.freq)
				rec = put(rec, p.length)
				prev = p.doc
			}
			records[key] = rec
			total += len(rec) - before
		}
		dict.Close()
	}
	meta.Shards = total/targetShardBytes + 1
	if meta.Shards > maxShards {
		meta.Shards = maxShards
	}
	shards := make([][]byte, meta.Shards)
	sort.Strings(keys)
	for _, k := range keys {
		sh := shardOf(k, meta.Shards)
		shards[sh] = append(shards[sh], records[k]...)
	}
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o755); err != nil {
		return err
	}
	for i, data := range shards {
		if err := os.WriteFile(filepath.Join(dir, "p", fmt.Sprintf("%d.bin", i)), data, 0o644); err != nil {
			return err
		}
	}
	if err := writeDocsAndFacets(order, &meta, dir); err != nil {
		return err
	}
	meta.ID = buildID(dir, shards)
	js, err := jsFiles.ReadFile("js/search.js")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "search.js"), js, 0o644); err != nil {
		return err
	}
	return writeJSON(filepath.Join(dir, "meta.json"), meta)
}

// readPostings returns a term's postings in export order with the field
// length bleve stores (as the norm 1/sqrt(length) in float32).
func readPostings(ctx context.Context, r index.IndexReader, term, fieldName string, docnum map[string]int) ([]posting, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldName, true, true, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var ps []posting
	for {
		tfd, err := tfr.Next(nil)
		if err != nil {
			return nil, err
		}
		if tfd == nil {
			break
		}
		id, err := r.ExternalID(tfd.ID)
		if err != nil {
			return nil, err
		}
		n, ok := docnum[id]
		if !ok {
			return nil, fmt.Errorf("搜索索引中有未知事项 %s", id)
		}
		length := int(math.Round(1 / (tfd.Norm * tfd.Norm)))
		if float64(float32(1/math.Sqrt(float64(length)))) != tfd.Norm {
			return nil, fmt.Errorf("无法还原字段 %s 的长度（norm=%v）", fieldName, tfd.Norm)
		}
		ps = append(ps, posting{doc: n, freq: int(tfd.Freq), length: length})
	}
	if uint64(len(ps)) != tfr.Count() {
		return nil, fmt.Errorf("词项 %s 的文档数不一致", term)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].doc < ps[j].doc })
	return ps, nil
}

// avgFieldLength is the average field length bleve's BM25 uses:
// ceil(field cardinality / document count).
func avgFieldLength(r index.IndexReader, fieldName string, count uint64) (float64, error) {
	br, ok := r.(index.BM25Reader)
	if !ok || count == 0 {
		return 0, nil
	}
	card, err := br.FieldCardinality(fieldName)
	if err != nil {
		return 0, err
	}
	return math.Ceil(float64(card) / float64(count)), nil
}

// writeDocsAndFacets writes d/<n>.json and facets.json and fills the facet
// value names of meta.
func writeDocsAndFacets(order []*site.Page, meta *exportMeta, dir string) error {
	meta.Values = map[string][]string{}
	valueIdx := map[string]map[string]int{}
	for _, k := range facetKeys {
		valueIdx[k] = map[string]int{}
		seen := map[string]bool{}
		var vals []string
		for _, p := range order {
			for _, v := range facetValues(p)[k] {
				if !seen[v] {
					seen[v] = true
					vals = append(vals, v)
				}
			}
		}
		sort.Strings(vals)
		if vals == nil {
			vals = []string{}
		}
		for i, v := range vals {
			valueIdx[k][v] = i
		}
		meta.Values[k] = vals
	}
	// facets.json: per key, runs [valueSet, count, valueSet, count, ...]
	// where valueSet indexes sets[key], the distinct sorted value lists.
	type facetCol struct {
		Sets [][]int `json:"sets"`
		Runs []int   `json:"runs"`
	}
	cols := map[string]*facetCol{}
	for _, k := range facetKeys {
		col := &facetCol{Sets: [][]int{}, Runs: []int{}}
		setIdx := map[string]int{}
		last := -1
		for _, p := range order {
			var ids []int
			for _, v := range facetValues(p)[k] {
				ids = append(ids, valueIdx[k][v])
			}
			sort.Ints(ids)
			ids = dedupInts(ids)
			key := fmt.Sprint(ids)
			si, ok := setIdx[key]
			if !ok {
				si = len(col.Sets)
				setIdx[key] = si
				if ids == nil {
					ids = []int{}
				}
				col.Sets = append(col.Sets, ids)
			}
			if si == last {
				col.Runs[len(col.Runs)-1]++
			} else {
				col.Runs = append(col.Runs, si, 1)
				last = si
			}
		}
		cols[k] = col
	}
	if err := writeJSON(filepath.Join(dir, "facets.json"), cols); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "d"), 0o755); err != nil {
		return err
	}
	for b := 0; b*blockSize < len(order); b++ {
		var rows [][]any
		for _, p := range order[b*blockSize : min(len(order), (b+1)*blockSize)] {
			url := p.URL
			if url == "/guide/"+p.Code+"/" {
				url = ""
			}
			rows = append(rows, []any{p.Code, p.Title, url, valueIdx["department"][p.Department],
				valueIdx["region"][p.Region], p.Service.Star, p.Service.Visits, snippetSource(p)})
		}
		if err := writeJSON(filepath.Join(dir, "d", fmt.Sprintf("%d.json", b)), rows); err != nil {
			return err
		}
	}
	return nil
}

// buildID hashes the exported data (postings, facets, document blocks).
func buildID(dir string, shards [][]byte) string {
	h := fnv.New64a()
	for _, sh := range shards {
		h.Write(sh)
	}
	for _, p := range []string{"facets.json"} {
		data, _ := os.ReadFile(filepath.Join(dir, p))
		h.Write(data)
	}
	blocks, _ := filepath.Glob(filepath.Join(dir, "d", "*.json"))
	sort.Strings(blocks)
	for _, b := range blocks {
		data, _ := os.ReadFile(b)
		h.Write(data)
	}
	return fmt.Sprintf("%016x", h.Sum64())[:12]
}

func dedupInts(a []int) []int {
	var out []int
	for i, v := range a {
		if i == 0 || v != a[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func writeJSON(path string, v any) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
