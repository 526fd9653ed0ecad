package resolve

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/site"
)

// iGuide builds a guide as validate.Decode would: every key path in
// positions (plus code and extends when set) is placed on its line of
// file, so the guide defines their top-level keys.
func iGuide(file, code, extends string, positions map[string]int, set func(g *site.Guide)) *site.Guide {
	g := &site.Guide{File: file, Code: code, Extends: extends}
	if code != "" {
		positions["code"] = 2
	}
	if extends != "" {
		positions["extends"] = 3
	}
	for p := range positions {
		if top, _, nested := strings.Cut(p, "."); nested && positions[top] == 0 {
			panic("iGuide: " + p + " without a line for " + top)
		}
	}
	g.Positions = site.NewPositions(file, positions)
	if set != nil {
		set(g)
	}
	return g
}

func byCode(gs []*site.Guide) map[string]*site.Guide {
	m := map[string]*site.Guide{}
	for _, g := range gs {
		m[g.Code] = g
	}
	return m
}

func diagStrings(ds []site.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func province() *site.Guide {
	return iGuide("content/p.md", "P", "", map[string]int{
		"title": 4, "department": 5, "region": 6, "keywords": 7, "keywords.0": 7,
		"service": 9, "service.star": 10, "service.visits": 11, "service.online_url": 12,
		"time": 14, "time.legal_days": 15, "time.promised_days": 16,
		"materials": 18, "materials.0": 18, "materials.0.name": 19, "materials.1": 20, "materials.1.name": 21,
		"contact": 23, "contact.consult": 24, "body": 26,
	}, func(g *site.Guide) {
		g.Title, g.Department, g.Region = "律所设立", "省司法厅", "浙江省"
		g.Keywords = []string{"开律所"}
		g.Service = site.Service{Star: 4, Visits: 1, OnlineURL: "https://a.cn/"}
		legal, promised := 30, 15
		g.Time = site.Time{LegalDays: &legal, PromisedDays: &promised}
		g.Materials = []site.Material{{Name: "申请书", Required: true}, {Name: "身份证", Required: true}}
		g.Contact = site.Contact{Consult: []string{"12348"}}
		g.Body = "## 申请条件\n省里的条件\n"
	})
}

func TestInheritChainOfThree(t *testing.T) {
	p := province()
	city := iGuide("content/c.md", "C", "P", map[string]int{
		"region": 4, "contact": 6, "contact.consult": 7, "contact.consult.0": 7,
	}, func(g *site.Guide) {
		g.Region = "舟山市"
		g.Contact = site.Contact{Consult: []string{"0580-2281234"}}
	})
	county := iGuide("content/x/county.md", "K", "C", map[string]int{
		"region": 4, "service": 6, "service.star": 7, "service.visits": 8, "body": 11,
	}, func(g *site.Guide) {
		g.Region = "定海区"
		g.Service = site.Service{Star: 3, Visits: 0}
		g.Body = "## 区里的说明\n"
	})
	out, diags := Inherit([]*site.Guide{county, city, p})
	if len(diags) != 0 {
		t.Fatal(diagStrings(diags))
	}
	if got := []string{out[0].Code, out[1].Code, out[2].Code}; !reflect.DeepEqual(got, []string{"C", "K", "P"}) {
		t.Fatalf("order = %v", got)
	}
	checkInheritedCounty(t, byCode(out)["K"])
	// The city inherits the province's body; the input is left alone.
	c := byCode(out)["C"]
	if c.Body != "## 申请条件\n省里的条件\n" || c.Pos("body") != (site.Pos{File: "content/p.md", Line: 26}) {
		t.Fatalf("city body %q at %v", c.Body, c.Pos("body"))
	}
	if city.Title != "" || city.Body != "" || city.Positions.Len() != 6 || c == city {
		t.Fatal("Inherit changed its input")
	}
}

// checkInheritedCounty checks the county guide of TestInheritChainOfThree
// after inheritance: values from all three files, whole tables replaced,
// and positions pointing to the file that wrote each value.
func checkInheritedCounty(t *testing.T, k *site.Guide) {
	t.Helper()
	if k.Title != "律所设立" || k.Department != "省司法厅" || k.Region != "定海区" ||
		!reflect.DeepEqual(k.Contact.Consult, []string{"0580-2281234"}) || len(k.Materials) != 2 ||
		*k.Time.PromisedDays != 15 || k.Body != "## 区里的说明\n" || k.Extends != "C" || k.Code != "K" {
		t.Fatalf("county = %+v", k)
	}
	// Whole tables replace: the county's [service] has no online_url, and
	// does not get the province's.
	if k.Service.OnlineURL != "" || k.Service.Star != 3 {
		t.Fatalf("service = %+v, want the county's own table only", k.Service)
	}
	if k.Positions.Has("service.online_url") {
		t.Fatal("position of the province's service.online_url leaked into the county's own [service]")
	}
	// Positions of inherited values point to the file that wrote them.
	wantPos := map[string]site.Pos{
		"title":             {File: "content/p.md", Line: 4},
		"materials.1.name":  {File: "content/p.md", Line: 21},
		"time.legal_days":   {File: "content/p.md", Line: 15},
		"contact.consult.0": {File: "content/c.md", Line: 7},
		"region":            {File: "content/x/county.md", Line: 4},
		"service.visits":    {File: "content/x/county.md", Line: 8},
		"code":              {File: "content/x/county.md", Line: 2},
	}
	for path, want := range wantPos {
		if got := k.Pos(path); got != want {
			t.Errorf("Pos(%s) = %v, want %v", path, got, want)
		}
	}
}

func TestInheritArraysReplaceWhole(t *testing.T) {
	p := province()
	local := iGuide("content/l.md", "L", "P", map[string]int{
		"materials": 5, "materials.0": 5, "materials.0.name": 6, "keywords": 8, "keywords.0": 8,
	}, func(g *site.Guide) {
		g.Materials = []site.Material{{Name: "委托书", Required: true}}
		g.Keywords = []string{"律所"}
	})
	out, _ := Inherit([]*site.Guide{p, local})
	l := byCode(out)["L"]
	if len(l.Materials) != 1 || l.Materials[0].Name != "委托书" || !reflect.DeepEqual(l.Keywords, []string{"律所"}) {
		t.Fatalf("materials %+v keywords %v", l.Materials, l.Keywords)
	}
	if l.Positions.Has("materials.1.name") {
		t.Fatal("position of the base's second material leaked into the local array")
	}
	if l.Pos("materials.0.name").File != "content/l.md" || l.Body != p.Body {
		t.Fatalf("pos %v body %q", l.Pos("materials.0.name"), l.Body)
	}
}

func TestInheritDraftNotInherited(t *testing.T) {
	base := province()
	base.Draft = true
	base.Positions = base.Positions.Inherit(site.NewPositions(base.File, map[string]int{"draft": 8}), func(string) bool { return true })
	local := iGuide("content/l.md", "L", "P", map[string]int{"draft": 4}, func(g *site.Guide) { g.Draft = true })
	out, diags := Inherit([]*site.Guide{base, local})
	if len(diags) != 0 {
		t.Fatal(diagStrings(diags))
	}
	if l := byCode(out)["L"]; !l.Draft || l.Title != "律所设立" {
		t.Fatalf("local = %+v", l)
	}

	// A published guide takes nothing from a base's draft flag...
	base2 := province()
	local2 := iGuide("content/l.md", "L", "P", map[string]int{}, nil)
	base2.Draft = true
	out, diags = Inherit([]*site.Guide{base2, local2})
	if l := byCode(out)["L"]; l.Draft {
		t.Fatal("draft was inherited")
	}
	// ...and may not extend a draft at all.
	want := []string{`content/l.md:3: [R2] 已发布的事项不能继承草稿："P"（content/p.md）是草稿`}
	if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), want[0]) {
		t.Fatalf("diags = %v, want %v", diagStrings(diags), want)
	}
}

func TestInheritCycle(t *testing.T) {
	a := iGuide("content/a.md", "A", "B", map[string]int{"title": 4}, func(g *site.Guide) { g.Title = "a" })
	b := iGuide("content/b.md", "B", "C", map[string]int{}, nil)
	c := iGuide("content/c.md", "C", "A", map[string]int{}, nil)
	d := iGuide("content/d.md", "D", "A", map[string]int{}, nil)
	self := iGuide("content/s.md", "S", "S", map[string]int{}, nil)
	out, diags := Inherit([]*site.Guide{d, c, b, a, self})
	want := []string{
		"content/a.md:3: [R2] 继承关系成环：A → B → C → A",
		"content/b.md:3: [R2] 继承关系成环：B → C → A → B",
		"content/c.md:3: [R2] 继承关系成环：C → A → B → C",
		"content/d.md:3: [R2] 无法继承 \"A\"：它的继承关系成环",
		"content/s.md:3: [R2] 事项不能继承自己",
	}
	got := diagStrings(diags)
	if len(got) != len(want) {
		t.Fatalf("diags = %v", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", got[i], want[i])
		}
	}
	// Guides on or behind a cycle keep their own values only.
	if m := byCode(out); m["B"].Title != "" || m["D"].Title != "" || len(out) != 5 {
		t.Fatalf("out = %+v", out)
	}
}

func TestInheritMissingBase(t *testing.T) {
	p := province()
	local := iGuide("content/l.md", "L", "p", map[string]int{"region": 4}, func(g *site.Guide) { g.Region = "舟山市" })
	out, diags := Inherit([]*site.Guide{local, p})
	want := `content/l.md:3: [R2] extends = "p" 找不到编码为 "p" 的事项：你是不是想写 "P"？`
	if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), want) {
		t.Fatalf("diags = %v, want %s", diagStrings(diags), want)
	}
	if l := byCode(out)["L"]; l.Title != "" || l.Region != "舟山市" {
		t.Fatalf("unresolved guide = %+v, want its own values", l)
	}
}

func TestInheritDuplicateCodes(t *testing.T) {
	a := iGuide("content/a.md", "X", "", map[string]int{}, nil)
	b := iGuide("content/b.md", "X", "", map[string]int{}, func(g *site.Guide) { g.Draft = true })
	c := iGuide("content/c/c.md", "X", "", map[string]int{}, nil)
	out, diags := Inherit([]*site.Guide{c, b, a})
	want := []string{
		`content/a.md:2: [R2] 事项编码 "X" 重复：content/b.md、content/c/c.md 也用了这个编码`,
		`content/b.md:2: [R2] 事项编码 "X" 重复：content/a.md、content/c/c.md 也用了这个编码`,
		`content/c/c.md:2: [R2] 事项编码 "X" 重复：content/a.md、content/b.md 也用了这个编码`,
	}
	got := diagStrings(diags)
	if len(got) != len(want) {
		t.Fatalf("diags = %v", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", got[i], want[i])
		}
	}
	if out[0].File != "content/a.md" || out[1].File != "content/b.md" || out[2].File != "content/c/c.md" {
		t.Fatalf("order: %s %s %s", out[0].File, out[1].File, out[2].File)
	}
}

func TestInheritEmptyBodyInherits(t *testing.T) {
	p := province()
	withBody := iGuide("content/w.md", "W", "P", map[string]int{"body": 5}, func(g *site.Guide) { g.Body = "own\n" })
	blank := iGuide("content/b.md", "B", "P", map[string]int{}, func(g *site.Guide) { g.Body = "\n  \n" })
	out, _ := Inherit([]*site.Guide{p, withBody, blank})
	m := byCode(out)
	if m["W"].Body != "own\n" || m["B"].Body != p.Body || m["B"].Pos("body").File != "content/p.md" {
		t.Fatalf("bodies %q %q", m["W"].Body, m["B"].Body)
	}
}

// version2Fields reads each version-2 top-level key of a guide, and the
// version-2 keys inside the tables that existed before ([service],
// [time], [[materials]]), which inherit with their whole table.
var version2Fields = map[string]func(g *site.Guide) any{
	"basic_code":   func(g *site.Guide) any { return g.BasicCode },
	"impl_code":    func(g *site.Guide) any { return g.ImplCode },
	"level":        func(g *site.Guide) any { return g.Level },
	"scope":        func(g *site.Guide) any { return g.Scope },
	"cross_modes":  func(g *site.Guide) any { return g.CrossModes },
	"limit":        func(g *site.Guide) any { return g.Limit },
	"intermediary": func(g *site.Guide) any { return g.Intermediary },
	"status":       func(g *site.Guide) any { return g.Status },
	"effective":    func(g *site.Guide) any { return g.Effective },
	"replaced_by":  func(g *site.Guide) any { return g.ReplacedBy },
	"evaluate_url": func(g *site.Guide) any { return g.EvaluateURL },
	"result":       func(g *site.Guide) any { return g.Result },
	"situations":   func(g *site.Guide) any { return g.Situations },
	"faq":          func(g *site.Guide) any { return g.FAQ },
	"service":      func(g *site.Guide) any { return [2]bool{g.Service.PayOnline, g.Service.SelfService} },
	"time":         func(g *site.Guide) any { return []any{g.Time.Unit, g.Time.Note, g.Time.Special} },
	"materials":    func(g *site.Guide) any { return g.Materials },
}

// version2Guide is a guide in file that sets every version-2 key, each
// value marked with tag, every key on its own line from 5 on.
func version2Guide(file, code, extends, tag string) *site.Guide {
	positions := map[string]int{}
	keys := make([]string, 0, len(version2Fields))
	for k := range version2Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		positions[k] = 5 + i
	}
	return iGuide(file, code, extends, positions, func(g *site.Guide) {
		days := len(tag)
		g.BasicCode, g.ImplCode, g.Level, g.Scope = "B"+tag, "I"+tag, "省级"+tag, "全国"+tag
		g.CrossModes, g.Limit, g.Intermediary = []string{"全程网办" + tag}, "无数量限制"+tag, []string{"鉴定" + tag}
		g.Status, g.Effective = "暂停"+tag, time.Date(2026, 1, days, 0, 0, 0, 0, time.UTC)
		g.ReplacedBy, g.EvaluateURL = "R"+tag, "https://a.cn/"+tag
		g.Result = &site.Result{Name: "许可证" + tag, Type: "证照", Delivery: []string{"窗口领取"}, ELicense: true}
		g.Situations = []site.Situation{{Name: "代办" + tag, Question: "是否代办？"}}
		g.FAQ = []site.FAQ{{Q: "问" + tag, A: "答" + tag}}
		g.Service = site.Service{Star: 3, Visits: 1, PayOnline: true, SelfService: tag == ""}
		g.Time = site.Time{Unit: "自然日", Note: "说明" + tag, Special: []site.SpecialProcedure{{Name: "检验" + tag, Days: &days}}}
		g.Materials = []site.Material{{Name: "申请书" + tag, Issuer: "出具" + tag, Freshness: "3个月内", ELicense: "身份证" + tag,
			Commitment: true, When: []string{"代办" + tag}}}
	})
}

// TestInheritVersion2Keys: a local guide inherits every version-2 key from
// its standard, positions pointing into the standard's file, and a local
// guide that writes a key keeps its own value.
func TestInheritVersion2Keys(t *testing.T) {
	for k := range version2Fields {
		if inheritedKeys[k] == nil {
			t.Errorf("%s is not inherited", k)
		}
	}
	base := version2Guide("content/p.md", "P", "", "")
	bare := iGuide("content/c.md", "C", "P", map[string]int{"region": 4}, nil)
	own := version2Guide("content/k.md", "K", "P", "县")
	out, diags := Inherit([]*site.Guide{base, bare, own})
	if len(diags) != 0 {
		t.Fatal(diagStrings(diags))
	}
	got := byCode(out)
	for k, field := range version2Fields {
		if want, have := field(base), field(got["C"]); !reflect.DeepEqual(have, want) {
			t.Errorf("%s: the local guide has %v, want the standard's %v", k, have, want)
		}
		if p := got["C"].Pos(k); p.File != "content/p.md" || p.Line != base.Pos(k).Line {
			t.Errorf("%s: inherited value placed at %v, want the standard's line", k, p)
		}
		if want, have := field(own), field(got["K"]); !reflect.DeepEqual(have, want) || reflect.DeepEqual(have, field(base)) {
			t.Errorf("%s: the overriding guide has %v, want its own %v", k, have, want)
		}
		if p := got["K"].Pos(k); p.File != "content/k.md" {
			t.Errorf("%s: own value placed at %v, want content/k.md", k, p)
		}
	}
}
