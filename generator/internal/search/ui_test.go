package search

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhinan/generator/internal/search/query"
	"zhinan/generator/internal/testdeps"
)

// searchPage renders layouts/search.html inside a bare frame, as the
// renderer would at the site root.
func searchPage(t *testing.T) []byte {
	t.Helper()
	tmpl := template.Must(template.New("frame").Funcs(template.FuncMap{
		"url": func(s string) string { return s },
	}).Parse(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{{block "head" .}}{{end}}</head><body><main>{{template "main" .}}</main></body></html>`))
	template.Must(tmpl.ParseFiles("../../../layouts/search.html"))
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "frame", nil); err != nil {
		t.Fatal(err)
	}
	return []byte(b.String())
}

// searchPageServer serves the search page at /search/ and the export in
// dir under it.
func searchPageServer(t *testing.T, dir string) *httptest.Server {
	page := searchPage(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/search/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/search/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
			return
		}
		http.StripPrefix("/search/", http.FileServer(http.Dir(dir))).ServeHTTP(w, r)
	})
	return httptest.NewServer(mux)
}

// startChromium starts headless Chromium for the test's duration.
func startChromium(t *testing.T, chrome string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Flag("headless", "new"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		testdeps.Unavailable(t, "Chromium (%s) does not start: %v", chrome, err)
	}
	return ctx
}

// pageTitles are the titles of the results the page shows.
func pageTitles(t *testing.T, ctx context.Context) []string {
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('#search-results .guide-list a.title')).map(a => a.textContent).join('\n')`))
	if err != nil {
		t.Fatal(err)
	}
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// waitUntil waits up to 5 s for the page to satisfy cond.
func waitUntil(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("page never satisfied %s (%v)", cond, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSearchPageInChromium runs the /search/ page in headless Chromium
// against the sample export: results for a URL query equal bleve's, a facet
// filter goes into the URL, Back restores the previous results, and a query
// holding markup renders as text.
func TestSearchPageInChromium(t *testing.T) {
	ctx, srv, ix := sampleInChromium(t)
	titles := func() []string { return pageTitles(t, ctx) }
	waitFor := func(cond string) { t.Helper(); waitUntil(t, ctx, cond) }
	want := func(q Query) []string {
		q.Size = 20
		res, err := ix.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		hits := res.Hits
		if res.Weak { // the page offers a few as possibly related
			hits = hits[:min(len(hits), query.WeakHits)]
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.Title)
		}
		return out
	}

	// a query from the URL
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+urlQuery("律所"))); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.querySelectorAll('#search-results .guide-list li').length > 0`)
	got := titles()
	t.Logf("律所: %v", got)
	if exp := want(Query{Text: "律所"}); strings.Join(got, "|") != strings.Join(exp, "|") {
		t.Errorf("律所: page shows %v, bleve %v", got, exp)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#search-results mark').length`)); n == 0 {
		t.Error("no marked words in snippets")
	}

	// the filters load their counts when opened
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.facet a').length`)); n != 0 {
		t.Error("facet counts shown before the filters were opened")
	}
	if err := chromedp.Do(ctx, chromedp.Click("details.search-filters summary")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.querySelectorAll('.facet a').length > 0`)

	// a facet: the first value of 星级
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = Array.from(document.querySelectorAll('.facet a')).find(a => a.href.includes('star=')); a.click(); return a.href; })()`))
	if err != nil {
		t.Fatal(err)
	}
	star := href[strings.Index(href, "star=")+5:][:1]
	waitFor(`location.search.includes('star=')`)
	waitFor(fmt.Sprintf(`Array.from(document.querySelectorAll('#search-results .guide-list a.title')).length === %d`, len(want(Query{Text: "律所", Filters: map[string][]string{"star": {star}}}))))
	if got, exp := titles(), want(Query{Text: "律所", Filters: map[string][]string{"star": {star}}}); strings.Join(got, "|") != strings.Join(exp, "|") {
		t.Errorf("律所 star=%s: page shows %v, bleve %v", star, got, exp)
	}

	// Back
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	waitFor(`!location.search.includes('star=')`)
	waitFor(fmt.Sprintf(`document.querySelectorAll('#search-results .guide-list li').length === %d`, len(want(Query{Text: "律所"}))))

	// markup in the query and the page stays text
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+urlQuery(`<img src=x onerror="document.title='pwned'">律师`))); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.querySelectorAll('#search-results .guide-list li').length > 0`)
	bad, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll('#search-results img').length > 0 || document.title === 'pwned'`))
	if bad {
		t.Error("markup from the query reached the page")
	}
}

// sampleInChromium serves the sample site's search page and opens a
// headless Chromium; it returns the browser, the server (closed when the
// test ends) and the sample's bleve index to compare with.
func sampleInChromium(t *testing.T) (context.Context, *httptest.Server, *Index) {
	chrome := testdeps.Path(t, testdeps.Chromium)
	dir := sampleIndex(t)
	ix := openSample(t)
	srv := searchPageServer(t, dir)
	t.Cleanup(srv.Close)
	return startChromium(t, chrome), srv, ix
}

func urlQuery(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "#", "%23", "+", "%2B", " ", "%20", `"`, "%22", "<", "%3C", ">", "%3E").Replace(s)
}

// TestSearchPageWeakNotice: for a service the site does not have, the
// page says no guide matches well, offers at most query.WeakHits results
// as possibly related, and points to the departments and the 12345
// hotline.
func TestSearchPageWeakNotice(t *testing.T) {
	chrome := testdeps.Path(t, testdeps.Chromium)
	dir := sampleIndex(t)
	srv := searchPageServer(t, dir)
	defer srv.Close()
	ctx := startChromium(t, chrome)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+urlQuery("车辆年检"))); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, `document.querySelector('#search-results .lead') !== null && document.querySelector('#search-results .lead').textContent.includes('没有找到完全匹配的事项')`)
	if n := len(pageTitles(t, ctx)); n == 0 || n > query.WeakHits {
		t.Errorf("weak answer shows %d results, want 1 to %d", n, query.WeakHits)
	}
	for _, cond := range []string{
		`document.querySelector('#search-results h2.search-maybe').textContent === '可能相关'`,
		`document.querySelector('#search-results .search-help a[href$="/#departments"]') !== null`,
		`document.querySelector('#search-results .search-help a[href="tel:12345"]') !== null`,
	} {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond)); err != nil || !ok {
			t.Errorf("page does not satisfy %s (%v)", cond, err)
		}
	}
}

// TestSearchPageHomophone: 身分证 (a pinyin-keyboard slip) shows the
// results of 身份证 with the line that says so, and its link searches the
// query as typed.
func TestSearchPageHomophone(t *testing.T) {
	ctx, srv, ix := sampleInChromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+urlQuery("身分证"))); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, `document.querySelector('#search-results .search-corrected') !== null`)
	line, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#search-results .search-corrected').textContent`))
	if err != nil || !strings.HasPrefix(line, "已按“身份证”搜索（您输入的是“身分证”）") {
		t.Errorf("correction line %q (%v)", line, err)
	}
	res, err := ix.Search(Query{Text: "身份证", Size: 20})
	if err != nil {
		t.Fatal(err)
	}
	if got := pageTitles(t, ctx); len(got) == 0 || got[0] != res.Hits[0].Title || len(got) != len(res.Hits) {
		t.Errorf("身分证 shows %v, 身份证 finds %d hits, first %s", got, len(res.Hits), res.Hits[0].Title)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#search-results .search-corrected a`)); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, `location.search.includes('exact=1') && document.querySelector('#search-results .search-corrected') === null && !document.querySelector('#search-results .lead').textContent.includes('正在')`)
}

// TestSearchPagePinyin: initials typed on a phone (sfz) find 居民身份证;
// 长辈版 offers the large-print switch.
func TestSearchPagePinyin(t *testing.T) {
	chrome := testdeps.Path(t, testdeps.Chromium)
	srv := searchPageServer(t, sampleIndex(t))
	defer srv.Close()
	ctx := startChromium(t, chrome)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=sfz")); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, `document.querySelectorAll('#search-results .guide-list li').length > 0`)
	if got := pageTitles(t, ctx); !strings.HasPrefix(got[0], "居民身份证") {
		t.Errorf("sfz shows %v first", got)
	}
	// a query for the large-print look leads to its switch
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+urlQuery("长辈版"))); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, ctx, `document.querySelector('#search-results .search-care button') !== null`)
}

// TestSearchPageSnippets: in Chromium the page shows, for each result, the
// snippet bleve gives (same passage, same marks): for a material name the
// materials (材料：…), for a question the FAQ entry (常见问题：…).
func TestSearchPageSnippets(t *testing.T) {
	ctx, srv, ix := sampleInChromium(t)
	for q, prefix := range map[string]string{"营业执照": "材料：", "身份证快到期了什么时候可以换": "常见问题："} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+urlQuery(q))); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, ctx, `document.querySelectorAll('#search-results .guide-list li').length > 0`)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#search-results .snippet')).map(p => p.innerHTML)`))
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(Query{Text: q, Size: len(got)})
		if err != nil {
			t.Fatal(err)
		}
		var exp []string
		// innerHTML leaves quotes as they are; html.EscapeString does not
		unquote := strings.NewReplacer("&#34;", `"`, "&#39;", "'")
		for _, h := range res.Hits {
			exp = append(exp, unquote.Replace(h.Snippet))
		}
		if strings.Join(got, "\n") != strings.Join(exp, "\n") {
			t.Errorf("%s: page snippets\n%v\nbleve\n%v", q, got, exp)
		}
		if len(got) == 0 || !strings.HasPrefix(got[0], prefix) {
			t.Errorf("%s: first snippet %v, want it to start with %s", q, got, prefix)
		}
	}
}
