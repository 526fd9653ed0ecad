package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The tests of issue 14, items 1 and 2: the summary box at the top of
// every guide page, on a phone's first screen, and the materials as a
// checklist that never wraps one character a line.

// sampleGuidePages lists the page of every guide of the built sample
// site (/guide/<code>/), sorted.
func sampleGuidePages(t *testing.T) []string {
	t.Helper()
	dir, _ := builtSite(t)
	var out []string
	for _, f := range htmlFiles(t, dir) {
		if strings.HasPrefix(f, "guide/") && strings.HasSuffix(f, "/index.html") {
			out = append(out, "/"+strings.TrimSuffix(f, "index.html"))
		}
	}
	return out
}

// summaryReport says where the summary box and what it must show lie on
// the first screen: the box, its trips, and the first place's phone and
// hours when the guide has them.
const summaryReport = `(() => {
	const box = document.getElementById("summary");
	const inView = e => { if (!e) return null; const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5; };
	const where = box && box.querySelector("dt:nth-of-type(1)") && Array.from(box.querySelectorAll(".summary-facts > div")).find(d => d.querySelector("dt").textContent === "去哪里");
	const tel = box && box.querySelector("a.tel");
	const hours = where && Array.from(where.querySelectorAll(".s-line")).find(e => /\d[:：]\d\d/.test(e.textContent));
	return {
		box: box ? inView(box) : false,
		bottom: box ? Math.round(box.getBoundingClientRect().bottom) : -1,
		telBottom: tel ? Math.round(tel.getBoundingClientRect().bottom) : -1,
		visits: box ? inView(box.querySelector(".visits")) : false,
		tel: tel ? inView(tel) : null,
		hours: hours ? inView(hours) : null,
	};
})()`

// summaryAt is summaryReport's answer; Tel and Hours are nil when the
// guide has none to show.
type summaryAt struct {
	Box    bool `json:"box"`
	Bottom int  `json:"bottom"`
	// TelBottom is where the phone ends, -1 without one.
	TelBottom int   `json:"telBottom"`
	Visits    bool  `json:"visits"`
	Tel       *bool `json:"tel"`
	Hours     *bool `json:"hours"`
}

// TestSummaryOnFirstScreen opens every sample guide at 360 × 800. In the
// standard look the whole summary box (trips, what to bring, the first
// place with its phone and hours, time and fee) lies inside the first
// screen; in 关怀版, whose type is 25 % larger, at least the trips and
// the phone do.
func TestSummaryOnFirstScreen(t *testing.T) {
	needBrowser(t)
	guides := sampleGuidePages(t)
	if len(guides) < 50 {
		t.Fatalf("the sample site has %d guide pages, want all of them (50 or more)", len(guides))
	}
	for _, care := range []bool{false, true} {
		t.Run("look"+lookName(care), func(t *testing.T) {
			tb := newTab(t)
			tb.do(chromedp.EmulateViewport(360, 800))
			tb.setLargePrint(care)
			phones, lowest, lowestTel := 0, 0, 0
			for _, g := range guides {
				tb.open(g)
				s := eval[summaryAt](tb, summaryReport)
				lowest, lowestTel = max(lowest, s.Bottom), max(lowestTel, s.TelBottom)
				if s.Tel != nil {
					phones++
				}
				switch {
				case !s.Visits:
					t.Errorf("%s%s: the trips are not on the first screen", g, lookWords(care))
				case s.Tel != nil && !*s.Tel:
					t.Errorf("%s%s: the phone ends at %d px, below the first screen (800 px)", g, lookWords(care), s.TelBottom)
				case !care && !s.Box:
					t.Errorf("%s: the summary box ends at %d px, below the first screen (800 px)", g, s.Bottom)
				case !care && s.Hours != nil && !*s.Hours:
					t.Errorf("%s: the hours are not on the first screen", g)
				}
			}
			t.Logf("%d guides%s, %d with a phone in the box; the lowest box ends at %d px, the lowest phone at %d px", len(guides), lookWords(care), phones, lowest, lowestTel)
		})
	}
}

// TestMaterialsNeverOneCharacterALine opens the guide and bundle pages at
// 320, 768, 1280 and 1920 px in both looks: the materials are lists, not
// a table, and no material's name takes more lines than its length needs
// at the width it has (a table cell squeezed to one character a line
// did: 必/要/性).
func TestMaterialsNeverOneCharacterALine(t *testing.T) {
	needBrowser(t)
	pages := []string{"/guide/" + sampleGuide + "/", "/guide/330900-SF-XK-0007/", "/thing/" + sampleBundle + "/"}
	for _, width := range []int64{320, 768, 1280, 1920} {
		for _, care := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d%s", width, lookName(care)), func(t *testing.T) {
				tb := openAt(t, pageType{path: pages[0]}, width, care)
				for _, path := range pages {
					tb.open(path)
					bad := eval[[]string](tb, `(() => {
						const bad = [];
						if (document.querySelector("#materials table")) bad.push("a table");
						for (const e of document.querySelectorAll("#materials .m-name strong, #materials .spec, #materials .instead")) {
							const r = document.createRange();
							r.selectNodeContents(e);
							const tops = new Set(Array.from(r.getClientRects()).filter(q => q.width > 0).map(q => Math.round(q.top)));
							const box = e.parentElement.getBoundingClientRect().width;
							const size = parseFloat(getComputedStyle(e).fontSize);
							const need = Math.ceil(e.textContent.length * size * 1.1 / box) + 1;
							if (tops.size > need) bad.push(e.textContent + ": " + tops.size + " lines in " + Math.round(box) + " px");
						}
						return bad;
					})()`)
					for _, b := range bad {
						t.Errorf("%s at %d px%s: %s", path, width, lookWords(care), b)
					}
				}
			})
		}
	}
}
