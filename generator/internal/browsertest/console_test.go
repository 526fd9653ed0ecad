package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNoConsoleErrors opens every page type and wants no console error,
// uncaught exception or failed request (a missing script, style or
// search file would show here). The 404 page's own status is expected.
func TestNoConsoleErrors(t *testing.T) {
	needBrowser(t)
	for _, p := range pageTypes() {
		t.Run(p.name, func(t *testing.T) {
			// a fresh browser context each: no cache hides a failed
			// request (the favicon, say) that an earlier page made
			tb := newTab(t, chromedp.WithNewBrowserContext())
			tb.openPage(p)
			time.Sleep(200 * time.Millisecond) // late scripts and fetches
			for _, e := range tb.consoleErrors() {
				if p.name == "404" && strings.Contains(e, "status of 404") && strings.Contains(e, p.path) {
					continue
				}
				t.Errorf("%s: %s", p.path, e)
			}
		})
	}
}
