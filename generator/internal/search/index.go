package search

import (
	"bytes"
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
// on scored fields, keyword fields for exact matches and facets, and one
// stored field with what a hit displays (storedField). Nothing goes into
// _all.
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
	dm.AddFieldMappingsAt(storedField, text(keyword.Name, false, true))
	im.DefaultMapping = dm
	return im
}

// plainTextScratch holds the buffers of plainText's passes, reused from
// one body to the next, so that only the result is allocated.
type plainTextScratch struct{ a, b []byte }

// plainText turns a Markdown body into searchable plain text: HTML tags
// and runs of Markdown punctuation become a space, so does "---", and
// whitespace is collapsed. It does by hand, in one pass per step, what
// the regular expressions in plainTextRegexp (the reference, in a test)
// do.
func (sc *plainTextScratch) plainText(md string) string {
	// tags: "<" up to the next ">" (none: the "<" stays)
	a := sc.a[:0]
	for i := 0; i < len(md); {
		if md[i] == '<' {
			if j := strings.IndexByte(md[i+1:], '>'); j >= 0 {
				a = append(a, ' ')
				i += j + 2
				continue
			}
		}
		a = append(a, md[i])
		i++
	}
	// Markdown punctuation runs
	b := sc.b[:0]
	for i := 0; i < len(a); {
		if isMarkdownMark(a[i]) {
			for i < len(a) && isMarkdownMark(a[i]) {
				i++
			}
			b = append(b, ' ')
			continue
		}
		b = append(b, a[i])
		i++
	}
	// "---" (strings.ReplaceAll: left to right, without overlaps)
	a = a[:0]
	for i := 0; i < len(b); {
		if b[i] == '-' && i+2 < len(b) && b[i+1] == '-' && b[i+2] == '-' {
			a = append(a, ' ')
			i += 3
			continue
		}
		a = append(a, b[i])
		i++
	}
	// whitespace runs (RE2's \s: ASCII space, \t, \n, \f, \r), trimmed
	b = b[:0]
	for i := 0; i < len(a); {
		if isRE2Space(a[i]) {
			for i < len(a) && isRE2Space(a[i]) {
				i++
			}
			b = append(b, ' ')
			continue
		}
		b = append(b, a[i])
		i++
	}
	sc.a, sc.b = a, b
	return string(bytes.TrimSpace(b))
}

func isMarkdownMark(c byte) bool {
	switch c {
	case '#', '*', '`', '>', '|', '_', '~', '[', ']', '(', ')', '!':
		return true
	}
	return false
}

func isRE2Space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// snippetSourceRunes is how much text per guide snippets are cut from.
const snippetSourceRunes = 90

// snippetSourceFrom is the text a result's snippet is cut from: material
// names, then the body's plain text, at most snippetSourceRunes runes. It
// is a string of its own, so that it keeps no body alive.
func snippetSourceFrom(p *site.Page, body string) string {
	var parts []string
	for _, m := range p.Materials {
		parts = append(parts, m.Name)
	}
	s := strings.Join(parts, "、")
	if s != "" {
		s += "。"
	}
	// s ends with a whole character, so cutting the body first cuts the
	// same text
	s += truncateRunes(body, snippetSourceRunes)
	return strings.Clone(truncateRunes(s, snippetSourceRunes))
}

// facetValue returns the values of facet key (one of facetKeys) of a
// guide, to be read only.
func facetValue(p *site.Page, key string) []string {
	return appendFacetValues(nil, p, key)
}

// appendFacetValues appends the values of facet key (one of facetKeys) of
// a guide to dst: facetValue without an allocation when dst has room.
func appendFacetValues(dst []string, p *site.Page, key string) []string {
	switch key {
	case "department":
		return append(dst, p.Department)
	case "region":
		return append(dst, p.Region)
	case "star":
		return append(dst, strconv.Itoa(p.Service.Star))
	case "list":
		return append(dst, string(p.Class()))
	case "audience":
		return append(dst, p.Audience...)
	case "topic":
		return append(dst, p.Topics...)
	case "type":
		if p.Type != "" {
			return append(dst, p.Type)
		}
	}
	return dst
}
