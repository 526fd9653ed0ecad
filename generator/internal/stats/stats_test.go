package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/site"
)

func ip(n int) *int { return &n }

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a hand-built resolved site of five published guides; the
// figures asserted below were counted by hand from this table:
//
//	code         dept          region  star visits online imm mob del legal prom materials(e,s) batch published
//	330000-SF-1  省司法厅      浙江省  5    0      yes    yes yes yes 20    0    2 (1,1)        1     2017-03-01
//	330000-SF-2  省司法厅      浙江省  4    1      yes    -   -   -   30    15   3 (2,0)        1     2017-03-01
//	330900-SF-1  舟山市司法局  舟山市  4    1      yes    -   -   -   30    10   3 (2,0)        2     2017-06-15  extends 330000-SF-2
//	330900-SF-2  舟山市司法局  舟山市  2    2      -      -   -   -   -     -    0              2     2017-06-20
//	330000-SF-3  省司法厅      浙江省  3    0      -      -   -   -   10    -    1 (0,1)        -     -
func fixture() *site.Site {
	mats := func(specs ...string) []site.Material {
		var ms []site.Material
		for i, s := range specs {
			ms = append(ms, site.Material{Name: "材料" + string(rune('A'+i)), Required: true, Electronic: strings.Contains(s, "e"), Shared: strings.Contains(s, "s")})
		}
		return ms
	}
	a := &site.Guide{Code: "330000-SF-1", Title: "甲", Department: "省司法厅", Region: "浙江省", Batch: 1,
		Published: date("2017-03-01"), Updated: date("2017-03-10"),
		Service:   site.Service{Star: 5, Visits: 0, OnlineURL: "https://example.gov.cn/a", Immediate: true, Mobile: true, Delivery: true},
		Time:      site.Time{LegalDays: ip(20), PromisedDays: ip(0)},
		Materials: mats("e", "s")}
	b := &site.Guide{Code: "330000-SF-2", Title: "乙", Department: "省司法厅", Region: "浙江省", Batch: 1,
		Published: date("2017-03-01"),
		Service:   site.Service{Star: 4, Visits: 1, OnlineURL: "https://example.gov.cn/b"},
		Time:      site.Time{LegalDays: ip(30), PromisedDays: ip(15)},
		Materials: mats("e", "e", "")}
	// c is a local implementation of b: it inherits b's materials.
	c := &site.Guide{Code: "330900-SF-1", Title: "乙", Department: "舟山市司法局", Region: "舟山市", Batch: 2, Extends: "330000-SF-2",
		Published: date("2017-06-15"),
		Service:   site.Service{Star: 4, Visits: 1, OnlineURL: "https://example.gov.cn/c"},
		Time:      site.Time{LegalDays: ip(30), PromisedDays: ip(10)},
		Materials: b.Materials}
	d := &site.Guide{Code: "330900-SF-2", Title: "丁", Department: "舟山市司法局", Region: "舟山市", Batch: 2,
		Published: date("2017-06-20"),
		Service:   site.Service{Star: 2, Visits: 2, NegativeReason: "需现场勘验"}}
	e := &site.Guide{Code: "330000-SF-3", Title: "戊", Department: "省司法厅", Region: "浙江省",
		Service:   site.Service{Star: 3, Visits: 0},
		Time:      site.Time{LegalDays: ip(10)},
		Materials: mats("s")}
	s := &site.Site{Config: site.Config{
		Title:   "测试站",
		BaseURL: "https://example.gov.cn/",
		Targets: site.Targets{OneVisitShare: 0.95, FiveStarShare: 0.10, ThreeFourStarShare: 0.85},
		Departments: []site.Department{
			{Name: "省民政厅", Region: "浙江省"},
			{Name: "省司法厅", Region: "浙江省"},
			{Name: "舟山市司法局", Region: "舟山市"},
		},
		Regions: []site.Region{{Name: "浙江省", Code: "330000"}, {Name: "舟山市", Code: "330900", Parent: "浙江省"}},
	}, ByCode: map[string]*site.Page{}}
	for _, g := range []*site.Guide{a, b, c, d, e} {
		p := &site.Page{Guide: g, URL: "/guide/" + g.Code + "/"}
		s.Guides = append(s.Guides, p)
		s.ByCode[g.Code] = p
	}
	s.ByCode["330900-SF-1"].Standard = s.ByCode["330000-SF-2"]
	return s
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestComputeSiteFigures(t *testing.T) {
	r := Compute(fixture())
	f := r.Site
	counts := map[string][2]int{
		"items":           {f.Items, 5},
		"zero_visit":      {f.ZeroVisit, 2},
		"one_visit":       {f.OneVisit, 4},
		"negative":        {f.Negative, 1},
		"five_star":       {f.FiveStar, 1},
		"three_four_star": {f.ThreeFourStar, 3},
		"immediate":       {f.Immediate, 1},
		"online":          {f.Online, 3},
		"mobile":          {f.Mobile, 1},
		"delivery":        {f.Delivery, 1},
		"time_items":      {f.TimeItems, 3},
		"legal_days":      {f.LegalDays, 80},
		"promised_days":   {f.PromisedDays, 25},
		"materials":       {f.Materials, 9},
		"electronic":      {f.ElectronicMaterials, 5},
		"shared":          {f.SharedMaterials, 2},
	}
	for k, v := range counts {
		if v[0] != v[1] {
			t.Errorf("%s = %d, want %d", k, v[0], v[1])
		}
	}
	shares := map[string][2]float64{
		"zero_visit_share":          {f.ZeroVisitShare, 0.4},
		"one_visit_share":           {f.OneVisitShare, 0.8},
		"five_star_share":           {f.FiveStarShare, 0.2},
		"three_four_star_share":     {f.ThreeFourStarShare, 0.6},
		"online_share":              {f.OnlineShare, 0.6},
		"time_compression":          {f.TimeCompression, 0.6875},
		"electronic_material_share": {f.ElectronicMaterialShare, 5.0 / 9},
		"shared_material_share":     {f.SharedMaterialShare, 2.0 / 9},
	}
	for k, v := range shares {
		if !near(v[0], v[1]) {
			t.Errorf("%s = %v, want %v", k, v[0], v[1])
		}
	}
	if !f.TimeCompressionDefined {
		t.Error("time compression should be defined")
	}
	if want := []string{TargetOneVisit, TargetThreeFourStar}; !reflect.DeepEqual(f.Misses, want) {
		t.Errorf("site misses %v, want %v", f.Misses, want)
	}
	if !r.MissesTargets() {
		t.Error("MissesTargets() = false, want true")
	}
	if f.Name != "测试站" || f.Kind != KindSite {
		t.Errorf("site scope = %q %q", f.Kind, f.Name)
	}
}

func TestComputeDepartmentsAndRegions(t *testing.T) {
	r := Compute(fixture())
	type row struct {
		name                        string
		items, zero, one, five, s34 int
		misses                      []string
	}
	got := func(fs []Figures) []row {
		var out []row
		for _, f := range fs {
			out = append(out, row{f.Name, f.Items, f.ZeroVisit, f.OneVisit, f.FiveStar, f.ThreeFourStar, f.Misses})
		}
		return out
	}
	// Declared order, the department without items included.
	wantDepts := []row{
		{"省民政厅", 0, 0, 0, 0, 0, nil},
		{"省司法厅", 3, 2, 3, 1, 2, []string{TargetThreeFourStar}},
		{"舟山市司法局", 2, 0, 1, 0, 1, []string{TargetOneVisit, TargetFiveStar, TargetThreeFourStar}},
	}
	if g := got(r.Departments); !reflect.DeepEqual(g, wantDepts) {
		t.Errorf("departments\n got %+v\nwant %+v", g, wantDepts)
	}
	wantRegions := []row{
		{"浙江省", 3, 2, 3, 1, 2, []string{TargetThreeFourStar}},
		{"舟山市", 2, 0, 1, 0, 1, []string{TargetOneVisit, TargetFiveStar, TargetThreeFourStar}},
	}
	if g := got(r.Regions); !reflect.DeepEqual(g, wantRegions) {
		t.Errorf("regions\n got %+v\nwant %+v", g, wantRegions)
	}
	// The local implementation is one item of its own department, with
	// the materials it inherited: 3 materials, 2 electronic.
	zs := r.Departments[2]
	if zs.Materials != 3 || zs.ElectronicMaterials != 2 || !near(zs.TimeCompression, 1-10.0/30) {
		t.Errorf("舟山市司法局 materials %d/%d compression %v", zs.ElectronicMaterials, zs.Materials, zs.TimeCompression)
	}
	empty := r.Departments[0]
	if empty.TimeCompressionDefined || empty.Metrics[0].Percent != "—" {
		t.Errorf("empty department should have undefined figures: %+v", empty.Metrics[0])
	}
	var order []string
	for _, f := range r.DepartmentsMissesFirst() {
		order = append(order, f.Name)
	}
	if want := []string{"省司法厅", "舟山市司法局", "省民政厅"}; !reflect.DeepEqual(order, want) {
		t.Errorf("misses-first order %v, want %v", order, want)
	}
}

func TestGroupsGiveOrderAndURL(t *testing.T) {
	s := fixture()
	s.Departments = []*site.Group{
		{Kind: "department", Name: "舟山市司法局", Slug: "zs", URL: "/department/zs/"},
		{Kind: "department", Name: "省司法厅", Slug: "sf", URL: "/department/sf/"},
	}
	r := Compute(s)
	var got []string
	for _, f := range r.Departments {
		got = append(got, f.Name+" "+f.URL)
	}
	want := []string{"舟山市司法局 /department/zs/", "省司法厅 /department/sf/", "省民政厅 "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUndeclaredNamesSortedLast(t *testing.T) {
	s := fixture()
	s.Config.Regions = nil
	s.Guides[4].Region = "定海区"
	r := Compute(s)
	var got []string
	for _, f := range r.Regions {
		got = append(got, f.Name)
	}
	// No declared regions, no groups: names sorted (by code point).
	want := []string{"定海区", "浙江省", "舟山市"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestTargetMetExactly(t *testing.T) {
	s := &site.Site{Config: site.Config{Targets: site.Targets{OneVisitShare: 0.95}}}
	for i := 0; i < 20; i++ {
		visits := 0
		if i == 0 {
			visits = 2
		}
		s.Guides = append(s.Guides, &site.Page{Guide: &site.Guide{Code: string(rune('a' + i)), Service: site.Service{Star: 3, Visits: visits}}})
	}
	r := Compute(s)
	if r.MissesTargets() {
		t.Errorf("19/20 should meet a 0.95 target, misses %v", r.Site.Misses)
	}
	s.Config.Targets.OneVisitShare = 0.96
	if r := Compute(s); !r.MissesTargets() {
		t.Error("19/20 should miss a 0.96 target")
	}
}

func TestNoItemsMissesNothing(t *testing.T) {
	r := Compute(&site.Site{Config: site.Config{Targets: site.Targets{OneVisitShare: 0.9}}})
	if r.MissesTargets() || r.Site.Items != 0 {
		t.Errorf("empty site: %+v", r.Site)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"departments": []`) {
		t.Errorf("empty lists should be [] not null:\n%s", buf.String())
	}
}

func TestTimeline(t *testing.T) {
	tl := Compute(fixture()).Timeline
	type row struct {
		Key, Label string
		Count, Cum int
		Bar        string
	}
	conv := func(rs []TimelineRow) []row {
		var out []row
		for _, r := range rs {
			out = append(out, row{r.Key, r.Label, r.Count, r.Cumulative, r.Bar})
		}
		return out
	}
	wantB := []row{{"1", "第 1 批", 2, 2, "100.0"}, {"2", "第 2 批", 2, 4, "100.0"}, {"", "未标批次", 1, 5, "50.0"}}
	if g := conv(tl.Batches); !reflect.DeepEqual(g, wantB) {
		t.Errorf("batches %+v, want %+v", g, wantB)
	}
	wantM := []row{{"2017-03", "2017年3月", 2, 2, "100.0"}, {"2017-06", "2017年6月", 2, 4, "100.0"}, {"", "未标发布日期", 1, 5, "50.0"}}
	if g := conv(tl.Months); !reflect.DeepEqual(g, wantM) {
		t.Errorf("months %+v, want %+v", g, wantM)
	}
}

func TestMetricsDisplay(t *testing.T) {
	m := Compute(fixture()).Site.Metrics
	byKey := map[string]Metric{}
	for _, x := range m {
		byKey[x.Key] = x
	}
	checkOneVisitMetric(t, byKey[TargetOneVisit])
	if five := byKey[TargetFiveStar]; five.Miss || five.TargetPercent != "10%" {
		t.Errorf("five-star metric %+v", five)
	}
	if e := byKey["electronic_material_share"]; e.Percent != "55.6%" || e.HasTarget {
		t.Errorf("electronic metric %+v", e)
	}
	f := Compute(fixture()).Site
	if p, o := f.PrimaryMetrics(), f.OtherMetrics(); len(p) != 4 || len(o) != 7 || p[1].Key != TargetOneVisit || o[0].Key != "immediate_share" {
		t.Errorf("primary %d, other %d metrics", len(p), len(o))
	}
	if z := byKey["zero_visit_share"]; z.HasTarget || z.Miss {
		t.Errorf("zero-visit has no target: %+v", z)
	}
	checkPercent(t)
}

// checkOneVisitMetric checks the one-visit metric of the fixture: 4 of 5
// items, below its target of 95%.
func checkOneVisitMetric(t *testing.T, one Metric) {
	t.Helper()
	if one.Percent != "80%" || one.Bar != "80.0" || !one.HasTarget || one.TargetPercent != "95%" || one.TargetX != "95.0" || !one.Miss || one.Detail != "4 / 5 件" {
		t.Errorf("one-visit metric %+v", one)
	}
}

// checkPercent checks how Percent rounds and clamps shares.
func checkPercent(t *testing.T) {
	t.Helper()
	for _, c := range []struct {
		in   float64
		want string
	}{{0.9583, "95.8%"}, {1, "100%"}, {0, "0%"}, {0.0004, "0%"}, {-0.0001, "0%"}, {1.0 / 3, "33.3%"}} {
		if got := Percent(c.in); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJSONParsedBack(t *testing.T) {
	r := Compute(fixture())
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Site        map[string]any   `json:"site"`
		Departments []map[string]any `json:"departments"`
		Regions     []map[string]any `json:"regions"`
	}
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got.Site["name"] != "测试站" || got.Site["items"] != 5.0 || got.Site["one_visit_share"] != 0.8 ||
		got.Site["zero_visit_share"] != 0.4 || got.Site["five_star_share"] != 0.2 || got.Site["three_four_star_share"] != 0.6 ||
		got.Site["time_compression"] != 0.6875 {
		t.Errorf("site object %v", got.Site)
	}
	if len(got.Departments) != 3 || got.Departments[1]["name"] != "省司法厅" || got.Departments[1]["items"] != 3.0 {
		t.Errorf("departments %v", got.Departments)
	}
	if got.Departments[0]["time_compression"] != nil {
		t.Errorf("undefined compression should be null, got %v", got.Departments[0]["time_compression"])
	}
	if m := got.Regions[1]["misses"].([]any); len(m) != 3 || m[0] != TargetOneVisit {
		t.Errorf("region misses %v", m)
	}
	for _, o := range append([]map[string]any{got.Site}, got.Departments...) {
		for _, k := range []string{"items", "zero_visit_share", "one_visit_share", "five_star_share", "three_four_star_share"} {
			if _, ok := o[k]; !ok {
				t.Errorf("object %v lacks %s", o["name"], k)
			}
		}
	}
}

func TestCSVParsedBack(t *testing.T) {
	r := Compute(fixture())
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	data := buf.String()
	if !strings.HasPrefix(data, BOM) {
		t.Fatal("CSV lacks the UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+1+3+2 {
		t.Fatalf("got %d rows, want 7", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	check := func(row int, key, want string) {
		t.Helper()
		if got := rows[row][col[key]]; got != want {
			t.Errorf("row %d %s = %q, want %q", row, key, got, want)
		}
	}
	check(1, "scope", "site")
	check(1, "items", "5")
	check(1, "one_visit_share", "0.8")
	check(1, "time_compression", "0.6875")
	check(1, "misses", "one_visit_share|three_four_star_share")
	check(2, "scope", "department")
	check(2, "name", "省民政厅")
	check(2, "time_compression", "")
	check(3, "name", "省司法厅")
	check(3, "three_four_star_share", "0.6666666666666666")
	check(5, "scope", "region")
	check(6, "name", "舟山市")
	check(6, "five_star_share", "0")
	for _, row := range rows {
		if len(row) != len(csvHeader) {
			t.Errorf("row has %d fields, want %d", len(row), len(csvHeader))
		}
	}
}

func TestWriteText(t *testing.T) {
	var buf bytes.Buffer
	WriteText(&buf, Compute(fixture()))
	out := buf.String()
	for _, want := range []string{
		"测试站：已发布事项 5 件",
		"最多跑一次（含零上门）：80%（4 / 5 件），目标 95%，未达标",
		"五星级：20%（1 / 5 件），目标 10%，达标",
		"时限压缩：68.8%",
		"舟山市司法局：2 件",
		"全站未达到目标：最多跑一次（含零上门） 80%（目标 95%）；三、四星级 60%（目标 85%）",
		"舟山市司法局：2 件，零上门 0%，最多跑一次（含零上门） 50%，五星级 0%，三、四星级 50%；未达标：最多跑一次（含零上门） 50%（目标 95%）；五星级 0%（目标 10%）；三、四星级 50%（目标 85%）",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "省司法厅：") > strings.Index(out, "省民政厅：") {
		t.Errorf("departments missing a target should come first:\n%s", out)
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	for _, w := range []*bytes.Buffer{&a, &b} {
		r := Compute(fixture())
		WriteText(w, r)
		if err := WriteJSON(w, r); err != nil {
			t.Fatal(err)
		}
		if err := WriteCSV(w, r); err != nil {
			t.Fatal(err)
		}
	}
	if a.String() != b.String() {
		t.Error("two runs gave different output")
	}
}
