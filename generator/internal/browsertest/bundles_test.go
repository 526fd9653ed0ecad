package browsertest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// sampleBundles are the sample site's 一件事, each of three members.
var sampleBundles = []string{"330900-YJS-0001", "330900-YJS-0002", "330900-YJS-0003"}

// TestBundleSheetPrintsOnOneA4Page prints the combined notification sheet
// of every sample 一件事 (three members each) to PDF on A4, in the
// standard and the large-print look, and wants one page holding the QR
// code, every material the citizen brings with the members that need it,
// and the bundle's URL.
func TestBundleSheetPrintsOnOneA4Page(t *testing.T) {
	needBrowser(t)
	for _, code := range sampleBundles {
		for _, care := range []bool{false, true} {
			t.Run(code+lookName(care), func(t *testing.T) {
				tb := newTab(t)
				tb.open("/")
				tb.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("care", "` + map[bool]string{true: "1", false: "0"}[care] + `")`))
				tb.open("/thing/" + code + "/print.html")
				pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
					t.Fatalf("not a PDF: %.20q", pdf)
				}
				if n := pdfPages(t, pdf); n != 1 {
					t.Errorf("%s: the bundle sheet prints on %d A4 pages, want 1", code, n)
				}
				if eval[int](tb, `document.querySelectorAll(".sheet-qr svg path").length`) != 1 {
					t.Error("the sheet has no QR code")
				}
				if n := eval[int](tb, `document.querySelectorAll(".sheet-members li").length`); n != 3 {
					t.Errorf("the sheet lists %d members, want 3", n)
				}
				boxes := eval[int](tb, `document.querySelectorAll(".checklist li").length`)
				withMember := eval[int](tb, `document.querySelectorAll(".checklist .for").length`)
				if boxes == 0 || withMember != boxes {
					t.Errorf("%d materials to bring, %d say which member needs them", boxes, withMember)
				}
				foot := eval[string](tb, `document.querySelector(".sheet-foot").textContent`)
				if !strings.Contains(foot, "/thing/"+code+"/") {
					t.Errorf("the sheet's footer lacks the bundle's URL: %q", foot)
				}
			})
		}
	}
}

// TestThingsWithoutJavaScript opens /things/ and a bundle's page with
// JavaScript off and wants every bundle listed under its stage and every
// member linked: nothing on them waits for a script.
func TestThingsWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.open("/things/")
	if n := eval[int](tb, `document.querySelectorAll("#persons h3, #companies h3").length`); n < 3 {
		t.Errorf("/things/ shows %d life stages, want 出生, 身后 and 开办", n)
	}
	if n := eval[int](tb, `document.querySelectorAll('main a[href*="/thing/"]').length`); n != len(sampleBundles) {
		t.Errorf("/things/ links %d bundles, want %d", n, len(sampleBundles))
	}
	tb.open("/thing/" + sampleBundles[0] + "/")
	if n := eval[int](tb, `document.querySelectorAll('#members a[href*="/guide/"]').length`); n != 3 {
		t.Errorf("the bundle page links %d members, want 3", n)
	}
}

// TestBundleSearch types 生孩子要办什么 into the search page, as a parent
// would, and wants 新生儿出生一件事 among the first results, linking to its
// page: the browser searches the static export, where bundles are
// documents like guides.
func TestBundleSearch(t *testing.T) {
	needBrowser(t)
	tb := newTab(t)
	tb.open("/search/")
	searchFor("生孩子要办什么")(tb)
	hrefs := eval[[]string](tb, `[...document.querySelectorAll('#search-results .guide-list li a')].slice(0, 3).map(a => a.getAttribute("href"))`)
	found := false
	for _, h := range hrefs {
		found = found || strings.HasSuffix(h, "/thing/"+sampleBundle+"/")
	}
	if !found {
		t.Errorf("生孩子要办什么: first results %v, want /thing/%s/ among them", hrefs, sampleBundle)
	}
}
