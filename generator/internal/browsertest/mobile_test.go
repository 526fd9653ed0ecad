package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNoSidewaysScrollAt360 loads every page type in a 360 px wide
// viewport (the narrowest common phone), in the standard and the
// large-print look, and wants nothing wider than it.
func TestNoSidewaysScrollAt360(t *testing.T) {
	needBrowser(t)
	for _, p := range pageTypes() {
		for _, care := range []bool{false, true} {
			t.Run(p.name+lookName(care), func(t *testing.T) {
				tb := newTab(t)
				tb.do(chromedp.EmulateViewport(360, 740))
				tb.setLargePrint(care)
				tb.openPage(p)
				width := eval[int](tb, `document.documentElement.scrollWidth`)
				if width <= 360 {
					return
				}
				wide := eval[[]string](tb, `Array.from(document.querySelectorAll('body *'))
					.filter(e => e.getBoundingClientRect().right > 360.5)
					.slice(0, 8)
					.map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')`)
				t.Errorf("%s%s: scrollWidth %d px > 360 px; too wide: %v", p.path, lookWords(care), width, wide)
			})
		}
	}
}
