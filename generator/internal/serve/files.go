package serve

import (
	_ "embed"
	"html"
	"net/http"
	"path"
	"strings"
)

//go:embed client.js
var clientJS []byte

// Handler serves the built site with the reload script injected into HTML,
// plus the /_serve/ endpoints and Options.Handlers, all behind guard (Host
// check, GET and HEAD only, nosniff). Run serves it; tests may mount it on
// an httptest server (whose 127.0.0.1 Host it accepts).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_serve/events", s.serveEvents)
	mux.HandleFunc("/_serve/status", s.serveStatus)
	mux.HandleFunc("/_serve/client.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(clientJS)
	})
	for pattern, h := range s.opts.Handlers {
		mux.Handle(pattern, h)
	}
	if s.edit != nil {
		mux.Handle(EditPrefix, s.edit)
	}
	mux.HandleFunc("/", s.serveSite)
	return s.guard(mux)
}

// notFound serves the site's 404.html, or a short page of its own when the
// site has none (or no build has succeeded yet), with status 404. Both
// carry the reload script, so a page that is missing because the build
// failed still shows the overlay.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	m := s.current()
	data, ok, _ := m.get("404.html")
	if !ok {
		data = []byte("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>页面不存在</title>" +
			"<body><h1>页面不存在</h1><p>" + html.EscapeString(r.URL.Path) +
			" 不存在。若刚刚修改了文件，请稍候：构建完成后本页会自动刷新。</p></body></html>")
	}
	s.writeHTML(w, r, http.StatusNotFound, data, m.build)
}

// writeHTML serves a page of the build with id build, with the reload
// script that compares build with the newest.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, data []byte, build string) {
	data = InjectScript(data, build)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// redirectToFolder sends /guide/x to /guide/x/, keeping the query, so that
// relative links in the folder's index.html resolve.
func redirectToFolder(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Path + "/"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// InjectScript returns page with the reload script inserted before its
// last </body> (or appended when there is none). build is the id of the
// build the page comes from; the script reloads the page when it learns
// that a newer build exists.
func InjectScript(page []byte, build string) []byte {
	tag := `<script src="/_serve/client.js" data-build="` + html.EscapeString(build) + `"></script>`
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		return append(append([]byte(nil), page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// lastIndexFold is the index of the last ASCII-case-insensitive match of
// needle (lower case) in s, or -1.
func lastIndexFold(s []byte, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		match := true
		for j := 0; j < len(needle); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
