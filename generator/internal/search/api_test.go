package search

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
	"zhinan/generator/internal/search/query"

	"zhinan/generator/internal/search/analysis"
)

func openSample(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(sampleIndex(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestHandler(t *testing.T) {
	h := Handler(openSample(t))
	cases := []struct {
		query  string
		status int
		check  func(t *testing.T, body map[string]any)
	}{
		{"q=%E5%BC%80%E9%A5%AD%E5%BA%97", 200, func(t *testing.T, b map[string]any) { // 开饭店
			hits := b["hits"].([]any)
			if len(hits) == 0 || hits[0].(map[string]any)["code"] != "330902-SJ-XK-0001" {
				t.Errorf("开饭店 should find 食品经营许可 first, got %v", hits)
			}
			if _, ok := b["took_ms"]; !ok {
				t.Error("no took_ms")
			}
			if len(b["facets"].(map[string]any)) != len(analysis.FacetKeys) {
				t.Error("facets missing")
			}
		}},
		{"q=" + "%E8%AF%81&star=4&star=5&list=one-visit&size=50", 200, nil},
		{"q=", 200, func(t *testing.T, b map[string]any) {
			if b["total"].(float64) != 0 {
				t.Error("empty query should find nothing")
			}
		}},
		{"q=%ED%A0%80%E8%AF%81", 200, nil}, // unpaired surrogate, then 证
		{"q=%3Cscript%3Ealert(1)%3C/script%3E", 200, nil},
		{"q=" + strings.Repeat("%E5%BE%8B", 201), 400, nil},
		{"q=x&size=0", 400, nil},
		{"q=x&size=51", 400, nil},
		{"q=x&size=abc", 400, nil},
		{"q=x&from=-1", 400, nil},
		{"q=x&star=6", 400, nil},
		{"q=x&list=everything", 400, nil},
		{"q=%zz", 400, nil},
		{"q=a&q=b", 400, nil},
		{"q=x&department=" + strings.Repeat("a", 101), 400, nil},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?"+c.query, nil))
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d: %s", c.query, rec.Code, c.status, rec.Body)
			continue
		}
		if !utf8.Valid(rec.Body.Bytes()) {
			t.Errorf("%s: response is not UTF-8", c.query)
		}
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Errorf("%s: not JSON: %v", c.query, err)
			continue
		}
		if c.status == 400 {
			if msg, _ := body["error"].(string); !containsHan(msg) {
				t.Errorf("%s: 400 without a Chinese reason: %v", c.query, body)
			}
		}
		if c.check != nil {
			c.check(t, body)
		}
	}
	// Nothing found: empty lists are [], never null.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=", nil))
	if body := rec.Body.String(); !strings.Contains(body, `"hits":[]`) || strings.Contains(body, "null") {
		t.Errorf("empty result: %s, want \"hits\":[] and no null", body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/search?q=x", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", rec.Code)
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if analysis.IsCJK(r) {
			return true
		}
	}
	return false
}

func TestSnippetIsEscaped(t *testing.T) {
	ix := openSample(t)
	res, err := ix.Search(Query{Text: "律师", Size: 3})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err, res.Total)
	}
	if !strings.Contains(res.Hits[0].Snippet, "<mark>律师</mark>") {
		t.Errorf("snippet without marks: %s", res.Hits[0].Snippet)
	}
	got := query.SnippetHTML(`<b>律师</b> & "证"`, analysis.Lexicon{}.Plan("律师"))
	if want := `&lt;b&gt;<mark>律师</mark>&lt;/b&gt; &amp; &#34;证&#34;`; got != want {
		t.Errorf("SnippetHTML = %s, want %s", got, want)
	}
}

func TestBadInputs(t *testing.T) {
	ix := openSample(t)
	for _, q := range badInputs {
		res, err := ix.Search(Query{Text: q})
		if err != nil {
			t.Errorf("%.20q: %v", q, err)
		}
		if res.Hits == nil || res.Facets == nil {
			t.Errorf("%.20q: nil slices in result", q)
		}
	}
	for _, q := range []string{"", "   ", "！？。，、", "--", "..."} {
		if res, _ := ix.Search(Query{Text: q}); res.Total != 0 {
			t.Errorf("%q found %d, want nothing", q, res.Total)
		}
	}
}

// TestCLI runs parsed queries as generator search does; the command's
// arguments are parsed, and their errors tested, in package main
// (TestSearchArgs).
// TestHandlerWeak: /api/search carries the weak-result signal, as the
// page and generator search --json do.
func TestHandlerWeak(t *testing.T) {
	h := Handler(openSample(t))
	for q, want := range map[string]bool{"开饭店": false, "车辆年检": true} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q="+url.QueryEscape(q), nil))
		var body struct {
			Weak bool `json:"weak"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Weak != want {
			t.Errorf("%s: weak %v, want %v (%v)", q, body.Weak, want, err)
		}
	}
}

func TestCLI(t *testing.T) {
	dir := sampleIndex(t)
	var out, errb bytes.Buffer
	if code := RunCLI(dir, CLIOptions{JSON: true, Filters: map[string][]string{"star": {"4"}}, Text: "开饭店"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Code  string  `json:"code"`
			Title string  `json:"title"`
			Score float64 `json:"score"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if !strings.Contains(out.String(), `"snippet": "`) {
		t.Errorf("--json without snippets: %s", out.String())
	}
	if res.Total == 0 || res.Hits[0].Code != "330902-SJ-XK-0001" {
		t.Errorf("开饭店 --filter star=4: %+v", res)
	}
	out.Reset()
	if code := RunCLI(dir, CLIOptions{Text: "律所"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "律师事务所设立审核登记") {
		t.Errorf("text output: %d %s", code, out.String())
	}
	out.Reset()
	if code := RunCLI(dir, CLIOptions{Text: "车辆年检", JSON: true}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"weak": true`) {
		t.Errorf("车辆年检 --json: %d %s", code, out.String())
	}
	out.Reset()
	if code := RunCLI(dir, CLIOptions{Text: "车辆年检"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "没有找到完全匹配的事项") {
		t.Errorf("车辆年检: %d %s", code, out.String())
	}
	for _, bad := range []CLIOptions{{}, {Text: "  "}} {
		errb.Reset()
		if code := RunCLI(dir, bad, &out, &errb); code != 2 || !containsHan(errb.String()) {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errb.String())
		}
	}
	if code := RunCLI(t.TempDir(), CLIOptions{Text: "x"}, &out, &errb); code != 1 {
		t.Errorf("missing index: exit %d", code)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range append(badInputs, "律师事务所", "330000-SF-XK-0001", "ａｂｃ１２３") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range analysis.AnalyzeIndex(s) {
			if tok.Term == "" || tok.Start < 0 || tok.End < tok.Start {
				t.Fatalf("bad token %+v", tok)
			}
		}
		p := analysis.Lexicon{Synonyms: [][]string{{"社会保险", "社保"}}}.Plan(s)
		if len(p.Clauses()) > (analysis.MaxTerms*len(analysis.ScoredFields) + analysis.MaxVariants*len(analysis.ExactFields)) {
			t.Fatalf("too many clauses")
		}
		query.Segments(s, p)
	})
}

func FuzzQuery(f *testing.F) {
	for _, s := range badInputs {
		f.Add(s)
	}
	ix, err := Open(sampleIndex(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := ix.Search(Query{Text: s}); err != nil {
			t.Fatal(err)
		}
	})
}
