package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"zhinan/generator/internal/search/analysis"

	"zhinan/generator/internal/testdeps"
)

// badInputs are queries that must give an empty or sensible result in
// every path, never an error.
var badInputs = []string{
	"", "   ", "！？。，、", "<script>alert(1)</script>", "<b>律师</b>",
	strings.Repeat("律师事务所", 2000), "\xed\xa0\x80证", "\uFFFD", "a\x00b",
	"ＩＣＰ", "330000-SF-XK-0001", "--", "...", "律师 证",
}

// TestBrowserMatchesBleve runs export/js/search.test.js in node against the
// sample site's export: for every query of the query set and the bad
// inputs, the browser's total, top 10, scores and facet counts must equal
// the Go (bleve) answers.
func TestBrowserMatchesBleve(t *testing.T) {
	node := testdeps.Path(t, testdeps.Node)
	dir := sampleIndex(t)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var queries []Query
	for _, q := range readQuerySet(t).Query {
		queries = append(queries, Query{Text: q.Text, Filters: q.Filters},
			Query{Text: q.Text, Filters: map[string][]string{"star": {"4"}}},
			Query{Text: q.Text, Filters: map[string][]string{"list": {"zero-visit", "one-visit"}, "audience": {"个人"}}})
	}
	for _, q := range badInputs {
		if validUTF8(q) { // JSON cannot carry invalid UTF-8 to node
			queries = append(queries, Query{Text: q})
		}
	}
	compareWithNode(t, node, ix, dir, queries)
}

// compareWithNode writes bleve's answers to the queries and runs
// export/js/search.test.js, which runs the exported search.js on the same queries.
func compareWithNode(t *testing.T, node string, ix *Index, dir string, queries []Query) {
	t.Helper()
	type expQuery struct {
		Text    string                  `json:"text"`
		Filters map[string][]string     `json:"filters,omitempty"`
		Total   int                     `json:"total"`
		Weak    bool                    `json:"weak"`
		Correct string                  `json:"corrected"`
		Codes   []string                `json:"codes"`
		Scores  []float64               `json:"scores"`
		Snips   []string                `json:"snippets"`
		Facets  map[string][]FacetValue `json:"facets"`
	}
	type expPlan struct {
		Text string `json:"text"`
		Plan struct {
			Variants []string `json:"variants"`
			Terms    []string `json:"terms"`
			Exact    []string `json:"exact"`
			Content  []string `json:"content"`
		} `json:"plan"`
	}
	var exp struct {
		Synonyms [][]string `json:"synonyms"`
		Filler   []string   `json:"filler"`
		Queries  []expQuery `json:"queries"`
		Analysis []expPlan  `json:"analysis"`
	}
	exp.Synonyms = ix.synonyms
	exp.Filler = fillerList(ix.lex)
	add := func(text string, filters map[string][]string) {
		res, err := ix.Search(Query{Text: text, Filters: filters, Size: 10})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		e := expQuery{Text: text, Filters: filters, Total: res.Total, Weak: res.Weak, Correct: res.Corrected, Codes: []string{}, Scores: []float64{}, Snips: []string{}, Facets: res.Facets}
		for _, h := range res.Hits {
			e.Codes = append(e.Codes, h.Code)
			e.Scores = append(e.Scores, h.Score)
			e.Snips = append(e.Snips, h.Snippet)
		}
		exp.Queries = append(exp.Queries, e)
		p := ix.lex.Plan(text)
		var ep expPlan
		ep.Text = text
		ep.Plan.Variants, ep.Plan.Terms, ep.Plan.Exact = nonNil(p.Variants), nonNil(p.Terms), nonNil(p.Exact)
		ep.Plan.Content = nonNil(p.Content)
		exp.Analysis = append(exp.Analysis, ep)
	}
	for _, q := range queries {
		add(q.Text, q.Filters)
	}
	data, err := json.Marshal(exp)
	if err != nil {
		t.Fatal(err)
	}
	expFile := filepath.Join(t.TempDir(), "expect.json")
	if err := os.WriteFile(expFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "--test", "export/js/search.test.js")
	cmd.Env = append(os.Environ(), "ZHINAN_SEARCH_DIR="+dir, "ZHINAN_SEARCH_EXPECT="+expFile)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test failed: %v\n%s", err, out)
	}
	t.Logf("node: %d queries compared\n%s", len(exp.Queries), lastLines(string(out), 8))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// fillerList is a lexicon's filler terms, sorted, for search.test.js.
func fillerList(lx analysis.Lexicon) []string {
	out := []string{}
	for t := range lx.Filler {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
