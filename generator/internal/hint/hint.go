// Package hint holds what makes an editor's error message helpful beyond
// saying what is wrong: the "did you mean" suggestion for a misspelt key or
// code, and the Chinese name of a TOML value's type ("现在是字符串 "4""). The
// loader, the validator and inheritance share it; it imports none of them.
package hint

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Nearest returns the candidate closest to a misspelt word when it is
// close enough to be a likely typo (at most a third of its letters
// differ), or "". Ties go to the candidate that sorts first, so the hint is
// the same whatever order the candidates come in.
func Nearest(word string, candidates []string) string {
	best, bestDist := "", len(word)/3+1
	for _, c := range candidates {
		if d := Distance(word, c); d < bestDist || d == bestDist && best != "" && c < best {
			best, bestDist = c, d
		}
	}
	return best
}

// Distance is the number of one-byte insertions, deletions, substitutions
// and swaps of neighbours that turn a into b (optimal string alignment
// distance), so that "tpye" is one step from "type".
func Distance(a, b string) int {
	rows := make([][]int, len(a)+1)
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
		rows[i][0] = i
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(rows[i-1][j]+1, rows[i][j-1]+1, rows[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, rows[i-2][j-2]+1)
			}
			rows[i][j] = d
		}
	}
	return rows[len(a)][len(b)]
}

// Describe names the TOML type of a decoded value in Chinese, with the
// value itself when it is short: 字符串 "4", 整数 4, 小数 1.5, 日期 2017-03-01.
func Describe(v any) string {
	switch x := v.(type) {
	case string:
		if utf8.RuneCountInString(x) > 40 {
			return "字符串"
		}
		return fmt.Sprintf("字符串 %q", x)
	case int64:
		return fmt.Sprintf("整数 %d", x)
	case float64:
		return fmt.Sprintf("小数 %v", x)
	case bool:
		return fmt.Sprintf("布尔值 %v", x)
	case time.Time:
		if x.Location().String() == "time-local" {
			return "时刻 " + x.Format("15:04:05")
		}
		return "日期 " + x.Format("2006-01-02")
	case map[string]any:
		return "表"
	case []map[string]any:
		return "表的数组（[[…]]）"
	case []any:
		return "数组"
	}
	return fmt.Sprintf("%T", v)
}
