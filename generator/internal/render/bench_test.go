package render

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// syntheticSite builds a site of n guides shaped like a real province:
// about 40 regions and 200 departments, 30 topics, one guide in five a
// local implementation of a standard, every star level, a Markdown body
// with conditions, notes and questions.
func syntheticSite(n int) *site.Site {
	cfg := site.DefaultConfig()
	cfg.Title = "浙江省“最多跑一次”办事指南"
	cfg.BaseURL = "https://example.gov.cn/"
	cfg.Footer = "主办：浙江省人民政府办公厅"
	cities := []string{"杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"}
	counties := []string{"上城区", "西湖区", "海曙区", "鹿城区", "南湖区", "吴兴区", "越城区", "婺城区", "柯城区", "定海区", "椒江区", "莲都区"}
	cfg.Regions = append(cfg.Regions, site.Region{Name: "浙江省", Code: "330000"})
	for i, c := range cities {
		cfg.Regions = append(cfg.Regions, site.Region{Name: c, Code: fmt.Sprintf("33%02d00", i+1), Parent: "浙江省"})
	}
	for i, c := range counties {
		cfg.Regions = append(cfg.Regions, site.Region{Name: c, Code: fmt.Sprintf("33%02d02", i+1), Parent: cities[i%len(cities)]})
	}
	kinds := []string{"司法局", "市场监督管理局", "人力资源和社会保障局", "公安局", "民政局", "自然资源和规划局", "交通运输局", "卫生健康委员会"}
	for _, r := range cfg.Regions {
		for _, k := range kinds[:5] {
			cfg.Departments = append(cfg.Departments, site.Department{Name: r.Name + k, Region: r.Name})
		}
	}
	topics := []string{"法律服务", "婚姻登记", "户籍办理", "出入境", "社会保障", "医疗卫生", "交通出行", "不动产登记", "企业开办", "税务办理"}
	body := "本事项编号 %d。\n\n## 申请条件\n\n1. 申请人具有完全民事行为能力；\n2. 材料真实、齐全，符合法定形式；\n3. 符合《某某条例》第十二条规定。\n\n" +
		"## 办理须知\n\n请携带**全部原件**到窗口核验。可以通过[浙江政务服务网](https://www.zjzwfw.gov.cn/)预约，\n也可以拨打 12345 咨询。\n\n" +
		"| 情形 | 办理方式 |\n|---|---|\n| 本人办理 | 身份证原件 |\n| 委托办理 | 委托书及双方身份证 |\n\n" +
		"## 常见问题\n\n### 可以异地办理吗？\n\n可以，全省通办。\n\n### 多久能拿到结果？\n\n承诺期限内办结，快递送达。\n"
	var guides []*site.Guide
	d0 := time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		r := cfg.Regions[i%len(cfg.Regions)]
		star := 1 + i%5
		visits := map[int]int{5: 0, 4: 1, 3: 1, 2: 2, 1: 3}[star]
		g := &site.Guide{
			Code:       fmt.Sprintf("%s-XK-%05d", r.Code, i),
			Title:      fmt.Sprintf("%s第%d号事项办理", topics[i%len(topics)], i),
			Department: r.Name + kinds[i%5],
			Region:     r.Name,
			Type:       "行政许可",
			Audience:   []string{"个人", "法人"}[:1+i%2],
			Topics:     []string{topics[i%len(topics)], topics[(i/7)%len(topics)]},
			Published:  d0.AddDate(0, 0, i%900),
			Updated:    d0.AddDate(0, 0, i%1500),
			Basis:      []string{"《中华人民共和国行政许可法》", "《浙江省某某条例》第十条"},
			Service: site.Service{Star: star, Visits: visits, Mode: "网上申报、信任在先、办结核验",
				Mobile: i%2 == 0, Delivery: i%3 == 0, Appointment: true, Agent: i%4 == 0},
			Time:    site.Time{LegalDays: ptr(20), PromisedDays: ptr(5 + i%10)},
			Fee:     site.Fee{Charged: ptr(false)},
			Contact: site.Contact{Consult: []string{"0571-87000000", "12345"}, Complain: []string{"12345"}},
			Body:    fmt.Sprintf(body, i),
		}
		if star == 5 || star == 4 {
			g.Service.OnlineURL = "https://example.gov.cn/apply/" + g.Code
		}
		if visits > 1 {
			g.Service.NegativeReason = "涉及现场勘验，需申请人到场配合"
		}
		for m := range 3 + i%5 {
			g.Materials = append(g.Materials, site.Material{
				Name: fmt.Sprintf("申请材料%d（申请书、证明、身份证件等）", m+1), Required: m%3 != 2, Source: "申请人自备",
				Copies: 1 + m%2, Original: ptr(m%2 == 0), Electronic: m%2 == 1, Shared: m%4 == 3,
				Note: "需加盖公章", Template: "forms/apply.docx",
			})
		}
		g.Steps = []site.Step{{Name: "受理", Days: ptr(1), Detail: "材料齐全当场受理"}, {Name: "审查", Days: ptr(3)}, {Name: "决定", Days: ptr(1), Detail: "作出准予许可决定"}}
		g.Locations = []site.Location{{Name: r.Name + "行政服务中心", Address: r.Name + "人民路1号", Window: "综合窗口", Hours: "工作日 9:00-17:00", Phone: "0571-87000000"}}
		if i%5 == 4 && i >= 5 {
			// A local implementation: inherits its standard's body, as
			// resolve's inheritance does.
			base := guides[i-5]
			if base.Extends != "" {
				base = guides[i-10]
			}
			g.Extends, g.Body = base.Code, base.Body
		}
		guides = append(guides, g)
	}
	return resolve.BuildOn(cfg, guides, []string{"forms/apply.docx"}, time.Time{})
}

// BenchmarkRender10k renders a site of 10,000 guides: Markdown, templates,
// minification, in parallel. Compare with -cpu 2 for the 2-core target.
func BenchmarkRender10k(b *testing.B) {
	s := syntheticSite(10000)
	r, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var files []site.File
	cpu0 := cpuTime()
	for b.Loop() {
		files, err = r.Render(s)
		if err != nil {
			b.Fatal(err)
		}
	}
	// CPU seconds per render: stable when other processes share the
	// machine, unlike ns/op. Divide by the cores to estimate wall time.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	var bytes int
	for _, f := range files {
		bytes += len(f.Data)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(bytes)/float64(1<<20), "MB")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
}
