package render

import (
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

func ptr[T any](v T) *T { return &v }

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureSite is a small site built by hand: a province standard guide
// with two local implementations, a zero-visit item, a negative-list item
// and a draft, with Markdown bodies that try to smuggle raw HTML in.
func fixtureSite() *site.Site {
	cfg := fixtureConfig()
	law := fixtureLawFirm()
	zhoushan := *law
	zhoushan.Code = "330900-SF-XK-0001"
	zhoushan.Department, zhoushan.Region = "舟山市司法局", "舟山市"
	zhoushan.Extends = law.Code
	zhoushan.Updated = date("2018-06-01")
	zhoushan.Locations = []site.Location{{Name: "舟山市行政服务中心", Address: "舟山市定海区临城街道", Phone: "0580-2281234"}}
	zhoushan.Contact = site.Contact{Consult: []string{"0580-2281234"}}
	dinghai := zhoushan
	dinghai.Code = "330902-SF-XK-0001"
	dinghai.Department, dinghai.Region = "定海区司法局", "定海区"
	dinghai.Updated = date("2018-07-01")

	fingerprint := &site.Guide{
		Code: "330000-GA-QT-0007", Title: "出入境证件指纹采集",
		Department: "省公安厅", Region: "浙江省", Type: "公共服务", Topics: []string{"出入境"},
		Published: date("2019-01-01"),
		Service:   site.Service{Star: 2, Visits: 2, NegativeReason: "需本人到场采集指纹并当面领取证件"},
		Locations: []site.Location{{Name: "出入境接待大厅", Address: "杭州市西湖区某路1号", Phone: "13800138000"}},
		Contact:   site.Contact{Consult: []string{"400-123-4567"}},
	}
	online := &site.Guide{
		Code: "330000-SF-GG-0002", Title: "法律援助申请", Department: "省司法厅", Region: "浙江省",
		Type: "公共服务", Topics: []string{"法律服务"}, Updated: date("2020-01-01"),
		Service: site.Service{Star: 5, Visits: 0, OnlineURL: "https://example.gov.cn/apply/aid", Mobile: true, Immediate: true, Agent: true},
		Time:    site.Time{PromisedDays: ptr(0)},
		Fee:     site.Fee{Charged: ptr(true), Standard: "每件 10 元", Basis: "《某收费办法》"},
		Contact: site.Contact{Consult: []string{"12348"}},
	}
	draft := &site.Guide{Code: "330000-SF-XK-0099", Title: "草稿事项", Department: "省司法厅", Region: "浙江省", Draft: true,
		Service: site.Service{Star: 3, Visits: 1}}

	return resolve.BuildOn(cfg, []*site.Guide{&dinghai, fingerprint, law, online, draft, &zhoushan},
		[]string{"forms/lawfirm-application.docx", "forms/lawfirm-sample.pdf"}, time.Time{})
}

// fixtureConfig is the configuration of the fixture site: three regions
// and four departments of Zhejiang.
func fixtureConfig() site.Config {
	cfg := site.DefaultConfig()
	cfg.Title = "浙江省“最多跑一次”办事指南"
	cfg.BaseURL = "https://example.gov.cn/"
	cfg.Footer = "主办：浙江省人民政府办公厅"
	cfg.Regions = []site.Region{
		{Name: "浙江省", Code: "330000"},
		{Name: "舟山市", Code: "330900", Parent: "浙江省"},
		{Name: "定海区", Code: "330902", Parent: "舟山市"},
	}
	cfg.Departments = []site.Department{
		{Name: "省司法厅", Region: "浙江省", Phone: "0571-12345678"},
		{Name: "舟山市司法局", Region: "舟山市"},
		{Name: "定海区司法局", Region: "定海区"},
		{Name: "省公安厅", Region: "浙江省"},
	}
	return cfg
}

// fixtureLawFirm is the provincial standard guide of the fixture site,
// with every part filled in and a body with unsafe HTML and links.
func fixtureLawFirm() *site.Guide {
	return &site.Guide{
		Code: "330000-SF-XK-0001", Title: "律师事务所设立审核登记",
		Department: "省司法厅", Region: "浙江省", Type: "行政许可",
		Audience: []string{"法人"}, Topics: []string{"法律服务"}, Keywords: []string{"开律所"},
		Batch: 1, Published: date("2017-03-01"), Updated: date("2017-03-10"),
		Basis: []string{"《中华人民共和国律师法》第十八条", "《律师事务所管理办法》第十六条"},
		Service: site.Service{
			Star: 4, Visits: 1, Mode: "网上申报、信任在先、办结核验",
			OnlineURL: "https://example.gov.cn/apply/330000-SF-XK-0001", Delivery: true, Appointment: true,
		},
		Time: site.Time{LegalDays: ptr(30), PromisedDays: ptr(15)},
		Fee:  site.Fee{Charged: ptr(false)},
		Materials: []site.Material{
			{Name: "律师事务所设立申请书", Required: true, Source: "申请人自备", Original: ptr(true),
				Electronic: true, Template: "forms/lawfirm-application.docx", Sample: "forms/lawfirm-sample.pdf"},
			{Name: "设立人身份证明", Required: true, Source: "政府部门核发", Shared: true, Copies: 2, Original: ptr(false)},
			{Name: "其他说明材料", Source: "申请人自备", Note: "如有请提供"},
		},
		Steps: []site.Step{
			{Name: "申请与受理", Days: ptr(1), Detail: "材料齐全的当场受理。"},
			{Name: "审查与决定", Days: ptr(14)},
		},
		Locations: []site.Location{{
			Name: "杭州市民中心行政审批窗口", Address: "杭州市上城区解放东路18号", Window: "C区12号",
			Hours: "工作日 9:00-12:00，13:30-17:00", Phone: "0571-87000000",
		}},
		Contact: site.Contact{Consult: []string{"(0571)87000000转123", "12348"}, Complain: []string{"12345"}},
		Body: "## 申请条件\n\n1. 有自己的名称、住所和章程；\n2. 有符合规定的律师。\n\n" +
			"## 办理须知\n\n请提前预约。<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n" +
			"| 类型 | 人数 |\n|---|---|\n| 普通合伙 | 3 人以上 |\n\n" +
			"[点我](javascript:alert(3)) 详见 https://example.gov.cn/help\n\n" +
			"## 常见问题\n\n**问：**可以网上办吗？\n\n**答：**可以。\n",
	}
}
