package editor

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/serve"
	"zhinan/generator/internal/testdeps"
)

// liveEditor starts `generator serve` as the command does (the preview
// builder and this editor) on a copy of the sample site, and returns
// its folder and address once the first build is done.
func liveEditor(t *testing.T) (dir, base string) {
	t.Helper()
	dir = copySite(t)
	srv, p, err := build.NewPreviewServer(serve.Options{Source: dir, Port: 0, Editor: New(dir), Logf: func(string, ...any) {}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done; p.Close() })
	for deadline := time.Now().Add(60 * time.Second); srv.Status().Builds == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("first build never ended")
		}
	}
	return dir, strings.TrimSuffix(srv.URL(), "/")
}

// browser starts headless Chromium for the test (testdeps: fails under
// CI=true when it is missing, skips elsewhere).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := testdeps.Path(t, testdeps.Chromium)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Flag("headless", "new"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		testdeps.Unavailable(t, "Chromium (%s) does not start: %v", path, err)
	}
	return ctx
}

// run does actions, failing the test on error.
func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// js evaluates an expression (awaiting a promise) and returns its value.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitJS waits until a JavaScript condition holds (at most 60 s: under
// -race on two busy cores a preview rebuild and the reload of two frames
// took longer than 20 s).
func waitJS(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("never true: %s (last error %v)", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// typeInto replaces the text of a field by typing, as a person does:
// the input events drive the live check.
func typeInto(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	js[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).value = "", true)`, sel))
	run(t, ctx, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// textOf is the text of the element with the id, "" when there is none.
func textOf(id string) string {
	return fmt.Sprintf(`(document.getElementById(%q) || {textContent: ""}).textContent`, id)
}

// TestBrowserEditPhone: a phone made invalid shows the R8 message at its
// field as it is typed; fixed and saved, the file changes by one line
// and the preview beside the form shows the new number.
func TestBrowserEditPhone(t *testing.T) {
	ctx := browser(t)
	dir, base := liveEditor(t)
	file := sampleFile(t, dir, sampleCode)
	before, _ := os.ReadFile(file)
	run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode))
	typeInto(t, ctx, "#f-locations-0-phone", "12")
	waitJS(t, ctx, textOf("e-locations-0-phone")+`.startsWith("[R8] ")`)
	msg := js[string](t, ctx, textOf("e-locations-0-phone"))
	t.Logf("shown at the field: %s", msg)
	if got := js[string](t, ctx, `document.getElementById("f-locations-0-phone").getAttribute("aria-invalid")`); got != "true" {
		t.Errorf("aria-invalid %q", got)
	}
	screenshot(t, ctx, "form-error-1280", 1280)
	screenAt(t, ctx, "view-error-1280", 1280, "#f-locations-0-phone")
	screenAt(t, ctx, "view-error-360", 360, "#f-locations-0-phone")
	screenAt(t, ctx, "view-top-360", 360, "h1")

	typeInto(t, ctx, "#f-locations-0-phone", "0580-2999999")
	waitJS(t, ctx, textOf("e-locations-0-phone")+` === ""`)
	run(t, ctx, chromedp.Click(chromedp.CSS("#save")))
	waitJS(t, ctx, textOf("result")+` === "已保存。"`)
	after, _ := os.ReadFile(file)
	if d := diffLines(string(before), string(after)); d != 1 {
		t.Fatalf("the save changed %d lines:\n%s", d, after)
	}
	waitJS(t, ctx, `(() => { const d = document.getElementById("pv-page").contentDocument; return !!d && !!d.body && d.body.innerText.includes("0580-2999999"); })()`)
	waitJS(t, ctx, `(() => { const d = document.getElementById("pv-print").contentDocument; return !!d && !!d.body && d.body.innerText.includes("0580-2999999"); })()`)
	screenshot(t, ctx, "form-saved-1280", 1280)
	screenAt(t, ctx, "view-preview-1280", 1280, "#pv-h")
	screenAt(t, ctx, "view-preview-360", 360, "#pv-h")
}

// TestBrowserAddMaterial adds two materials with the button (the guide
// inherits its materials, so these replace them), fills them in, moves
// the second above the first and saves: the file holds them in that
// order and the whole site checks clean.
func TestBrowserAddMaterial(t *testing.T) {
	ctx := browser(t)
	dir, base := liveEditor(t)
	run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode))
	n := js[int](t, ctx, `document.querySelectorAll("#f-materials > [data-entry]").length`)
	for i, name := range []string{"户口簿", "结婚证"} {
		run(t, ctx, chromedp.Click(chromedp.CSS(`button[data-add="materials"]`)))
		id := fmt.Sprintf("f-materials-%d-name", n+i)
		if focused := js[string](t, ctx, `document.activeElement.id`); focused != id {
			t.Errorf("focus on %q after adding, want %s", focused, id)
		}
		run(t, ctx, chromedp.SendKeys(chromedp.CSS("#"+id), name))
		js[bool](t, ctx, fmt.Sprintf(`(document.getElementById("f-materials-%d-source").value = "申请人自备", true)`, n+i))
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#f-materials-%d button[data-act="up"]`, n+1))))
	order := js[string](t, ctx, `Array.from(document.querySelectorAll("#f-materials > [data-entry]")).slice(-2).map(e => e.id + " " + e.querySelector("input[type=text]").name + "=" + e.querySelector("input[type=text]").value + " " + e.querySelector("label").htmlFor).join(" | ")`)
	want := fmt.Sprintf("f-materials-%d materials.%d.name=结婚证 f-materials-%d-name | f-materials-%d materials.%d.name=户口簿 f-materials-%d-name", n, n, n, n+1, n+1, n+1)
	if order != want {
		t.Errorf("after moving up:\n got %s\nwant %s", order, want)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#save")))
	waitJS(t, ctx, textOf("result")+` === "已保存。"`)
	c, err := build.Check(t.Context(), dir, false, nil, nil)
	if err != nil {
		for _, d := range c.Diagnostics {
			t.Log(d.String())
		}
		t.Fatalf("check after adding materials: %v", err)
	}
	data, _ := os.ReadFile(sampleFile(t, dir, sampleCode))
	if !strings.Contains(string(data), "[[materials]]\nname = \"结婚证\"\nsource = \"申请人自备\"\n\n[[materials]]\nname = \"户口簿\"\nsource = \"申请人自备\"\n") {
		t.Errorf("new materials not written as expected:\n%s", data)
	}
}

// TestBrowserStaleForm: the file changes on disk after the form opened;
// saving refuses, says why and offers to reload, and the other change
// stays.
func TestBrowserStaleForm(t *testing.T) {
	ctx := browser(t)
	dir, base := liveEditor(t)
	file := sampleFile(t, dir, sampleCode)
	run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode))
	data, _ := os.ReadFile(file)
	theirs := append(data, []byte("\n别人刚加的一段。\n")...)
	os.WriteFile(file, theirs, 0o644)
	typeInto(t, ctx, "#f-locations-0-phone", "0580-2777777")
	run(t, ctx, chromedp.Click(chromedp.CSS("#save")))
	waitJS(t, ctx, `!document.getElementById("stale").hidden`)
	if got := js[string](t, ctx, `document.activeElement.id`); got != "reload" {
		t.Errorf("focus on %q, want the reload link", got)
	}
	if now, _ := os.ReadFile(file); string(now) != string(theirs) {
		t.Fatal("the stale form overwrote the file")
	}
	screenAt(t, ctx, "view-stale-360", 360, "#stale")
}

// TestBrowserCrossOriginPost: a page on another origin posts to the
// editor, even with the right token and the credentials of the browser;
// the server refuses and the file stays.
func TestBrowserCrossOriginPost(t *testing.T) {
	ctx := browser(t)
	dir, base := liveEditor(t)
	file := sampleFile(t, dir, sampleCode)
	before, _ := os.ReadFile(file)
	run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode))
	token := js[string](t, ctx, `document.getElementById("guide-form").dataset.token`)
	hash := js[string](t, ctx, `document.getElementById("hash").value`)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<!doctype html><title>别的网站</title><p>别的网站</p>")
	}))
	defer evil.Close()
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1) // another origin
	run(t, ctx, chromedp.Navigate(evilURL))
	body, _ := json.Marshal("_token=" + token + "&_hash=" + hash + "&locations.0.phone=12345")
	status := js[string](t, ctx, fmt.Sprintf(`fetch(%q, {method: "POST", mode: "no-cors", credentials: "include",
		headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: %s}).then(r => "sent " + r.type, e => "failed " + e)`,
		base+"/edit/"+sampleCode+"/save", body))
	t.Logf("cross-origin fetch: %s", status)
	time.Sleep(300 * time.Millisecond)
	if now, _ := os.ReadFile(file); string(now) != string(before) {
		t.Fatal("a cross-origin POST wrote the file")
	}
	// The same request from the editor's own page is accepted (so the
	// refusal above is the origin's doing).
	run(t, ctx, chromedp.Navigate(base+"/edit/"+sampleCode))
	code := js[int](t, ctx, fmt.Sprintf(`fetch(%q, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: %s}).then(r => r.status)`,
		base+"/edit/"+sampleCode+"/check", body))
	if code != 200 {
		t.Errorf("same-origin check: %d", code)
	}
}

// screenshot saves a full-page PNG at the width into $ZHINAN_SHOTS (or
// the test's temporary folder) for a person to look at.
func screenshot(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	run(t, ctx, chromedp.EmulateViewport(width, 900))
	time.Sleep(150 * time.Millisecond)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	savePNG(t, name, png)
	run(t, ctx, chromedp.EmulateViewport(1280, 900))
}

// screenAt saves what a screen of the width shows with the element sel
// scrolled into view: the part of a long page a person looks at.
func screenAt(t *testing.T, ctx context.Context, name string, width int64, sel string) {
	t.Helper()
	run(t, ctx, chromedp.EmulateViewport(width, 800), chromedp.ScrollIntoView(chromedp.CSS(sel)))
	time.Sleep(150 * time.Millisecond)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	savePNG(t, name, png)
	run(t, ctx, chromedp.EmulateViewport(1280, 900))
}

// savePNG writes a screenshot into $ZHINAN_SHOTS, or the test's
// temporary folder, and logs where.
func savePNG(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := os.Getenv("ZHINAN_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}
