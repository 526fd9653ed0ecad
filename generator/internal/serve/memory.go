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
	// lazy renders pages that are not among files (see Result.Lazy).
	lazy func(name string) ([]byte, bool, error)
}

// get returns the file at name: from files, else rendered on demand.
func (m *memSite) get(name string) ([]byte, bool, error) {
	if data, ok := m.files[name]; ok {
		return data, true, nil
	}
	if m.lazy != nil {
		return m.lazy(name)
	}
	return nil, false, nil
}

func newMemSite(files []site.File, built time.Time) *memSite {
	m := &memSite{files: make(map[string][]byte, len(files)), built: built}
	for _, f := range files {
		m.files[strings.TrimPrefix(path.Clean("/"+f.Path), "/")] = f.Data
	}
	return m
}

// serveMemory is serveSite for BuildFiles mode: the build's files from
// memory, then the site's static/ folder, then 404.html.
func (s *Server) serveMemory(w http.ResponseWriter, r *http.Request, name string) {
	m := s.files.Load()
	if m == nil {
		m = &memSite{}
	}
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
			s.writeHTML(w, r, http.StatusOK, data)
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
	if data, ok, _ := m.get("404.html"); ok {
		s.writeHTML(w, r, http.StatusNotFound, data)
		return
	}
	s.notFound(w, r)
}

// UpdateFiles changes the files served in BuildFiles mode without a
// rebuild: update gets a copy of the current files (path → bytes) to change
// as it likes, and the result is served from then on. The preview uses it
// to swap in a search index that finished building after the pages.
// A later build replaces everything, as usual.
func (s *Server) UpdateFiles(update func(files map[string][]byte)) {
	for {
		old := s.files.Load()
		next := &memSite{files: map[string][]byte{}, built: time.Now()}
		if old != nil {
			next.lazy = old.lazy
			for k, v := range old.files {
				next.files[k] = v
			}
		}
		update(next.files)
		if s.files.CompareAndSwap(old, next) {
			return
		}
	}
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
