package rules

import (
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// references is rule 16 for one guide: cross_modes needs scope, replaced_by
// needs status = "取消", result.sample names a file under static/, and
// evaluate_url is an http(s) address. Whether replaced_by names an
// existing code depends on the other guides: package resolve reports it
// under the same rule.
func references(g *site.Guide, e *Env, r *report) {
	if len(g.CrossModes) > 0 && g.Scope == "" {
		r.add([]string{"cross_modes"}, "写了通办方式 cross_modes，却没有写通办范围：请加上 scope = \"全国\"、\"跨省\"、\"跨市\" 或 \"跨县\"，或删去 cross_modes")
	}
	if g.ReplacedBy != "" && !g.Cancelled() {
		r.add([]string{"replaced_by"}, "replaced_by 只用于已取消的事项：请加上 status = \"取消\"，或删去 replaced_by（现在 status 是 %q）", statusOrDefault(g.Status))
	}
	if g.Result != nil && e.StaticExists != nil {
		staticFile(e, r, "result.sample", g.Result.Sample, "结果样本")
	}
	if u := g.EvaluateURL; u != "" && !ValidURL(u) {
		r.add([]string{"evaluate_url"}, "`evaluate_url`（好差评）不是有效的网址：%q，请写成以 http:// 或 https:// 开头的完整网址", u)
	}
}

// statusOrDefault is the status a guide has: 在用 when it writes none.
func statusOrDefault(s string) string {
	if s == "" {
		return site.StatusActive
	}
	return s
}

// situationsUsed is rule 17: every `when` of a material names one of the
// guide's [[situations]]; a situation no material uses is a warning.
func situationsUsed(g *site.Guide, _ *Env, r *report) {
	names := make(map[string]bool, len(g.Situations))
	for _, s := range g.Situations {
		names[s.Name] = true
	}
	used := make(map[string]bool, len(g.Situations))
	for i, m := range g.Materials {
		for j, w := range m.When {
			used[w] = true
			if names[w] {
				continue
			}
			path := "materials." + strconv.Itoa(i) + ".when." + strconv.Itoa(j)
			if len(g.Situations) == 0 {
				r.add([]string{path, "materials." + strconv.Itoa(i)}, "材料“%s”的 when 写了情形 %q，但这个指南没有 [[situations]]：请加上 [[situations]] name = %q，或删去 when", m.Name, w, w)
				continue
			}
			r.add([]string{path, "materials." + strconv.Itoa(i)}, "材料“%s”的 when 写了情形 %q，但本指南的情形只有 %s：请改为其中之一", m.Name, w, situationNames(g.Situations))
		}
	}
	for i, s := range g.Situations {
		if s.Name != "" && !used[s.Name] {
			r.warn([]string{"situations." + strconv.Itoa(i)}, "情形“%s”没有任何材料用到：请在需要的材料里写上 when = [%q]，或删去这个情形", s.Name, s.Name)
		}
	}
}

// situationNames lists the names of situations for messages.
func situationNames(list []site.Situation) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s.Name)
	}
	return strings.Join(q, "、")
}

// sharedOrCommitment is rule 18: a material the citizen does not submit
// (shared) cannot also be replaced by a signed commitment.
func sharedOrCommitment(g *site.Guide, _ *Env, r *report) {
	for i, m := range g.Materials {
		if m.Shared && m.Commitment {
			r.add([]string{"materials." + strconv.Itoa(i) + ".commitment", "materials." + strconv.Itoa(i)}, "材料“%s”既是免提交（shared = true）又是告知承诺（commitment = true）：免提交的材料不用承诺，请删去其中一个", m.Name)
		}
	}
}
