package browsertest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The version-2 test site (testdata/v2site): one guide with every
// version-2 element and two situations, built apart from the sample site
// with the same generator binary.
const (
	v2Guide = "/guide/330000-GA-XK-0100/"
	v2Sheet = v2Guide + "print.html"
)

var v2site struct {
	once sync.Once
	dir  string
	url  string
	err  error
}

// v2SiteURL builds and serves the version-2 test site once and returns its
// base URL.
func v2SiteURL(t *testing.T) string {
	t.Helper()
	builtSite(t) // builds the generator binary
	v2site.once.Do(func() {
		src := filepath.Join(harness.root, "generator", "internal", "browsertest", "testdata", "v2site")
		v2site.dir = filepath.Join(harness.tmp, "v2site")
		cmd := exec.Command(filepath.Join(harness.tmp, "zhinan"), "build", "--source", src, "--dest", v2site.dir, "--quiet")
		if out, err := cmd.CombinedOutput(); err != nil {
			v2site.err = fmt.Errorf("zhinan build testdata/v2site: %v\n%s", err, out)
			return
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			v2site.err = err
			return
		}
		go (&http.Server{Handler: siteHandler(v2site.dir)}).Serve(ln)
		v2site.url = "http://" + ln.Addr().String()
	})
	if v2site.err != nil {
		t.Fatal(v2site.err)
	}
	return v2site.url
}

// newV2Tab opens a tab on the version-2 test site.
func newV2Tab(t *testing.T, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	tb := newTab(t, opts...)
	tb.base = v2SiteURL(t)
	return tb
}

// noScript turns JavaScript off in the tab (use a new browser context).
func (tb *tab) noScript() {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		tb.t.Fatal(err)
	}
}

// keepScreenshot saves a screenshot of the element sel (the materials,
// the sheet) as name.png in the folder ZHINAN_SCREENSHOTS names, to look
// at the pages:
// ZHINAN_SCREENSHOTS=/tmp/shots go test -run 'Situation|V2' ./generator/internal/browsertest/
func (tb *tab) keepScreenshot(name, sel string) {
	tb.t.Helper()
	dir := os.Getenv("ZHINAN_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		tb.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		tb.t.Error(err)
	}
}

// shownMaterials lists the names of the materials the guide page shows:
// the checklist of what to bring, then what need not be brought.
const shownMaterials = `Array.from(document.querySelectorAll("#materials li .m-name strong"))
	.filter(e => e.getClientRects().length > 0)
	.map(e => e.textContent)`

// shownSheetMaterials lists the names of the materials the sheet shows,
// to bring and fetched by the office.
const shownSheetMaterials = `Array.from(document.querySelectorAll(".checklist strong, .shared-list li"))
	.filter(e => e.getClientRects().length > 0)
	.map(e => e.firstChild.textContent)`

// wantList fails t when got is not want.
func wantList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s: %q, want %q", what, got, want)
	}
}

// TestSituationFilter ticks a situation on the guide page: the list keeps
// the materials needed always and in that situation, the hash and the
// link to the sheet carry the choice, and the sheet opened through that
// link lists the same materials, names the situation and links back with
// the same choice.
func TestSituationFilter(t *testing.T) {
	needBrowser(t)
	tb := newV2Tab(t)
	tb.open(v2Guide)
	tb.waitFor(`document.getElementById("situations-status").textContent !== ""`)
	if !eval[bool](tb, `getComputedStyle(document.querySelector(".situations-form")).display !== "none"`) {
		t.Fatal("the situation checkboxes are not shown with JavaScript")
	}
	wantList(t, "nothing ticked", eval[[]string](tb, shownMaterials), []string{"原居民身份证", "户口簿"})
	if !eval[bool](tb, `document.getElementById("to-bring").hidden && !document.getElementById("not-to-bring").hidden`) {
		t.Error("nothing to bring, but the checklist's heading shows (or the other list's does not)")
	}

	tb.do(chromedp.Click(chromedp.CSS(`label[for="situation-1"]`)))
	tb.waitFor(`location.hash === "#s=1"`)
	wantList(t, "委托他人代办 ticked", eval[[]string](tb, shownMaterials), []string{"代办委托书", "代办人身份证明", "原居民身份证", "户口簿"})
	if s := eval[string](tb, `document.getElementById("situations-status").textContent`); !strings.Contains(s, "要带 2 项材料，另有 2 项不用带") {
		t.Errorf("status says %q", s)
	}
	if href := eval[string](tb, `document.querySelector(".sheet-link a").getAttribute("href")`); !strings.HasSuffix(href, "print.html#s=1") {
		t.Errorf("the link to the sheet is %q, want it to carry #s=1", href)
	}

	tb.keepScreenshot("guide-s1", "#materials")
	tb.do(chromedp.Click(chromedp.CSS(".sheet-link a")))
	tb.waitFor(`location.pathname.endsWith("/print.html") && document.readyState === "complete"`)
	tb.waitFor(`document.getElementById("sheet-case").textContent.includes("委托他人代办")`)
	if h := eval[string](tb, `location.hash`); h != "#s=1" {
		t.Errorf("the sheet's hash is %q, want #s=1", h)
	}
	wantList(t, "sheet for 委托他人代办", eval[[]string](tb, shownSheetMaterials), []string{"原居民身份证", "代办委托书", "代办人身份证明", "户口簿"})
	if href := eval[string](tb, `document.querySelector(".sheet-actions a").getAttribute("href")`); !strings.HasSuffix(href, "/#s=1") {
		t.Errorf("the sheet's link back to the guide is %q, want it to carry #s=1", href)
	}
	tb.keepScreenshot("sheet-s1", ".sheet")
	if errs := tb.consoleErrors(); len(errs) > 0 {
		t.Errorf("console: %v", errs)
	}
}

// TestSituationFromHash opens a shared link (#s=2): the box is ticked and
// the list filtered; unticking it leaves the hash empty of choices.
func TestSituationFromHash(t *testing.T) {
	needBrowser(t)
	tb := newV2Tab(t)
	tb.open(v2Guide + "#s=2")
	tb.waitFor(`document.getElementById("situations-status").textContent !== ""`)
	if !eval[bool](tb, `document.getElementById("situation-2").checked && !document.getElementById("situation-1").checked`) {
		t.Error("#s=2 does not tick situation 2 alone")
	}
	wantList(t, "#s=2", eval[[]string](tb, shownMaterials), []string{"代办人身份证明", "原居民身份证", "户口簿", "监护关系证明"})
	tb.do(chromedp.Click(chromedp.CSS("#situation-2")))
	tb.waitFor(`location.hash === "#s="`)
	wantList(t, "unticked", eval[[]string](tb, shownMaterials), []string{"原居民身份证", "户口簿"})

	// The sheet with both chosen, as printed.
	tb.open(v2Sheet + "#s=1,2")
	tb.waitFor(`document.getElementById("sheet-case").textContent.includes("未满十六周岁")`)
	wantList(t, "sheet #s=1,2", eval[[]string](tb, shownSheetMaterials), []string{"原居民身份证", "代办委托书", "监护关系证明", "代办人身份证明", "户口簿"})
}

// TestSituationWithoutJavaScript loads the page and the sheet with
// JavaScript off: every material shows with its condition, no checkbox
// shows, and the sheet, even opened with a choice in its hash, prints all
// of them grouped by condition.
func TestSituationWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	tb := newV2Tab(t, chromedp.WithNewBrowserContext())
	tb.noScript()
	tb.open(v2Guide)
	if eval[bool](tb, `document.documentElement.classList.contains("js")`) {
		t.Fatal("scripts still run")
	}
	wantList(t, "page without JavaScript", eval[[]string](tb, shownMaterials),
		[]string{"代办委托书", "代办人身份证明", "原居民身份证", "户口簿", "监护关系证明"})
	conds := eval[[]string](tb, `Array.from(document.querySelectorAll("#materials .when")).filter(e => e.getClientRects().length > 0).map(e => e.textContent)`)
	wantList(t, "conditions", conds, []string{"仅在以下情形需要：委托他人代办", "仅在以下情形需要：委托他人代办、未满十六周岁", "仅在以下情形需要：未满十六周岁"})
	if eval[bool](tb, `getComputedStyle(document.querySelector(".situations-form")).display !== "none"`) {
		t.Error("checkboxes that cannot work are shown")
	}
	if eval[bool](tb, `getComputedStyle(document.querySelector(".situations-nojs")).display === "none"`) {
		t.Error("the sentence about conditions is hidden")
	}
	tb.keepScreenshot("guide-nojs", "#materials")

	tb.open(v2Sheet + "#s=1")
	wantList(t, "sheet without JavaScript", eval[[]string](tb, shownSheetMaterials),
		[]string{"原居民身份证", "代办委托书", "监护关系证明", "代办人身份证明", "户口簿"})
	tb.keepScreenshot("sheet-nojs", ".sheet")
	heads := eval[[]string](tb, `Array.from(document.querySelectorAll(".when-group h3")).map(e => e.textContent)`)
	wantList(t, "sheet groups", heads, []string{"仅在以下情形需要：委托他人代办", "仅在以下情形需要：未满十六周岁", "仅在以下情形需要：委托他人代办、未满十六周岁"})
}

// axeViolations runs axe-core at WCAG 2.1 A and AA on the tab's page.
func axeViolations(t *testing.T, tb *tab) []axeViolation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(harness.root, axePath))
	if err != nil {
		t.Fatal(err)
	}
	tags, _ := json.Marshal(wcagTags)
	tb.do(chromedp.Evaluate[chromedp.Void](string(src)))
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, tags)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(eval[string](tb, run)), &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

// TestV2Axe runs axe-core on the version-2 guide page (a situation
// ticked, so that the status and filtered list are checked too) and its
// sheet, in both looks, and wants no violation.
func TestV2Axe(t *testing.T) {
	needBrowser(t)
	for _, path := range []string{v2Guide + "#s=1", v2Sheet + "#s=1", v2Sheet} {
		for _, care := range []bool{false, true} {
			t.Run(path+lookName(care), func(t *testing.T) {
				tb := newV2Tab(t)
				tb.setLargePrint(care)
				tb.open(path)
				tb.waitFor(`document.readyState === "complete"`)
				vs := axeViolations(t, tb)
				t.Logf("%s%s: axe-core %d violations", path, lookWords(care), len(vs))
				for _, v := range vs {
					for _, n := range v.Nodes {
						t.Errorf("%s [%s] %s: %v %s", v.ID, v.Impact, v.Help, n.Target, n.HTML)
					}
				}
			})
		}
	}
}

// TestV2Narrow loads the version-2 page and sheet at 360 px in both
// looks: nothing is wider than the screen, and every control is a 44 px
// tap target (the situation checkboxes included).
func TestV2Narrow(t *testing.T) {
	needBrowser(t)
	for _, path := range []string{v2Guide, v2Sheet} {
		for _, care := range []bool{false, true} {
			t.Run(path+lookName(care), func(t *testing.T) {
				tb := newV2Tab(t)
				tb.do(chromedp.EmulateViewport(360, 740))
				tb.setLargePrint(care)
				tb.open(path)
				tb.keepScreenshot("narrow"+strings.ReplaceAll(path+lookName(care), "/", "-"), "#situations, .sheet")
				if w := eval[int](tb, `document.documentElement.scrollWidth`); w > 360 {
					t.Errorf("%s%s: scrollWidth %d px > 360 px", path, lookWords(care), w)
				}
				for _, s := range eval[[]string](tb, tapReport) {
					t.Errorf("%s%s: tap target under 44 px: %s", path, lookWords(care), s)
				}
			})
		}
	}
}

// TestV2SheetPrintsOnOneA4Page prints the version-2 sheet, with all its
// groups and with one situation chosen, and wants one A4 page holding
// both QR codes (the guide and 好差评), in both looks. ZHINAN_KEEP_PDF
// keeps the PDFs, as for the sample site's sheets.
func TestV2SheetPrintsOnOneA4Page(t *testing.T) {
	needBrowser(t)
	for _, hash := range []string{"", "#s=1"} {
		for _, care := range []bool{false, true} {
			t.Run("sheet"+hash+lookName(care), func(t *testing.T) {
				tb := newV2Tab(t)
				tb.setLargePrint(care)
				tb.open(v2Sheet + hash)
				tb.waitFor(`document.readyState === "complete"`)
				pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
				if err != nil {
					t.Fatal(err)
				}
				if dir := os.Getenv("ZHINAN_KEEP_PDF"); dir != "" {
					name := "v2-sheet" + strings.ReplaceAll(hash+lookName(care), "/", "-") + ".pdf"
					if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
						t.Error(err)
					}
				}
				if n := pdfPages(t, pdf); n != 1 {
					t.Errorf("the sheet prints on %d A4 pages, want 1", n)
				}
				if n := eval[int](tb, `document.querySelectorAll(".sheet svg.qr").length`); n != 2 {
					t.Errorf("%d QR codes on the sheet, want 2 (guide, 好差评)", n)
				}
			})
		}
	}
}

// TestV2NuHtmlChecker runs the Nu Html Checker over the version-2 site's
// HTML and guide2.css, and wants no error.
func TestV2NuHtmlChecker(t *testing.T) {
	needBrowser(t)
	v2SiteURL(t)
	args := []string{"-jar", filepath.Join(harness.root, vnuPath), "--errors-only", "--format", "gnu", "--also-check-css"}
	for _, f := range htmlFiles(t, v2site.dir) {
		args = append(args, filepath.Join(v2site.dir, f))
	}
	args = append(args, filepath.Join(v2site.dir, "assets", "guide2.css"))
	out, err := exec.Command("java", args...).CombinedOutput()
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" {
			t.Error(strings.Replace(line, "file:"+v2site.dir+"/", "", 1))
		}
	}
	if err != nil && !t.Failed() {
		t.Fatalf("vnu.jar: %v", err)
	}
}
