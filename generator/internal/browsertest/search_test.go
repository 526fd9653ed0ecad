package browsertest

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchAndFilters uses search as a citizen does: types 律所 into the
// search box of the home page (its only one), gets results on /search/, opens the filters,
// picks a star rating (the URL then holds q and star), and goes Back to
// the unfiltered results.
func TestSearchAndFilters(t *testing.T) {
	tb := newTab(t)
	tb.open("/")
	tb.do(focusAndType("#home-q", "律所\r"))
	tb.waitFor(`location.pathname === "/search/" && document.querySelectorAll('#search-results .guide-list li').length > 0`)
	if q := eval[string](tb, `new URLSearchParams(location.search).get("q")`); q != "律所" {
		t.Fatalf("search URL q=%q, want 律所", q)
	}
	all := eval[int](tb, `document.querySelectorAll('#search-results .guide-list li').length`)
	if box := eval[string](tb, `document.getElementById("q").value`); box != "律所" {
		t.Errorf("search box shows %q, want the query 律所", box)
	}

	tb.do(chromedp.Click(chromedp.CSS("details.search-filters summary")))
	tb.waitFor(`document.querySelectorAll('.facet a[href*="star="]').length > 0`)
	tb.do(chromedp.Click(chromedp.CSS(`.facet a[href*="star="]`)))
	tb.waitFor(`location.search.includes("star=")`)
	u, err := url.Parse(eval[string](tb, `location.href`))
	if err != nil {
		t.Fatal(err)
	}
	star := u.Query().Get("star")
	if u.Query().Get("q") != "律所" || star == "" {
		t.Fatalf("after the star filter the URL is %s, want ?q=律所&star=…", u)
	}
	// every result shown has the chosen number of stars
	tb.waitFor(`(() => { const m = Array.from(document.querySelectorAll('#search-results .guide-list li .meta'));
		return m.length > 0 && m.every(s => (s.textContent.match(/★/g) || []).length === ` + star + `); })()`)
	filtered := eval[int](tb, `document.querySelectorAll('#search-results .guide-list li').length`)
	t.Logf("律所: %d results, %d with star=%s", all, filtered, star)
	if filtered > all {
		t.Errorf("filtered results (%d) outnumber all results (%d)", filtered, all)
	}

	tb.do(chromedp.NavigateBack())
	tb.waitFor(`!location.search.includes("star=") && new URLSearchParams(location.search).get("q") === "律所"`)
	tb.waitFor(`document.querySelectorAll('#search-results .guide-list li').length === ` + strconv.Itoa(all))
}
