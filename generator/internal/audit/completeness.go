// Package audit holds the checks `generator check` runs on top of the
// format's rules: completeness for one-time notification (一次性告知) — what a
// citizen would still have to ask after reading a guide — and freshness
// (`updated` older than stale_after_days). Its findings are warnings; it
// also formats any list of diagnostics as text, JSON or GitHub workflow
// annotations.
//
// It reads typed guides (site.Guide) after inheritance is resolved and does
// no I/O except writing the reports it is asked for.
package audit

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/sections"
	"zhinan/generator/internal/site"
)

// Gap is one thing a citizen would still have to ask.
type Gap struct {
	// Path is the key path the gap is about, as in site.Document.Lines
	// ("materials.2", "locations.0", "time"); its position gives the line.
	Path string
	// Rule is the id of a rule of package rules: a C-… completeness rule,
	// or a rule of the validator whose check completeness counts too
	// (W-time, W-fee, W-source, W-hours, W-online, and R3 for a 5-star
	// item without online_url). Findings reports only the C-… ones: the
	// validator reports the others itself.
	Rule string
	// Message says in plain Chinese what is missing and what to write.
	Message string
}

// Element weights of the completeness score. Each element is one of the
// parts of a guide that the national guide standard (GB/T 32169 办事指南
// 要素) and the offices' element-by-element checks require; an element with
// several parts (each material, each place) counts the share of its parts
// that are complete. Elements that do not apply (online application below 3
// stars) leave the denominator. The weights add up to 100.
const (
	WeightConditions = 10 // 申请条件: a 申请条件 section in the body (sections.In)
	WeightMaterials  = 25 // 申请材料: listed, each with source, copies, original/copy, forms with a template
	WeightSteps      = 10 // 办理流程
	WeightTime       = 10 // 办理时限
	WeightFee        = 10 // 收费
	WeightLocations  = 10 // 办理地点: hours and a phone at every place
	WeightOnline     = 10 // 网上办理地址 (star ≥ 3)
	WeightBasis      = 5  // 设定依据
	WeightAudience   = 5  // 服务对象
	WeightComplain   = 5  // 监督投诉电话
	// Placeholders left by `generator new` (待填写) make a guide incomplete
	// whatever else it has: each one found costs 10 points off the score.
	PlaceholderPenalty = 10
)

// formName matches materials that are forms the office supplies (申请书,
// 申请表, 登记表, …): a citizen needs the blank form to fill in.
var formName = regexp.MustCompile(`(申请书|表|表格|申报书|登记书|承诺书)$`)

// validatorChecks are the rules of the validator whose findings are also
// gaps in one-time notification. Completeness runs their checks (it does
// not judge the same things again) and scores with what they find.
var validatorChecks = []*rules.Rule{rules.WOnline, rules.R3, rules.WTime, rules.WFee, rules.WSource, rules.WHours}

// element is one scored part of a guide: the share of it that is complete.
type element struct {
	weight  int
	applies bool
	done    float64 // 0..1
}

// Completeness scores a guide for one-time notification from 0 to 100 and
// lists its gaps, in the order of the guide's parts. Call it on guides
// after inheritance is resolved.
func Completeness(g *site.Guide) (score int, gaps []Gap) {
	c := newScorer(g)
	c.audienceAndBasis()
	c.online()
	c.time()
	c.add(WeightFee, true, boolShare(!c.flagged(rules.WFee, "fee.charged")))
	c.materials()
	c.steps()
	c.locations()
	c.complain()
	c.conditions()
	placeholders := rules.Placeholders(g)
	for _, p := range placeholders {
		c.gap(p, rules.CPlaceholder, "“%s”仍是占位文字“%s”：请填写真实内容。", p, site.Placeholder)
	}
	score = c.score() - PlaceholderPenalty*len(placeholders)
	return max(score, 0), c.gaps
}

// scorer collects the scored elements and the gaps of one guide while
// Completeness walks its parts.
type scorer struct {
	g     *site.Guide
	els   []element
	gaps  []Gap
	found map[string]rules.Finding // the validator's findings, by rule id and path
}

// newScorer runs the validator's checks that completeness counts on g, so
// that flagged can look their findings up.
func newScorer(g *site.Guide) *scorer {
	c := &scorer{g: g, found: map[string]rules.Finding{}}
	for _, f := range rules.CheckGuide(g, nil, validatorChecks...) {
		c.found[f.Rule.ID+" "+f.Path()] = f
	}
	return c
}

// add records one scored element.
func (c *scorer) add(weight int, applies bool, done float64) {
	c.els = append(c.els, element{weight, applies, done})
}

// gap records a completeness gap at path.
func (c *scorer) gap(path string, rule *rules.Rule, format string, args ...any) {
	c.gaps = append(c.gaps, Gap{Path: path, Rule: rule.ID, Message: fmt.Sprintf(format, args...)})
}

// flagged tells whether the validator's rule found a problem at path,
// and adds it to the gaps if so.
func (c *scorer) flagged(rule *rules.Rule, path string) bool {
	f, ok := c.found[rule.ID+" "+path]
	if ok {
		c.gaps = append(c.gaps, Gap{Path: path, Rule: rule.ID, Message: f.Message})
	}
	return ok
}

// audienceAndBasis scores 服务对象 and 设定依据.
func (c *scorer) audienceAndBasis() {
	g := c.g
	if len(g.Audience) == 0 {
		c.gap("audience", rules.CAudience, "没有写服务对象（audience）：群众不知道个人还是法人可以办理。请填写 [\"个人\"]、[\"法人\"] 或两者。")
	}
	c.add(WeightAudience, true, boolShare(len(g.Audience) > 0))
	if len(g.Basis) == 0 {
		c.gap("basis", rules.CBasis, "没有写设定依据（basis）：请列出设立该事项的法律法规条款。")
	}
	c.add(WeightBasis, true, boolShare(len(g.Basis) > 0))
}

// online scores 网上办理: W-online for 3 and 4 stars, rule 3 for 5.
func (c *scorer) online() {
	online := c.g.Service.Star >= 3
	noURL := c.flagged(rules.WOnline, "service.online_url") || c.flagged(rules.R3, "service.online_url")
	c.add(WeightOnline, online, boolShare(!noURL))
}

// time scores 办理时限: half for a legal limit, all with a promised one.
func (c *scorer) time() {
	if c.flagged(rules.WTime, "time") {
		c.add(WeightTime, true, 0)
		return
	}
	done := 0.5
	if c.g.Time.PromisedDays == nil {
		c.gap("time", rules.CTimePromised, "没有写承诺期限（time.promised_days）：请写明承诺几个工作日办结，即办件写 0。")
	} else {
		done = 1
	}
	c.add(WeightTime, true, done)
}

// materials scores 申请材料 by the share of the materials' parts that are
// complete: source, copies, original/copy, and a template for forms.
func (c *scorer) materials() {
	if len(c.g.Materials) == 0 {
		c.gap("materials", rules.CMaterials, "没有列出申请材料（[[materials]]）：若确实无需提交材料，请在正文说明“无需提交材料”。")
		c.add(WeightMaterials, true, 0)
		return
	}
	var parts, ok int
	for i, m := range c.g.Materials {
		p := "materials." + strconv.Itoa(i)
		check := func(good bool, rule *rules.Rule, format string, args ...any) {
			parts++
			if good {
				ok++
				return
			}
			c.gap(p, rule, format, args...)
		}
		// W-source: where the material comes from.
		parts++
		if !c.flagged(rules.WSource, p) {
			ok++
		}
		if m.Shared {
			// Fetched through data sharing: the citizen hands in
			// nothing, so copies and original/copy do not apply.
			continue
		}
		check(m.Copies > 0, rules.CMaterialCopies, "材料“%s”没有写份数（copies）。", m.Name)
		check(m.Original != nil, rules.CMaterialOriginal, "材料“%s”没有写原件还是复印件（original = true 为原件，false 为复印件）。", m.Name)
		if m.Required && formName.MatchString(strings.TrimSpace(m.Name)) {
			check(m.Template != "", rules.CMaterialTemplate, "材料“%s”是需要填写的表格，但没有提供空白表格下载（template）。", m.Name)
		}
	}
	c.add(WeightMaterials, true, float64(ok)/float64(parts))
}

// steps scores 办理流程.
func (c *scorer) steps() {
	if len(c.g.Steps) == 0 {
		c.gap("steps", rules.CSteps, "没有写办理流程（[[steps]]）：请列出受理、审查、决定、送达等环节。")
	}
	c.add(WeightSteps, true, boolShare(len(c.g.Steps) > 0))
}

// locations scores 办理地点: hours and a phone at every place.
func (c *scorer) locations() {
	g := c.g
	if len(g.Locations) == 0 {
		// Zero-visit items need no place; others are caught by rule 7.
		c.add(WeightLocations, g.Service.Visits > 0, 0)
		return
	}
	hasConsult := len(g.Contact.Consult) > 0
	var parts, ok int
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		parts += 2
		if !c.flagged(rules.WHours, p) {
			ok++
		}
		if strings.TrimSpace(l.Phone) != "" || hasConsult {
			ok++
		} else {
			c.gap(p, rules.CLocationPhone, "办理地点“%s”没有电话（phone），也没有咨询电话（contact.consult）。", l.Name)
		}
	}
	c.add(WeightLocations, true, float64(ok)/float64(parts))
}

// complain scores 监督投诉电话.
func (c *scorer) complain() {
	if len(c.g.Contact.Complain) == 0 {
		c.gap("contact", rules.CComplain, "没有写监督投诉电话（contact.complain），例如 12345。")
	}
	c.add(WeightComplain, true, boolShare(len(c.g.Contact.Complain) > 0))
}

// conditions scores 申请条件: a section of the body.
func (c *scorer) conditions() {
	hasConditions := sections.In(c.g.Body)[sections.Conditions]
	if !hasConditions {
		c.gap("body", rules.CConditions, "正文没有“## 申请条件”一节：请写明谁可以申请、需要满足哪些条件。")
	}
	c.add(WeightConditions, true, boolShare(hasConditions))
}

// score is the weighted share, out of 100, of the elements that apply.
func (c *scorer) score() int {
	var got, total float64
	for _, e := range c.els {
		if !e.applies {
			continue
		}
		total += float64(e.weight)
		got += float64(e.weight) * e.done
	}
	return int(math.Round(100 * got / total))
}

func boolShare(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
