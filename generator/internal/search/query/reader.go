package query

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
)

// Export answers queries from the static export alone, the way
// search.js does (../export/js/search.js, rank): BM25 over the exported postings
// with bleve's statistics, the query norm and the coordination factor,
// filters and facet counts from facets.bin, display data from the document
// blocks. Its answers equal bleve's (TestExportIndexMatchesBleve), so a
// build without the bleve index (Options.NoBleve) still serves generator
// search and /api/search with the same results.
//
// Files are read on first use and kept: the shards a query needs, the
// facet columns, the document blocks of the hits shown.
type Export struct {
	dir  string // the data folder, dir/<id>
	meta export.Meta
	fid  map[string]int // field name → field id in meta.Fields
	lex  analysis.Lexicon

	mu     sync.Mutex
	shards map[int]map[string][]postings
	facets []facetColumn // by analysis.FacetKeys; nil until read
	blocks map[int][]docRow
	homo   *homophones // nil until Correct needs it
}

// postings is one term's postings in one field, parallel slices by
// posting.
type postings struct {
	field               int
	docs, freqs, length []int32
}

// facetColumn is one facet's column: for each guide the index of its set
// of value indexes.
type facetColumn struct {
	sets [][]int
	col  []int32
}

// docRow is a guide's row of a document block (writeDocsAndFacets).
type docRow struct {
	Code, Title, URL   string
	Department, Region int
	Star, Visits       int
	Snippet            string
}

func (r *docRow) UnmarshalJSON(data []byte) error {
	return json.Unmarshal(data, &[]any{&r.Code, &r.Title, &r.URL, &r.Department,
		&r.Region, &r.Star, &r.Visits, &r.Snippet})
}

// Open opens the static export Build wrote under dir.
func Open(dir string) (*Export, error) {
	data, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, fmt.Errorf("打开搜索数据 %s 失败（请先运行 generator build）：%w", dir, err)
	}
	ex := &Export{fid: map[string]int{}, shards: map[int]map[string][]postings{},
		blocks: map[int][]docRow{}}
	if err := json.Unmarshal(data, &ex.meta); err != nil {
		return nil, fmt.Errorf("搜索数据 meta.json 损坏：%w", err)
	}
	ex.dir = filepath.Join(dir, ex.meta.ID)
	for i, f := range ex.meta.Fields {
		ex.fid[f.Name] = i
	}
	if ex.meta.Synonyms == nil {
		ex.meta.Synonyms = [][]string{}
	}
	ex.lex = analysis.NewLexicon(ex.meta.Synonyms, ex.meta.Filler)
	return ex, nil
}

// shard returns the parsed postings shard n.
func (ex *Export) shard(n int) (map[string][]postings, error) {
	if m, ok := ex.shards[n]; ok {
		return m, nil
	}
	data, err := os.ReadFile(filepath.Join(ex.dir, "p", fmt.Sprintf("%d.bin", n)))
	if err != nil {
		return nil, fmt.Errorf("读取搜索数据失败：%w", err)
	}
	m := map[string][]postings{}
	bad := false
	next := func() int {
		v, k := binary.Uvarint(data)
		if k <= 0 {
			bad, data = true, nil
			return 0
		}
		data = data[k:]
		return int(v)
	}
	for len(data) > 0 && !bad {
		l := next()
		if l > len(data) {
			bad = true
			break
		}
		term := string(data[:l])
		data = data[l:]
		el := postings{field: next()}
		df := next()
		if df > len(data) {
			bad = true
			break
		}
		el.docs, el.freqs, el.length = make([]int32, df), make([]int32, df), make([]int32, df)
		doc := 0
		for k := 0; k < df; k++ {
			doc += next()
			el.docs[k], el.freqs[k], el.length[k] = int32(doc), int32(next()), int32(next())
		}
		m[term] = append(m[term], el)
	}
	if bad {
		return nil, fmt.Errorf("搜索数据 p/%d.bin 损坏", n)
	}
	ex.shards[n] = m
	return m, nil
}

// facetColumns returns the facet columns, read from facets.bin once.
func (ex *Export) facetColumns() ([]facetColumn, error) {
	if ex.facets != nil {
		return ex.facets, nil
	}
	data, err := os.ReadFile(filepath.Join(ex.dir, "facets.bin"))
	if err != nil {
		return nil, fmt.Errorf("读取搜索数据失败：%w", err)
	}
	cols := make([]facetColumn, len(analysis.FacetKeys))
	for i, k := range analysis.FacetKeys {
		w := ex.meta.FacetWidth[k]
		if len(data) < w*ex.meta.N {
			return nil, fmt.Errorf("搜索数据 facets.bin 损坏")
		}
		col := make([]int32, ex.meta.N)
		for d := range col {
			v := 0
			for b := 0; b < w; b++ {
				v |= int(data[d*w+b]) << (8 * b)
			}
			if v >= len(ex.meta.FacetSets[k]) {
				return nil, fmt.Errorf("搜索数据 facets.bin 损坏")
			}
			col[d] = int32(v)
		}
		data = data[w*ex.meta.N:]
		cols[i] = facetColumn{sets: ex.meta.FacetSets[k], col: col}
	}
	ex.facets = cols
	return cols, nil
}

// readShard reads the export's file dir/n.json (a block of rows, a shard
// of homophones) into v.
func (ex *Export) readShard(dir string, n int, v any) error {
	data, err := os.ReadFile(filepath.Join(ex.dir, dir, fmt.Sprintf("%d.json", n)))
	if err != nil {
		return fmt.Errorf("读取搜索数据失败：%w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("搜索数据 %s/%d.json 损坏：%w", dir, n, err)
	}
	return nil
}

// row returns the display data of guide d.
func (ex *Export) row(d int) (*docRow, error) {
	b := d / ex.meta.Block
	rows, ok := ex.blocks[b]
	if !ok {
		if err := ex.readShard("d", b, &rows); err != nil {
			return nil, err
		}
		ex.blocks[b] = rows
	}
	if d%ex.meta.Block >= len(rows) {
		return nil, fmt.Errorf("搜索数据 d/%d.json 缺少事项", b)
	}
	return &rows[d%ex.meta.Block], nil
}

// Synonyms are the site's synonym groups the export was built with.
func (ex *Export) Synonyms() [][]string { return ex.meta.Synonyms }

// Lexicon is what the export's queries are planned with: its synonyms
// and filler terms.
func (ex *Export) Lexicon() analysis.Lexicon { return ex.lex }

// ReadFiller returns the filler terms of the export under dir (nil when
// it has no meta.json), for the bleve index, which plans with them too.
func ReadFiller(dir string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var m struct {
		Filler []string `json:"filler"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("搜索数据 meta.json 损坏：%w", err)
	}
	return m.Filler, nil
}
