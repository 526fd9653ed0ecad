package feeds

import (
	"io"
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// Paths of the open-data files in the output folder.
const (
	GuidesJSONPath = "data/guides.json"
	// BundlesJSONPath (data/bundles.json) is in bundles.go.
	GuidesCSVPath    = "data/guides.csv"
	MaterialsCSVPath = "data/materials.csv"
)

// BOM starts every CSV file so that Excel reads it as UTF-8.
const BOM = "\uFEFF"

// ListSeparator joins the values of an array in a CSV cell
// ("个人|法人"); guides.json keeps arrays as arrays.
const ListSeparator = "|"

// OpenDataFile is one open-data file and the function that writes it. A
// build streams them to disk (Write writes as it goes, guide by guide): at
// 100,000 guides guides.json alone is ~200 MB, which the build would
// otherwise hold in memory.
type OpenDataFile struct {
	Path  string
	Write func(w io.Writer, s *site.Site) error
	// perGuide is how a file of one part per guide is made (perguide.go);
	// nil for the others.
	perGuide *perGuide
}

// OpenDataFiles are the open-data files of the published guides, with
// inheritance resolved (a local guide carries what it inherited):
//
//   - data/guides.json: {"title", "base_url", "count", "guides": [...]},
//     one object per guide with the front-matter keys in snake_case and in
//     the order of the format, every key always present (null or [] when
//     not set), plus body (Markdown), url, standard (code of the guide it
//     implements) and implementations; one guide per line. The keys of
//     version 2 (Version2Fields) are there only when the guide sets them,
//     so a version-1 guide is written as before. Cancelled guides stay,
//     with their status: open data is the whole catalogue;
//   - data/guides.csv: one row per guide, columns as GuideColumns;
//   - data/materials.csv: one row per material, columns as
//     MaterialColumns, starting with the guide's code;
//   - data/bundles.json: the bundles (一件事) with their one set of
//     materials and 材料精简 (writeBundlesJSON).
//
// CSV files are UTF-8 with a byte-order mark; a cell that a spreadsheet
// would run as a formula starts with an apostrophe (csvcell.Safe).
// Guides are in code order.
var OpenDataFiles = []OpenDataFile{
	perGuideFile(GuidesJSONPath, guidesJSON),
	{Path: BundlesJSONPath, Write: writeBundlesJSON},
	perGuideFile(GuidesCSVPath, csvPerGuide(GuideColumns, func(l linker) func(*csvPart, *site.Page) {
		cols := guideColumns()
		return func(c *csvPart, p *site.Page) { c.row(cells(cols, guideRow{l, p})) }
	})),
	perGuideFile(MaterialsCSVPath, csvPerGuide(MaterialColumns, func(l linker) func(*csvPart, *site.Page) {
		cols := materialColumns()
		return func(c *csvPart, p *site.Page) {
			for i, m := range p.Materials {
				c.row(cells(cols, materialRow{l, p, i + 1, m}))
			}
		}
	})),
}

// csvPerGuide is a per-guide CSV file: the header of header's columns,
// then the rows rows writes for each guide.
func csvPerGuide(header func() []Field, rows func(linker) func(*csvPart, *site.Page)) *perGuide {
	return &perGuide{
		head: func(*site.Site) ([]byte, error) { return csvHead(header()) },
		parts: func(s *site.Site) func(*site.Page) ([]byte, error) {
			write, c := rows(newLinker(s)), newCSVPart()
			return func(p *site.Page) ([]byte, error) {
				c.begin()
				write(c, p)
				return c.end()
			}
		},
	}
}

// perGuideFile is the open-data file at path written part by part.
func perGuideFile(path string, pg *perGuide) OpenDataFile {
	return OpenDataFile{Path: path, Write: pg.write, perGuide: pg}
}

// guideRecord is one guide in guides.json; field order is key order.
type guideRecord struct {
	Code             string            `json:"code"`
	Title            string            `json:"title"`
	Department       string            `json:"department"`
	Region           string            `json:"region"`
	Type             string            `json:"type"`
	Audience         []string          `json:"audience"`
	Topics           []string          `json:"topics"`
	Keywords         []string          `json:"keywords"`
	Batch            *int              `json:"batch"`
	Published        *string           `json:"published"`
	Updated          *string           `json:"updated"`
	Extends          *string           `json:"extends"`
	Basis            []string          `json:"basis"`
	JointDepartments []string          `json:"joint_departments"`
	nationalRecord                     // version 2, see opendata_v2.go
	Service          serviceRecord     `json:"service"`
	Time             timeRecord        `json:"time"`
	Result           *resultRecord     `json:"result,omitempty"`
	Fee              feeRecord         `json:"fee"`
	Materials        []materialRecord  `json:"materials"`
	Situations       []situationRecord `json:"situations,omitempty"`
	FAQ              []faqRecord       `json:"faq,omitempty"`
	Steps            []stepRecord      `json:"steps"`
	Locations        []locationRecord  `json:"locations"`
	Contact          contactRecord     `json:"contact"`
	Body             string            `json:"body"`
	URL              string            `json:"url"`
	Standard         *string           `json:"standard"`
	Implementations  []string          `json:"implementations"`
}

// record is the guides.json record of a published page: arrays never
// null, optional values null when not set, URLs as the site publishes them.
func record(l linker, p *site.Page) guideRecord {
	r := guideRecord{
		Code: p.Code, Title: p.Title, Department: p.Department, Region: p.Region, Type: p.Type,
		Audience: list(p.Audience), Topics: list(p.Topics), Keywords: list(p.Keywords),
		Published: optDay(p, "published"), Updated: optDay(p, "updated"),
		Extends: optString(p.Extends), Basis: list(p.Basis), JointDepartments: list(p.JointDepartments),
		Service: serviceRecord{
			Star: p.Service.Star, Visits: p.Service.Visits, Mode: p.Service.Mode, OnlineURL: p.Service.OnlineURL,
			Mobile: p.Service.Mobile, Delivery: p.Service.Delivery, Appointment: p.Service.Appointment,
			Immediate: p.Service.Immediate, Agent: p.Service.Agent, NegativeReason: p.Service.NegativeReason,
		},
		Time:            timeRecord{LegalDays: p.Time.LegalDays, PromisedDays: p.Time.PromisedDays},
		Fee:             feeRecord{Charged: p.Fee.Charged, Standard: p.Fee.Standard, Basis: p.Fee.Basis},
		Materials:       make([]materialRecord, 0, len(p.Materials)), // empty is [], not null
		Steps:           make([]stepRecord, 0, len(p.Steps)),
		Locations:       make([]locationRecord, 0, len(p.Locations)),
		Contact:         contactRecord{Consult: list(p.Contact.Consult), Complain: list(p.Contact.Complain)},
		Body:            p.Body,
		URL:             l.url(p.URL),
		Implementations: []string{},
	}
	if p.Batch > 0 {
		b := p.Batch
		r.Batch = &b
	}
	for _, m := range p.Materials {
		r.Materials = append(r.Materials, materialRecord{
			Name: m.Name, Required: m.Required, Source: m.Source, Copies: copies(m), Original: m.Original,
			Electronic: m.Electronic, Shared: m.Shared, Note: m.Note, Template: m.Template, Sample: m.Sample,
			TemplateURL: staticURL(l, m.Template), SampleURL: staticURL(l, m.Sample),
		})
	}
	for _, st := range p.Steps {
		r.Steps = append(r.Steps, stepRecord{Name: st.Name, Days: st.Days, Detail: st.Detail})
	}
	for _, l := range p.Locations {
		r.Locations = append(r.Locations, locationRecord(l))
	}
	if p.Standard != nil {
		r.Standard = &p.Standard.Code
	}
	for _, impl := range p.Implementations {
		r.Implementations = append(r.Implementations, impl.Code)
	}
	addVersion2(&r, l, p)
	return r
}

type serviceRecord struct {
	Star           int    `json:"star"`
	Visits         int    `json:"visits"`
	Mode           string `json:"mode"`
	OnlineURL      string `json:"online_url"`
	Mobile         bool   `json:"mobile"`
	Delivery       bool   `json:"delivery"`
	Appointment    bool   `json:"appointment"`
	Immediate      bool   `json:"immediate"`
	Agent          bool   `json:"agent"`
	NegativeReason string `json:"negative_reason"`
	PayOnline      bool   `json:"pay_online,omitempty"`
	SelfService    bool   `json:"self_service,omitempty"`
}

type timeRecord struct {
	LegalDays    *int            `json:"legal_days"`
	PromisedDays *int            `json:"promised_days"`
	Unit         string          `json:"unit,omitempty"`
	Note         string          `json:"note,omitempty"`
	Special      []specialRecord `json:"special,omitempty"`
}

type feeRecord struct {
	Charged  *bool  `json:"charged"`
	Standard string `json:"standard"`
	Basis    string `json:"basis"`
}

type materialRecord struct {
	Name       string `json:"name"`
	Required   bool   `json:"required"`
	Source     string `json:"source"`
	Copies     int    `json:"copies"`
	Original   *bool  `json:"original"`
	Electronic bool   `json:"electronic"`
	Shared     bool   `json:"shared"`
	Note       string `json:"note"`
	Template   string `json:"template"`
	Sample     string `json:"sample"`
	// TemplateURL and SampleURL are where the files are published.
	TemplateURL string `json:"template_url"`
	SampleURL   string `json:"sample_url"`
	// Version 2.
	Issuer     string   `json:"issuer,omitempty"`
	Freshness  string   `json:"freshness,omitempty"`
	ELicense   string   `json:"e_license,omitempty"`
	Commitment bool     `json:"commitment,omitempty"`
	When       []string `json:"when,omitempty"`
}

type stepRecord struct {
	Name   string `json:"name"`
	Days   *int   `json:"days"`
	Detail string `json:"detail"`
}

type locationRecord struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Window  string `json:"window"`
	Hours   string `json:"hours"`
	Phone   string `json:"phone"`
	Region  string `json:"region"`
}

type contactRecord struct {
	Consult  []string `json:"consult"`
	Complain []string `json:"complain"`
}

// list returns a non-nil copy, so that an unset array encodes as [].
func list(xs []string) []string {
	return append([]string{}, xs...)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optDay(p *site.Page, which string) *string {
	t := p.Published
	if which == "updated" {
		t = p.Updated
	}
	return optString(dayOrEmpty(t))
}

// staticURL is the URL of a file under static/, which the site publishes
// at its root (static/forms/a.docx → /forms/a.docx); "" for "".
func staticURL(l linker, p string) string {
	if p == "" {
		return ""
	}
	p = strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/")
	return l.url("/" + strings.TrimPrefix(p, "static/"))
}

// copies is the number of copies as shown to citizens: 1 when not set.
func copies(m site.Material) int {
	if m.Copies < 1 {
		return 1
	}
	return m.Copies
}

// guidesJSON writes guides.json with one guide per line, so that the
// file stays readable and diffs between builds show which guides
// changed: {"title": …, "base_url": …, "count": …, then "guides": [ and
// one record a line.
var guidesJSON = &perGuide{
	head: func(s *site.Site) ([]byte, error) {
		value := jsonParts(func(v any) any { return v })
		buf := []byte("{")
		for i, kv := range [][2]any{{"title", s.Config.Title}, {"base_url", s.Config.BaseURL}, {"count", len(s.Guides)}} {
			if i > 0 {
				buf = append(buf, ",\n"...)
			}
			for j, v := range kv {
				b, err := value(v)
				if err != nil {
					return nil, err
				}
				if j > 0 {
					buf = append(buf, ": "...)
				}
				buf = append(buf, b...)
			}
		}
		buf = append(buf, ",\n\"guides\": ["...)
		if len(s.Guides) > 0 {
			buf = append(buf, '\n')
		}
		return buf, nil
	},
	parts: func(s *site.Site) func(*site.Page) ([]byte, error) {
		l := newLinker(s)
		return jsonParts(func(p *site.Page) any { return record(l, p) })
	},
	sep:  ",\n",
	tail: "\n]}\n",
}

// Field documents one key of guides.json or one CSV column: its name, its
// type and its meaning in plain Chinese. The open-data page lists them.
type Field struct {
	Key     string
	Type    string
	Meaning string
}

// column is a CSV column: its documentation and how to fill a cell.
type column[T any] struct {
	Field
	value func(T) string
}

// col is the column documented by key, typ and meaning whose cell value
// computes from a row: the line each entry of a column table is written as.
func col[T any](key, typ, meaning string, value func(T) string) column[T] {
	return column[T]{Field{key, typ, meaning}, value}
}

func join(xs []string) string { return strings.Join(xs, ListSeparator) }

func boolText(b bool) string { return strconv.FormatBool(b) }

func optBoolText(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

func optIntText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// guideRow is what a guides.csv cell is computed from.
type guideRow struct {
	l linker
	p *site.Page
}

func guideColumns() []column[guideRow] {
	return []column[guideRow]{
		col("code", "文本", "事项编码", func(r guideRow) string { return r.p.Code }),
		col("title", "文本", "事项名称", func(r guideRow) string { return r.p.Title }),
		col("department", "文本", "实施机关", func(r guideRow) string { return r.p.Department }),
		col("region", "文本", "行政区划", func(r guideRow) string { return r.p.Region }),
		col("type", "文本", "事项类型", func(r guideRow) string { return r.p.Type }),
		col("audience", "列表", "服务对象（个人、法人）", func(r guideRow) string { return join(r.p.Audience) }),
		col("topics", "列表", "主题", func(r guideRow) string { return join(r.p.Topics) }),
		col("keywords", "列表", "常用叫法", func(r guideRow) string { return join(r.p.Keywords) }),
		col("batch", "整数", "公布批次，空表示未标", func(r guideRow) string {
			if r.p.Batch > 0 {
				return strconv.Itoa(r.p.Batch)
			}
			return ""
		}),
		col("published", "日期", "首次公布日期（YYYY-MM-DD）", func(r guideRow) string { return dayOrEmpty(r.p.Published) }),
		col("updated", "日期", "最近更新日期（YYYY-MM-DD）", func(r guideRow) string { return dayOrEmpty(r.p.Updated) }),
		col("extends", "文本", "所实施的省级标准事项编码", func(r guideRow) string { return r.p.Extends }),
		col("basis", "列表", "设定依据", func(r guideRow) string { return join(r.p.Basis) }),
		col("joint_departments", "列表", "联办部门", func(r guideRow) string { return join(r.p.JointDepartments) }),
		col("service.star", "整数", "星级（1–5）", func(r guideRow) string { return strconv.Itoa(r.p.Service.Star) }),
		col("service.visits", "整数", "最多跑动次数", func(r guideRow) string { return strconv.Itoa(r.p.Service.Visits) }),
		col("service.mode", "文本", "办理模式", func(r guideRow) string { return r.p.Service.Mode }),
		col("service.online_url", "网址", "网上申报地址", func(r guideRow) string { return r.p.Service.OnlineURL }),
		col("service.mobile", "是否", "掌上办", func(r guideRow) string { return boolText(r.p.Service.Mobile) }),
		col("service.delivery", "是否", "快递送达", func(r guideRow) string { return boolText(r.p.Service.Delivery) }),
		col("service.appointment", "是否", "可预约", func(r guideRow) string { return boolText(r.p.Service.Appointment) }),
		col("service.immediate", "是否", "即办件", func(r guideRow) string { return boolText(r.p.Service.Immediate) }),
		col("service.agent", "是否", "可代办", func(r guideRow) string { return boolText(r.p.Service.Agent) }),
		col("service.negative_reason", "文本", "需跑动多次的原因（负面清单）", func(r guideRow) string { return r.p.Service.NegativeReason }),
		col("time.legal_days", "整数", "法定期限（工作日），空表示未标", func(r guideRow) string { return optIntText(r.p.Time.LegalDays) }),
		col("time.promised_days", "整数", "承诺期限（工作日），空表示未标", func(r guideRow) string { return optIntText(r.p.Time.PromisedDays) }),
		col("fee.charged", "是否", "是否收费，空表示未说明", func(r guideRow) string { return optBoolText(r.p.Fee.Charged) }),
		col("fee.standard", "文本", "收费标准", func(r guideRow) string { return r.p.Fee.Standard }),
		col("fee.basis", "文本", "收费依据", func(r guideRow) string { return r.p.Fee.Basis }),
		col("materials", "整数", "申请材料份数（明细见 materials.csv）", func(r guideRow) string { return strconv.Itoa(len(r.p.Materials)) }),
		col("steps", "整数", "办理环节数", func(r guideRow) string { return strconv.Itoa(len(r.p.Steps)) }),
		col("locations", "列表", "办理地点名称", func(r guideRow) string {
			var names []string
			for _, l := range r.p.Locations {
				names = append(names, l.Name)
			}
			return join(names)
		}),
		col("contact.consult", "列表", "咨询电话", func(r guideRow) string { return join(r.p.Contact.Consult) }),
		col("contact.complain", "列表", "监督投诉电话", func(r guideRow) string { return join(r.p.Contact.Complain) }),
		col("url", "网址", "办事指南页面地址", func(r guideRow) string { return r.l.url(r.p.URL) }),
		col("standard", "文本", "所实施的标准事项编码（已发布时）", func(r guideRow) string {
			if r.p.Standard != nil {
				return r.p.Standard.Code
			}
			return ""
		}),
	}
}

// materialRow is what a materials.csv cell is computed from.
type materialRow struct {
	l     linker
	p     *site.Page
	index int
	m     site.Material
}

func materialColumns() []column[materialRow] {
	return []column[materialRow]{
		col("guide_code", "文本", "所属事项编码", func(r materialRow) string { return r.p.Code }),
		col("guide_title", "文本", "所属事项名称", func(r materialRow) string { return r.p.Title }),
		col("index", "整数", "在该事项材料中的序号，从 1 起", func(r materialRow) string { return strconv.Itoa(r.index) }),
		col("name", "文本", "材料名称", func(r materialRow) string { return r.m.Name }),
		col("required", "是否", "是否必要", func(r materialRow) string { return boolText(r.m.Required) }),
		col("source", "文本", "来源", func(r materialRow) string { return r.m.Source }),
		col("copies", "整数", "份数", func(r materialRow) string { return strconv.Itoa(copies(r.m)) }),
		col("original", "是否", "true 为原件，false 为复印件，空表示未说明", func(r materialRow) string { return optBoolText(r.m.Original) }),
		col("electronic", "是否", "接受电子材料", func(r materialRow) string { return boolText(r.m.Electronic) }),
		col("shared", "是否", "部门通过数据共享获取，申请人免提交", func(r materialRow) string { return boolText(r.m.Shared) }),
		col("note", "文本", "填报须知", func(r materialRow) string { return r.m.Note }),
		col("template", "路径", "空白表格（static/ 下的路径）", func(r materialRow) string { return r.m.Template }),
		col("sample", "路径", "示例样表（static/ 下的路径）", func(r materialRow) string { return r.m.Sample }),
		col("template_url", "网址", "空白表格的下载地址", func(r materialRow) string { return staticURL(r.l, r.m.Template) }),
		col("sample_url", "网址", "示例样表的下载地址", func(r materialRow) string { return staticURL(r.l, r.m.Sample) }),
	}
}

// GuideColumns documents the columns of data/guides.csv, in order.
func GuideColumns() []Field { return fields(guideColumns()) }

// MaterialColumns documents the columns of data/materials.csv, in order.
func MaterialColumns() []Field { return fields(materialColumns()) }

func fields[T any](cs []column[T]) []Field {
	out := make([]Field, len(cs))
	for i, c := range cs {
		out[i] = c.Field
	}
	return out
}

func cells[T any](cols []column[T], row T) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.value(row)
	}
	return out
}
