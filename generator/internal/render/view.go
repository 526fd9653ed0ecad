package render

import (
	"encoding/json"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
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
	// Crumbs is the breadcrumb trail, home first, the page itself last;
	// their URLs carry the site's base path.
	Crumbs []Crumb
	// CSS is the URL of the site's stylesheet, with its version.
	CSS string
	// Header and Footer are partials/header.html and partials/footer.html,
	// rendered once per build.
	Header template.HTML
	Footer template.HTML
	// Data is the page's own content: *GuideView on a guide page,
	// *GroupView on a browsing page, *HomeView on home, nil on 404 and
	// search, and
	// whatever the caller gave to Renderer.Page.
	Data any
}

// Crumb is one step of the breadcrumb trail. URL is empty for the current
// page.
type Crumb struct {
	Name string
	URL  string
}

// The view types below are flat on purpose: text/template looks fields up
// by name on every evaluation, and a field reached through an embedded
// struct costs a breadth-first search of the type (reflect.FieldByNameFunc),
// which was a third of the render time of 10,000 guides.

// GuideView is a guide with everything its page shows already worked out:
// texts in words, the body rendered and split, links ready for href (the
// site's base path included), materials and steps ready for their tables.
type GuideView struct {
	// Page and Guide give templates that need more the whole guide.
	Page  *site.Page
	Guide *site.Guide

	Code     string
	Title    string
	Type     string
	Audience []string
	// Class is zero-visit, one-visit or negative: which of the three lists.
	Class     string
	Service   site.Service
	Stars     string // ★★★★☆
	StarWords string // 四星
	Visits    string // 零上门, 跑一次, 需跑 N 次 (site.VisitWords)
	// Badges are the convenience marks that apply: 掌上办, 快递送达, 可预约,
	// 即办件, 可代办, 网上支付, 自助终端办理, in that order.
	Badges []string

	Department       Link // URL empty when the guide has no department page
	Region           Link
	JointDepartments []string
	Topics           []Link
	// Promised and Legal are the time limits in words ("15 个工作日",
	// "即办"), empty when not set.
	Promised string
	Legal    string
	// FeeText is 不收费 or the charging standard; empty when the guide says
	// nothing about fees. FeeBasis is the legal basis of a fee.
	FeeText  string
	FeeBasis string

	Materials []MaterialView
	// Summary is the box at the top of the page (partials/summary.html).
	Summary   *SummaryView
	Steps     []StepView
	Locations []LocationView
	Contact   site.Contact
	Basis     []string
	// body renders the Markdown body when a template first asks for
	// Sections (the sheet's default layout never does); sections keeps it.
	body     func() (Sections, error)
	sections *Sections

	// Lifecycle is the notice of a cancelled, suspended or not yet
	// effective item, or nil (see LifecycleView).
	Lifecycle *LifecycleView

	// Standard is the guide this one implements, or nil; Implementations
	// are the local guides implementing this one.
	Standard        *GuideItem
	Implementations []*GuideItem

	Updated   time.Time
	Published time.Time
	// StaleDays is how many days before the build day (site.Site.Today)
	// the guide was last updated, when that is more than stale_after_days;
	// 0 otherwise. partials/stale.html tells the citizen to call first.
	StaleDays int
	// PrintURL is the guide's one-time notification sheet (一次性告知单),
	// ready for href: /guide/<code>/print.html.
	PrintURL string
	// GuideURL is the absolute URL of the guide's page, from base_url,
	// which the sheet prints and its QR code holds; empty without
	// base_url.
	GuideURL string
	// QR is that URL as an inline SVG QR code. It is set only on the
	// sheet (print.html), and empty without base_url.
	QR template.HTML
	// Version 2 (see version2.go); all empty for a version-1 guide.
	// V2 is true when the page shows any of them (it then links
	// guide2.css).
	V2     bool
	Result *ResultView
	// Special are the special procedures (特别程序) shown beside the
	// promised time; TimeNote is 时限说明.
	Special      []SpecialView
	TimeNote     string
	Level        string   // 行使层级
	Limit        string   // 数量限制
	Intermediary []string // 中介服务
	// Scope is 通办范围 in words ("跨市通办"), CrossModes each mode in
	// words ("可跨市异地代收代办").
	Scope       string
	CrossModes  []string
	EvaluateURL string // 好差评
	// EvaluateQR is the 好差评 link as a QR code, on the sheet only.
	EvaluateQR template.HTML
	Situations []SituationView
	FAQ        []site.FAQ
	// FAQJSONLD (on the page only, when the guide has [[faq]]) is the
	// schema.org FAQPage of the questions, escaped as JSONLD is.
	FAQJSONLD template.JS

	// JSONLD (empty on the sheet) is the schema.org GovernmentService
	// description of the item
	// as JSON for <script type="application/ld+json">. encoding/json
	// escapes <, > and & (and U+2028/2029), so no text of the guide can
	// close the script element.
	JSONLD template.JS
}

// Sections is the Markdown body, rendered and split into its known
// sections ({{.Sections.Conditions}} in a layout). It is rendered on first
// use, so that a page that shows no body (the default sheet) costs no
// Markdown; an error fails the page's template.
func (v *GuideView) Sections() (Sections, error) {
	if v.sections == nil {
		b, err := v.body()
		if err != nil {
			return Sections{}, err
		}
		v.sections = &b
	}
	return *v.sections, nil
}

// Link is a name with the URL of its page, ready for href, and how many
// guides the page lists when that is worth saying.
type Link struct {
	Name  string
	URL   string
	Count int
}

// HomeView is the home page's own data; the rest is in PageData.Site.
type HomeView struct {
	// DepartmentsByRegion groups the departments by region when a site has
	// many (it is empty otherwise, and the page lists them in one run).
	DepartmentsByRegion []DepartmentSection
}

// DepartmentSection is the departments of one region.
type DepartmentSection struct {
	Region      string
	Departments []Link
}

// MaterialView is one row of the materials table.
type MaterialView struct {
	Name       string
	Need       string // 必要 or 非必要
	Source     string
	Copies     int    // at least 1
	Form       string // 原件, 复印件 or empty
	Electronic bool
	Shared     bool
	Note       string
	Template   string // URL of the blank form, or empty
	Sample     string // URL of the filled-in example, or empty
	Downloads  bool   // Template or Sample is set
	// Version 2: 出具单位, 时效要求, the electronic licence accepted
	// instead (免证办), 告知承诺; When names the situations it is needed
	// in (joined with 、) and WhenIDs their numbers ("1,2"), both empty
	// when it is always needed.
	Issuer     string
	Freshness  string
	ELicense   string
	Commitment bool
	When       string
	WhenIDs    string
	// Instead says what replaces a material the citizen need not bring
	// (免提交, 免证, 告知承诺; insteadWords); empty for one to bring.
	Instead string
	// For names, on a bundle's page, the members that need it; empty on
	// a guide's page.
	For string
}

// LocationView is one place to go ([[locations]]), as site.Location but
// with Hours ready for the page: each time range (8:30-12:00) in a
// nowrap span, so that 关怀版 on a phone never breaks it across lines.
type LocationView struct {
	Name    string
	Address string
	Window  string
	Hours   template.HTML
	Phone   string
	Region  string
}

// timeRange matches a time range as editors write hours: 8:30-12:00,
// 13:30～17:00, 9：00至17：00.
var timeRange = regexp.MustCompile(`\d{1,2}[:：]\d{2}\s*[-–—~～至到]\s*\d{1,2}[:：]\d{2}`)

// hoursHTML escapes hours and wraps each time range in <span class="nw">.
func hoursHTML(hours string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range timeRange.FindAllStringIndex(hours, -1) {
		b.WriteString(template.HTMLEscapeString(hours[last:m[0]]))
		b.WriteString(`<span class="nw">`)
		b.WriteString(template.HTMLEscapeString(hours[m[0]:m[1]]))
		b.WriteString(`</span>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(hours[last:]))
	return template.HTML(b.String())
}

// locationViews works out the places of a guide for its page and sheet.
func locationViews(ls []site.Location) []LocationView {
	out := make([]LocationView, len(ls))
	for i, l := range ls {
		out[i] = LocationView{Name: l.Name, Address: l.Address, Window: l.Window, Hours: hoursHTML(l.Hours), Phone: l.Phone, Region: l.Region}
	}
	return out
}

// StepView is one step of the procedure.
type StepView struct {
	Name   string
	Days   string // "3 个工作日", "当场办结" or empty
	Detail string
}

// GuideItem is a guide as one line of a list (a department's page, a
// list, the home page's recent changes, a standard's implementations).
// HTML is the item rendered once per build with partials/guide-item.html,
// so that a guide listed on five pages is rendered once.
type GuideItem struct {
	Page       *site.Page
	Code       string
	Title      string
	URL        string // ready for href
	Department string
	Region     string
	Stars      string
	StarWords  string
	Visits     string
	Negative   bool
	Reason     string // negative_reason, shown on the negative list
	// Suspended (status = "暂停") and Cancelled (status = "取消") tag the
	// line; a cancelled guide is on no list, but a standard's page still
	// names its cancelled implementations (guide.html, 上下级指南).
	Suspended bool
	Cancelled bool
	Updated   time.Time
	Published time.Time
	HTML      template.HTML
	// sortKey orders browsing pages by title in pinyin (slug.SortKey).
	sortKey string
}

// GroupView is a browsing page: a department, region, topic or list.
type GroupView struct {
	Group *site.Group
	Kind  string
	Name  string
	Slug  string
	URL   string
	Count int
	Items []*GuideItem
	// ItemsHTML is the HTML of all items, joined in order.
	ItemsHTML template.HTML

	// For a region: the enclosing region and the regions within it that
	// have pages (三级联动: province → city → county), from config.
	Parent   *Link
	Children []Link
	// For a declared department: its address and phone from config, and
	// the region it belongs to.
	Address string
	Phone   string
	Region  *Link
}

// stars draws a rating as five stars, filled then hollow: ★★★★☆
// (site.Stars, the one rendering of every page).
func stars(n int) string { return site.Stars(n) }

// starWords says a rating in words: 四星 (site.StarWords).
func starWords(n int) string { return site.StarWords(n) }

// visitWords says how many trips a citizen makes: 零上门, 跑一次 or
// 需跑 N 次 (site.VisitWords, the one vocabulary).
func visitWords(visits int) string { return site.VisitWords(visits) }

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

// newGuideItem works out a guide's line in lists; its HTML is filled in
// later from the template.
func newGuideItem(p *site.Page, base string) *GuideItem {
	return &GuideItem{
		Page: p, Code: p.Code, Title: p.Title, URL: base + p.URL,
		Department: p.Department, Region: p.Region,
		Stars: stars(p.Service.Star), StarWords: starWords(p.Service.Star), Visits: visitWords(p.Service.Visits),
		Negative: p.Class() == site.Negative, Reason: p.Service.NegativeReason,
		Suspended: p.Suspended(), Cancelled: p.Cancelled(),
		Updated: p.Updated, Published: p.Published,
		sortKey: slug.SortKey(p.Title),
	}
}

// newGuideView works out what a guide's page shows, all but the JSON-LD
// (see addJSONLD). items holds the list lines of every guide of the site
// (for the standard and implementations); base is the site's path prefix.
func newGuideView(p *site.Page, body func() (Sections, error), canonical, base string, items map[*site.Page]*GuideItem) *GuideView {
	g := p.Guide
	v := &GuideView{
		Page: p, Guide: g, body: body,
		Code: g.Code, Title: g.Title, Type: g.Type, Audience: g.Audience, Class: string(g.Class()),
		Service: g.Service, Stars: stars(g.Service.Star), StarWords: starWords(g.Service.Star),
		Visits:           visitWords(g.Service.Visits),
		Department:       Link{Name: g.Department},
		Region:           Link{Name: g.Region},
		JointDepartments: g.JointDepartments,
		Locations:        locationViews(g.Locations), Contact: g.Contact, Basis: g.Basis,
		Updated: g.Updated, Published: g.Published,
		PrintURL: base + printURL(p.URL),
	}
	if p.DepartmentGroup != nil {
		v.Department.URL = base + p.DepartmentGroup.URL
	}
	if p.RegionGroup != nil {
		v.Region.URL = base + p.RegionGroup.URL
	}
	for _, t := range p.TopicGroups {
		v.Topics = append(v.Topics, Link{Name: t.Name, URL: base + t.URL})
	}
	item := func(q *site.Page) *GuideItem {
		if it, ok := items[q]; ok {
			return it
		}
		return newGuideItem(q, base)
	}
	if p.Standard != nil {
		v.Standard = item(p.Standard)
	}
	for _, q := range p.Implementations {
		v.Implementations = append(v.Implementations, item(q))
	}
	v.Badges = badges(g.Service)
	v.Promised = days(g.Time.PromisedDays, g.Time.Unit)
	if g.Service.Immediate {
		v.Promised = "即办"
	}
	v.Legal = days(g.Time.LegalDays, g.Time.Unit)
	v.FeeText, v.FeeBasis = feeText(g.Fee)
	v.Materials = materialViews(g.Materials, base)
	addConditions(v.Materials, g.Materials, g.Situations)
	v.Steps = make([]StepView, len(g.Steps))
	for i, s := range g.Steps {
		v.Steps[i] = StepView{Name: s.Name, Days: days(s.Days, g.Time.Unit), Detail: s.Detail}
	}
	v.addVersion2(g, base)
	v.Summary = newSummary(v.Class, g.Service, v.Materials, v.Locations, g.Contact.Consult, v.Promised, v.FeeText)
	v.Summary.Stars, v.Summary.StarWords = v.Stars, v.StarWords
	return v
}

// badges names the conveniences a service offers, in a fixed order (网上支付
// and 自助终端办理 are version 2's).
func badges(s site.Service) []string {
	var out []string
	for _, badge := range []struct {
		on   bool
		name string
	}{
		{s.Mobile, "掌上办"},
		{s.Delivery, "快递送达"},
		{s.Appointment, "可预约"},
		{s.Immediate, "即办件"},
		{s.Agent, "可代办"},
		{s.PayOnline, "网上支付"},
		{s.SelfService, "自助终端办理"},
	} {
		if badge.on {
			out = append(out, badge.name)
		}
	}
	return out
}

// feeText says what a guide's fee is and on what basis; both are empty
// when the guide does not say whether it charges.
func feeText(f site.Fee) (text, basis string) {
	if f.Charged == nil {
		return "", ""
	}
	if *f.Charged {
		return f.Standard, f.Basis
	}
	return "不收费", ""
}

// materialViews works out the lines of the materials table; base is the
// site's path prefix for template and sample links.
func materialViews(materials []site.Material, base string) []MaterialView {
	out := make([]MaterialView, len(materials))
	for i, m := range materials {
		mv := MaterialView{
			Name: m.Name, Need: "非必要", Source: m.Source, Copies: max(m.Copies, 1),
			Electronic: m.Electronic, Shared: m.Shared, Note: m.Note,
			Issuer: m.Issuer, Freshness: m.Freshness, ELicense: m.ELicense, Commitment: m.Commitment,
		}
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
			mv.Template = staticURL(base, m.Template)
		}
		if m.Sample != "" {
			mv.Sample = staticURL(base, m.Sample)
		}
		mv.Downloads = mv.Template != "" || mv.Sample != ""
		mv.Instead = insteadWords(mv, mv.ELicense)
		out[i] = mv
	}
	return out
}

// addJSONLD fills v.JSONLD, for the guide's own page (its sheet goes
// without: a tenth of the sheet's render time).
func (v *GuideView) addJSONLD(canonical string) {
	if b, err := json.Marshal(newGovernmentService(v, canonical)); err == nil {
		v.JSONLD = template.JS(b)
	}
}
