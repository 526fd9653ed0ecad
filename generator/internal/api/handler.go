package api

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"time"
	"unicode/utf8"

	"zhinan/generator/internal/search"
)

// apiError is the JSON body of every refusal, as search's handler writes it.
type apiError struct {
	Error string `json:"error"`
}

// Handler routes the API: /api/search, /api/suggest, /healthz; every other
// path is a JSON 404. Every request is logged (logRequests).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/search", s.limited(func(w http.ResponseWriter, r *http.Request, g *generation) {
		search.HandlerWith(g.ix, s.opts.Limits).ServeHTTP(w, r)
	}))
	mux.Handle("/api/suggest", s.limited(s.suggest))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		search.WriteJSON(w, http.StatusOK, struct {
			Status string `json:"status"`
			Sites  int    `json:"sites"`
		}{"ok", len(s.dirs)})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		search.WriteJSON(w, http.StatusNotFound, apiError{"没有这个接口：可用 /api/search、/api/suggest、/healthz"})
	})
	return logRequests(s.opts.Log, mux)
}

// limited runs a search handler with a slot of the concurrency limit and
// the current indexes; without a free slot it answers 503 with
// Retry-After at once, so a saturated replica sheds load to the others.
func (s *Server) limited(h func(http.ResponseWriter, *http.Request, *generation)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			search.WriteJSON(w, http.StatusMethodNotAllowed, apiError{"只支持 GET 请求"})
			return
		}
		select {
		case s.sem <- struct{}{}:
			defer func() { <-s.sem }()
		default:
			w.Header().Set("Retry-After", "1")
			search.WriteJSON(w, http.StatusServiceUnavailable, apiError{"搜索服务繁忙，请稍后重试"})
			return
		}
		g := s.current()
		defer g.release()
		h(w, r, g)
	})
}

// maxSuggestions bounds /api/suggest's size.
const maxSuggestions = 10

// suggestion is one completion: a guide the typed text finds.
type suggestion struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Code  string `json:"code"`
}

// suggest answers /api/suggest?q=…&size=N (N from 1 to 10, default 5)
// with the titles of the best guides for what has been typed so far:
// {"query": "…", "suggestions": [{"title", "url", "code"}, …]}.
func (s *Server) suggest(w http.ResponseWriter, r *http.Request, g *generation) {
	vals := r.URL.Query()
	text := vals.Get("q")
	if n := utf8.RuneCountInString(text); n > s.opts.Limits.MaxQueryRunes {
		search.WriteJSON(w, http.StatusBadRequest, apiError{"查询太长：" + strconv.Itoa(n) + " 个字，最多 " + strconv.Itoa(s.opts.Limits.MaxQueryRunes) + " 个字"})
		return
	}
	size := 5
	if v := vals.Get("size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxSuggestions {
			search.WriteJSON(w, http.StatusBadRequest, apiError{"参数 size 应为 1 到 10 之间的整数"})
			return
		}
		size = n
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Limits.Timeout)
	defer cancel()
	res, err := g.ix.SearchContext(ctx, search.Query{Text: text, Size: size, Exact: true})
	if err != nil {
		w.Header().Set("Retry-After", "1")
		search.WriteJSON(w, http.StatusServiceUnavailable, apiError{"搜索超时，请缩短查询后重试"})
		return
	}
	out := []suggestion{}
	if !res.Weak {
		for _, h := range res.Hits {
			out = append(out, suggestion{h.Title, h.URL, h.Code})
		}
	}
	search.WriteJSON(w, http.StatusOK, struct {
		Query       string       `json:"query"`
		Suggestions []suggestion `json:"suggestions"`
	}{text, out})
}

// defaultConcurrency is the default limit of searches at once.
func defaultConcurrency() int { return max(4, 2*runtime.NumCPU()) }

// defaultLogger writes JSON lines to stderr.
func defaultLogger() *slog.Logger { return slog.New(slog.NewJSONHandler(os.Stderr, nil)) }

// statusWriter remembers the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// logRequests logs one JSON line a request: method, path, status, bytes
// and milliseconds. Never the client's address (a citizen's IP is
// personal information) and never the query string (what they searched).
func logRequests(log *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int("bytes", sw.bytes),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000))
	})
}
