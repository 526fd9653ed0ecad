package render

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// This file works out what the page and the sheet show of the version-2
// elements (guide-format.md, "Version 2"): 办理结果, 特别程序 and 时限说明,
// 通办, 数量限制, 中介服务, 行使层级, the situations (情形) that filter the
// materials, the structured FAQ and the 好差评 link. Every field stays
// empty for a version-1 guide, so that its page does not change by a byte.

// ResultView is 办理结果 as the page shows it.
type ResultView struct {
	Name     string
	Type     string // 证照, 批文, 证明, 其他 or empty
	Sample   string // URL of the sample under static/, or empty
	Validity string
	ELicense bool // also issued as an electronic licence (电子证照)
	Delivery []string
}

// SpecialView is one special procedure (特别程序) with its time in words.
type SpecialView struct {
	Name string
	Days string // "10 个工作日" or empty
	Note string
}

// SituationView is one situation (情形) as a checkbox: N is its number,
// from 1, which the URL hash (#s=1,2) and the materials' data-when use.
type SituationView struct {
	N        int
	Name     string
	Question string // the question asked, or the name when none is written
	Note     string
}

// MaterialGroup is the materials to bring (not shared) that share one
// condition, for the sheet: When and WhenIDs are empty for the materials
// every applicant brings.
type MaterialGroup struct {
	When      string // situation names joined with 、
	WhenIDs   string // situation numbers joined with commas: "1,2"
	Materials []MaterialView
}

// sep joins situation names in running text.
const sep = "、"

// addVersion2 fills the version-2 fields of v from g; base is the site's
// path prefix.
func (v *GuideView) addVersion2(g *site.Guide, base string) {
	if r := g.Result; r != nil {
		v.Result = &ResultView{Name: r.Name, Type: r.Type, Validity: r.Validity, ELicense: r.ELicense, Delivery: r.Delivery}
		if r.Sample != "" {
			v.Result.Sample = staticURL(base, r.Sample)
		}
	}
	for _, s := range g.Time.Special {
		v.Special = append(v.Special, SpecialView{Name: s.Name, Days: days(s.Days, g.Time.Unit), Note: s.Note})
	}
	v.TimeNote = g.Time.Note
	v.Level, v.Limit, v.Intermediary = g.Level, g.Limit, g.Intermediary
	v.Scope, v.CrossModes = crossWords(g.Scope, g.CrossModes)
	v.EvaluateURL = g.EvaluateURL
	v.FAQ = g.FAQ
	for i, s := range g.Situations {
		q := s.Question
		if q == "" {
			q = s.Name
		}
		v.Situations = append(v.Situations, SituationView{N: i + 1, Name: s.Name, Question: q, Note: s.Note})
	}
	v.V2 = v.Result != nil || v.Special != nil || v.TimeNote != "" || v.Level != "" || v.Limit != "" ||
		v.Intermediary != nil || v.Scope != "" || v.EvaluateURL != "" || v.FAQ != nil || v.Situations != nil
}

// crossWords says 通办范围 and 通办方式: "跨市通办" and, per mode,
// "可跨市异地代收代办"; both empty without a scope.
func crossWords(scope string, modes []string) (string, []string) {
	if scope == "" {
		return "", nil
	}
	var out []string
	for _, m := range modes {
		out = append(out, "可"+scope+m)
	}
	return scope + "通办", out
}

// days says a number of days in the guide's unit: "15 个工作日",
// "15 个自然日", "当场办结" for zero, or "" when not set. An unwritten
// unit is 工作日, so version-1 guides keep their text.
func days(d *int, unit string) string {
	if unit == "" || unit == "工作日" || d == nil || *d == 0 {
		return workingDays(d)
	}
	return strconv.Itoa(*d) + " 个" + unit
}

// situationNumbers maps each situation's name to its number, from 1.
func situationNumbers(ss []site.Situation) map[string]int {
	out := make(map[string]int, len(ss))
	for i, s := range ss {
		out[s.Name] = i + 1
	}
	return out
}

// addConditions gives each material view the situations it is needed in
// (names for the reader, numbers for the script), from the guide's
// materials in the same order.
func addConditions(views []MaterialView, materials []site.Material, situations []site.Situation) {
	if len(situations) == 0 {
		return
	}
	numbers := situationNumbers(situations)
	for i, m := range materials {
		var ids []string
		for _, name := range m.When {
			if n, ok := numbers[name]; ok {
				ids = append(ids, strconv.Itoa(n))
			}
		}
		if len(ids) > 0 {
			views[i].When = strings.Join(m.When, sep)
			views[i].WhenIDs = strings.Join(ids, ",")
		}
	}
}

// BringGroups groups the materials to bring by their condition for the
// sheet: first those every applicant brings, then one group per distinct
// condition in the order it first appears. No group is empty.
func (v *GuideView) BringGroups() []MaterialGroup {
	out := []MaterialGroup{{}}
	at := map[string]int{"": 0}
	for _, m := range v.Materials {
		if m.Shared {
			continue
		}
		i, ok := at[m.WhenIDs]
		if !ok {
			i = len(out)
			at[m.WhenIDs] = i
			out = append(out, MaterialGroup{When: m.When, WhenIDs: m.WhenIDs})
		}
		out[i].Materials = append(out[i].Materials, m)
	}
	if len(out[0].Materials) == 0 {
		out = out[1:]
	}
	return out
}

// SharedMaterials are the materials the office fetches itself (免提交).
func (v *GuideView) SharedMaterials() []MaterialView {
	var out []MaterialView
	for _, m := range v.Materials {
		if m.Shared {
			out = append(out, m)
		}
	}
	return out
}

// faqPage is the schema.org FAQPage of a guide's structured questions.
type faqPage struct {
	Context    string        `json:"@context"`
	Type       string        `json:"@type"`
	MainEntity []faqQuestion `json:"mainEntity"`
}

// faqQuestion is one Question of a FAQPage.
type faqQuestion struct {
	Type           string    `json:"@type"`
	Name           string    `json:"name"`
	AcceptedAnswer faqAnswer `json:"acceptedAnswer"`
}

// faqAnswer is a Question's acceptedAnswer.
type faqAnswer struct {
	Type string `json:"@type"`
	Text string `json:"text"`
}

// addFAQJSONLD fills v.FAQJSONLD with a schema.org FAQPage of the guide's
// [[faq]], for the guide's own page; it stays empty without questions.
// encoding/json escapes <, > and &, so no answer can close the script.
func (v *GuideView) addFAQJSONLD() {
	if len(v.FAQ) == 0 {
		return
	}
	p := faqPage{Context: "https://schema.org", Type: "FAQPage"}
	for _, f := range v.FAQ {
		p.MainEntity = append(p.MainEntity, faqQuestion{
			Type: "Question", Name: f.Q, AcceptedAnswer: faqAnswer{Type: "Answer", Text: f.A},
		})
	}
	if b, err := json.Marshal(p); err == nil {
		v.FAQJSONLD = template.JS(b)
	}
}

// addEvaluateQR draws the QR code of the 好差评 link for the sheet, or
// nothing when the guide has none.
func (v *GuideView) addEvaluateQR() error {
	if v.EvaluateURL == "" {
		return nil
	}
	qr, err := qrSVG(v.EvaluateURL, "二维码：扫码评价本事项的办理服务（好差评） "+v.EvaluateURL)
	if err != nil {
		return err
	}
	v.EvaluateQR = qr
	return nil
}
