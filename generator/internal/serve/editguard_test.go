package serve

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// recordingEditor is an Editor that counts the requests that reach it
// and remembers its token.
type recordingEditor struct {
	token string
	hits  int
}

func (e *recordingEditor) Handler(token string) http.Handler {
	e.token = token
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.hits++
		w.Write([]byte("ok"))
	})
}

// TestEditorWriteGuard: only POST under /edit/ reaches the editor, and
// only with this process's token and from the same origin. A page on
// another site (Origin or Sec-Fetch-Site saying so), a missing or wrong
// token, or a POST elsewhere is refused before the editor sees it.
func TestEditorWriteGuard(t *testing.T) {
	ed := &recordingEditor{}
	s, err := New(&fakeSite{dir: t.TempDir()}, Options{Source: t.TempDir(), Port: 0, Editor: ed})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := s.Handler()
	if len(ed.token) != 64 {
		t.Fatalf("token %q", ed.token)
	}
	other, _ := New(&fakeSite{dir: t.TempDir()}, Options{Source: t.TempDir(), Port: 0, Editor: &recordingEditor{}})
	defer other.Close()
	if other.token == s.token {
		t.Fatal("two server processes share a token")
	}
	host := s.Addr()
	origin := "http://" + host
	cases := []struct {
		name, path, token, origin, site string
		header                          bool
		want                            int
	}{
		{"same origin, token in form", "/edit/x/save", ed.token, origin, "same-origin", false, 200},
		{"same origin, token in header", "/edit/x/check", ed.token, origin, "same-origin", true, 200},
		{"no browser headers (curl), token", "/edit/x/save", ed.token, "", "", false, 200},
		{"cross-origin page, token stolen", "/edit/x/save", ed.token, "https://evil.example", "cross-site", false, 403},
		{"cross-origin Origin only", "/edit/x/save", ed.token, "https://evil.example", "", false, 403},
		{"same-site other port", "/edit/x/save", ed.token, "http://127.0.0.1:1", "same-site", false, 403},
		{"missing token", "/edit/x/save", "", origin, "same-origin", false, 403},
		{"wrong token", "/edit/x/save", strings.Repeat("0", 64), origin, "same-origin", false, 403},
		{"POST outside /edit/", "/guide/x/", ed.token, origin, "same-origin", false, 405},
		{"POST to /_serve/status", "/_serve/status", ed.token, origin, "same-origin", false, 405},
	}
	for _, c := range cases {
		ed.hits = 0
		form := url.Values{}
		if c.token != "" && !c.header {
			form.Set(TokenField, c.token)
		}
		req := httptest.NewRequest("POST", "http://"+host+c.path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if c.header {
			req.Header.Set(TokenHeader, c.token)
		}
		if c.origin != "" {
			req.Header.Set("Origin", c.origin)
		}
		if c.site != "" {
			req.Header.Set("Sec-Fetch-Site", c.site)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%s: status %d, want %d (%s)", c.name, rec.Code, c.want, rec.Body)
		}
		if reached := ed.hits > 0; reached != (c.want == 200) {
			t.Errorf("%s: editor reached %v", c.name, reached)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", c.name)
		}
	}
	// GET of the editor needs no token; other methods stay refused.
	for method, want := range map[string]int{"GET": 200, "PUT": 405, "DELETE": 405} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, "http://"+host+"/edit/", nil))
		if rec.Code != want {
			t.Errorf("%s /edit/: %d, want %d", method, rec.Code, want)
		}
	}
}

// TestNoEditorNoPost: without an Editor, POST under /edit/ is 405 like
// anywhere else.
func TestNoEditorNoPost(t *testing.T) {
	s, err := New(&fakeSite{dir: t.TempDir()}, Options{Source: t.TempDir(), Port: 0})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "http://"+s.Addr()+"/edit/x/save", strings.NewReader(TokenField+"="+s.token))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("status %d", rec.Code)
	}
}
