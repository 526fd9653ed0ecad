package search

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
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
	for _, f := range facetKeys {
		known = known || f == k
	}
	if !known {
		return fmt.Errorf("未知的筛选条件 %q；可用：%s", k, strings.Join(facetKeys, "、"))
	}
	if err := checkFilterValue(k, v); err != nil {
		return err
	}
	filters[k] = append(filters[k], v)
	return nil
}

// RunCLI is `generator search` after --source is resolved: args are
// [--json] [--filter key=value …] [--size N] QUERY… (the words of the query
// are joined by spaces). It opens the index under indexDir (the output's
// search/ folder), prints the results as text, or with --json as
// {"total": N, "hits": [{"code", "title", "url", "score"}, …]} best first,
// and returns the exit code: 0 on success (even with no hits), 2 for bad
// arguments, 1 when the index cannot be read.
func RunCLI(indexDir string, args []string, stdout, stderr io.Writer) int {
	filters := map[string][]string{}
	asJSON := false
	size := 10
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "--filter" || a == "-filter" || a == "--size" || a == "-size":
			if i+1 >= len(args) {
				fmt.Fprintf(stderr, "参数 %s 后缺少值\n", a)
				return 2
			}
			i++
			if strings.HasSuffix(a, "size") {
				n, err := strconv.Atoi(args[i])
				if err != nil || n < 1 || n > 1000 {
					fmt.Fprintln(stderr, "--size 应为 1 到 1000 之间的整数")
					return 2
				}
				size = n
			} else if err := ParseFilter(args[i], filters); err != nil {
				fmt.Fprintln(stderr, err)
				return 2
			}
		case strings.HasPrefix(a, "--filter="):
			if err := ParseFilter(strings.TrimPrefix(a, "--filter="), filters); err != nil {
				fmt.Fprintln(stderr, err)
				return 2
			}
		case a == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		default:
			words = append(words, a)
		}
	}
	text := strings.Join(words, " ")
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(stderr, "请给出要搜索的内容，例如：generator search 开饭店")
		return 2
	}
	ix, err := Open(indexDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer ix.Close()
	res, err := ix.Search(Query{Text: text, Filters: filters, Size: size})
	if err != nil {
		fmt.Fprintln(stderr, "搜索失败：", err)
		return 1
	}
	if asJSON {
		return writeCLIJSON(stdout, res)
	}
	writeCLIText(stdout, text, res)
	return 0
}

// cliHit is one hit of --json output.
type cliHit struct {
	Code  string  `json:"code"`
	Title string  `json:"title"`
	URL   string  `json:"url"`
	Score float64 `json:"score"`
}

func writeCLIJSON(w io.Writer, res Result) int {
	out := struct {
		Total int      `json:"total"`
		Hits  []cliHit `json:"hits"`
	}{Total: res.Total, Hits: []cliHit{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, cliHit{h.Code, h.Title, h.URL, h.Score})
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
	fmt.Fprintf(w, "找到 %d 个事项，前 %d 个：\n", res.Total, len(res.Hits))
	for i, h := range res.Hits {
		visits := "零上门"
		if h.Visits > 0 {
			visits = fmt.Sprintf("跑 %d 次", h.Visits)
		}
		fmt.Fprintf(w, "%2d. %s  %s\n    %s · %s · %s %s · 得分 %.6f · %s\n", i+1, h.Code, h.Title,
			h.Department, h.Region, strings.Repeat("★", h.Star), visits, h.Score, h.URL)
	}
}
