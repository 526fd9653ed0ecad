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

	"zhinan/generator/internal/site"
)

// Gap is one thing a citizen would still have to ask.
type Gap struct {
	// Path is the key path the gap is about, as in site.Document.Lines
	// ("materials.2", "locations.0", "time"); its position gives the line.
	Path string
	// Rule is a stable identifier, e.g. "C-material-source".
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
	WeightConditions = 10 // 申请条件: a "## 申请条件" section in the body
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

// Placeholder is the text `generator new` writes where the editor must fill
// something in; completeness reports every value still holding it.
const Placeholder = "待填写"

// formName matches materials that are forms the office supplies (申请书,
// 申请表, 登记表, …): a citizen needs the blank form to fill in.
var formName = regexp.MustCompile(`(申请书|表|表格|申报书|登记书|承诺书)$`)

// conditionsHeading finds a "申请条件" heading (any level, CommonMark ATX)
// in the body.
var conditionsHeading = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+(申请条件|受理条件|办理条件)\s*#*\s*$`)

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
	var els []element
	add := func(weight int, applies bool, done float64) {
		els = append(els, element{weight, applies, done})
	}
	gap := func(path, rule, format string, args ...any) {
		gaps = append(gaps, Gap{Path: path, Rule: rule, Message: fmt.Sprintf(format, args...)})
	}

	// 服务对象, 设定依据
	if len(g.Audience) == 0 {
		gap("audience", "C-audience", "没有写服务对象（audience）：群众不知道个人还是法人可以办理。请填写 [\"个人\"]、[\"法人\"] 或两者。")
	}
	add(WeightAudience, true, boolShare(len(g.Audience) > 0))
	if len(g.Basis) == 0 {
		gap("basis", "C-basis", "没有写设定依据（basis）：请列出设立该事项的法律法规条款。")
	}
	add(WeightBasis, true, boolShare(len(g.Basis) > 0))

	// 网上办理
	online := g.Service.Star >= 3
	if online && strings.TrimSpace(g.Service.OnlineURL) == "" {
		gap("service", "C-online-url", "%d 星事项没有网上办理地址（service.online_url）：群众不知道在哪里网上申报或预审。", g.Service.Star)
	}
	add(WeightOnline, online, boolShare(strings.TrimSpace(g.Service.OnlineURL) != ""))

	// 办理时限
	if g.Time.LegalDays == nil && g.Time.PromisedDays == nil {
		gap("time", "C-time", "没有写办理时限（[time] 的 legal_days、promised_days）：群众不知道要等多久。")
		add(WeightTime, true, 0)
	} else {
		done := 0.5
		if g.Time.PromisedDays == nil {
			gap("time", "C-time-promised", "没有写承诺期限（time.promised_days）：请写明承诺几个工作日办结，即办件写 0。")
		} else {
			done = 1
		}
		add(WeightTime, true, done)
	}

	// 收费
	if g.Fee.Charged == nil {
		gap("fee", "C-fee", "没有收费说明（[fee] 的 charged）：不收费请写 charged = false，收费请写明标准。")
	}
	add(WeightFee, true, boolShare(g.Fee.Charged != nil))

	// 申请材料
	if len(g.Materials) == 0 {
		gap("materials", "C-materials", "没有列出申请材料（[[materials]]）：若确实无需提交材料，请在正文说明“无需提交材料”。")
		add(WeightMaterials, true, 0)
	} else {
		var parts, ok int
		for i, m := range g.Materials {
			p := "materials." + strconv.Itoa(i)
			check := func(good bool, rule, format string, args ...any) {
				parts++
				if good {
					ok++
					return
				}
				gap(p, rule, format, args...)
			}
			if m.Shared {
				// Fetched through data sharing: the citizen hands in
				// nothing, so copies and original/copy do not apply.
				check(m.Source != "", "C-material-source", "材料“%s”没有写来源（source）：申请人自备、政府部门核发、中介机构出具或其他。", m.Name)
				continue
			}
			check(m.Source != "", "C-material-source", "材料“%s”没有写来源（source）：申请人自备、政府部门核发、中介机构出具或其他。", m.Name)
			check(m.Copies > 0, "C-material-copies", "材料“%s”没有写份数（copies）。", m.Name)
			check(m.Original != nil, "C-material-original", "材料“%s”没有写原件还是复印件（original = true 为原件，false 为复印件）。", m.Name)
			if m.Required && formName.MatchString(strings.TrimSpace(m.Name)) {
				check(m.Template != "", "C-material-template", "材料“%s”是需要填写的表格，但没有提供空白表格下载（template）。", m.Name)
			}
		}
		add(WeightMaterials, true, float64(ok)/float64(parts))
	}

	// 办理流程
	if len(g.Steps) == 0 {
		gap("steps", "C-steps", "没有写办理流程（[[steps]]）：请列出受理、审查、决定、送达等环节。")
	}
	add(WeightSteps, true, boolShare(len(g.Steps) > 0))

	// 办理地点
	hasConsult := len(g.Contact.Consult) > 0
	if len(g.Locations) > 0 {
		var parts, ok int
		for i, l := range g.Locations {
			p := "locations." + strconv.Itoa(i)
			parts += 2
			if strings.TrimSpace(l.Hours) != "" {
				ok++
			} else {
				gap(p, "C-location-hours", "办理地点“%s”没有写办理时间（hours），例如“工作日 9:00-12:00，13:30-17:00”。", l.Name)
			}
			if strings.TrimSpace(l.Phone) != "" || hasConsult {
				ok++
			} else {
				gap(p, "C-location-phone", "办理地点“%s”没有电话（phone），也没有咨询电话（contact.consult）。", l.Name)
			}
		}
		add(WeightLocations, true, float64(ok)/float64(parts))
	} else {
		// Zero-visit items need no place; others are caught by rule 7.
		add(WeightLocations, g.Service.Visits > 0, 0)
	}

	// 咨询与投诉
	if len(g.Contact.Complain) == 0 {
		gap("contact", "C-complain", "没有写监督投诉电话（contact.complain），例如 12345。")
	}
	add(WeightComplain, true, boolShare(len(g.Contact.Complain) > 0))

	// 申请条件
	hasConditions := conditionsHeading.MatchString(g.Body)
	if !hasConditions {
		gap("body", "C-conditions", "正文没有“## 申请条件”一节：请写明谁可以申请、需要满足哪些条件。")
	}
	add(WeightConditions, true, boolShare(hasConditions))

	// 待填写 placeholders
	placeholders := findPlaceholders(g)
	for _, p := range placeholders {
		gap(p, "C-placeholder", "“%s”仍是占位文字“%s”：请填写真实内容。", p, Placeholder)
	}

	var got, total float64
	for _, e := range els {
		if !e.applies {
			continue
		}
		total += float64(e.weight)
		got += float64(e.weight) * e.done
	}
	score = int(math.Round(100 * got / total))
	score -= PlaceholderPenalty * len(placeholders)
	return max(score, 0), gaps
}

func boolShare(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// findPlaceholders returns the key paths of text values still holding the
// placeholder written by `generator new`.
func findPlaceholders(g *site.Guide) []string {
	var out []string
	has := func(path, v string) {
		if strings.Contains(v, Placeholder) {
			out = append(out, path)
		}
	}
	has("title", g.Title)
	has("department", g.Department)
	has("region", g.Region)
	has("service.mode", g.Service.Mode)
	has("service.online_url", g.Service.OnlineURL)
	has("service.negative_reason", g.Service.NegativeReason)
	has("fee.standard", g.Fee.Standard)
	for i, s := range g.Basis {
		has("basis."+strconv.Itoa(i), s)
	}
	for i, m := range g.Materials {
		p := "materials." + strconv.Itoa(i)
		has(p+".name", m.Name)
		has(p+".note", m.Note)
	}
	for i, s := range g.Steps {
		p := "steps." + strconv.Itoa(i)
		has(p+".name", s.Name)
		has(p+".detail", s.Detail)
	}
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		has(p+".name", l.Name)
		has(p+".address", l.Address)
		has(p+".window", l.Window)
		has(p+".hours", l.Hours)
	}
	if strings.Contains(g.Body, Placeholder) {
		out = append(out, "body")
	}
	return out
}
