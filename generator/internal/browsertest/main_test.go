package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"zhinan/generator/internal/testdeps"
)

// deps are what the browser tests need besides Go; testdeps fails them
// under CI=true when one is missing and skips them elsewhere. The tests
// never download a browser: Chromium is Debian's (see testdeps).
var deps = []testdeps.Dep{
	testdeps.Chromium, testdeps.CJKFonts, testdeps.Java,
	testdeps.NodeModule(axePath), testdeps.NodeModule(vnuPath),
}

// harness is what the tests share: the repository, the built site, its
// server and one browser.
var harness struct {
	root string // repository root (config.toml, content/, node_modules/)
	tmp  string // removed when the tests end

	siteOnce sync.Once
	siteDir  string // the built sample site
	siteURL  string // http://127.0.0.1:port, serving siteDir
	siteErr  error
	server   *http.Server

	browserOnce   sync.Once
	browser       context.Context // root context of the one Chromium
	browserErr    error
	stopBrowser   context.CancelFunc
	missingReason string // what the browser tests lack here, or ""
}

func TestMain(m *testing.M) {
	root, err := filepath.Abs("../../..")
	if err == nil {
		_, err = os.Stat(filepath.Join(root, "go.mod"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest: 找不到仓库根目录：", err)
		os.Exit(2)
	}
	harness.root = root
	harness.missingReason = testdeps.Missing(deps...)
	harness.tmp, err = os.MkdirTemp("", "zhinan-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	if harness.stopBrowser != nil {
		harness.stopBrowser()
	}
	if harness.server != nil {
		harness.server.Close()
	}
	os.RemoveAll(harness.tmp)
	os.Exit(code)
}

// noteInputs stats every file the built site depends on (generator
// sources, layouts, content, static files, config, node_modules' tools),
// so that go test's cache, which remembers the files a test opened or
// stated, reruns these tests when one changes: the site is built by child
// processes, whose reads the cache cannot see.
func noteInputs(root string) {
	for _, dir := range []string{"generator", "layouts", "content", "static", "config.toml", "go.mod", "go.sum", "package-lock.json"} {
		filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				os.Stat(p)
			}
			return nil
		})
	}
}

// needBrowser stops t, failing it under CI=true and skipping it elsewhere,
// when Chromium, CJK fonts, Java or node_modules is missing.
func needBrowser(t *testing.T) {
	t.Helper()
	if harness.missingReason != "" {
		testdeps.Unavailable(t, "browser tests need %s; then run go test ./generator/internal/browsertest/", harness.missingReason)
	}
}

// builtSite builds the generator and the sample site once, serves it on
// 127.0.0.1 and returns the folder and the base URL (no trailing slash).
func builtSite(t testing.TB) (dir, baseURL string) {
	t.Helper()
	harness.siteOnce.Do(func() {
		harness.siteErr = buildSite()
	})
	if harness.siteErr != nil {
		t.Fatal(harness.siteErr)
	}
	return harness.siteDir, harness.siteURL
}

func buildSite() error {
	noteInputs(harness.root) // inside m.Run, where go test logs file access
	bin := filepath.Join(harness.tmp, "zhinan")
	cmd := exec.Command("go", "build", "-o", bin, "./generator")
	cmd.Dir = harness.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./generator: %v\n%s", err, out)
	}
	dest := filepath.Join(harness.tmp, "site")
	cmd = exec.Command(bin, "build", "--source", harness.root, "--dest", dest, "--quiet")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("zhinan build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	harness.server = &http.Server{Handler: siteHandler(dest)}
	go harness.server.Serve(ln)
	harness.siteDir = dest
	harness.siteURL = "http://" + ln.Addr().String()
	return nil
}

// siteHandler serves the built folder as a static host does: index.html
// for folders, 404.html with status 404 for what is not there.
func siteHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(r.URL.Path))
		if _, err := os.Stat(p); err != nil {
			body, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(body)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// startBrowser starts the one Chromium, with exactly the flags the project
// allows and a new empty profile.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	chromium := testdeps.Path(t, testdeps.Chromium) // outside Do: it may stop t
	harness.browserOnce.Do(func() {
		profile := filepath.Join(harness.tmp, "profile")
		if err := os.Mkdir(profile, 0o700); err != nil {
			harness.browserErr = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(chromium),
			chromedp.Flag("headless", true),
			chromedp.Flag("no-sandbox", true),
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.UserDataDir(profile),
		}
		alloc, stopAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, stop := chromedp.NewContext(alloc)
		harness.stopBrowser = func() { stop(); stopAlloc() }
		if err := chromedp.Do(ctx); err != nil {
			harness.browserErr = fmt.Errorf("Chromium 无法启动：%v", err)
			return
		}
		harness.browser = ctx
	})
	if harness.browserErr != nil {
		t.Fatal(harness.browserErr)
	}
	return harness.browser
}

// tab is one browser tab of a test, with the console errors it saw.
type tab struct {
	t       *testing.T
	ctx     context.Context
	base    string
	mu      sync.Mutex
	console []string
}

// newTab opens a tab (options may ask for a fresh browser context) at the default viewport (a 412 px wide phone, as
// Lighthouse's mobile run uses) and closes it when t ends. Errors written to
// the console, uncaught exceptions and failed loads are collected.
func newTab(t *testing.T, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	needBrowser(t)
	_, base := builtSite(t)
	browser := startBrowser(t)
	tb := &tab{t: t, base: base}
	limit, cancelLimit := context.WithTimeout(browser, 90*time.Second)
	ctx, cancel := chromedp.NewContext(limit, append(opts, chromedp.WithListener(tb.listen))...)
	t.Cleanup(func() { cancel(); cancelLimit() })
	tb.ctx = ctx
	tb.do(chromedp.EmulateViewport(412, 823))
	return tb
}

func (tb *tab) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			msg = "console." + string(e.Type) + ": " + strings.Join(parts, " ")
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			msg = "log: " + e.Entry.Text + " " + e.Entry.URL
		}
	}
	if msg != "" {
		tb.mu.Lock()
		tb.console = append(tb.console, msg)
		tb.mu.Unlock()
	}
}

// consoleErrors returns and forgets the errors seen so far.
func (tb *tab) consoleErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	out := tb.console
	tb.console = nil
	return out
}

// do runs actions, failing the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

// open loads a path of the site and waits for it to load.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.base + path))
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: %v", firstLine(expr), err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds, for at most 10 s.
func (tb *tab) waitFor(cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("页面始终不满足 %s（%v）", cond, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + "…"
	}
	return s
}
