package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/search"

	"github.com/BurntSushi/toml"
)

// sampleSite is the repository's sample site's index, built once, as a
// published output folder (DIR/search).
var sampleSite = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "zhinan-api-")
	if err != nil {
		return "", err
	}
	return dir, build.IndexInto("../../..", filepath.Join(dir, "pub", "search"))
})

func samplePub(t *testing.T) string {
	t.Helper()
	dir, err := sampleSite()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "pub")
}

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// start runs a server with o on a free port of 127.0.0.1 until the test
// ends, and returns it with its log.
func start(t *testing.T, o Options) (*Server, *lockedBuffer) {
	t.Helper()
	log := &lockedBuffer{}
	o.Log = slog.New(slog.NewJSONHandler(log, nil))
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return s, log
}

// get asks the server for path and returns the status, headers and body.
func get(t *testing.T, s *Server, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get("http://" + s.Addr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

// wantJSONError checks a refusal: the status, a JSON body with a Chinese
// reason, and Retry-After when retry.
func wantJSONError(t *testing.T, s *Server, path string, status int, retry bool) {
	t.Helper()
	code, h, body := get(t, s, path)
	var e struct{ Error string }
	if code != status || json.Unmarshal(body, &e) != nil || e.Error == "" || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Errorf("GET %s: %d %s %q; want %d with a JSON error", path, code, h.Get("Content-Type"), body, status)
	}
	if retry && h.Get("Retry-After") == "" {
		t.Errorf("GET %s: %d without Retry-After", path, code)
	}
}

func TestBindsToLoopbackByDefault(t *testing.T) {
	s, _ := start(t, Options{Sites: []string{samplePub(t)}})
	if !strings.HasPrefix(s.Addr(), "127.0.0.1:") {
		t.Errorf("listens on %s; want 127.0.0.1 unless told otherwise", s.Addr())
	}
}

func TestLimits(t *testing.T) {
	s, _ := start(t, Options{Sites: []string{samplePub(t)}, Limits: limits(20, 5, 0)})
	q := url.QueryEscape
	wantJSONError(t, s, "/api/search?q="+q(strings.Repeat("律", 21)), 400, false)
	wantJSONError(t, s, "/api/suggest?q="+q(strings.Repeat("律", 21)), 400, false)
	wantJSONError(t, s, "/api/search?q="+q("律师")+"&size=6", 400, false)
	wantJSONError(t, s, "/api/suggest?q="+q("律师")+"&size=11", 400, false)
	code, _, body := get(t, s, "/api/search?q="+q(strings.Repeat("律师", 10))+"&size=5")
	var res struct{ Hits []json.RawMessage }
	if code != 200 || json.Unmarshal(body, &res) != nil || len(res.Hits) == 0 || len(res.Hits) > 5 {
		t.Errorf("a query at the limits: %d, %d hits; want 200 with 1 to 5 hits", code, len(res.Hits))
	}
}

func limits(runes, size int, timeout time.Duration) search.Limits {
	return search.Limits{MaxQueryRunes: runes, MaxSize: size, Timeout: timeout}
}

func TestTimeout(t *testing.T) {
	s, _ := start(t, Options{Sites: []string{samplePub(t)}, Limits: limits(0, 0, time.Nanosecond)})
	wantJSONError(t, s, "/api/search?q="+url.QueryEscape("律师"), 503, true)
	wantJSONError(t, s, "/api/suggest?q="+url.QueryEscape("律师"), 503, true)
}

// TestSaturated: with every slot taken, a search gets 503 and Retry-After
// at once; /healthz still answers; a freed slot serves again.
func TestSaturated(t *testing.T) {
	s, _ := start(t, Options{Sites: []string{samplePub(t)}, MaxConcurrent: 2})
	s.sem <- struct{}{}
	s.sem <- struct{}{}
	wantJSONError(t, s, "/api/search?q="+url.QueryEscape("律师"), 503, true)
	wantJSONError(t, s, "/api/suggest?q="+url.QueryEscape("律师"), 503, true)
	if code, _, _ := get(t, s, "/healthz"); code != 200 {
		t.Errorf("/healthz while saturated: %d; want 200", code)
	}
	<-s.sem
	if code, _, body := get(t, s, "/api/search?q="+url.QueryEscape("律师")); code != 200 {
		t.Errorf("after a slot is freed: %d %s; want 200", code, body)
	}
	<-s.sem
}

func TestHealthzAndErrors(t *testing.T) {
	s, _ := start(t, Options{Sites: []string{samplePub(t)}})
	code, _, body := get(t, s, "/healthz")
	if code != 200 || string(body) != `{"status":"ok","sites":1}`+"\n" {
		t.Errorf("/healthz: %d %s", code, body)
	}
	wantJSONError(t, s, "/nothing", 404, false)
	wantJSONError(t, s, "/api/search?q=%zz", 400, false)
	resp, err := http.Post("http://"+s.Addr()+"/api/search", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q; want 405 GET, HEAD", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

// TestAccessLogHasNoAddress: every request is one JSON line with method,
// path, status and time, and nothing of the client: no address, no port,
// no query.
func TestAccessLogHasNoAddress(t *testing.T) {
	s, log := start(t, Options{Sites: []string{samplePub(t)}})
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get("http://" + s.Addr() + "/api/search?q=" + url.QueryEscape("身份证"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	get(t, s, "/healthz")
	// a request is logged once its handler returns, which may be after
	// the client has read the answer
	for deadline := time.Now().Add(10 * time.Second); strings.Count(log.String(), `"msg":"request"`) < 2 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	var requests int
	for _, line := range strings.Split(strings.TrimSpace(log.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if rec["msg"] != "request" {
			continue
		}
		requests++
		if rec["method"] != "GET" || rec["status"] == nil || rec["ms"] == nil || rec["path"] == nil {
			t.Errorf("log line %q lacks method, path, status or ms", line)
		}
		if strings.Contains(line, "127.0.0.1") || strings.Contains(line, "身份证") || strings.Contains(line, "%E8") {
			t.Errorf("log line %q holds the client's address or query", line)
		}
	}
	if requests != 2 {
		t.Errorf("%d request lines; want 2:\n%s", requests, log.String())
	}
}

// cliHit is a hit of `generator search --json`.
type cliHit struct {
	Code, Title, URL, Snippet string
	Score                     float64
}

// TestOneSiteEqualsSearchJSON: for every query of the quality set, the
// api answers what `generator search --json` prints.
func TestOneSiteEqualsSearchJSON(t *testing.T) {
	pub := samplePub(t)
	s, _ := start(t, Options{Sites: []string{pub}})
	for _, q := range readQueries(t) {
		var cli, api struct {
			Total int
			Weak  bool
			Hits  []cliHit
		}
		var out, errb bytes.Buffer
		if code := runCLI(filepath.Join(pub, "search"), q, &out, &errb); code != 0 {
			t.Fatalf("search %q: exit %d %s", q, code, errb.String())
		}
		if err := json.Unmarshal(out.Bytes(), &cli); err != nil {
			t.Fatal(err)
		}
		code, _, body := get(t, s, "/api/search?q="+url.QueryEscape(q))
		if err := json.Unmarshal(body, &api); err != nil || code != 200 {
			t.Fatalf("%q: %d %s", q, code, body)
		}
		if fmt.Sprint(cli) != fmt.Sprint(api) {
			t.Errorf("%q:\n generator search --json: %+v\n api:                    %+v", q, cli, api)
		}
	}
}

// readQueries are the texts of testdata/search/queries.toml.
func readQueries(t *testing.T) []string {
	t.Helper()
	var qs struct{ Query []struct{ Text string } }
	if _, err := toml.DecodeFile("../../../testdata/search/queries.toml", &qs); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, q := range qs.Query {
		if strings.TrimSpace(q.Text) != "" {
			out = append(out, q.Text)
		}
	}
	if len(out) < 40 {
		t.Fatalf("%d queries; want the quality set", len(out))
	}
	return out
}

// runCLI is `generator search --json QUERY` on the index under dir.
func runCLI(dir, q string, stdout, stderr io.Writer) int {
	return search.RunCLI(dir, search.CLIOptions{Text: q, Size: 10, JSON: true}, stdout, stderr)
}

// TestSuggest: completions are the titles of the best guides for what
// has been typed, at most size.
func TestSuggest(t *testing.T) {
	s, _ := start(t, Options{Sites: []string{samplePub(t)}})
	code, _, body := get(t, s, "/api/suggest?size=3&q="+url.QueryEscape("律师"))
	var res struct {
		Query       string
		Suggestions []struct{ Title, URL, Code string }
	}
	if code != 200 || json.Unmarshal(body, &res) != nil || res.Query != "律师" || len(res.Suggestions) != 3 {
		t.Fatalf("%d %s; want 3 suggestions", code, body)
	}
	for _, sg := range res.Suggestions {
		if !strings.Contains(sg.Title, "律师") || !strings.HasPrefix(sg.URL, "/guide/") || sg.Code == "" {
			t.Errorf("suggestion %+v does not complete 律师", sg)
		}
	}
}
