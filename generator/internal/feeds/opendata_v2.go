package feeds

import (
	"zhinan/generator/internal/site"
)

// The keys of version 2 (guide-format.md, "Version 2") in guides.json.
// Every one is left out when the guide does not set it, so that a guide
// that sets none of them is written byte for byte as before (version 1).

// nationalRecord holds the top-level keys of version 2: the national
// elements and the lifecycle. It is embedded in guideRecord, so its keys
// sit among the guide's own, after joint_departments.
type nationalRecord struct {
	BasicCode    string   `json:"basic_code,omitempty"`
	ImplCode     string   `json:"impl_code,omitempty"`
	Level        string   `json:"level,omitempty"`
	Scope        string   `json:"scope,omitempty"`
	CrossModes   []string `json:"cross_modes,omitempty"`
	Limit        string   `json:"limit,omitempty"`
	Intermediary []string `json:"intermediary,omitempty"`
	Status       string   `json:"status,omitempty"`
	Effective    string   `json:"effective,omitempty"`
	ReplacedBy   string   `json:"replaced_by,omitempty"`
	EvaluateURL  string   `json:"evaluate_url,omitempty"`
}

// specialRecord is one [[time.special]] (特别程序).
type specialRecord struct {
	Name string `json:"name"`
	Days *int   `json:"days"`
	Note string `json:"note"`
}

// resultRecord is [result] (办理结果).
type resultRecord struct {
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Sample    string   `json:"sample"`
	SampleURL string   `json:"sample_url"`
	Validity  string   `json:"validity"`
	ELicense  bool     `json:"e_license"`
	Delivery  []string `json:"delivery"`
}

// situationRecord is one [[situations]] (情形).
type situationRecord struct {
	Name     string `json:"name"`
	Question string `json:"question"`
	Note     string `json:"note"`
}

// faqRecord is one [[faq]] (常见问题).
type faqRecord struct {
	Q string `json:"q"`
	A string `json:"a"`
}

// addVersion2 fills in the version-2 keys of a guide's record; the
// materials of r are those of p, in order.
func addVersion2(r *guideRecord, l linker, p *site.Page) {
	r.nationalRecord = nationalRecord{
		BasicCode: p.BasicCode, ImplCode: p.ImplCode, Level: p.Level, Scope: p.Scope,
		CrossModes: p.CrossModes, Limit: p.Limit, Intermediary: p.Intermediary,
		Status: p.Status, Effective: dayOrEmpty(p.Effective), ReplacedBy: p.ReplacedBy,
		EvaluateURL: p.EvaluateURL,
	}
	r.Service.PayOnline, r.Service.SelfService = p.Service.PayOnline, p.Service.SelfService
	r.Time.Unit, r.Time.Note = p.Time.Unit, p.Time.Note
	for _, sp := range p.Time.Special {
		r.Time.Special = append(r.Time.Special, specialRecord(sp))
	}
	if res := p.Result; res != nil {
		r.Result = &resultRecord{
			Name: res.Name, Type: res.Type, Sample: res.Sample, SampleURL: staticURL(l, res.Sample),
			Validity: res.Validity, ELicense: res.ELicense, Delivery: list(res.Delivery),
		}
	}
	for i, m := range p.Materials {
		mr := &r.Materials[i]
		mr.Issuer, mr.Freshness, mr.ELicense = m.Issuer, m.Freshness, m.ELicense
		mr.Commitment, mr.When = m.Commitment, m.When
	}
	for _, s := range p.Situations {
		r.Situations = append(r.Situations, situationRecord(s))
	}
	for _, f := range p.FAQ {
		r.FAQ = append(r.FAQ, faqRecord(f))
	}
}

// Version2Fields documents the keys of version 2 in guides.json, which a
// guide carries only when it sets them; the open-data page lists them
// after GuideFields.
func Version2Fields() []Field {
	return []Field{
		{"basic_code", "文本", "基本编码（版本 2，未写时省略，下同）"},
		{"impl_code", "文本", "实施编码"},
		{"level", "文本", "行使层级：国家级、省级、市级、县级、乡镇级、村级"},
		{"scope", "文本", "通办范围：全国、跨省、跨市、跨县"},
		{"cross_modes", "文本数组", "通办方式：全程网办、异地代收代办、多地联办"},
		{"limit", "文本", "数量限制"},
		{"intermediary", "文本数组", "中介服务"},
		{"status", "文本", "事项状态：暂停、取消（未写即在用）"},
		{"effective", "日期", "计划生效日期，YYYY-MM-DD"},
		{"replaced_by", "文本", "取代本事项（已取消）的新事项编码"},
		{"evaluate_url", "网址", "好差评地址"},
		{"service.pay_online", "是否", "网上支付"},
		{"service.self_service", "是否", "自助终端办理"},
		{"time.unit", "文本", "时限单位：工作日或自然日（未写即工作日）"},
		{"time.note", "文本", "时限说明"},
		{"time.special[].name", "文本", "特别程序（听证、检验、鉴定等），不计入承诺期限"},
		{"time.special[].days", "整数或 null", "特别程序时限"},
		{"time.special[].note", "文本", "特别程序说明"},
		{"result.name", "文本", "办理结果名称"},
		{"result.type", "文本", "结果类型：证照、批文、证明、其他"},
		{"result.sample", "路径", "结果样本（static/ 下的路径）"},
		{"result.sample_url", "网址", "结果样本的下载地址，未提供时为空"},
		{"result.validity", "文本", "有效期"},
		{"result.e_license", "是否", "同步发放电子证照"},
		{"result.delivery", "文本数组", "送达方式"},
		{"materials[].issuer", "文本", "出具单位"},
		{"materials[].freshness", "文本", "时效要求"},
		{"materials[].e_license", "文本", "可代替本材料的电子证照名称（免证办）"},
		{"materials[].commitment", "是否", "可用告知承诺代替"},
		{"materials[].when", "文本数组", "仅在这些情形下需要（对应 situations[].name）"},
		{"situations[].name", "文本", "情形名称"},
		{"situations[].question", "文本", "情形的问法"},
		{"situations[].note", "文本", "该情形下有何不同"},
		{"faq[].q", "文本", "常见问题"},
		{"faq[].a", "文本", "解答"},
	}
}
