package serve

import (
	"bytes"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"zhinan/generator/internal/site"
)

// memSite is one build's output held in memory, by path relative to the
// site root ("guide/x/index.html"). It is never changed once stored.
type memSite struct {
	files map[string][]byte
	built time.Time
	// build is the id of the build these files come from (Status.Build
	// of that build): the id a page served from them carries, so that a
	// page read from one build is never labelled with a newer one.
	build string
	// onDemand gives the pages that are not among files (see
	// Result.OnDemand); nil when the build has none.
	onDemand PageSource
}

// get returns the file at name: from files, else rendered on demand.
func (m *memSite) get(name string) ([]byte, bool, error) {
	if data, ok := m.files[name]; ok {
		return data, true, nil
	}
	if m.onDemand != nil {
		return m.onDemand.Page(name)
	}
	return nil, false, nil
}

func newMemSite(files []site.File, onDemand PageSource, built time.Time, build string) *memSite {
	m := &memSite{files: make(map[string][]byte, len(files)), built: built, onDemand: onDemand, build: build}
	for _, f := range files {
		m.files[strings.TrimPrefix(path.Clean("/"+f.Path), "/")] = f.Data
	}
	return m
}

// current is the last good build, or an empty site before the first.
func (s *Server) current() *memSite {
	if m := s.files.Load(); m != nil {
		return m
	}
	return &memSite{}
}

// serveSite serves the last good build: its files from memory (a folder
// serves its index.html, after a redirect to the URL with a trailing
// slash), then the site's static/ folder, then 404.html with status 404.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	m := s.current()
	if name == "." || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	data, ok, err := m.get(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if ok {
		w.Header().Set("Cache-Control", "no-cache")
		if isHTML(name) {
			s.writeHTML(w, r, http.StatusOK, data, m.build)
			return
		}
		http.ServeContent(w, r, path.Base(name), m.built, bytes.NewReader(data))
		return
	}
	if _, ok, _ := m.get(path.Join(name, "index.html")); ok {
		redirectToFolder(w, r)
		return
	}
	if f, fi := openStatic(filepath.Join(s.opts.Source, "static"), name); f != nil {
		defer f.Close()
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
		return
	}
	s.notFound(w, r)
}

// openStatic opens a regular file of the static folder, as the build
// copies them: nothing a link leads out of the folder to, and nothing
// that is not a regular file (opening a named pipe would block the
// request forever). It returns nil when there is no such file.
func openStatic(static, name string) (*os.File, os.FileInfo) {
	root, err := os.OpenRoot(static)
	if err != nil {
		return nil, nil
	}
	defer root.Close()
	if fi, err := root.Stat(name); err != nil || !fi.Mode().IsRegular() {
		return nil, nil
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil
	}
	return f, fi
}
