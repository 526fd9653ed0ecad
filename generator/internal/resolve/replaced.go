package resolve

import (
	"fmt"
	"sort"
	"strings"

	"zhinan/generator/internal/hint"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// ReplacedBy is the cross-file half of rule 16: the `replaced_by` of every
// guide names the code of a content file of the site (a guide or a
// bundle, drafts included) other than its own. guides are all the site's
// decoded files, inheritance resolved; each finding is at the line of
// replaced_by, with a "did you mean" when a code is one typo away.
//
// It is one cheap pass over the codes of the whole site, with no state:
// Check and the live preview's incremental check both run it on the
// guides they end with (checkState.result), so a code that comes or goes
// in another file is always judged anew.
func ReplacedBy(guides []*site.Guide) []site.Diagnostic {
	codes := make(map[string]bool, len(guides))
	for _, g := range guides {
		if g != nil && g.Code != "" {
			codes[g.Code] = true
		}
	}
	var out []site.Diagnostic
	for _, g := range guides {
		if g == nil || g.ReplacedBy == "" {
			continue
		}
		p := g.Pos("replaced_by")
		switch {
		case g.ReplacedBy == g.Code:
			out = append(out, rules.R16.Atf(p.File, p.Line,
				"replaced_by = %q 是本事项自己的编码：请改为取代它的新事项的编码", g.ReplacedBy))
		case !codes[g.ReplacedBy]:
			out = append(out, rules.R16.Atf(p.File, p.Line,
				"replaced_by = %q 找不到编码为 %q 的事项：%s请改为取代本事项的新事项的编码（新事项的指南须在 content/ 里），或删去 replaced_by",
				g.ReplacedBy, g.ReplacedBy, didYouMean(g.ReplacedBy, g.Code, codes)))
		}
	}
	return out
}

// didYouMean suggests the code one typo away from code (letter case
// counts for nothing), own excepted, as a sentence ending the message's
// first half, or "". Ties go to the code that sorts first.
func didYouMean(code, own string, codes map[string]bool) string {
	all := make([]string, 0, len(codes))
	for c := range codes {
		if c != own {
			all = append(all, c)
		}
	}
	sort.Strings(all)
	best, bestDist := "", 2
	lower := strings.ToLower(code)
	for _, c := range all {
		if d := hint.Distance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("你是不是想写 %q？", best)
}
