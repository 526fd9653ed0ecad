package editor

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"time"

	"zhinan/generator/internal/serve"
)

//go:embed assets
var assets embed.FS

// pages are the editor's HTML templates.
var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"fid":  fieldID,
	"pair": func(g groupView, e entryView) map[string]any { return map[string]any{"G": g, "E": e} },
}).ParseFS(assets, "assets/*.html"))

// Editor is the form editor of `generator serve` (serve.Editor): it
// serves /edit/ from the site folder Source and saves into its content/.
type Editor struct {
	source string
	// mu makes saves and creations one at a time, so that two tabs of the
	// editor cannot interleave a read and a write of the same file.
	mu sync.Mutex
	// now is the clock of new guides (tests fix it).
	now func() time.Time
}

// New returns the editor of the site folder source.
func New(source string) *Editor { return &Editor{source: source, now: time.Now} }

// Handler implements serve.Editor: the handler of everything under
// /edit/, with the server's write token to embed in forms. The server's
// guard has already refused a POST without that token or from another
// origin.
func (e *Editor) Handler(token string) http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets")
	mux.Handle("GET /edit/_/", http.StripPrefix("/edit/_/", http.FileServerFS(static)))
	mux.HandleFunc("GET /edit/{$}", func(w http.ResponseWriter, r *http.Request) { e.list(w, r, token, "") })
	mux.HandleFunc("POST /edit/_new", func(w http.ResponseWriter, r *http.Request) { e.create(w, r, token) })
	mux.HandleFunc("GET /edit/{code}", func(w http.ResponseWriter, r *http.Request) { e.form(w, r, token) })
	mux.HandleFunc("POST /edit/{code}/check", e.check)
	mux.HandleFunc("POST /edit/{code}/save", func(w http.ResponseWriter, r *http.Request) { e.save(w, r, token) })
	return mux
}

var _ serve.Editor = (*Editor)(nil)

// Hash is the hash of a file's bytes that a form carries (field
// HashField) to know whether the file changed since it was opened.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// HashField is the form field of Hash.
const HashField = "_hash"

// render writes a page from its template.
func render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := pages.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "编辑页面出错："+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write([]byte(b.String()))
}

// writeJSON answers a script of the editor.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// wantsJSON reports whether the request comes from the editor's script
// (which sends the token as a header) rather than a plain form.
func wantsJSON(r *http.Request) bool { return r.Header.Get(serve.TokenHeader) != "" }

// load reads the site, or answers with the reason it cannot.
func (e *Editor) load(ctx context.Context, w http.ResponseWriter) *siteState {
	st, err := readSite(ctx, e.source)
	if err != nil {
		http.Error(w, "无法读取站点："+err.Error(), http.StatusInternalServerError)
		return nil
	}
	return st
}
