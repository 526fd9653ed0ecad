package search

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// exportIndex answers queries from the static export alone, the way
// search.js does (js/search.js, rank): BM25 over the exported postings
// with bleve's statistics, the query norm and the coordination factor,
// filters and facet counts from facets.bin, display data from the document
// blocks. Its answers equal bleve's (TestExportIndexMatchesBleve), so a
// build without the bleve index (Options.NoBleve) still serves generator
// search and /api/search with the same results.
//
// Files are read on first use and kept: the shards a query needs, the
// facet columns, the document blocks of the hits shown.
type exportIndex struct {
	dir  string // the data folder, dir/<id>
	meta exportMeta
	fid  map[string]int // field name → field id in meta.Fields

	mu     sync.Mutex
	shards map[int]map[string][]exportList
	facets []exportFacet // by facetKeys; nil until read
	blocks map[int][]exportRow
}

// exportList is one term's postings in one field, parallel slices by
// posting.
type exportList struct {
	field               int
	docs, freqs, length []int32
}

// exportFacet is one facet's column: for each guide the index of its set
// of value indexes.
type exportFacet struct {
	sets [][]int
	col  []int32
}

// exportRow is a guide's row of a document block (writeDocsAndFacets).
type exportRow struct {
	Code, Title, URL   string
	Department, Region int
	Star, Visits       int
	Snippet            string
}

func (r *exportRow) UnmarshalJSON(data []byte) error {
	return json.Unmarshal(data, &[]any{&r.Code, &r.Title, &r.URL, &r.Department,
		&r.Region, &r.Star, &r.Visits, &r.Snippet})
}

// openExport opens the static export Build wrote under dir.
func openExport(dir string) (*exportIndex, error) {
	data, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, fmt.Errorf("打开搜索数据 %s 失败（请先运行 generator build）：%w", dir, err)
	}
	ex := &exportIndex{fid: map[string]int{}, shards: map[int]map[string][]exportList{},
		blocks: map[int][]exportRow{}}
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
	return ex, nil
}

// shard returns the parsed postings shard n.
func (ex *exportIndex) shard(n int) (map[string][]exportList, error) {
	if m, ok := ex.shards[n]; ok {
		return m, nil
	}
	data, err := os.ReadFile(filepath.Join(ex.dir, "p", fmt.Sprintf("%d.bin", n)))
	if err != nil {
		return nil, fmt.Errorf("读取搜索数据失败：%w", err)
	}
	m := map[string][]exportList{}
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
		el := exportList{field: next()}
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
func (ex *exportIndex) facetColumns() ([]exportFacet, error) {
	if ex.facets != nil {
		return ex.facets, nil
	}
	data, err := os.ReadFile(filepath.Join(ex.dir, "facets.bin"))
	if err != nil {
		return nil, fmt.Errorf("读取搜索数据失败：%w", err)
	}
	cols := make([]exportFacet, len(facetKeys))
	for i, k := range facetKeys {
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
		cols[i] = exportFacet{sets: ex.meta.FacetSets[k], col: col}
	}
	ex.facets = cols
	return cols, nil
}

// row returns the display data of guide d.
func (ex *exportIndex) row(d int) (*exportRow, error) {
	b := d / ex.meta.Block
	rows, ok := ex.blocks[b]
	if !ok {
		data, err := os.ReadFile(filepath.Join(ex.dir, "d", fmt.Sprintf("%d.json", b)))
		if err != nil {
			return nil, fmt.Errorf("读取搜索数据失败：%w", err)
		}
		if err := json.Unmarshal(data, &rows); err != nil {
			return nil, fmt.Errorf("搜索数据 d/%d.json 损坏：%w", b, err)
		}
		ex.blocks[b] = rows
	}
	if d%ex.meta.Block >= len(rows) {
		return nil, fmt.Errorf("搜索数据 d/%d.json 缺少事项", b)
	}
	return &rows[d%ex.meta.Block], nil
}

// search answers q as search.js's rank does.
func (ex *exportIndex) search(ctx context.Context, q Query, res Result) (Result, error) {
	plan := MakePlan(q.Text, ex.meta.Synonyms)
	cs := plan.clauses()
	if len(cs) == 0 {
		return res, nil
	}
	ex.mu.Lock()
	defer ex.mu.Unlock()

	// per clause: its posting list, idf and weight
	type scoredClause struct {
		list     *exportList
		idf, avg float64
		boost    float64
	}
	N := float64(ex.meta.DocCount)
	scored := make([]scoredClause, len(cs))
	sumsq := 0.0
	for i, c := range cs {
		fid := ex.fid[c.Field]
		m, err := ex.shard(shardOf(c.Term, ex.meta.Shards))
		if err != nil {
			return res, err
		}
		var list *exportList
		for j := range m[c.Term] {
			if m[c.Term][j].field == fid {
				list = &m[c.Term][j]
			}
		}
		df := 0.0
		if list != nil {
			df = float64(len(list.docs))
		}
		idf := math.Log(1 + (N-df+0.5)/(df+0.5))
		boost := ex.meta.Fields[fid].Boost
		w := boost * idf
		sumsq += w * w
		scored[i] = scoredClause{list: list, idf: idf, avg: ex.meta.Fields[fid].Avg, boost: boost}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	qnorm := 1 / math.Sqrt(sumsq)
	k1, b := ex.meta.K1, ex.meta.B
	sums := make([]float64, ex.meta.N)
	matched := make([]int32, ex.meta.N)
	for _, c := range scored {
		if c.list == nil {
			continue
		}
		qw := c.boost * c.idf * qnorm
		for i, d := range c.list.docs {
			tf := math.Sqrt(float64(c.list.freqs[i]))
			norm := float64(float32(1 / math.Sqrt(float64(c.list.length[i]))))
			fl := 1 / (norm * norm)
			s := c.idf * (tf * k1) / (tf + k1*(1-b+(b*fl/c.avg)))
			if qw != 1 {
				s *= qw
			}
			sums[d] += s
			matched[d]++
		}
	}

	// filters: values of a key are alternatives, keys must all hold
	var tests []func(d int) bool
	var cols []exportFacet
	for i, k := range facetKeys {
		vals := q.Filters[k]
		if len(vals) == 0 {
			continue
		}
		if cols == nil {
			var err error
			if cols, err = ex.facetColumns(); err != nil {
				return res, err
			}
		}
		want := map[int]bool{}
		for _, v := range vals {
			for ix, name := range ex.meta.Values[k] {
				if name == v {
					want[ix] = true
				}
			}
		}
		col := cols[i]
		ok := make([]bool, len(col.sets))
		for s, set := range col.sets {
			for _, v := range set {
				ok[s] = ok[s] || want[v]
			}
		}
		tests = append(tests, func(d int) bool { return ok[col.col[d]] })
	}
	var docs []int
	total := float64(len(cs))
	for d := range sums {
		if matched[d] == 0 {
			continue
		}
		pass := true
		for _, t := range tests {
			if pass = t(d); !pass {
				break
			}
		}
		if !pass {
			continue
		}
		sums[d] = roundScore(sums[d] * (float64(matched[d]) / total))
		docs = append(docs, d)
	}
	res.Total = len(docs)

	if len(docs) > 0 {
		if cols == nil {
			var err error
			if cols, err = ex.facetColumns(); err != nil {
				return res, err
			}
		}
		for i, k := range facetKeys {
			counts := make([]int, len(ex.meta.Values[k]))
			col := cols[i]
			for _, d := range docs {
				for _, v := range col.sets[col.col[d]] {
					counts[v]++
				}
			}
			vals := []FacetValue{}
			for v, c := range counts {
				if c > 0 {
					vals = append(vals, FacetValue{Value: ex.meta.Values[k][v], Count: c})
				}
			}
			sortFacet(vals)
			res.Facets[k] = vals
		}
	}

	sort.Slice(docs, func(i, j int) bool {
		if sums[docs[i]] != sums[docs[j]] {
			return sums[docs[i]] > sums[docs[j]]
		}
		return docs[i] < docs[j]
	})
	if q.From >= len(docs) {
		return res, nil
	}
	docs = docs[q.From:]
	if len(docs) > q.Size {
		docs = docs[:q.Size]
	}
	for _, d := range docs {
		r, err := ex.row(d)
		if err != nil {
			return res, err
		}
		url := r.URL
		if url == "" {
			url = "/guide/" + r.Code + "/"
		}
		res.Hits = append(res.Hits, Hit{
			Code: r.Code, Title: r.Title, URL: url, Score: sums[d],
			Snippet:    SnippetHTML(r.Snippet, plan),
			Department: valueName(ex.meta.Values["department"], r.Department),
			Region:     valueName(ex.meta.Values["region"], r.Region),
			Star:       r.Star, Visits: r.Visits, Ord: d,
		})
	}
	return res, nil
}

func valueName(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return ""
	}
	return names[i]
}
