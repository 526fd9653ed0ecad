package search

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"zhinan/generator/internal/search/analysis"
)

// analyzerName is the name of the Chinese analyzer in bleve's registry.
const analyzerName = "zhinan-cjk-uni-bi"

var registerOnce sync.Once

// registerAnalysis puts the Chinese analyzer into bleve's registry. bleve
// resolves analyzers by name through that global registry, so this is the
// one place the project touches it; it runs once, on first use.
func registerAnalysis() {
	registerOnce.Do(func() {
		err := registry.RegisterAnalyzer(analyzerName, func(map[string]interface{}, *registry.Cache) (bleveanalysis.Analyzer, error) {
			return cjkAnalyzer{}, nil
		})
		if err != nil {
			panic(err) // only on a duplicate name, a programming error
		}
	})
}

// cjkAnalyzer adapts analysis.AnalyzeIndex to bleve.
type cjkAnalyzer struct{}

func (cjkAnalyzer) Analyze(input []byte) bleveanalysis.TokenStream {
	toks := analysis.AnalyzeIndex(string(input))
	out := make(bleveanalysis.TokenStream, len(toks))
	for i, t := range toks {
		out[i] = &bleveanalysis.Token{Term: []byte(t.Term), Start: t.Start, End: t.End, Position: i + 1, Type: bleveanalysis.Ideographic}
	}
	return out
}

// newMapping returns the index mapping: BM25 scoring, the Chinese analyzer
// on scored fields, keyword fields for exact matches and facets, and one
// stored field with what a hit displays (analysis.StoredField). Nothing goes into
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
	for _, f := range analysis.ScoredFields {
		dm.AddFieldMappingsAt(f.Name, text(analyzerName, true, false))
	}
	for _, f := range analysis.ExactFields {
		dm.AddFieldMappingsAt(f.Name, text(keyword.Name, true, false))
	}
	for _, k := range analysis.FacetKeys {
		fm := text(keyword.Name, true, false)
		fm.DocValues = true
		dm.AddFieldMappingsAt("f_"+k, fm)
	}
	dm.AddFieldMappingsAt(analysis.StoredField, text(keyword.Name, false, true))
	im.DefaultMapping = dm
	return im
}
