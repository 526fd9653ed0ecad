package serve

import (
	"context"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"
	"zhinan/generator/internal/site"
)

func TestInjectScript(t *testing.T) {
	cases := []struct{ in, want string }{
		{"<html><body><p>x</p></body></html>", `<html><body><p>x</p><script src="/_serve/client.js" data-build="b1"></script></body></html>`},
		{"<BODY>x</BODY>", `<BODY>x<script src="/_serve/client.js" data-build="b1"></script></BODY>`},
		// The last </body> counts: an earlier one may sit in a <pre> sample.
		{"<pre>&lt;/body&gt;</body></pre></body>", `<pre>&lt;/body&gt;</body></pre><script src="/_serve/client.js" data-build="b1"></script></body>`},
		{"<p>no body</p>", `<p>no body</p><script src="/_serve/client.js" data-build="b1"></script>`},
	}
	for _, c := range cases {
		if got := string(InjectScript([]byte(c.in), "b1")); got != c.want {
			t.Errorf("InjectScript(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := string(InjectScript([]byte("</body>"), `"><script>`)); strings.Contains(got, `"><script>"`) {
		t.Errorf("build id not escaped: %s", got)
	}
}

func TestRelevantAndEditorTemp(t *testing.T) {
	yes := []string{"config.toml", "content/a.md", "content/新/b.md", "layouts/guide.html", "static/forms/a.docx", "content"}
	no := []string{"config.toml~", "public/index.html", "README.md", "content/.a.md.swp", "content/a.md~",
		"content/4913", "content/.#a.md", "content/#a.md#", "content/.git/HEAD", "static/~$表.docx",
		"content/a.md.tmp", "layouts/x.html___jb_tmp___", "content/a.md.swx"}
	for _, p := range yes {
		if !relevant(p) {
			t.Errorf("relevant(%q) = false", p)
		}
	}
	for _, p := range no {
		if relevant(p) {
			t.Errorf("relevant(%q) = true", p)
		}
	}
}

// TestDebounce drives the debouncer with synthetic changes, in a
// synctest bubble: its clock moves only when every goroutine of the
// bubble waits, so the windows hold exactly however busy the machine is
// (on the real clock, other test binaries made it fail).
func TestDebounce(t *testing.T) { synctest.Test(t, testDebounce) }

func testDebounce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan change)
	out := make(chan batch)
	quiet, maxDelay := 30*time.Millisecond, 300*time.Millisecond
	go debounce(ctx, in, out, quiet, maxDelay)

	// A burst with short gaps is one batch, paths deduplicated.
	start := time.Now()
	for i := range 5 {
		in <- change{path: []string{"a", "b", "a", "c", "b"}[i], at: time.Now()}
		time.Sleep(5 * time.Millisecond)
	}
	b := <-out
	if got := strings.Join(b.paths, ","); got != "a,b,c" {
		t.Errorf("paths = %s", got)
	}
	if b.first.Before(start) || time.Since(start) > 200*time.Millisecond {
		t.Errorf("batch took %v", time.Since(start))
	}

	// A steady stream is cut at maxDelay.
	start = time.Now()
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case in <- change{path: "x", at: time.Now()}:
				time.Sleep(10 * time.Millisecond)
			}
		}
	}()
	<-out
	close(stop)
	if d := time.Since(start); d < maxDelay-20*time.Millisecond || d > maxDelay+150*time.Millisecond {
		t.Errorf("steady stream batched after %v, want about %v", d, maxDelay)
	}
	for len(out) > 0 {
		<-out
	}

	// While the builder is busy (nobody receives), changes pile into one
	// batch.
	time.Sleep(100 * time.Millisecond)
	select {
	case <-out: // the tail of the stream above
	default:
	}
	for _, p := range []string{"p", "q"} {
		in <- change{path: p, at: time.Now()}
		time.Sleep(2 * quiet)
	}
	b = <-out
	if got := strings.Join(b.paths, ","); got != "p,q" {
		t.Errorf("busy builder: paths = %s, want p,q", got)
	}
}

// TestCloseReleasesAServerNeverRun wants Close to free the port of a
// server that was never run.
func TestCloseReleasesAServerNeverRun(t *testing.T) {
	s, err := New(builderFunc(func(context.Context, []string) Result { return Result{} }), Options{Source: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	addr := s.Addr()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("port not freed: %v", err)
	}
	ln.Close()
}

// slowPage is a PageSource whose page waits for release once entered.
type slowPage struct {
	entered, release chan struct{}
	body             string
}

func (p slowPage) Page(name string) ([]byte, bool, error) {
	if name != "guide/x/index.html" {
		return nil, false, nil
	}
	close(p.entered)
	<-p.release
	return []byte(p.body), true, nil
}

// TestPageKeepsItsBuildID: a page being read from one build while the
// next build finishes carries the id of the build it came from, so that
// its reload script, told the newer id, reloads it. Stop 20's CI saw the
// editor's print preview keep the old phone number for 60 s: the page was
// labelled with the id read after the swap, and nothing reloaded it.
func TestPageKeepsItsBuildID(t *testing.T) {
	old := slowPage{entered: make(chan struct{}), release: make(chan struct{}), body: "<body>old</body>"}
	builds := 0
	s, err := New(builderFunc(func(context.Context, []string) Result {
		builds++
		if builds == 1 {
			return Result{OnDemand: old}
		}
		return Result{Files: []site.File{{Path: "guide/x/index.html", Data: []byte("<body>new</body>")}}}
	}), Options{Source: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	s.rebuild(ctx, batch{})
	first := s.Status().Build
	served := make(chan string)
	go func() {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/guide/x/", nil))
		served <- rec.Body.String()
	}()
	<-old.entered
	s.rebuild(ctx, batch{})
	second := s.Status().Build
	close(old.release)
	page := <-served
	if !strings.Contains(page, "old") || !strings.Contains(page, `data-build="`+first+`"`) {
		t.Errorf("the page of build %s served while build %s finished is labelled wrongly:\n%s", first, second, page)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/guide/x/", nil))
	if page := rec.Body.String(); !strings.Contains(page, "new") || !strings.Contains(page, `data-build="`+second+`"`) {
		t.Errorf("after build %s:\n%s", second, page)
	}
}
