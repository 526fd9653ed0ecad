package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"zhinan/generator/internal/search/export"
	"zhinan/generator/internal/search/query"
	"zhinan/generator/internal/site"
)

// staticIndex is a Go reading of the static export, computing scores the
// way search.js does. It checks the export format and the scoring recipe
// against bleve before the JavaScript is involved.
type staticIndex struct {
	dir    string
	meta   export.Meta
	shards map[int]map[string][]staticPosting // term -> postings per field
	codes  []string
	ord    map[string]int
}

type staticPosting struct {
	field int
	df    int
	docs  []posting
}

func openStatic(t testing.TB, dir string) *staticIndex {
	t.Helper()
	si := &staticIndex{dir: dir, shards: map[int]map[string][]staticPosting{}, ord: map[string]int{}}
	data, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &si.meta); err != nil {
		t.Fatal(err)
	}
	for b := 0; b*si.meta.Block < si.meta.N; b++ {
		var rows [][]any
		data, err := os.ReadFile(filepath.Join(dir, si.meta.ID, "d", fmt.Sprintf("%d.json", b)))
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(data, &rows)
		for _, r := range rows {
			si.ord[r[0].(string)] = len(si.codes)
			si.codes = append(si.codes, r[0].(string))
		}
	}
	return si
}

func (si *staticIndex) shard(t testing.TB, n int) map[string][]staticPosting {
	if m, ok := si.shards[n]; ok {
		return m
	}
	data, err := os.ReadFile(filepath.Join(si.dir, si.meta.ID, "p", fmt.Sprintf("%d.bin", n)))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]staticPosting{}
	i := 0
	next := func() int {
		v, k := binary.Uvarint(data[i:])
		i += k
		return int(v)
	}
	for i < len(data) {
		l := next()
		term := string(data[i : i+l])
		i += l
		sp := staticPosting{field: next(), df: next()}
		doc := 0
		for k := 0; k < sp.df; k++ {
			doc += next()
			sp.docs = append(sp.docs, posting{doc: doc, freq: next(), length: next()})
		}
		m[term] = append(m[term], sp)
	}
	si.shards[n] = m
	return m
}

// posting is one guide's entry in a postings list of the export.
type posting struct{ doc, freq, length int }

type staticHit struct {
	Code  string
	Score float64
}

// search scores a plan like search.js: the disjunction of every clause,
// BM25 per clause with bleve's query norm, times the coordination factor.
func (si *staticIndex) search(t testing.TB, p Plan) []staticHit {
	cs := p.Clauses()
	fieldID := map[string]int{}
	for i, f := range si.meta.Fields {
		fieldID[f.Name] = i
	}
	N := float64(si.meta.DocCount)
	type cl struct {
		idf, qw float64
		docs    []posting
		avg     float64
	}
	var cls []cl
	sumsq := 0.0
	for _, c := range cs {
		fid := fieldID[c.Field]
		var docs []posting
		for _, sp := range si.shard(t, export.ShardOf(c.Term, si.meta.Shards))[c.Term] {
			if sp.field == fid {
				docs = sp.docs
			}
		}
		df := float64(len(docs))
		idf := math.Log(1 + (N-df+0.5)/(df+0.5))
		w := c.Boost * idf
		sumsq += w * w
		cls = append(cls, cl{idf: idf, docs: docs, avg: si.meta.Fields[fid].Avg})
	}
	qnorm := 1 / math.Sqrt(sumsq)
	sums := map[int]float64{}
	matched := map[int]int{}
	for i, c := range cls {
		qw := cs[i].Boost * c.idf * qnorm
		for _, d := range c.docs {
			tf := math.Sqrt(float64(d.freq))
			norm := float64(float32(1 / math.Sqrt(float64(d.length))))
			fl := 1 / (norm * norm)
			s := c.idf * (tf * si.meta.K1) / (tf + si.meta.K1*(1-si.meta.B+(si.meta.B*fl/c.avg)))
			if qw != 1 {
				s *= qw
			}
			sums[d.doc] += s
			matched[d.doc]++
		}
	}
	var hits []staticHit
	for d, s := range sums {
		hits = append(hits, staticHit{si.codes[d], query.RoundScore(s * (float64(matched[d]) / float64(len(cs))))})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return si.ord[hits[i].Code] < si.ord[hits[j].Code]
	})
	return hits
}

// TestBuildEmptySite: a site without guides still gets an index that
// answers (with nothing) and an export search.js can load.
func TestBuildEmptySite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	s := &site.Site{Config: site.Config{Synonyms: [][]string{{"社保", "社会保险"}}}}
	if err := Build(s, dir); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(Query{Text: "社会保险"})
	if err != nil || res.Total != 0 {
		t.Fatalf("empty site: %v, %d results", err, res.Total)
	}
	if len(ix.synonyms) != 1 {
		t.Errorf("synonyms %v", ix.synonyms)
	}
	if _, err := os.Stat(filepath.Join(dir, "search.js")); err != nil {
		t.Error(err)
	}
}
