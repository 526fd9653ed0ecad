package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// TestOneVocabulary builds the repository's sample site and reads, for the
// same words, the counts the home page, the list pages, the statistics
// page and `generator stats` (text and JSON) give: the same words must
// carry the same counts everywhere (issue 14, item 4). 零上门事项 and
// 零上门 count visits = 0, 跑一次事项 visits = 1, 负面清单 visits ≥ 2, and
// 最多跑一次（含零上门）, the contract's one_visit_share, visits ≤ 1: the
// first two lists together. No page says 最多跑一次事项 any more, whose
// meaning differed between the home page and the figures.
func TestOneVocabulary(t *testing.T) {
	// Every sample item is in force on vocabularyDay: before an item's
	// `effective` day its page is listed but it does not count in the
	// figures yet, so lists and figures would rightly differ.
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	page := buildForVocabulary(t, root)
	home, stats := page("index.html"), page("stats/index.html")
	zero, one, neg := site.ListName(site.ZeroVisit), site.ListName(site.OneVisit), site.ListName(site.Negative)
	tiles := homeTiles(t, home)
	lists := listCounts(t, page)
	js, text := cliStats(t, root)

	checks := []struct {
		words  string
		counts []int // home, list, stats page, stats JSON, stats text: whichever say these words
	}{
		{zero + " / " + site.FigureZeroVisit + " (visits = 0)", []int{tiles[zero], lists[zero], statsFigure(t, stats, site.FigureZeroVisit), js.Site.ZeroVisit, textFigure(t, text, site.FigureZeroVisit)}},
		{one + " (visits = 1)", []int{tiles[one], lists[one]}},
		{neg + " (visits ≥ 2)", []int{tiles[neg], lists[neg], js.Site.Negative}},
		{site.FigureOneVisit + " (visits ≤ 1) = " + zero + " + " + one, []int{lists[zero] + lists[one], statsFigure(t, stats, site.FigureOneVisit), js.Site.OneVisit, textFigure(t, text, site.FigureOneVisit)}},
	}
	for _, c := range checks {
		if !allEqual(c.counts) {
			t.Errorf("%s: counts differ across home, lists, stats and generator stats: %v", c.words, c.counts)
		}
		t.Logf("%s: %v", c.words, c.counts)
	}
	if lists[zero] == 0 || lists[one] == 0 || lists[neg] == 0 {
		t.Errorf("the sample site should have items on every list: %v", lists)
	}
	for name, p := range map[string]string{"home": home, "stats": stats, "generator stats": text, "one-visit list": page("lists/one-visit/index.html")} {
		if strings.Contains(p, "最多跑一次事项") || regexp.MustCompile(`最多跑一次[^（”]`).MatchString(stripTitle(p)) {
			t.Errorf("%s still says 最多跑一次 without （含零上门）", name)
		}
	}
}

// vocabularyDay is the build day of TestOneVocabulary: later than every
// sample item's effective day.
const vocabularyDay = "2030-01-01"

// buildForVocabulary builds the site at root (without search) and returns
// a reader of its pages.
func buildForVocabulary(t *testing.T, root string) func(rel string) string {
	dest := filepath.Join(t.TempDir(), "public")
	if code, stderr := runCLI(t, "build", "--quiet", "--no-search", "--today", vocabularyDay, "--source", root, "--dest", dest); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	return func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dest, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
}

// homeTiles reads the home page's tiles: list name → count.
func homeTiles(t *testing.T, home string) map[string]int {
	tiles := map[string]int{}
	for _, m := range regexp.MustCompile(`tile-name"?>([^<]+)</span>.*?tile-count"?>(\d+) 项`).FindAllStringSubmatch(home, -1) {
		tiles[m[1]] = atoi(t, m[2])
	}
	return tiles
}

// listCounts reads each list page: its name → the items it shows, which
// must be what it says it has.
func listCounts(t *testing.T, page func(string) string) map[string]int {
	lists := map[string]int{}
	for _, c := range []site.VisitClass{site.ZeroVisit, site.OneVisit, site.Negative} {
		name := site.ListName(c)
		p := page("lists/" + string(c) + "/index.html")
		said := regexp.MustCompile(`共 (\d+) 个事项`).FindStringSubmatch(p)
		items := strings.Count(p, `class="title"`) + strings.Count(p, `class=title`)
		if !strings.Contains(p, "<h1>"+name+"</h1>") || said == nil || atoi(t, said[1]) != items {
			t.Errorf("list %s: title %q, says %v, shows %d items", c, name, said, items)
		}
		lists[name] = items
	}
	return lists
}

// statsFigure reads the count of a row of the statistics page's site table.
func statsFigure(t *testing.T, stats, label string) int {
	m := regexp.MustCompile(`scope="?row"?>` + regexp.QuoteMeta(label) + `(?:</th>)?<td.*?(\d+) / \d+ 件`).FindStringSubmatch(stats)
	if m == nil {
		t.Fatalf("stats page has no row %q", label)
	}
	return atoi(t, m[1])
}

// statsJSON is what the test reads of `generator stats --format json`.
type statsJSON struct {
	Site struct {
		ZeroVisit int `json:"zero_visit"`
		OneVisit  int `json:"one_visit"`
		Negative  int `json:"negative"`
	} `json:"site"`
}

// cliStats runs `generator stats` on root as JSON and as text.
func cliStats(t *testing.T, root string) (statsJSON, string) {
	var out, errOut bytes.Buffer
	if code := run([]string{"stats", "--format", "json", "--today", vocabularyDay, "--source", root}, &out, &errOut); code != exitOK {
		t.Fatalf("stats --format json: exit %d\n%s", code, errOut.String())
	}
	var js statsJSON
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"stats", "--today", vocabularyDay, "--source", root}, &out, &errOut); code != exitOK {
		t.Fatalf("stats: exit %d\n%s", code, errOut.String())
	}
	return js, out.String()
}

// textFigure reads the count of a site figure from `generator stats`.
func textFigure(t *testing.T, text, label string) int {
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(label) + `：[^（]*（(\d+) / \d+ 件）`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("generator stats says nothing of %q:\n%s", label, text)
	}
	return atoi(t, m[1])
}

func allEqual(ns []int) bool {
	for _, n := range ns {
		if n != ns[0] {
			return false
		}
	}
	return true
}

// stripTitle removes the sample site's name (浙江省“最多跑一次”办事指南),
// which quotes the reform's name, from a page.
func stripTitle(s string) string {
	return strings.ReplaceAll(s, "“最多跑一次”", "")
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
