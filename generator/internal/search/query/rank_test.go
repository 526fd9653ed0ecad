package query

import (
	"math"
	"reflect"
	"testing"

	"zhinan/generator/internal/search/export"
)

func TestNewScoredClause(t *testing.T) {
	f := export.MetaField{Name: "title", Boost: 6, Avg: 3}
	c := newScoredClause(&postings{docs: []int32{0, 2}}, 10, f)
	if want := math.Log(1 + (10-2+0.5)/(2+0.5)); c.idf != want || c.boost != 6 || c.avg != 3 {
		t.Errorf("clause %+v, idf want %v", c, want)
	}
	if c := newScoredClause(nil, 10, f); c.idf != math.Log(1+10.5/0.5) {
		t.Errorf("missing term: idf %v", c.idf)
	}
}

// TestScore: one clause matching guide 1 with tf 1 and length 1 (avg 1)
// scores idf·k1/(1+k1)·(query norm 1), and a guide matching one of two
// clauses gets half its sum; unmatched guides stay 0.
func TestScore(t *testing.T) {
	one := scoredClause{list: &postings{docs: []int32{1}, freqs: []int32{1}, length: []int32{1}}, idf: 2, avg: 1, boost: 1}
	scores, matched := score([]scoredClause{one}, 3, 1.2, 0.75)
	if want := RoundScore(2 * 1.2 / (1 + 1.2)); scores[1] != want || scores[0] != 0 || scores[2] != 0 {
		t.Errorf("scores %v, want [0 %v 0]", scores, want)
	}
	if !reflect.DeepEqual(matched, []int32{0, 1, 0}) {
		t.Errorf("matched %v", matched)
	}
	none := scoredClause{idf: 2, avg: 1, boost: 1}
	half, _ := score([]scoredClause{one, none}, 3, 1.2, 0.75)
	qw := 1 / math.Sqrt(2) // each clause's share of the query norm
	if want := RoundScore(2 * 1.2 / (1 + 1.2) * qw * 0.5); half[1] != want {
		t.Errorf("coordination: %v, want %v", half[1], want)
	}
}

// facetFixture: four guides. Facet star (index 2 of FacetKeys) has the
// values 4 and 5: guide 0 has 4, guides 1 and 3 have 5, guide 2 both. All
// guides are of department 司法局; the other facets have no values.
func facetFixture() ([]facetColumn, map[string][]string) {
	values := map[string][]string{"star": {"4", "5"}, "department": {"司法局"}}
	cols := make([]facetColumn, 7)
	for i := range cols {
		cols[i] = facetColumn{sets: [][]int{{}}, col: []int32{0, 0, 0, 0}}
	}
	cols[0] = facetColumn{sets: [][]int{{0}}, col: []int32{0, 0, 0, 0}}
	cols[2] = facetColumn{sets: [][]int{{0}, {1}, {0, 1}}, col: []int32{0, 1, 2, 1}}
	return cols, values
}

func TestFilter(t *testing.T) {
	cols, values := facetFixture()
	matched := []int32{1, 2, 1, 0}
	if got := filter(matched, nil); !reflect.DeepEqual(got, []int{0, 1, 2}) {
		t.Errorf("no filter: %v", got)
	}
	tests := filterTests(map[string][]string{"star": {"5"}, "color": {"red"}}, cols, values)
	if len(tests) != 1 {
		t.Fatalf("%d tests, want 1 (unknown keys ignored)", len(tests))
	}
	if got := filter(matched, tests); !reflect.DeepEqual(got, []int{1, 2}) {
		t.Errorf("star=5: %v", got)
	}
	tests = filterTests(map[string][]string{"star": {"4"}, "department": {"司法局"}}, cols, values)
	if got := filter(matched, tests); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("star=4 and department: %v", got)
	}
	if !hasFilters(map[string][]string{"star": {"4"}}) || hasFilters(map[string][]string{"color": {"red"}}) {
		t.Error("hasFilters")
	}
}

func TestFacets(t *testing.T) {
	cols, values := facetFixture()
	got := facets([]int{0, 1, 2}, cols, values)
	want := []FacetValue{{"5", 2}, {"4", 2}} // star levels 5 → 1
	if !reflect.DeepEqual(got["star"], want) {
		t.Errorf("star: %v, want %v", got["star"], want)
	}
	if got := facets([]int{1, 3}, cols, values)["star"]; !reflect.DeepEqual(got, []FacetValue{{"5", 2}}) {
		t.Errorf("star of 1, 3: %v", got)
	}
	if len(got) != 7 || got["topic"] == nil || len(got["topic"]) != 0 {
		t.Errorf("every facet present, empty ones as []: %v", got)
	}
}

func TestPage(t *testing.T) {
	scores := []float64{1, 3, 2, 3, 0.5}
	docs := []int{0, 1, 2, 3, 4}
	if got := page(append([]int(nil), docs...), scores, 0, 3); !reflect.DeepEqual(got, []int{1, 3, 2}) {
		t.Errorf("first page: %v (ties in export order)", got)
	}
	if got := page(append([]int(nil), docs...), scores, 3, 10); !reflect.DeepEqual(got, []int{0, 4}) {
		t.Errorf("second page: %v", got)
	}
	if got := page(docs, scores, 5, 10); got != nil {
		t.Errorf("past the end: %v", got)
	}
}

func TestSortHitsAndFacets(t *testing.T) {
	hits := []Hit{{Code: "a", Score: 1, Ord: 2}, {Code: "b", Score: 2, Ord: 3}, {Code: "c", Score: 1, Ord: 1}}
	SortHits(hits)
	if hits[0].Code != "b" || hits[1].Code != "c" || hits[2].Code != "a" {
		t.Errorf("SortHits: %v", hits)
	}
	vals := []FacetValue{{"乙", 1}, {"甲", 1}, {"丙", 3}}
	SortFacet("department", vals)
	if vals[0].Value != "丙" || vals[1].Value != "乙" {
		t.Errorf("SortFacet: %v", vals)
	}
	stars := []FacetValue{{"3", 9}, {"5", 1}, {"4", 2}}
	if SortFacet("star", stars); stars[0].Value != "5" || stars[2].Value != "3" {
		t.Errorf("SortFacet(star): %v", stars)
	}
	if RoundScore(0.1234567894) != 0.123456789 {
		t.Error("RoundScore")
	}
}
