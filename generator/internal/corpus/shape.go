package corpus

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
)

// The shapes a corpus can have.
const (
	// ShapeStandard: one guide in five a local implementation, one folder
	// a region, bodies of about the same length (guides of 3–5 kB).
	ShapeStandard = "standard"
	// ShapeLong: two guides in five local implementations (more
	// inheritance), folders per region and department, 3–10 more materials
	// and 1–3 more places a standard guide, up to 10 questions, and bodies
	// whose length follows a Pareto law: most guides of 5–10 kB, a few of
	// tens of kB.
	ShapeLong = "long"
)

// Shapes lists the shape names Generate accepts.
var Shapes = []string{ShapeStandard, ShapeLong}

func validShape(s string) bool {
	for _, x := range Shapes {
		if s == x {
			return true
		}
	}
	return false
}

// isLocal says whether the i-th guide extends an earlier one.
func (g *generator) isLocal(i int) bool {
	if g.long {
		return i%5 >= 3
	}
	return i%5 == 4
}

// folder is the content folder of a guide of region r and department kind.
func (g *generator) folder(r region, kind int) string {
	if g.long {
		return filepath.Join(r.code, strings.ToLower(deptKinds[kind].abbr))
	}
	return r.code
}

// extraMaterials adds 3–10 materials drawn from the shared list.
func (g *generator) extraMaterials(b *strings.Builder) {
	for j, k := 0, 3+g.rng.Intn(8); j < k; j++ {
		m := extraMaterialNames[g.rng.Intn(len(extraMaterialNames))]
		fmt.Fprintf(b, "\n[[materials]]\nname = \"%s（%d）\"\nrequired = %t\nsource = %q\ncopies = %d\noriginal = %t\n",
			m, j+1, g.rng.Intn(4) != 0, sources[g.rng.Intn(len(sources))], 1+g.rng.Intn(3), g.rng.Intn(2) == 0)
		if g.rng.Intn(3) == 0 {
			fmt.Fprintf(b, "note = %q\n", sentences[g.rng.Intn(len(sentences))])
		}
		if g.rng.Intn(4) == 0 {
			fmt.Fprintf(b, "sample = %q\n", formPath(g.rng.Intn(formCount)))
		}
	}
}

// extraLocations adds 1–3 more places, in r or in regions below it.
func (g *generator) extraLocations(b *strings.Builder, r region) {
	for j, k := 0, 1+g.rng.Intn(3); j < k; j++ {
		place := g.regions[g.rng.Intn(len(g.regions))]
		if place.level < r.level {
			place = r
		}
		fmt.Fprintf(b, "\n[[locations]]\nname = \"%s便民服务中心（%d）\"\naddress = \"%s解放路%d号\"\nwindow = \"综合窗口%d\"\nhours = \"工作日 8:30-12:00，14:00-17:30；周六上午\"\nphone = %q\nregion = %q\n",
			place.name, j+1, place.name, 1+g.rng.Intn(500), 1+g.rng.Intn(20), g.phone(), place.name)
	}
}

// bodyParagraphs draws a paragraph count from a Pareto law (scale 3,
// shape 1.5: median about 5, mean 9, capped at 150).
func (g *generator) bodyParagraphs() int {
	n := 3 / math.Pow(1-g.rng.Float64(), 1/1.5)
	return int(math.Min(n, 150))
}

// paragraphs writes n paragraphs of 2–5 sentences each.
func (g *generator) paragraphs(b *strings.Builder, n int) {
	for p := 0; p < n; p++ {
		for s, k := 0, 2+g.rng.Intn(4); s < k; s++ {
			b.WriteString(sentences[g.rng.Intn(len(sentences))])
		}
		b.WriteString("\n\n")
	}
}

// writeLongBody is writeBody for ShapeLong: more conditions, a body of
// bodyParagraphs paragraphs split into sections, a table and 3–10 questions.
func (g *generator) writeLongBody(b *strings.Builder, it item) {
	b.WriteString("## 申请条件\n\n")
	for j, k := 0, 3+g.rng.Intn(6); j < k; j++ {
		fmt.Fprintf(b, "%d. %s\n", j+1, conditions[g.rng.Intn(len(conditions))])
	}
	n := g.bodyParagraphs()
	fmt.Fprintf(b, "\n## 办理说明\n\n申请%s，请按材料清单准备材料。\n\n", it.title)
	g.paragraphs(b, (n+1)/2)
	b.WriteString("| 环节 | 办理方式 | 说明 |\n|---|---|---|\n")
	for j, k := 0, 2+g.rng.Intn(5); j < k; j++ {
		fmt.Fprintf(b, "| 第%d步 | %s | %s |\n", j+1, []string{"网上", "窗口", "掌上", "自助终端"}[g.rng.Intn(4)], sentences[g.rng.Intn(len(sentences))])
	}
	b.WriteString("\n## 注意事项\n\n")
	g.paragraphs(b, n/2)
	b.WriteString("## 常见问题\n\n")
	for j, k := 0, 3+g.rng.Intn(8); j < k; j++ {
		f := faqs[g.rng.Intn(len(faqs))]
		fmt.Fprintf(b, "**问：%s**\n\n答：%s%s\n\n", f.q, f.a, sentences[g.rng.Intn(len(sentences))])
	}
}

var extraMaterialNames = []string{
	"授权委托书", "受托人身份证明", "营业执照副本", "法定代表人身份证明书", "场地租赁合同",
	"消防安全检查合格证明", "环境影响评价批复", "专业技术人员资格证书", "近三年财务审计报告",
	"承诺书", "申请事项情况说明", "现场照片", "设备清单", "安全管理制度文本", "婚姻状况证明",
	"不动产权证书", "社会保险缴纳证明", "无犯罪记录证明", "健康证明", "学历学位证书",
}

var sentences = []string{
	"申请人可通过浙江政务服务网或“浙里办”应用在线提交申请，系统自动校验材料的完整性。",
	"窗口工作人员收到材料后当场核对，对材料齐全、符合法定形式的当场出具受理通知书。",
	"材料不齐全或者不符合法定形式的，窗口一次性告知申请人需要补正的全部内容。",
	"审查过程中需要现场核查的，承办人员提前一个工作日与申请人预约核查时间。",
	"办理结果可选择窗口领取，也可申请免费快递送达，邮寄费用由政府财政承担。",
	"通过数据共享可以获取的材料，申请人无需重复提交，由窗口工作人员在线调取。",
	"申请人对办理结果有异议的，可在收到决定之日起六十日内依法申请行政复议。",
	"涉及第三方利益的，审批机关将依法告知利害关系人，并听取其意见。",
	"特殊情况下需要延长办理时限的，经本机关负责人批准可以延长，并告知申请人理由。",
	"申请人隐瞒有关情况或者提供虚假材料的，审批机关不予受理或者不予许可。",
	"老年人、残疾人等特殊群体可预约上门服务，或由社区代办员代为办理。",
	"窗口提供复印、打印、拍照等免费服务，申请人可不必提前准备复印件。",
	"办理进度可通过短信、政务服务网“我的办件”或拨打咨询电话随时查询。",
	"本事项已纳入“一件事”集成办理，可与相关事项一并申请、一次办结。",
	"已在其他地区取得同类证照的，可凭原证照申请变更登记，无需重新审查。",
	"对本指南有疑问的，可拨打咨询电话，或到办事大厅咨询台现场咨询。",
}
