package serve

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhinan/generator/internal/testdeps"
)

// browser starts headless Chromium for the test; when Chromium is missing
// or does not start, testdeps fails the test under CI=true and skips it
// elsewhere.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := testdeps.Path(t, testdeps.Chromium)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Flag("headless", "new"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		testdeps.Unavailable(t, "Chromium (%s) does not start: %v", path, err)
	}
	return ctx
}

// pollText waits until the page shows text. It evaluates in a loop of its
// own because a reload interrupts any evaluation running in the page.
func pollText(text string) chromedp.Action[chromedp.Void] {
	expr := fmt.Sprintf(`!!document.body && document.body.innerText.includes(%q)`, text)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		deadline := time.Now().Add(5 * time.Second)
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, t)
			if err == nil && ok {
				return chromedp.Void{}, nil
			}
			if time.Now().After(deadline) {
				return chromedp.Void{}, fmt.Errorf("page never showed %q (last error: %v)", text, err)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
}

// TestBrowserReloadAndOverlay opens a page in real Chromium: a save shows up
// without touching the browser, a broken build shows the overlay
// (role=alert, path:line: [rule] message) over the last good page, and a
// fix removes it. It also measures save → new text visible.
func TestBrowserReloadAndOverlay(t *testing.T) {
	ctx := browser(t)
	f := newFakeSite(t)
	s := start(t, f)

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()), pollText("page.md=hello")); err != nil {
		t.Fatal(err)
	}
	var lat []time.Duration
	for i := range 8 {
		time.Sleep(50 * time.Millisecond) // let the reloaded page reconnect
		want := fmt.Sprintf("page.md=edit %d", i)
		saved := time.Now()
		f.write(t, "content/page.md", fmt.Sprintf("edit %d", i))
		if err := chromedp.Do(ctx, pollText(want)); err != nil {
			t.Fatalf("edit %d never showed: %v", i, err)
		}
		lat = append(lat, time.Since(saved))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("save → new text visible in Chromium (build taking ~0 ms): median %v, max %v", lat[len(lat)/2], lat[len(lat)-1])
	// The target is 300 ms with the real build; allow for a loaded CI
	// machine here, the figure above is what to read.
	if lat[len(lat)/2] > time.Second {
		t.Errorf("median save → visible %v", lat[len(lat)/2])
	}

	f.write(t, "content/page.md", "BROKEN")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#_serve-overlay`))); err != nil {
		t.Fatal(err)
	}
	overlay, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#_serve-overlay`)))
	if err != nil {
		t.Fatal(err)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#_serve-overlay`), "role"))
	if err != nil {
		t.Fatal(err)
	}
	role := attr.Value
	if role != "alert" || !strings.Contains(overlay, "content/page.md:3:") || !strings.Contains(overlay, "[R4] 3 星事项的 visits 不能大于 1") {
		t.Errorf("overlay role %q text %q", role, overlay)
	}
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(body, "page.md=edit 7") {
		t.Errorf("the last good page should stay under the overlay, got %q", body)
	}

	f.write(t, "content/page.md", "fixed")
	if err := chromedp.Do(ctx, pollText("page.md=fixed")); err != nil {
		t.Fatal(err)
	}
	gone, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("_serve-overlay") === null`))
	if err != nil {
		t.Fatal(err)
	}
	if !gone {
		t.Error("overlay still shown after the fix")
	}
}
