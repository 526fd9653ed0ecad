package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhinan/generator/internal/search/analysis"
)

// Limits of the HTTP API.
const (
	maxAPIQueryRunes  = analysis.MaxQueryRunes // longer queries are refused
	maxAPISize        = 50
	maxAPIFrom        = 1000
	maxFilterValues   = 20
	maxFilterRunes    = 100
	defaultAPIResults = 10
)

// apiResponse is the JSON body of a successful GET /api/search.
type apiResponse struct {
	Query string `json:"query"`
	Total int    `json:"total"`
	Weak  bool   `json:"weak"` // nothing matches well (Result.Weak)
	// Corrected and Original: the homophone correction searched instead
	// of the query as typed (Result.Corrected), when there was one.
	Corrected string                  `json:"corrected,omitempty"`
	Original  string                  `json:"original,omitempty"`
	Hits      []Hit                   `json:"hits"`
	Facets    map[string][]FacetValue `json:"facets"`
	TookMS    int64                   `json:"took_ms"`
}

// apiError is the JSON body of a refused request.
type apiError struct {
	Error string `json:"error"`
}

// Handler answers GET /api/search?q=…&department=…&region=…&star=…&list=…
// &audience=…&type=…&topic=…&size=…&from=…&exact=1 from the prebuilt index with
// hits (snippets with <mark>), facet counts and the time taken. Filters may
// repeat (star=4&star=5). Bad parameters get 400 with a reason in Chinese;
// a search that runs out of time gets 503; user input never causes a 500.
// Invalid UTF-8 in parameters (unpaired surrogates sent as %ED%A0%80) is
// replaced by U+FFFD, which the analyzer treats as a separator.
func Handler(ix *Index) http.Handler {
	return HandlerWith(ix, DefaultLimits)
}

// Limits bound what one request to Handler may ask: the query's length
// in characters, the results of one page, and the time of the search.
type Limits struct {
	MaxQueryRunes int
	MaxSize       int
	Timeout       time.Duration
}

// DefaultLimits are the preview's limits, and generator api's defaults.
var DefaultLimits = Limits{MaxQueryRunes: maxAPIQueryRunes, MaxSize: maxAPISize, Timeout: searchTimeout}

// HandlerWith is Handler with limits l: a longer query or a larger size
// gets 400, a search that outlasts l.Timeout 503 with Retry-After.
func HandlerWith(ix *Index, l Limits) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				writeHTTPJSON(w, http.StatusInternalServerError, apiError{"搜索服务内部错误，请稍后重试"})
			}
		}()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeHTTPJSON(w, http.StatusMethodNotAllowed, apiError{"只支持 GET 请求"})
			return
		}
		q, err := parseAPIQuery(r.URL.RawQuery, l)
		if err != nil {
			writeHTTPJSON(w, http.StatusBadRequest, apiError{err.Error()})
			return
		}
		start := time.Now()
		ctx, cancel := context.WithTimeout(r.Context(), l.Timeout)
		defer cancel()
		res, err := ix.search(ctx, q)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				w.Header().Set("Retry-After", "1")
				writeHTTPJSON(w, http.StatusServiceUnavailable, apiError{"搜索超时，请缩短查询后重试"})
				return
			}
			writeHTTPJSON(w, http.StatusInternalServerError, apiError{"搜索服务内部错误，请稍后重试"})
			return
		}
		writeHTTPJSON(w, http.StatusOK, apiResponse{Query: q.Text, Total: res.Total, Weak: res.Weak,
			Corrected: res.Corrected, Original: res.Original, Hits: res.Hits,
			Facets: res.Facets, TookMS: time.Since(start).Milliseconds()})
	})
}

// parseAPIQuery checks and converts the URL parameters.
func parseAPIQuery(raw string, l Limits) (Query, error) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return Query{}, fmt.Errorf("查询参数格式不正确（%s）", "百分号编码有误")
	}
	clean := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	q := Query{Size: defaultAPIResults, Filters: map[string][]string{}}
	if v := vals["q"]; len(v) > 1 {
		return q, errors.New("参数 q 只能出现一次")
	}
	q.Text = clean(vals.Get("q"))
	if n := utf8.RuneCountInString(q.Text); n > l.MaxQueryRunes {
		return q, fmt.Errorf("查询太长：%d 个字，最多 %d 个字", n, l.MaxQueryRunes)
	}
	num := func(name string, def, lo, hi int) (int, error) {
		s := vals.Get(name)
		if s == "" {
			return def, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			return 0, fmt.Errorf("参数 %s 应为 %d 到 %d 之间的整数", name, lo, hi)
		}
		return n, nil
	}
	if q.Size, err = num("size", min(defaultAPIResults, l.MaxSize), 1, l.MaxSize); err != nil {
		return q, err
	}
	if q.From, err = num("from", 0, 0, maxAPIFrom); err != nil {
		return q, err
	}
	exact, err := num("exact", 0, 0, 1) // 1: no homophone correction
	if err != nil {
		return q, err
	}
	q.Exact = exact == 1
	for _, k := range analysis.FacetKeys {
		vs := vals[k]
		if len(vs) == 0 {
			continue
		}
		if len(vs) > maxFilterValues {
			return q, fmt.Errorf("筛选条件 %s 最多 %d 个值", k, maxFilterValues)
		}
		for _, v := range vs {
			v = clean(v)
			if err := checkFilterValue(k, v); err != nil {
				return q, err
			}
			q.Filters[k] = append(q.Filters[k], v)
		}
	}
	return q, nil
}

// checkFilterValue refuses values a facet can never have.
func checkFilterValue(key, v string) error {
	if v == "" || utf8.RuneCountInString(v) > maxFilterRunes {
		return fmt.Errorf("筛选条件 %s 的值为空或过长", key)
	}
	switch key {
	case "star":
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 5 {
			return fmt.Errorf("星级 star 应为 1 到 5，收到 %q", v)
		}
	case "list":
		if v != "zero-visit" && v != "one-visit" && v != "negative" {
			return fmt.Errorf("清单 list 应为 zero-visit、one-visit 或 negative，收到 %q", v)
		}
	}
	return nil
}

// WriteJSON writes v as the API's JSON answers are written, with status:
// no sniffing, no caching.
func WriteJSON(w http.ResponseWriter, status int, v any) { writeHTTPJSON(w, status, v) }

func writeHTTPJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.Encode(v)
}
