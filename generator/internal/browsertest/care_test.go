package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// lookName names a subtest's look: "" for the standard one, "/care" for
// large print.
func lookName(care bool) string {
	if care {
		return "/care"
	}
	return ""
}

// lookWords says a look in a message: "" or "（关怀版）".
func lookWords(care bool) string {
	if care {
		return "（关怀版）"
	}
	return ""
}

// setLargePrint stores the reader's 关怀版 choice as site.js does, so that
// the next page the tab opens starts in that look.
func (tb *tab) setLargePrint(on bool) {
	tb.t.Helper()
	if tb.currentOrigin() != tb.base {
		tb.open("/404.html")
	}
	v := "0"
	if on {
		v = "1"
	}
	tb.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("care", "` + v + `")`))
}

func (tb *tab) currentOrigin() string {
	o, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`location.origin`))
	if err != nil {
		return ""
	}
	return o
}

// look is what large print changes, as the browser computed it.
type look struct {
	Care       bool    `json:"care"`
	Pressed    string  `json:"pressed"`
	FontSize   float64 `json:"fontSize"`
	LineHeight float64 `json:"lineHeight"`
	Text       string  `json:"text"`
}

const lookReport = `(() => {
	const b = getComputedStyle(document.body);
	const t = document.getElementById("care-toggle");
	return {
		care: document.documentElement.classList.contains("care"),
		pressed: t ? (t.getAttribute("aria-pressed") || "") : "",
		fontSize: parseFloat(b.fontSize),
		lineHeight: parseFloat(b.lineHeight),
		text: b.color,
	};
})()`

// TestLargePrintPersists switches 关怀版 on with the header's control on
// the home page, then walks to other page types: each starts in large
// print (20 px type or more, line height 1.8 or more, black text) with the
// control pressed; switching off (with the keyboard) on one page is off on
// the next.
func TestLargePrintPersists(t *testing.T) {
	needBrowser(t)
	tb := newTab(t, chromedp.WithNewBrowserContext()) // empty localStorage
	tb.open("/")
	before := eval[look](tb, lookReport)
	if before.Care || before.Pressed != "false" || before.FontSize >= 20 {
		t.Fatalf("a first visit starts in large print or without the toggle: %+v", before)
	}
	tb.do(chromedp.Click(chromedp.CSS("#care-toggle")))
	tb.waitFor(`document.documentElement.classList.contains("care")`)
	walk := []string{"/guide/" + sampleGuide + "/", "/lists/negative/", "/search/?q=律所", "/guide/" + sampleGuide + "/print.html", "/stats/"}
	for _, path := range walk {
		tb.open(path)
		l := eval[look](tb, lookReport)
		if !l.Care || l.Pressed != "true" || l.FontSize < 20 || l.LineHeight < 1.8*l.FontSize || l.Text != "rgb(0, 0, 0)" {
			t.Errorf("%s after switching large print on: %+v", path, l)
		} else {
			t.Logf("%s: large print, %.0f px type, %.0f px lines", path, l.FontSize, l.LineHeight)
		}
	}
	// off again, from the keyboard: the toggle is a button, Space presses it
	tb.do(chromedp.Focus(chromedp.CSS("#care-toggle")), chromedp.KeyEvent(" "))
	tb.waitFor(`!document.documentElement.classList.contains("care")`)
	tb.open("/")
	if l := eval[look](tb, lookReport); l.Care || l.Pressed != "false" || l.FontSize >= 20 {
		t.Errorf("large print still on after switching it off: %+v", l)
	}
}

// TestLargePrintWithoutJavaScript follows the header's #care link with
// JavaScript off: the control is a plain link, and the page in view turns
// to large print.
func TestLargePrintWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	tb := newTab(t, chromedp.WithNewBrowserContext())
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.open("/guide/" + sampleGuide + "/")
	if eval[bool](tb, `document.documentElement.classList.contains("js")`) {
		t.Fatal("scripts still run")
	}
	if tag := eval[string](tb, `document.getElementById("care-toggle").tagName`); tag != "A" {
		t.Errorf("without JavaScript the control is <%s>, want a link", tag)
	}
	if l := eval[look](tb, lookReport); l.FontSize >= 20 {
		t.Fatalf("large print before asking: %+v", l)
	}
	tb.do(chromedp.Click(chromedp.CSS("#care-toggle")))
	tb.waitFor(`location.hash === "#care"`)
	if l := eval[look](tb, lookReport); l.FontSize < 20 || l.LineHeight < 1.8*l.FontSize || l.Text != "rgb(0, 0, 0)" {
		t.Errorf("following #care without JavaScript: %+v, want large print", l)
	}
}

// tapReport lists the controls smaller than 44 × 44 CSS px. Links inside a
// sentence are exempt (WCAG 2.5.8 lets inline links be as tall as the
// line); so are controls hidden from view.
const tapReport = `(() => {
	const small = [];
	for (const e of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === "hidden") continue;
		if (e.classList.contains("skip")) continue; // off screen until focused
		const s = getComputedStyle(e);
		if (s.display === "inline") {
			const p = e.parentElement;
			const text = Array.from(p.childNodes).some(n => n !== e && n.nodeType === 3 && n.textContent.trim() !== "");
			if (text) continue;
		}
		if (r.height < 43.5 || r.width < 43.5) {
			small.push(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " “" + (e.textContent || e.value || "").trim().slice(0, 12) + "” " + Math.round(r.width) + "×" + Math.round(r.height));
		}
	}
	return small;
})()`

// TestTapTargetsAndStillness checks every page type at 360 px, in both
// looks: each control is at least 44 × 44 px, and nothing moves or pops up
// by itself (no running animation, no auto-playing media, no refresh, no
// dialog).
func TestTapTargetsAndStillness(t *testing.T) {
	needBrowser(t)
	for _, p := range pageTypes() {
		for _, care := range []bool{false, true} {
			t.Run(p.name+lookName(care), func(t *testing.T) {
				tb := newTab(t)
				tb.do(chromedp.EmulateViewport(360, 740))
				tb.setLargePrint(care)
				tb.openPage(p)
				for _, s := range eval[[]string](tb, tapReport) {
					t.Errorf("%s%s: tap target under 44 px: %s", p.path, lookWords(care), s)
				}
				moving := eval[int](tb, `document.getAnimations().length + document.querySelectorAll("marquee, blink, video[autoplay], audio[autoplay], meta[http-equiv=refresh i], dialog[open]").length`)
				if moving > 0 {
					t.Errorf("%s%s: %d things move, play or pop up by themselves", p.path, lookWords(care), moving)
				}
			})
		}
	}
}
