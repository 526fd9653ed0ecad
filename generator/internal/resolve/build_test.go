package resolve

import (
	"reflect"
	"testing"
	"time"

	"zhinan/generator/internal/site"
)

func bDay(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func bGuide(code, dept, region string, visits int, topics ...string) *site.Guide {
	star := 4
	if visits == 0 {
		star = 5
	}
	if visits > 1 {
		star = 2
	}
	return &site.Guide{
		Code: code, Title: "事项" + code, Department: dept, Region: region, Topics: topics,
		Service: site.Service{Star: star, Visits: visits},
	}
}

func bCodes(ps []*site.Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

func bNames(gs []*site.Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Name)
	}
	return out
}

func bFixture() (site.Config, []*site.Guide) {
	cfg := site.DefaultConfig()
	cfg.RecentCount = 2
	cfg.Regions = []site.Region{
		{Name: "浙江省", Code: "330000"},
		{Name: "舟山市", Code: "330900", Parent: "浙江省"},
		{Name: "定海区", Code: "330902", Parent: "舟山市"},
		{Name: "普陀区", Parent: "舟山市", Slug: "putuo"},
	}
	cfg.Departments = []site.Department{
		{Name: "省司法厅", Region: "浙江省"},
		{Name: "省公安厅", Region: "浙江省"},
		{Name: "市司法局", Region: "舟山市"},
		{Name: "区司法局", Region: "定海区", Slug: "dh-sfj"},
	}
	std := bGuide("330000-SF-0001", "省司法厅", "浙江省", 1, "法律服务")
	std.Updated = bDay("2017-03-10")
	zs := bGuide("330900-SF-0001", "市司法局", "舟山市", 1, "法律服务")
	zs.Extends = std.Code
	zs.Updated = bDay("2018-01-01")
	dh := bGuide("330902-SF-0001", "区司法局", "定海区", 0, "法律服务", "法律服务")
	dh.Extends = std.Code
	dh.Updated = bDay("2018-01-01")
	draft := bGuide("330000-SF-0002", "省司法厅", "浙江省", 1, "草稿主题")
	draft.Draft = true
	draftImpl := bGuide("330903-SF-0001", "区司法局", "普陀区", 1)
	draftImpl.Extends = std.Code
	draftImpl.Draft = true
	neg := bGuide("330000-GA-0001", "省公安厅", "浙江省", 2, "出入境")
	neg.Service.NegativeReason = "需本人现场采集指纹"
	neg.Published = bDay("2019-05-01")
	return cfg, []*site.Guide{dh, draft, neg, zs, std, draftImpl}
}

func TestBuildDropsDraftsAndSorts(t *testing.T) {
	cfg, gs := bFixture()
	s := Build(cfg, gs, []string{"forms/b.docx", "forms/a.docx"})
	want := []string{"330000-GA-0001", "330000-SF-0001", "330900-SF-0001", "330902-SF-0001"}
	if got := bCodes(s.Guides); !reflect.DeepEqual(got, want) {
		t.Fatalf("guides %v, want %v", got, want)
	}
	if _, ok := s.ByCode["330000-SF-0002"]; ok {
		t.Error("draft in ByCode")
	}
	if s.ByCode["330900-SF-0001"].URL != "/guide/330900-SF-0001/" {
		t.Errorf("URL %q", s.ByCode["330900-SF-0001"].URL)
	}
	for _, tp := range s.Topics {
		if tp.Name == "草稿主题" {
			t.Error("topic of a draft only is published")
		}
	}
	if !reflect.DeepEqual(s.Static, []string{"forms/a.docx", "forms/b.docx"}) {
		t.Errorf("static %v", s.Static)
	}
}

func TestBuildGroups(t *testing.T) {
	cfg, gs := bFixture()
	s := Build(cfg, gs, nil)
	if got, want := bNames(s.Departments), []string{"省司法厅", "省公安厅", "市司法局", "区司法局"}; !reflect.DeepEqual(got, want) {
		t.Errorf("departments %v, want %v (config order)", got, want)
	}
	if got, want := bNames(s.Regions), []string{"浙江省", "舟山市", "定海区"}; !reflect.DeepEqual(got, want) {
		t.Errorf("regions %v, want %v (config order, empty 普陀区 left out)", got, want)
	}
	var slugs []string
	for _, g := range s.Regions {
		slugs = append(slugs, g.URL)
	}
	if want := []string{"/region/330000/", "/region/330900/", "/region/330902/"}; !reflect.DeepEqual(slugs, want) {
		t.Errorf("region URLs %v, want %v", slugs, want)
	}
	if s.Departments[0].URL != "/department/sheng-si-fa-ting/" || s.Departments[3].URL != "/department/dh-sfj/" {
		t.Errorf("department URLs %q %q", s.Departments[0].URL, s.Departments[3].URL)
	}
	if got, want := bNames(s.Topics), []string{"出入境", "法律服务"}; !reflect.DeepEqual(got, want) {
		t.Errorf("topics %v, want %v", got, want)
	}
	law := s.Topics[1]
	if got := bCodes(law.Guides); !reflect.DeepEqual(got, []string{"330000-SF-0001", "330900-SF-0001", "330902-SF-0001"}) {
		t.Errorf("法律服务 lists %v (each guide once, by code)", got)
	}
	dh := s.ByCode["330902-SF-0001"]
	if dh.DepartmentGroup.Name != "区司法局" || dh.RegionGroup.Name != "定海区" || len(dh.TopicGroups) != 1 {
		t.Errorf("back links wrong: %+v", dh)
	}

	var lists []string
	for _, l := range s.Lists {
		lists = append(lists, l.URL+":"+l.Name+":"+bJoinCodes(l.Guides))
	}
	want := []string{
		"/lists/zero-visit/:零上门事项:330902-SF-0001",
		"/lists/one-visit/:跑一次事项:330000-SF-0001,330900-SF-0001",
		"/lists/negative/:负面清单:330000-GA-0001",
	}
	if !reflect.DeepEqual(lists, want) {
		t.Errorf("lists\n%v\nwant\n%v", lists, want)
	}
}

func bJoinCodes(ps []*site.Page) string {
	out := ""
	for i, p := range ps {
		if i > 0 {
			out += ","
		}
		out += p.Code
	}
	return out
}

func TestBuildUndeclaredGroupsByName(t *testing.T) {
	cfg := site.DefaultConfig()
	gs := []*site.Guide{
		bGuide("b", "乙局", "舟山市", 1),
		bGuide("a", "甲局", "杭州市", 1),
		bGuide("c", "乙局", "杭州市", 1),
	}
	s := Build(cfg, gs, nil)
	if got, want := bNames(s.Departments), []string{"乙局", "甲局"}; !reflect.DeepEqual(got, want) {
		t.Errorf("departments %v, want %v (by name)", got, want)
	}
	if got, want := bNames(s.Regions), []string{"杭州市", "舟山市"}; !reflect.DeepEqual(got, want) {
		t.Errorf("regions %v, want %v", got, want)
	}
	if s.Regions[0].Slug != "hang-zhou-shi" {
		t.Errorf("undeclared region slug %q", s.Regions[0].Slug)
	}
}

func TestBuildImplementations(t *testing.T) {
	cfg, gs := bFixture()
	s := Build(cfg, gs, nil)
	std := s.ByCode["330000-SF-0001"]
	// By region in config order (舟山市 before 定海区), not by code; the
	// draft implementation is not listed.
	if got, want := bCodes(std.Implementations), []string{"330900-SF-0001", "330902-SF-0001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("implementations %v, want %v", got, want)
	}
	if s.ByCode["330902-SF-0001"].Standard != std {
		t.Error("local guide does not link its standard")
	}
	if std.Standard != nil {
		t.Error("standard has a standard")
	}
}

func TestBuildRecent(t *testing.T) {
	cfg, gs := bFixture()
	s := Build(cfg, gs, nil)
	// 2019-05-01 (published only), then the two 2018-01-01 ties by code; at most 2.
	if got, want := bCodes(s.Recent), []string{"330000-GA-0001", "330900-SF-0001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("recent %v, want %v", got, want)
	}
}

func TestBuildDeterministic(t *testing.T) {
	cfg, gs := bFixture()
	a := Build(cfg, gs, nil)
	rev := make([]*site.Guide, len(gs))
	for i, g := range gs {
		rev[len(gs)-1-i] = g
	}
	b := Build(cfg, rev, nil)
	if bCodes(a.Guides)[0] != bCodes(b.Guides)[0] || !reflect.DeepEqual(bNames(a.Topics), bNames(b.Topics)) ||
		!reflect.DeepEqual(bCodes(a.Recent), bCodes(b.Recent)) ||
		!reflect.DeepEqual(bCodes(a.ByCode["330000-SF-0001"].Implementations), bCodes(b.ByCode["330000-SF-0001"].Implementations)) {
		t.Error("input order changes the site")
	}
}
