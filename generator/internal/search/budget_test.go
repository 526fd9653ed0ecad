package search

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/testdeps"
)

// TestDownloadBudget builds a synthetic site with the corpus generator,
// exports its search index and runs export/js/measure.js (the real search.js in
// node) over a query set drawn from the site, reporting per first query
// the gzip bytes and requests (median), the compute time, the index build
// time and the number of search files. It runs only when asked:
//
//	ZHINAN_SEARCH_BENCH=10000 go test ./generator/internal/search -run TestDownloadBudget -v
func TestDownloadBudget(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ZHINAN_SEARCH_BENCH"))
	if n <= 0 {
		t.Skip("设置 ZHINAN_SEARCH_BENCH=10000 以测量下载预算")
	}
	node := testdeps.Path(t, testdeps.Node)
	tmp := t.TempDir()
	src := filepath.Join(tmp, "site")
	if err := corpus.Generate(src, n, 1, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	s := loadSite(t, src)
	out := filepath.Join(tmp, "search")
	if keep := os.Getenv("ZHINAN_SEARCH_KEEP"); keep != "" {
		out = keep
		os.RemoveAll(out)
	}
	start := time.Now()
	if err := Build(s, out); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	files, bytes := 0, int64(0)
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files++
			bytes += info.Size()
		}
		return nil
	})
	qs := syntheticQueries(s)
	qf := filepath.Join(tmp, "queries.json")
	data, _ := json.Marshal(qs)
	os.WriteFile(qf, data, 0o644)
	cmd := exec.Command(node, "export/js/measure.js", out, qf)
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("measure.js: %v", err)
	}
	var m struct {
		ScriptGzip, MaxBytes                            int
		MedianBytes, MedianRequests                     float64
		MedianComputeMs, MaxComputeMs                   float64
		SessionMedianBytes, SessionMedianRequests       float64
		MedianBytesWithFacets, MedianRequestsWithFacets float64
		Queries                                         []struct {
			Text         string
			Kind         string
			Total, Bytes int
			Requests     int
			Ms           float64
		}
	}
	if err := json.Unmarshal(res, &m); err != nil {
		t.Fatal(err)
	}
	ix2, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	var same []Query
	for _, q := range qs {
		same = append(same, Query{Text: q["text"].(string)}, Query{Text: q["text"].(string), Filters: map[string][]string{"star": {"4"}}})
	}
	compareWithNode(t, node, ix2, out, same)
	ix2.Close()
	for _, q := range m.Queries {
		t.Logf("%-10s %-24q total %5d  %6.1f kB  %d requests  %.1f ms", q.Kind, q.Text, q.Total, float64(q.Bytes)/1024, q.Requests, q.Ms)
	}
	fmt.Printf("search budget at %d guides: Build %v; %d search files, bleve index included (%.1f MB); search.js %.1f kB gzip\n",
		n, took.Round(time.Millisecond), files, float64(bytes)/1e6, float64(m.ScriptGzip)/1024)
	fmt.Printf("first query (median of %d): %.1f kB gzip in %.0f requests (max %.1f kB); compute median %.1f ms, max %.1f ms\n",
		len(m.Queries), m.MedianBytes/1024, m.MedianRequests, float64(m.MaxBytes)/1024, m.MedianComputeMs, m.MaxComputeMs)
	fmt.Printf("first query with facet counts (filters opened, median): %.1f kB gzip in %.0f requests\n",
		m.MedianBytesWithFacets/1024, m.MedianRequestsWithFacets)
	fmt.Printf("later queries in the same page (median): %.1f kB in %.0f requests\n", m.SessionMedianBytes/1024, m.SessionMedianRequests)
}

// syntheticQueries draws 42 queries of the query set's kinds from a site:
// whole titles, 2–4 character fragments, keywords (colloquial names),
// material names, codes, departments and single characters.
func syntheticQueries(s *site.Site) []map[string]any {
	var qs []map[string]any
	add := func(kind, text string) { qs = append(qs, map[string]any{"kind": kind, "text": text}) }
	g := s.Guides
	pick := func(i int) *site.Page { return g[(i*7919)%len(g)] }
	for i := 0; i < 6; i++ {
		p := pick(i)
		r := []rune(p.Title)
		add("title", p.Title)
		if len(r) >= 4 {
			add("fragment", string(r[1:1+2+i%3]))
		}
		if len(p.Keywords) > 0 {
			add("colloquial", p.Keywords[i%len(p.Keywords)])
		}
		if len(p.Materials) > 0 {
			add("material", p.Materials[i%len(p.Materials)].Name)
		}
		add("code", p.Code)
		add("department", p.Department)
		add("char", string(r[i%len(r)]))
	}
	return qs
}
