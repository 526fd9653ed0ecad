package search

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/query"
	"zhinan/generator/internal/site"
)

// ParseFilter adds one --filter key=value to filters, refusing unknown keys
// and impossible values with a Chinese message.
func ParseFilter(kv string, filters map[string][]string) error {
	k, v, ok := strings.Cut(kv, "=")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || k == "" || v == "" {
		return fmt.Errorf("筛选条件 %q 应写成 key=value，例如 star=5", kv)
	}
	known := false
	for _, f := range analysis.FacetKeys {
		known = known || f == k
	}
	if !known {
		return fmt.Errorf("未知的筛选条件 %q；可用：%s", k, strings.Join(analysis.FacetKeys, "、"))
	}
	if err := checkFilterValue(k, v); err != nil {
		return err
	}
	filters[k] = append(filters[k], v)
	return nil
}

// CLIOptions are the arguments of `generator search`, parsed by the
// command (generator/cmd_search.go): the query text, the filters
// (ParseFilter checked them), the number of results, and whether to print
// JSON.
type CLIOptions struct {
	Text    string
	Filters map[string][]string
	Size    int // results wanted; 10 when 0
	JSON    bool
}

// RunCLI runs the query of `generator search` against the index under
// indexDir (the output's search/ folder) and prints the results as text,
// or with JSON as {"total": N, "weak": false, "hits": [{"code", "title",
// "url", "score", "snippet"}, …]} best first; weak is set when nothing matches well
// (Result.Weak), and the text then offers at most query.WeakHits results. It returns the exit code: 0 on success (even with no
// hits), 2 without a query, 1 when the index cannot be read.
func RunCLI(indexDir string, o CLIOptions, stdout, stderr io.Writer) int {
	if strings.TrimSpace(o.Text) == "" {
		fmt.Fprintln(stderr, "请给出要搜索的内容，例如：generator search 开饭店")
		return 2
	}
	ix, err := Open(indexDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer ix.Close()
	res, err := ix.Search(Query{Text: o.Text, Filters: o.Filters, Size: o.Size})
	if err != nil {
		fmt.Fprintln(stderr, "搜索失败：", err)
		return 1
	}
	if o.JSON {
		return writeCLIJSON(stdout, res)
	}
	writeCLIText(stdout, o.Text, res)
	return 0
}

// cliHit is one hit of --json output.
type cliHit struct {
	Code    string  `json:"code"`
	Title   string  `json:"title"`
	URL     string  `json:"url"`
	Score   float64 `json:"score"`
	Snippet string  `json:"snippet"` // as /api/search gives it: HTML, matches in <mark>
}

func writeCLIJSON(w io.Writer, res Result) int {
	out := struct {
		Total     int      `json:"total"`
		Weak      bool     `json:"weak"`
		Corrected string   `json:"corrected,omitempty"`
		Original  string   `json:"original,omitempty"`
		Hits      []cliHit `json:"hits"`
	}{Total: res.Total, Weak: res.Weak, Corrected: res.Corrected, Original: res.Original, Hits: []cliHit{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, cliHit{h.Code, h.Title, h.URL, h.Score, h.Snippet})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return 1
	}
	return 0
}

func writeCLIText(w io.Writer, text string, res Result) {
	if res.Total == 0 {
		fmt.Fprintf(w, "没有找到与“%s”相关的事项。\n", text)
		return
	}
	hits := res.Hits
	if res.Corrected != "" {
		fmt.Fprintf(w, "已按“%s”搜索（您输入的是“%s”）\n", res.Corrected, res.Original)
	}
	if res.Weak {
		hits = hits[:min(len(hits), query.WeakHits)]
		fmt.Fprintf(w, "没有找到完全匹配的事项。可能相关：\n")
	} else {
		fmt.Fprintf(w, "找到 %d 个事项，前 %d 个：\n", res.Total, len(hits))
	}
	for i, h := range hits {
		visits := site.VisitWords(h.Visits)
		fmt.Fprintf(w, "%2d. %s  %s\n    %s · %s · %s %s · 得分 %.6f · %s\n", i+1, h.Code, h.Title,
			h.Department, h.Region, site.Stars(h.Star), visits, h.Score, h.URL)
	}
}
