package query

import (
	"testing"

	"zhinan/generator/internal/search/analysis"
)

// TestPickPassage: the snippet comes from the passage holding the most
// query terms (an FAQ for a question, the materials for a material), and
// from the body's start when none holds any.
func TestPickPassage(t *testing.T) {
	src := "材料：营业执照、居民身份证\n常见问题：身份证快到期了，什么时候可以换？ 期满前三个月内。\n本事项办理居民身份证换领。"
	for q, want := range map[string]string{
		"营业执照":         "材料：营业执照、居民身份证",
		"身份证快到期了怎么办":   "常见问题：身份证快到期了，什么时候可以换？ 期满前三个月内。",
		"开饭店":          "本事项办理居民身份证换领。",
		"shenfenzheng": "本事项办理居民身份证换领。",
	} {
		if got := PickPassage(src, analysis.Lexicon{}.Plan(q)); got != want {
			t.Errorf("PickPassage(%q) = %q, want %q", q, got, want)
		}
	}
	if got := SnippetHTML(src, analysis.Lexicon{}.Plan("营业执照")); got != "材料：<mark>营业执照</mark>、居民身份证" {
		t.Errorf("SnippetHTML = %q", got)
	}
}
