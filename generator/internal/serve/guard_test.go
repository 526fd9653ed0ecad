package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// do sends one request to the server with the given method and Host
// header ("" keeps the server's own) and returns the response with its
// body read, without following redirects. An event stream is cut after
// its headers.
func do(t *testing.T, s *Server, method, path, host string) (*http.Response, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.URL()+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s (Host %q): %v", method, path, host, err)
	}
	defer resp.Body.Close()
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		return resp, ""
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// endpoints are one path of each kind the server answers.
var endpoints = []string{
	"/",                 // a page
	"/style.css",        // a file that is not HTML
	"/guide/nope/",      // 404
	"/guide/x",          // redirect to the folder
	"/_serve/status",    // JSON
	"/_serve/events",    // server-sent events
	"/_serve/client.js", // the script
	"/api/last",         // an Options.Handlers endpoint
}

// TestGuard sends requests with foreign Host headers and with methods
// other than GET and HEAD to every kind of endpoint, and checks that every
// response, refused or not, says nosniff.
func TestGuard(t *testing.T) {
	f := newFakeSite(t)
	f.extra = []site.File{{Path: "guide/x/index.html", Data: []byte("<p>x</p>")}}
	s := start(t, f)
	_, port, _ := net.SplitHostPort(s.Addr())

	wantStatus := map[string]int{"/guide/nope/": 404, "/guide/x": 301}
	for _, path := range endpoints {
		want := wantStatus[path]
		if want == 0 {
			want = 200
		}
		for _, method := range []string{"GET", "HEAD"} {
			resp, _ := do(t, s, method, path, "")
			if resp.StatusCode != want {
				t.Errorf("%s %s = %d, want %d", method, path, resp.StatusCode, want)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s %s: X-Content-Type-Options = %q, want nosniff", method, path, got)
			}
		}
		// Every name of this computer, with any port or none.
		for _, host := range []string{"localhost", "localhost:" + port, "LocalHost.:80", "127.0.0.1", "127.0.0.1:9999", "[::1]", "[::1]:" + port} {
			if resp, _ := do(t, s, "GET", path, host); resp.StatusCode != want {
				t.Errorf("GET %s with Host %q = %d, want %d", path, host, resp.StatusCode, want)
			}
		}
		// DNS rebinding: a name that resolved to 127.0.0.1 only long
		// enough for the page to load, and addresses this server is not
		// bound to.
		for _, host := range []string{"evil.example", "evil.example:" + port, "rebind.127.0.0.1.nip.io:" + port, "localhost.evil.example", "evil.localhost", "192.168.1.5:" + port, "[fe80::1]"} {
			resp, body := do(t, s, "GET", path, host)
			if resp.StatusCode != http.StatusMisdirectedRequest || !strings.Contains(body, "拒绝访问") {
				t.Errorf("GET %s with Host %q = %d %q, want 421 with a reason", path, host, resp.StatusCode, body)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s with Host %q: no nosniff", path, host)
			}
		}
		for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
			resp, body := do(t, s, method, path, "")
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s = %d, Allow %q, want 405 with Allow: GET, HEAD", method, path, resp.StatusCode, resp.Header.Get("Allow"))
			}
			if !strings.Contains(body, "只支持 GET 和 HEAD") {
				t.Errorf("%s %s: body %q, want the reason in Chinese", method, path, body)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s %s: no nosniff", method, path)
			}
		}
	}
}

// TestEmptyDiagnosticsAreAList wants a build without diagnostics reported
// as "diagnostics": [], not null, in /_serve/status and the hello event.
func TestEmptyDiagnosticsAreAList(t *testing.T) {
	f := newFakeSite(t)
	s := start(t, f)
	_, body := do(t, s, "GET", "/_serve/status", "")
	if !strings.Contains(body, `"diagnostics": []`) || strings.Contains(body, "null") {
		t.Errorf("status = %s, want \"diagnostics\": []", body)
	}
	if d := s.Status().Diagnostics; d == nil {
		t.Error("Status().Diagnostics is nil")
	}
	ev := next(t, listenRaw(t, s), "hello")
	if !strings.Contains(ev.data, `"diagnostics":[]`) || strings.Contains(ev.data, "null") {
		t.Errorf("hello = %s, want \"diagnostics\":[]", ev.data)
	}
}

// TestHostPolicy checks the Host headers accepted for each kind of
// --bind.
func TestHostPolicy(t *testing.T) {
	tcp := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 1313} }
	cases := []struct {
		bind       string
		addr       net.Addr
		allow, ban []string
	}{
		{"127.0.0.1", tcp("127.0.0.1"),
			[]string{"localhost:1313", "127.0.0.1:1", "[::1]:1313", "[::1]", "::1", "[::ffff:127.0.0.1]:1313"},
			[]string{"", ":1313", "evil.example:1313", "192.168.1.5:1313", "0.0.0.0:1313", "evil.localhost", "127.0.0.1.nip.io"}},
		{"192.168.1.5", tcp("192.168.1.5"),
			[]string{"192.168.1.5:1313", "192.168.1.5", "localhost", "127.0.0.1:8080"},
			[]string{"192.168.1.6:1313", "evil.example", "[fe80::1]:1313"}},
		{"0.0.0.0", tcp("0.0.0.0"),
			[]string{"192.168.1.5:1313", "10.0.0.1", "[fe80::1]:1313", "[2001:db8::1]", "localhost:1313"},
			[]string{"evil.example:1313", "myhost.lan:1313", "", "localhost.evil.example"}},
		{"::", tcp("::"),
			[]string{"192.168.1.5:1313", "[2001:db8::1]:1313", "localhost"},
			[]string{"evil.example"}},
		{"MyHost.lan", tcp("192.168.1.5"),
			[]string{"myhost.lan:1313", "MYHOST.LAN.", "192.168.1.5:1313", "localhost"},
			[]string{"otherhost.lan", "10.0.0.1"}},
	}
	for _, c := range cases {
		p := newHostPolicy(c.bind, c.addr)
		for _, h := range c.allow {
			if !p.allows(h) {
				t.Errorf("--bind %s: Host %q refused, want accepted", c.bind, h)
			}
		}
		for _, h := range c.ban {
			if p.allows(h) {
				t.Errorf("--bind %s: Host %q accepted, want refused", c.bind, h)
			}
		}
	}
}
