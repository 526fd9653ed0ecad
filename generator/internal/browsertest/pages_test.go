package browsertest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// sampleGuide is the guide the single-guide checks use: the format's own
// example, with seven materials, two places and a fee-free 15-day limit.
const sampleGuide = "330000-SF-XK-0001"

// sampleBundle is the 一件事 the bundle checks use: 新生儿出生一件事, three
// members and a derived set of seven materials.
const sampleBundle = "330900-YJS-0001"

// pageType is one kind of page of the site, and how to bring a tab to it.
type pageType struct {
	name string
	path string
	// ready, when set, runs after the page loaded: for pages that show
	// their content only after an interaction (search results).
	ready func(tb *tab)
}

// pageTypes lists every kind of page the generator writes.
func pageTypes() []pageType {
	return []pageType{
		{name: "home", path: "/"},
		{name: "guide", path: "/guide/" + sampleGuide + "/"},
		{name: "guide-local", path: "/guide/330900-SF-XK-0007/"},
		{name: "sheet", path: "/guide/" + sampleGuide + "/print.html"},
		{name: "list", path: "/lists/one-visit/"},
		{name: "negative-list", path: "/lists/negative/"},
		{name: "department", path: "/department/sheng-si-fa-ting/"},
		{name: "region", path: "/region/330000/"},
		{name: "topic", path: "/topic/fa-lv-fu-wu/"},
		{name: "search", path: "/search/", ready: searchFor("律所")},
		{name: "stats", path: "/stats/"},
		{name: "data", path: "/data/"},
		{name: "404", path: "/no-such-page/"},
		{name: "bundle-member", path: "/guide/330900-GA-QR-0005/"},
		{name: "bundle", path: "/thing/" + sampleBundle + "/"},
		{name: "bundle-sheet", path: "/thing/" + sampleBundle + "/print.html"},
		{name: "things", path: "/things/"},
	}
}

// searchFor types a query into the search page's box as a person would,
// submits it with Enter and waits for the results.
func searchFor(q string) func(tb *tab) {
	return func(tb *tab) {
		tb.t.Helper()
		tb.do(focusAndType("#q", q+"\r"))
		tb.waitFor(`document.querySelectorAll('#search-results .guide-list li').length > 0`)
		// open the filters too, so that their markup is checked as well
		tb.do(chromedp.Click(chromedp.CSS("details.search-filters summary")))
		tb.waitFor(`document.querySelectorAll('.facet a').length > 0`)
	}
}

// openPage brings the tab to a page type, ready to be checked.
func (tb *tab) openPage(p pageType) {
	tb.t.Helper()
	tb.open(p.path)
	if p.ready != nil {
		p.ready(tb)
	}
}

// htmlFiles lists the built site's HTML files, relative to its folder,
// sorted.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
