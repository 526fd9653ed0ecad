// Package national exports a site's service items under the names of the
// national elements (GB/T 39046—2020 《政务服务平台基础数据规范》, table 4,
// 事项管理基础数据集), as guide-format.md's "Version 2" tables map the
// keys, for `generator export --format gbt39046`: JSON whose field names
// are the element names, and a CSV with the same columns.
//
// It exports published, non-cancelled items (not bundles), in code order;
// the output depends only on the site, so it is byte for byte the same
// from one run to the next. Code sets (事项类型, 行使层级, 服务对象, 办理形式,
// 通办范围) are in codes.go, with what is and is not verified about them.
package national

import (
	"bytes"
	"encoding/json"
	"strings"

	"zhinan/generator/internal/site"
)

// Field is one element of a record: its national name and its value (a
// string, an int, a bool, nil, []string, a Record or []Record).
type Field struct {
	Name  string
	Value any
}

// Record is one item, or one nested object (a material, the result), as
// an ordered list of fields: JSON keeps the order, and the CSV columns are
// the fields of an item in the same order.
type Record []Field

// MarshalJSON writes the record as a JSON object with its fields in order,
// without escaping <, > and & (the element names and values are text for
// people, not HTML).
func (r Record) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := marshal(f.Name)
		if err != nil {
			return nil, err
		}
		value, err := marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes v as compact JSON without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Items returns the records of the items the export carries: the site's
// published guides (s.Guides, already in code order) that are not
// cancelled and not bundles.
func Items(s *site.Site) []Record {
	out := make([]Record, 0, len(s.Guides))
	for _, p := range s.Guides {
		if p.Cancelled() || p.IsBundle() {
			continue
		}
		out = append(out, item(s, p))
	}
	return out
}

// item is the record of one guide, in the order of table 4.
func item(s *site.Site, p *site.Page) Record {
	g := p.Guide
	dept, _ := s.Config.DepartmentByName(g.Department)
	region, _ := s.Config.RegionByName(g.Region)
	r := Record{
		{"事项编码", g.Code},
		{"事项名称", g.Title},
		{"基本编码", g.BasicCode},
		{"实施编码", g.ImplCode},
		{"事项类型", g.Type},
		{"事项类型代码", code(typeCodes, g.Type)},
		{"实施主体", g.Department},
		{"实施主体编码", dept.CreditCode},
		{"行政区划", g.Region},
		{"行政区划代码", region.Code},
		{"行使层级", g.Level},
		{"行使层级代码", code(levelCodes, g.Level)},
		{"服务对象", strs(g.Audience)},
		{"服务对象代码", codes(audienceCodes, g.Audience)},
		{"办理形式", forms(g)},
		{"办理形式代码", codes(formCodes, forms(g))},
		{"通办范围", g.Scope},
		{"通办范围代码", code(scopeCodes, g.Scope)},
		{"通办方式", strs(g.CrossModes)},
		{"数量限制", g.Limit},
		{"中介服务", strs(g.Intermediary)},
		{"设定依据", strs(g.Basis)},
		{"联办机构", strs(g.JointDepartments)},
	}
	r = append(r, timeFields(g)...)
	r = append(r, serviceFields(g)...)
	r = append(r,
		Field{"办理结果", result(g.Result)},
		Field{"申请材料", materials(g.Materials)},
		Field{"办理流程", steps(g.Steps)},
		Field{"办理地点", locations(g.Locations)},
		Field{"咨询方式", strs(g.Contact.Consult)},
		Field{"监督投诉方式", strs(g.Contact.Complain)},
		Field{"事项状态", status(g.Status)},
		Field{"计划生效日期", date(g)},
		Field{"好差评地址", g.EvaluateURL},
		Field{"办事指南地址", guideURL(s.Config.BaseURL, p.URL)},
	)
	return r
}

// timeFields are 法定办结时限, 承诺办结时限 (nil when not written), their
// unit, 时限说明 and the special procedures (特别程序).
func timeFields(g *site.Guide) Record {
	unit := g.Time.Unit
	if unit == "" {
		unit = "工作日"
	}
	special := make([]Record, len(g.Time.Special))
	for i, sp := range g.Time.Special {
		special[i] = Record{{"名称", sp.Name}, {"时限", intOrNil(sp.Days)}, {"说明", sp.Note}}
	}
	return Record{
		{"法定办结时限", intOrNil(g.Time.LegalDays)},
		{"承诺办结时限", intOrNil(g.Time.PromisedDays)},
		{"时限单位", unit},
		{"时限说明", g.Time.Note},
		{"特别程序", special},
	}
}

// serviceFields are 到办事现场次数, the star, the online address and the
// ways of handling, and the fee.
func serviceFields(g *site.Guide) Record {
	charged := any(nil)
	if g.Fee.Charged != nil {
		charged = *g.Fee.Charged
	}
	return Record{
		{"到办事现场次数", g.Service.Visits},
		{"星级", g.Service.Star},
		{"网上办理地址", g.Service.OnlineURL},
		{"是否支持网上支付", g.Service.PayOnline},
		{"是否支持自助终端办理", g.Service.SelfService},
		{"是否支持物流快递", g.Service.Delivery},
		{"是否支持预约办理", g.Service.Appointment},
		{"是否收费", charged},
		{"收费标准", g.Fee.Standard},
		{"收费依据", g.Fee.Basis},
	}
}

// forms is 办理形式: 窗口办理 when the guide names a place, 网上办理 when it
// has an online address.
func forms(g *site.Guide) []string {
	out := []string{}
	if len(g.Locations) > 0 {
		out = append(out, FormWindow)
	}
	if g.Service.OnlineURL != "" {
		out = append(out, FormOnline)
	}
	return out
}

// result is 办理结果, or nil when the guide has no [result].
func result(r *site.Result) any {
	if r == nil {
		return nil
	}
	return Record{
		{"结果名称", r.Name},
		{"结果类型", r.Type},
		{"有效期", r.Validity},
		{"是否电子证照", r.ELicense},
		{"送达方式", strs(r.Delivery)},
		{"结果样本", r.Sample},
	}
}

// materials is 申请材料, one record per material.
func materials(list []site.Material) []Record {
	out := make([]Record, len(list))
	for i, m := range list {
		form := any(nil)
		if m.Original != nil {
			form = map[bool]string{true: "原件", false: "复印件"}[*m.Original]
		}
		necessity := "非必要"
		if m.Required {
			necessity = "必要"
		}
		copies := m.Copies
		if copies == 0 {
			copies = 1
		}
		out[i] = Record{
			{"材料名称", m.Name},
			{"材料必要性", necessity},
			{"来源渠道", m.Source},
			{"份数", copies},
			{"材料形式", form},
			{"是否接受电子材料", m.Electronic},
			{"出具单位", m.Issuer},
			{"时效要求", m.Freshness},
			{"免证办", m.ELicense},
			{"告知承诺", m.Commitment},
			{"免提交", m.Shared},
			{"适用情形", strs(m.When)},
			{"填报须知", m.Note},
			{"空白表格", m.Template},
			{"示例样表", m.Sample},
		}
	}
	return out
}

// steps is 办理流程, one record per step.
func steps(list []site.Step) []Record {
	out := make([]Record, len(list))
	for i, s := range list {
		out[i] = Record{{"环节名称", s.Name}, {"时限", intOrNil(s.Days)}, {"审查标准", s.Detail}}
	}
	return out
}

// locations is 办理地点, one record per place.
func locations(list []site.Location) []Record {
	out := make([]Record, len(list))
	for i, l := range list {
		out[i] = Record{{"地点名称", l.Name}, {"地址", l.Address}, {"窗口", l.Window}, {"办理时间", l.Hours}, {"电话", l.Phone}}
	}
	return out
}

// status is 事项状态: 在用 when the guide writes none.
func status(s string) string {
	if s == "" {
		return site.StatusActive
	}
	return s
}

// date is 计划生效日期 as YYYY-MM-DD, or "" when not set.
func date(g *site.Guide) string {
	if g.Effective.IsZero() {
		return ""
	}
	return g.Effective.Format("2006-01-02")
}

// guideURL is the full address of the guide's page, or its site-relative
// URL when config.toml has no base_url.
func guideURL(base, url string) string {
	if base == "" {
		return url
	}
	return strings.TrimSuffix(base, "/") + url
}

// strs returns list, or an empty list for nil, so JSON writes [] rather
// than null.
func strs(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// intOrNil is *p, or nil (JSON null, an empty CSV cell) when not set.
func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
