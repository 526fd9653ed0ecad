package editor

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"zhinan/generator/internal/testdeps"
)

// TestBrowserAxe runs axe-core (WCAG 2.0 and 2.1, A and AA) on the list,
// on a form, on a form showing errors and on a form after a save (with
// the preview frames), at 1280 and 360 px, and wants no violation. It
// takes the screenshots of the list and the form.
func TestBrowserAxe(t *testing.T) {
	axe := testdeps.Path(t, testdeps.NodeModule("node_modules/axe-core/axe.min.js"))
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	_, base := liveEditor(t)
	check := func(name string) {
		t.Helper()
		if !js[bool](t, ctx, `typeof axe !== "undefined"`) {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
				t.Fatalf("axe-core does not load: %.200v", err)
			}
		}
		out := js[string](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`)
		var vs []struct {
			ID, Help string
			Nodes    []struct{ HTML string }
		}
		json.Unmarshal([]byte(out), &vs)
		t.Logf("%s: axe-core %d violations", name, len(vs))
		for _, v := range vs {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, n.HTML)
			}
			t.Errorf("%s: %s %s: %s", name, v.ID, v.Help, strings.Join(where, "\n  "))
		}
	}
	for _, width := range []int64{1280, 360} {
		run(t, ctx, chromedp.EmulateViewport(width, 900))
		run(t, ctx, chromedp.Navigate(base+"/edit/"))
		check(fmt.Sprintf("/edit/ at %d px", width))
		screenAt(t, ctx, fmt.Sprintf("view-list-%d", width), width, "h1")
		screenAt(t, ctx, fmt.Sprintf("view-wizard-%d", width), width, "#new-h")
		run(t, ctx, chromedp.EmulateViewport(width, 900))
		run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode))
		check(fmt.Sprintf("/edit/%s at %d px", sampleCode, width))
		screenAt(t, ctx, fmt.Sprintf("view-materials-%d", width), width, "#g-materials-h")
		run(t, ctx, chromedp.EmulateViewport(width, 900))
		typeInto(t, ctx, "#f-contact-consult", "12")
		waitJS(t, ctx, textOf("e-contact-consult")+`.includes("[R8]")`)
		check(fmt.Sprintf("form with an error at %d px", width))
	}
	run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode+"?saved=1"))
	waitJS(t, ctx, `document.getElementById("pv-print").contentDocument.readyState === "complete"`)
	check("form after a save, with the preview frames")

}
