package analysis

import (
	"strings"
	"testing"

	"zhinan/generator/internal/search/internal/testsite"
)

// scanTerms is the reference for VisitIndexTerms: the terms AnalyzeIndex
// made through scan before the walk was written without allocations.
func scanTerms(s string) [][2]int {
	var out [][2]int
	for _, sp := range scan(s) {
		if sp.cjk {
			for k, b := range sp.runes {
				e := sp.end
				if k+1 < len(sp.runes) {
					e = sp.runes[k+1]
				}
				if indexUnigrams || len(sp.runes) == 1 {
					out = append(out, [2]int{b, e})
				}
				if k+1 < len(sp.runes) {
					e2 := sp.end
					if k+2 < len(sp.runes) {
						e2 = sp.runes[k+2]
					}
					out = append(out, [2]int{b, e2})
				}
			}
			continue
		}
		parts := len(sp.runes)
		for a := 0; a < parts; a++ {
			for z := a; z < parts; z++ {
				if z > a && parts > maxCompoundParts && !(a == 0 && z == parts-1) {
					continue
				}
				out = append(out, [2]int{sp.runes[a], sp.partEnds[z]})
			}
		}
	}
	return out
}

func TestVisitIndexTermsMatchesScan(t *testing.T) {
	cases := []string{
		"", "税", "身份证", "律师事务所设立审核登记", "330000-SF-XK-0001", "a-b-c-d-e-f-g-h-i-j",
		"v1.2 ICP备案", "Ｈｅｌｌｏ　世界", "混合abc文字123和-符号", "--", "a.", ".a", "中\xff文",
		"ひらがなカタカナ한국어", "𠀀𠀁", "x_y_z", strings.Repeat("长", 100) + strings.Repeat("a-", 40),
	}
	s := testsite.Load(t, "../../../..")
	for _, p := range s.Guides {
		cases = append(cases, p.Title, p.Body, p.Code, p.Department)
	}
	for _, c := range cases {
		n := Normalize(c)
		if got := NormalizeText(c); got != n {
			t.Errorf("NormalizeText(%q) = %q, want %q", c, got, n)
		}
		var got [][2]int
		VisitIndexTerms(n, func(b, e int) { got = append(got, [2]int{b, e}) })
		want := scanTerms(n)
		if len(got) != len(want) {
			t.Errorf("%q: %d terms, want %d", c, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: term %d %v, want %v", c, i, got[i], want[i])
				break
			}
		}
	}
}
