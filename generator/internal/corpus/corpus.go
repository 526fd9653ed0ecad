// Package corpus writes synthetic but valid and varied sites of N guides,
// for benchmarks and scale tests. The same (n, seed) always gives the same
// files, so figures measured on a corpus can be reproduced.
//
// Two shapes exist (see Shapes): "standard", short guides of similar size
// in one folder a region, and "long", a differently shaped site for the
// same benchmarks (heavier inheritance, more materials and places, bodies
// of very different lengths, folders per region and department).
//
// About one guide in five is a local implementation that extends a standard
// guide of the province or of a city (chains county → city → province
// included); every star level occurs, with negative-list items that give a
// reason; materials reference blank forms that exist under static/.
package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// Generate writes config.toml, content/ and static/ for a site of n guides
// of a named shape (one of Shapes; ShapeStandard is the corpus of the
// benchmarks) into dir (which it creates). The same n, seed and shape
// always give the same files.
func Generate(dir string, n int, seed int64, shape string) error {
	if !validShape(shape) {
		return fmt.Errorf("unknown corpus shape %q (known: %s)", shape, strings.Join(Shapes, ", "))
	}
	g := &generator{rng: rand.New(rand.NewSource(seed)), dir: dir, long: shape == ShapeLong}
	g.makeRegions()
	if err := g.writeStatic(); err != nil {
		return err
	}
	if err := g.writeConfig(); err != nil {
		return err
	}
	return g.writeGuides(n)
}

type region struct {
	name, code, parent string
	level              int // 0 province, 1 city, 2 county
}

type department struct {
	name, abbr, region string
}

type generator struct {
	rng     *rand.Rand
	dir     string
	regions []region
	depts   []department
	long    bool // ShapeLong: see shape.go
}

var cities = []string{"杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"}

var countySuffixes = []string{"上城区", "西湖区", "滨江区", "海曙区", "鹿城区", "南湖区", "吴兴区", "越城区", "婺城区", "柯城区", "定海区", "普陀区", "岱山县", "嵊泗县", "椒江区", "莲都区", "临安区", "余姚市", "瑞安市", "海宁市", "德清县", "诸暨市", "义乌市", "江山市", "临海市", "龙泉市"}

var deptKinds = []struct{ name, abbr string }{
	{"司法局", "SF"}, {"市场监督管理局", "SC"}, {"人力资源和社会保障局", "RS"},
	{"公安局", "GA"}, {"民政局", "MZ"}, {"自然资源和规划局", "ZR"},
	{"交通运输局", "JT"}, {"卫生健康委员会", "WJ"}, {"税务局", "SW"}, {"住房和城乡建设局", "ZJ"},
}

func (g *generator) makeRegions() {
	g.regions = append(g.regions, region{name: "浙江省", code: "330000"})
	for i, c := range cities {
		code := fmt.Sprintf("33%02d00", i+1)
		g.regions = append(g.regions, region{name: c, code: code, parent: "浙江省", level: 1})
		for j := 0; j < 3; j++ {
			name := fmt.Sprintf("%s%s", strings.TrimSuffix(c, "市"), countySuffixes[(i*3+j)%len(countySuffixes)])
			g.regions = append(g.regions, region{name: name, code: fmt.Sprintf("33%02d%02d", i+1, j+2), parent: c, level: 2})
		}
	}
	for _, r := range g.regions {
		for _, k := range deptKinds {
			prefix := r.name
			if r.level == 0 {
				prefix = "省"
			}
			name := prefix + k.name
			if r.level == 0 {
				name = "省" + strings.TrimSuffix(strings.TrimSuffix(k.name, "局"), "委员会") + "厅"
			}
			g.depts = append(g.depts, department{name: name, abbr: k.abbr, region: r.name})
		}
	}
}

const formCount = 20

func formPath(i int) string { return fmt.Sprintf("forms/form-%02d.docx", i) }

func (g *generator) writeStatic() error {
	dir := filepath.Join(g.dir, "static", "forms")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := 0; i < formCount; i++ {
		body := fmt.Sprintf("空白表格 %d（基准测试用）\n", i)
		if err := os.WriteFile(filepath.Join(g.dir, "static", filepath.FromSlash(formPath(i))), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) writeConfig() error {
	var b strings.Builder
	b.WriteString("title = \"浙江省“最多跑一次”办事指南（基准语料）\"\n")
	b.WriteString("base_url = \"https://bench.example.gov.cn/\"\nlanguage = \"zh-CN\"\n\n")
	b.WriteString("[targets]\none_visit_share = 0.95\nfive_star_share = 0.10\nthree_four_star_share = 0.85\n\n")
	for _, r := range g.regions {
		fmt.Fprintf(&b, "[[regions]]\nname = %q\ncode = %q\n", r.name, r.code)
		if r.parent != "" {
			fmt.Fprintf(&b, "parent = %q\n", r.parent)
		}
		b.WriteString("\n")
	}
	for i, d := range g.depts {
		fmt.Fprintf(&b, "[[departments]]\nname = %q\nregion = %q\nphone = \"0571-8%07d\"\naddress = \"%s行政服务中心\"\n\n", d.name, d.region, i, d.region)
	}
	return os.WriteFile(filepath.Join(g.dir, "config.toml"), []byte(b.String()), 0o644)
}
