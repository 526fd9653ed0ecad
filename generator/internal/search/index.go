package search

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"zhinan/generator/internal/site"
)

// analyzerName is the name of the Chinese analyzer in bleve's registry.
const analyzerName = "zhinan-cjk-uni-bi"

// field is one scored field of the index and its boost.
type field struct {
	Name  string
	Boost float64
}

// scoredFields are the fields a query's terms are looked up in, in clause
// order. Title and keywords weigh most, then code, materials and
// department, then topics, region and the body. The order is part of the
// ranking contract with search.js.
var scoredFields = []field{
	{"title", 6}, {"keywords", 4}, {"code", 4}, {"materials", 2},
	{"department", 2}, {"topics", 1.5}, {"region", 1}, {"body", 1},
}

// exactFields hold a guide's whole title, whole keywords and department as
// one ExactKey term each, so that a query that is exactly a title comes
// first, and one that names a department finds its items.
var exactFields = []field{{"xtitle", 40}, {"xkw", 15}, {"xdept", 15}}

// facetKeys are the filterable facets, in display order; each is indexed
// as keyword field "f_<key>".
var facetKeys = []string{"department", "region", "star", "list", "audience", "type", "topic"}

var registerOnce sync.Once

// registerAnalysis puts the Chinese analyzer into bleve's registry. bleve
// resolves analyzers by name through that global registry, so this is the
// one place the project touches it; it runs once, on first use.
func registerAnalysis() {
	registerOnce.Do(func() {
		err := registry.RegisterAnalyzer(analyzerName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
			return cjkAnalyzer{}, nil
		})
		if err != nil {
			panic(err) // only on a duplicate name, a programming error
		}
	})
}

// cjkAnalyzer adapts AnalyzeIndex to bleve.
type cjkAnalyzer struct{}

func (cjkAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := AnalyzeIndex(string(input))
	out := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		out[i] = &analysis.Token{Term: []byte(t.Term), Start: t.Start, End: t.End, Position: i + 1, Type: analysis.Ideographic}
	}
	return out
}

// newMapping returns the index mapping: BM25 scoring, the Chinese analyzer
// on scored fields, keyword fields for exact matches and facets, and stored
// display fields. Nothing goes into _all.
func newMapping() *mapping.IndexMappingImpl {
	registerAnalysis()
	im := bleve.NewIndexMapping()
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = analyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	dm := bleve.NewDocumentStaticMapping()
	text := func(an string, index, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = an
		f.Index = index
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	for _, f := range scoredFields {
		dm.AddFieldMappingsAt(f.Name, text(analyzerName, true, false))
	}
	for _, f := range exactFields {
		dm.AddFieldMappingsAt(f.Name, text(keyword.Name, true, false))
	}
	for _, k := range facetKeys {
		fm := text(keyword.Name, true, false)
		fm.DocValues = true
		dm.AddFieldMappingsAt("f_"+k, fm)
	}
	for _, k := range []string{"s_title", "s_url", "s_department", "s_region", "s_star", "s_visits", "s_snip", "s_ord"} {
		dm.AddFieldMappingsAt(k, text(keyword.Name, false, true))
	}
	im.DefaultMapping = dm
	return im
}

// indexDoc is what one guide looks like to bleve. A struct, not a map:
// bleve walks struct fields in order, so two builds write the same segment.
type indexDoc struct {
	Title       string   `json:"title"`
	Keywords    string   `json:"keywords"`
	Code        string   `json:"code"`
	Materials   string   `json:"materials"`
	Department  string   `json:"department"`
	Topics      string   `json:"topics"`
	Region      string   `json:"region"`
	Body        string   `json:"body"`
	XTitle      string   `json:"xtitle"`
	XKeywords   []string `json:"xkw"`
	XDepartment string   `json:"xdept"`
	FDepartment []string `json:"f_department"`
	FRegion     []string `json:"f_region"`
	FStar       []string `json:"f_star"`
	FList       []string `json:"f_list"`
	FAudience   []string `json:"f_audience"`
	FType       []string `json:"f_type"`
	FTopic      []string `json:"f_topic"`
	STitle      string   `json:"s_title"`
	SURL        string   `json:"s_url"`
	SDepartment string   `json:"s_department"`
	SRegion     string   `json:"s_region"`
	SStar       string   `json:"s_star"`
	SVisits     string   `json:"s_visits"`
	SSnippet    string   `json:"s_snip"`
	SOrd        string   `json:"s_ord"`
}

var (
	htmlTagRE  = regexp.MustCompile(`<[^>]*>`)
	mdMarkRE   = regexp.MustCompile("[#*`>|_~\\[\\]()!]+")
	spaceRunRE = regexp.MustCompile(`\s+`)
)

// plainText turns a Markdown body into searchable plain text: tags and
// Markdown punctuation are dropped and whitespace collapsed.
func plainText(md string) string {
	s := htmlTagRE.ReplaceAllString(md, " ")
	s = mdMarkRE.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "---", " ")
	return strings.TrimSpace(spaceRunRE.ReplaceAllString(s, " "))
}

// snippetSourceRunes is how much text per guide snippets are cut from.
const snippetSourceRunes = 90

// snippetSource is the text a result's snippet is cut from: material names,
// then the body's plain text.
func snippetSource(p *site.Page) string {
	var parts []string
	for _, m := range p.Materials {
		parts = append(parts, m.Name)
	}
	s := strings.Join(parts, "、")
	if s != "" {
		s += "。"
	}
	s += plainText(p.Body)
	return truncateRunes(s, snippetSourceRunes)
}

// facetValues returns the facet values of a guide, key by key.
func facetValues(p *site.Page) map[string][]string {
	topics := append([]string(nil), p.Topics...)
	aud := append([]string(nil), p.Audience...)
	m := map[string][]string{
		"department": {p.Department},
		"region":     {p.Region},
		"star":       {strconv.Itoa(p.Service.Star)},
		"list":       {string(p.Class())},
		"audience":   aud,
		"topic":      topics,
	}
	if p.Type != "" {
		m["type"] = []string{p.Type}
	}
	return m
}

// docFor builds the bleve document of a guide.
func docFor(p *site.Page, ord int) indexDoc {
	var mats, kw []string
	for _, m := range p.Materials {
		mats = append(mats, m.Name)
	}
	for _, k := range p.Keywords {
		if key := ExactKey(k); key != "" {
			kw = append(kw, key)
		}
	}
	fv := facetValues(p)
	return indexDoc{
		Title: p.Title, Keywords: strings.Join(p.Keywords, " "), Code: p.Code,
		Materials: strings.Join(mats, " "), Department: p.Department,
		Topics: strings.Join(p.Topics, " "), Region: p.Region, Body: plainText(p.Body),
		XTitle: ExactKey(p.Title), XKeywords: kw, XDepartment: ExactKey(p.Department),
		FDepartment: fv["department"], FRegion: fv["region"], FStar: fv["star"], FList: fv["list"],
		FAudience: fv["audience"], FType: fv["type"], FTopic: fv["topic"],
		STitle: p.Title, SURL: p.URL, SDepartment: p.Department, SRegion: p.Region,
		SStar: strconv.Itoa(p.Service.Star), SVisits: strconv.Itoa(p.Service.Visits),
		SSnippet: snippetSource(p), SOrd: strconv.Itoa(ord),
	}
}

// Build writes the search files of a site into dir (the output's search/
// folder): the bleve index in dir/index.bleve, used by the command line and
// the HTTP API, and the static export the browser reads (meta.json,
// facets.json, p/*.bin postings shards, d/*.json document blocks,
// search.js). dir must not exist or be empty.
func Build(s *site.Site, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("创建搜索目录失败：%w", err)
	}
	ixPath := filepath.Join(dir, "index.bleve")
	if err := buildIndex(s, ixPath); err != nil {
		return err
	}
	ix, err := Open(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	return export(ix, s, dir)
}

// buildIndex indexes every published guide, in code order, in batches.
func buildIndex(s *site.Site, path string) error {
	os.RemoveAll(path)
	idx, err := bleve.NewUsing(path, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return fmt.Errorf("创建搜索索引失败：%w", err)
	}
	ord := map[string]int{}
	for i, p := range exportOrder(s) {
		ord[p.Code] = i
	}
	batch := idx.NewBatch()
	for _, p := range s.Guides {
		if err := batch.Index(p.Code, docFor(p, ord[p.Code])); err != nil {
			idx.Close()
			return fmt.Errorf("索引事项 %s 失败：%w", p.Code, err)
		}
		if batch.Size() >= 2000 {
			if err := idx.Batch(batch); err != nil {
				idx.Close()
				return fmt.Errorf("写入搜索索引失败：%w", err)
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		idx.Close()
		return fmt.Errorf("写入搜索索引失败：%w", err)
	}
	if err := writeSiteConfig(idx, s.Config.Synonyms); err != nil {
		idx.Close()
		return err
	}
	return idx.Close()
}
