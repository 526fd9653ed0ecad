package query

import (
	"math"
	"sort"

	"zhinan/generator/internal/search/analysis"
)

// Query is one search: free text plus filters. Filters map a facet key
// (department, region, star, list, audience, type, topic) to the values
// accepted; values of one key are alternatives, keys must all hold.
type Query struct {
	Text string
	// Exact asks for the text as typed, without a homophone correction.
	Exact   bool
	Filters map[string][]string
	Size    int // results wanted; 10 when 0
	From    int // results skipped
}

// Normalized returns q with its defaults: Size 10 when not positive, From
// at least 0.
func (q Query) Normalized() Query {
	if q.Size <= 0 {
		q.Size = 10
	}
	if q.From < 0 {
		q.From = 0
	}
	return q
}

// Hit is one result.
type Hit struct {
	Code       string  `json:"code"`
	Title      string  `json:"title"`
	URL        string  `json:"url"`
	Score      float64 `json:"score"`
	Snippet    string  `json:"snippet"` // HTML-escaped, matches in <mark>
	Department string  `json:"department"`
	Region     string  `json:"region"`
	Star       int     `json:"star"`
	Visits     int     `json:"visits"`
	// Ord is the guide's number in the static export; ties in Score are
	// broken by it, in Go and in search.js alike.
	Ord int `json:"-"`
}

// FacetValue is one value of a facet with the number of results having it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is the answer to a Query. Hits are ordered by Score (rounded to
// nine decimals) descending, then by their order in the static export
// (title, code).
type Result struct {
	Total int `json:"total"`
	// Weak is set when nothing matches the query well (Coverage.Weak of
	// the best guide, or no guide at all): the page then says
	// "没有找到完全匹配的事项" and offers at most WeakHits results.
	Weak bool `json:"weak"`
	// Corrected is the text searched instead of the query when the query
	// found nothing good and its homophone correction did (身分证 →
	// 身份证); Original is then the query as typed.
	Corrected string                  `json:"corrected,omitempty"`
	Original  string                  `json:"original,omitempty"`
	Hits      []Hit                   `json:"hits"`
	Facets    map[string][]FacetValue `json:"facets"`
}

// NewResult is the answer with nothing found: empty lists, never nil, and
// every facet present.
func NewResult() Result {
	res := Result{Hits: []Hit{}, Facets: map[string][]FacetValue{}}
	for _, k := range analysis.FacetKeys {
		res.Facets[k] = []FacetValue{}
	}
	return res
}

// RoundScore is the score results are ordered by: nine decimals, so that
// the last-bit differences of floating-point sums in another order (bleve's
// heap, JavaScript) never change the order. Ties go to the guide first in
// export order.
func RoundScore(s float64) float64 { return math.Round(s*1e9) / 1e9 }

// TieWindow is how many results beyond the page bleve is asked for so
// that the rounding and the export-order tie-break see every near-tie.
const TieWindow = 64

// SortFacet orders the values of facet key: star levels from 5 down to
// 1, the values of other facets by count descending, then value.
func SortFacet(key string, vals []FacetValue) {
	sort.Slice(vals, func(i, j int) bool {
		if key == "star" {
			return vals[i].Value > vals[j].Value
		}
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
}

// SortHits orders hits by Score descending, then Ord.
func SortHits(hits []Hit) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Ord < hits[j].Ord
	})
}

// Page returns the page of s that skips from items and holds at most size:
// nil when from is past the end.
func Page[T any](s []T, from, size int) []T {
	if from >= len(s) {
		return nil
	}
	s = s[from:]
	if len(s) > size {
		s = s[:size]
	}
	return s
}
