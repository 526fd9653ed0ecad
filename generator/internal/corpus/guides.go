package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// guideRef remembers what later guides need of an earlier one.
type guideRef struct {
	code      string
	kind      int
	level     int
	immediate bool // the base is 即办件: a local [time] must promise 0 days
}

func (g *generator) writeGuides(n int) error {
	var bases []guideRef    // guides a local implementation may extend
	var cityImpl []guideRef // city implementations a county may extend (chains)
	for i := 0; i < n; i++ {
		var text, code, folder string
		switch {
		case g.isLocal(i) && len(bases) > 0:
			var base guideRef
			if i%25 == 24 && len(cityImpl) > 0 {
				base = cityImpl[g.rng.Intn(len(cityImpl))]
			} else {
				base = bases[g.rng.Intn(len(bases))]
			}
			r := g.localRegion(base.level)
			code, text = g.localGuide(i, base, r)
			folder = g.folder(r, base.kind)
			if r.level == 1 {
				cityImpl = append(cityImpl, guideRef{code: code, kind: base.kind, level: 1, immediate: base.immediate})
			}
		default:
			kind := g.rng.Intn(len(deptKinds))
			r := g.regions[g.rng.Intn(len(g.regions))]
			if i%10 == 0 {
				r = g.regions[0] // a share of province standards
			}
			var immediate bool
			code, text, immediate = g.standardGuide(i, kind, r)
			folder = g.folder(r, kind)
			bases = append(bases, guideRef{code: code, kind: kind, level: r.level, immediate: immediate})
		}
		dir := filepath.Join(g.dir, "content", folder)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, code+".md"), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// localRegion picks a region below the base's level.
func (g *generator) localRegion(baseLevel int) region {
	for {
		r := g.regions[1+g.rng.Intn(len(g.regions)-1)]
		if r.level > baseLevel {
			return r
		}
		if baseLevel >= 2 {
			return r
		}
	}
}

func (g *generator) dept(kind int, r region) department {
	for _, d := range g.depts {
		if d.region == r.name && d.abbr == deptKinds[kind].abbr {
			return d
		}
	}
	panic("corpus: no department for " + r.name)
}

func (g *generator) star() int {
	switch p := g.rng.Intn(100); {
	case p < 15:
		return 5
	case p < 55:
		return 4
	case p < 96:
		return 3
	case p < 98:
		return 2
	default:
		return 1
	}
}

func (g *generator) phone() string {
	return fmt.Sprintf("0%d-%08d", []int{571, 574, 577, 573, 572, 575, 579, 570, 580, 576, 578}[g.rng.Intn(11)], 80000000+g.rng.Intn(9999999))
}

// date returns a TOML date in the years [from, to).
func (g *generator) date(from, to int) string {
	return fmt.Sprintf("%d-%02d-%02d", from+g.rng.Intn(to-from), 1+g.rng.Intn(12), 1+g.rng.Intn(28))
}

func (g *generator) standardGuide(i, kind int, r region) (code, text string, immediate bool) {
	it := items[kind][g.rng.Intn(len(items[kind]))]
	d := g.dept(kind, r)
	code = fmt.Sprintf("%s-%s-%05d", r.code, d.abbr, i)
	star := g.star()
	visits := map[int]int{5: 0, 4: 1, 3: 1, 2: 2, 1: 3}[star]
	if star == 4 && g.rng.Intn(3) == 0 {
		visits = 0
	}
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "code = %q\ntitle = %q\ndepartment = %q\nregion = %q\ntype = %q\n", code, it.title, d.name, r.name, it.typ)
	fmt.Fprintf(&b, "audience = [%q]\ntopics = [%q]\n", []string{"个人", "法人"}[g.rng.Intn(2)], it.topic)
	fmt.Fprintf(&b, "keywords = [%s]\n", quoteList(it.keywords))
	fmt.Fprintf(&b, "batch = %d\npublished = %s\nupdated = %s\n", 1+g.rng.Intn(5), g.date(2017, 2024), g.date(2024, 2026))
	fmt.Fprintf(&b, "basis = [\"《中华人民共和国行政许可法》第%d条\"]\n", 10+g.rng.Intn(50))
	b.WriteString("\n[service]\n")
	fmt.Fprintf(&b, "star = %d\nvisits = %d\nmode = %q\n", star, visits, modes[star])
	if star >= 3 {
		fmt.Fprintf(&b, "online_url = \"https://zwfw.example.gov.cn/apply/%s\"\n", code)
	}
	immediate = star >= 4 && g.rng.Intn(4) == 0
	fmt.Fprintf(&b, "mobile = %t\ndelivery = %t\nappointment = true\nimmediate = %t\n", star >= 4, star >= 3, immediate)
	if visits > 1 {
		fmt.Fprintf(&b, "negative_reason = %q\n", negativeReasons[g.rng.Intn(len(negativeReasons))])
	}
	legal := []int{5, 10, 15, 20, 30, 60}[g.rng.Intn(6)]
	promised := legal / (1 + g.rng.Intn(3))
	if immediate {
		promised = 0
	}
	fmt.Fprintf(&b, "\n[time]\nlegal_days = %d\npromised_days = %d\n", legal, promised)
	if g.rng.Intn(5) == 0 {
		b.WriteString("\n[fee]\ncharged = true\nstandard = \"按《浙江省行政事业性收费标准》收取工本费\"\nbasis = \"浙价费〔2017〕12号\"\n")
	} else {
		b.WriteString("\n[fee]\ncharged = false\n")
	}
	for j, m := range it.materials {
		fmt.Fprintf(&b, "\n[[materials]]\nname = %q\nsource = %q\ncopies = %d\noriginal = %t\nelectronic = %t\n", m, sources[g.rng.Intn(len(sources))], 1+g.rng.Intn(2), j%2 == 0, g.rng.Intn(2) == 0)
		if j == 0 {
			fmt.Fprintf(&b, "template = %q\nnote = \"请用黑色签字笔填写，并由申请人签名。\"\n", formPath(g.rng.Intn(formCount)))
		}
		if strings.Contains(m, "身份证") {
			b.WriteString("shared = true\n")
		}
	}
	if g.long {
		g.extraMaterials(&b)
	}
	for j, s := range []string{"申请", "受理", "审查", "决定", "送达"} {
		fmt.Fprintf(&b, "\n[[steps]]\nname = %q\ndays = %d\ndetail = \"%s环节：工作人员按审查标准办理，材料齐全的当场%s。\"\n", s, j%3, s, s)
	}
	g.writeLocation(&b, r, code)
	if g.long {
		g.extraLocations(&b, r)
	}
	fmt.Fprintf(&b, "\n[contact]\nconsult = [%q, \"12345\"]\ncomplain = [\"12345\"]\n", g.phone())
	b.WriteString("+++\n\n")
	if g.long {
		g.writeLongBody(&b, it)
	} else {
		g.writeBody(&b, it)
	}
	return code, b.String(), immediate
}

func (g *generator) writeLocation(b *strings.Builder, r region, code string) {
	fmt.Fprintf(b, "\n[[locations]]\nname = \"%s行政服务中心\"\naddress = \"%s人民路%d号\"\nwindow = \"%d号窗口\"\nhours = \"工作日 9:00-12:00，13:30-17:00\"\nphone = %q\nregion = %q\n",
		r.name, r.name, 1+g.rng.Intn(300), 1+g.rng.Intn(40), g.phone(), r.name)
}

func (g *generator) localGuide(i int, base guideRef, r region) (string, string) {
	d := g.dept(base.kind, r)
	code := fmt.Sprintf("%s-%s-%05d", r.code, d.abbr, i)
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "code = %q\nextends = %q\ndepartment = %q\nregion = %q\nupdated = %s\n", code, base.code, d.name, r.name, g.date(2024, 2026))
	if g.rng.Intn(3) == 0 {
		promised := 1 + g.rng.Intn(10)
		if base.immediate {
			promised = 0
		}
		fmt.Fprintf(&b, "\n[time]\nlegal_days = 30\npromised_days = %d\n", promised)
	}
	g.writeLocation(&b, r, code)
	fmt.Fprintf(&b, "\n[contact]\nconsult = [%q]\ncomplain = [\"12345\"]\n", g.phone())
	b.WriteString("+++\n")
	if g.rng.Intn(2) == 0 {
		fmt.Fprintf(&b, "\n## 本地说明\n\n%s的申请人可就近到%s行政服务中心办理，也可网上申报。\n", r.name, r.name)
		if g.long {
			g.paragraphs(&b, g.bodyParagraphs()/2)
		}
	}
	return code, b.String()
}

func (g *generator) writeBody(b *strings.Builder, it item) {
	b.WriteString("## 申请条件\n\n")
	for j := 0; j < 3; j++ {
		fmt.Fprintf(b, "%d. %s\n", j+1, conditions[g.rng.Intn(len(conditions))])
	}
	fmt.Fprintf(b, "\n## 办理说明\n\n申请%s，请按材料清单准备材料。材料齐全、符合法定形式的，窗口当场受理；", it.title)
	b.WriteString("材料不齐的，窗口**一次性告知**需要补正的全部内容。\n\n")
	b.WriteString("| 环节 | 说明 |\n|---|---|\n| 网上申报 | 登录浙江政务服务网提交 |\n| 窗口核验 | 携带原件核验 |\n\n")
	b.WriteString("## 常见问题\n\n")
	for j := 0; j < 2; j++ {
		f := faqs[g.rng.Intn(len(faqs))]
		fmt.Fprintf(b, "**问：%s**\n\n答：%s\n\n", f.q, f.a)
	}
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
