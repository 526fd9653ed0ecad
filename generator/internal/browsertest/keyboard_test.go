package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusReport describes the focused element as the keyboard user sees it.
const focusReport = `(() => {
	const e = document.activeElement;
	const s = getComputedStyle(e);
	const r = e.getBoundingClientRect();
	return {
		tag: e.tagName.toLowerCase(),
		cls: e.className || "",
		href: e.getAttribute("href") || "",
		text: (e.textContent || e.value || "").trim().slice(0, 20),
		focusVisible: e.matches(":focus-visible"),
		outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
		shadow: s.boxShadow !== "none",
		onScreen: r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0 && r.left < innerWidth,
	};
})()`

type focused struct {
	Tag          string `json:"tag"`
	Cls          string `json:"cls"`
	Href         string `json:"href"`
	Text         string `json:"text"`
	FocusVisible bool   `json:"focusVisible"`
	Outline      bool   `json:"outline"`
	Shadow       bool   `json:"shadow"`
	OnScreen     bool   `json:"onScreen"`
}

func (f focused) String() string {
	return "<" + f.Tag + " class=" + f.Cls + " href=" + f.Href + "> " + f.Text
}

// TestKeyboard presses Tab on every page type: the first stop is a visible
// skip link to the main content, Enter on it moves focus into <main>, and
// each of the next stops shows a visible focus ring (an outline of at least
// 2 px or a box shadow) while it matches :focus-visible. The page says
// lang="zh-CN".
func TestKeyboard(t *testing.T) {
	needBrowser(t)
	for _, p := range pageTypes() {
		t.Run(p.name, func(t *testing.T) {
			tb := newTab(t)
			tb.open(p.path) // no ready step: focus must start at the top
			if lang := eval[string](tb, `document.documentElement.lang`); lang != "zh-CN" {
				t.Errorf(`%s: <html lang=%q>, want "zh-CN"`, p.path, lang)
			}
			tb.do(chromedp.KeyEvent(kb.Tab))
			first := eval[focused](tb, focusReport)
			if !strings.Contains(" "+first.Cls+" ", " skip ") || first.Href != "#main" {
				t.Fatalf("%s: first Tab stop is %s, want the skip link to #main", p.path, first)
			}
			if !first.OnScreen || !first.FocusVisible || !(first.Outline || first.Shadow) {
				t.Errorf("%s: skip link focused but not visibly: %+v", p.path, first)
			}
			tb.do(chromedp.KeyEvent(kb.Enter))
			tb.waitFor(`location.hash === "#main" && document.activeElement.id === "main"`)
			for i := 0; i < 12; i++ {
				tb.do(chromedp.KeyEvent(kb.Tab))
				f := eval[focused](tb, focusReport)
				if f.Tag == "body" {
					break
				}
				if !f.FocusVisible || !(f.Outline || f.Shadow) {
					t.Errorf("%s: Tab stop %d %s has no visible focus: %+v", p.path, i+1, f, f)
				}
			}
		})
	}
}
