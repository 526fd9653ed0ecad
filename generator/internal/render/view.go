package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"zhinan/generator/internal/site"
)

// PageData is what every template receives as its dot. Templates of other
// stages rendered through Renderer.Page get the same frame data, with
// their own value in Data.
type PageData struct {
	// Site is the whole resolved site (config, groups, lists).
	Site *site.Site
	// Lang is the language of the page (<html lang>), from config.
	Lang string
	// Title is the page's own title; empty on the home page.
	Title string
	// URL is the site-relative URL of the page (/guide/xxx/).
	URL string
	// Canonical is the absolute URL of the page from base_url, or empty
	// when the site has no base_url or the page has no fixed address (404).
	Canonical string
	// Description is the page's meta description.
	Description string
	// Crumbs is the breadcrumb trail, home first, the page itself last.
	Crumbs []Crumb
	// Data is the page's own content: *GuideView on a guide page,
	// *site.Group on a browsing page, nil on home, 404 and search, and
	// whatever the caller gave to Renderer.Page.
	Data any
}

// Crumb is one step of the breadcrumb trail. URL is empty for the current
// page.
type Crumb struct {
	Name string
	URL  string
}

// GuideView is a guide with everything its page shows already worked out:
// texts in words, the body rendered and split, materials and steps ready
// for their tables. Fields of the guide itself (Title, Service, Contact,
// Locations, …) are reachable through the embedded Page.
type GuideView struct {
	*site.Page
	// Badges are the convenience marks that apply: 掌上办, 快递送达, 可预约,
	// 即办件, 可代办, in that order.
	Badges []string
	// Promised and Legal are the time limits in words ("15 个工作日",
	// "即办"), empty when not set.
	Promised string
	Legal    string
	// FeeText is 不收费 or the charging standard; empty when the guide says
	// nothing about fees.
	FeeText   string
	Materials []MaterialView
	Steps     []StepView
	// Sections is the Markdown body, rendered and split into its known
	// sections.
	Sections Sections
	// JSONLD is the schema.org GovernmentService description of the item,
	// marshalled to JSON by html/template inside <script>.
	JSONLD any
}

// MaterialView is one row of the materials table.
type MaterialView struct {
	site.Material
	Copies   int    // at least 1
	Need     string // 必要 or 非必要
	Form     string // 原件, 复印件 or empty
	Template string // URL of the blank form, or empty
	Sample   string // URL of the filled-in example, or empty
}

// StepView is one step of the procedure.
type StepView struct {
	site.Step
	Days string // "3 个工作日", "当场" or empty
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五"}

// stars draws a rating as five stars, filled then hollow: ★★★★☆.
func stars(n int) string {
	n = clamp(n, 0, 5)
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n)
}

// starWords says a rating in words: 四星.
func starWords(n int) string {
	return chineseDigits[clamp(n, 0, 5)] + "星"
}

func clamp(n, lo, hi int) int {
	if n < lo {
		return lo
	}
	if n > hi {
		return hi
	}
	return n
}

// visitWords says how many trips a citizen makes: 零上门, 最多跑一次 or
// 需跑 N 次.
func visitWords(visits int) string {
	switch {
	case visits <= 0:
		return "零上门"
	case visits == 1:
		return "最多跑一次"
	default:
		return "需跑 " + strconv.Itoa(visits) + " 次"
	}
}

// workingDays says a time limit: "15 个工作日", "当场办结" for zero, or ""
// when not set.
func workingDays(d *int) string {
	if d == nil {
		return ""
	}
	if *d == 0 {
		return "当场办结"
	}
	return strconv.Itoa(*d) + " 个工作日"
}

// chineseDate writes a date as 2017年3月10日.
func chineseDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// isoDate writes a date as 2017-03-10, for <time datetime>.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// telURL turns a phone number as people write it into a tel: link:
// "0571-87654321转123" → tel:057187654321;ext=123, "(0571)87654321" →
// tel:057187654321, "400-123-4567" → tel:4001234567. Only digits reach
// the URL, so it is safe to mark as a URL.
func telURL(phone string) template.URL {
	main, ext := phone, ""
	if i := strings.Index(phone, "转"); i >= 0 {
		main, ext = phone[:i], phone[i+len("转"):]
	}
	var groups []string
	cur := strings.Builder{}
	for _, r := range main {
		if r >= '0' && r <= '9' {
			cur.WriteRune(r)
			continue
		}
		if cur.Len() > 0 {
			groups = append(groups, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		groups = append(groups, cur.String())
	}
	// A landline written 0571-87654321-123: the third group is the
	// extension. (400-123-4567 has three groups too, but no area code.)
	if ext == "" && len(groups) == 3 && strings.HasPrefix(groups[0], "0") {
		ext = groups[2]
		groups = groups[:2]
	}
	number := strings.Join(groups, "")
	ext = digitsOnly(ext)
	if number == "" {
		return ""
	}
	if ext != "" {
		return template.URL("tel:" + number + ";ext=" + ext)
	}
	return template.URL("tel:" + number)
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// newGuideView works out what a guide's page shows. staticURL turns a path
// under static/ into its URL on the site.
func newGuideView(p *site.Page, b Sections, canonical string, staticURL func(string) string) *GuideView {
	g := p.Guide
	v := &GuideView{Page: p, Sections: b}
	for _, badge := range []struct {
		on   bool
		name string
	}{
		{g.Service.Mobile, "掌上办"},
		{g.Service.Delivery, "快递送达"},
		{g.Service.Appointment, "可预约"},
		{g.Service.Immediate, "即办件"},
		{g.Service.Agent, "可代办"},
	} {
		if badge.on {
			v.Badges = append(v.Badges, badge.name)
		}
	}
	v.Promised = workingDays(g.Time.PromisedDays)
	if g.Service.Immediate {
		v.Promised = "即办"
	}
	v.Legal = workingDays(g.Time.LegalDays)
	if g.Fee.Charged != nil {
		if *g.Fee.Charged {
			v.FeeText = g.Fee.Standard
		} else {
			v.FeeText = "不收费"
		}
	}
	v.Materials = make([]MaterialView, len(g.Materials))
	for i, m := range g.Materials {
		mv := MaterialView{Material: m, Copies: max(m.Copies, 1), Need: "非必要"}
		if m.Required {
			mv.Need = "必要"
		}
		if m.Original != nil {
			mv.Form = "复印件"
			if *m.Original {
				mv.Form = "原件"
			}
		}
		if m.Template != "" {
			mv.Template = staticURL(m.Template)
		}
		if m.Sample != "" {
			mv.Sample = staticURL(m.Sample)
		}
		v.Materials[i] = mv
	}
	v.Steps = make([]StepView, len(g.Steps))
	for i, s := range g.Steps {
		v.Steps[i] = StepView{Step: s, Days: workingDays(s.Days)}
	}
	v.JSONLD = newGovernmentService(v, canonical)
	return v
}
