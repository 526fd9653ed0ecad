package render

import (
	"html/template"
	"testing"

	"zhinan/generator/internal/site"
)

// TestInsteadWords: a shared material, one an electronic licence
// replaces and one a commitment replaces are not brought, each with its
// words; any other material is.
func TestInsteadWords(t *testing.T) {
	for _, c := range []struct {
		m        MaterialView
		eLicense string
		want     string
	}{
		{MaterialView{Shared: true, Commitment: true}, "身份证", "免提交：窗口通过部门数据共享获取"},
		{MaterialView{Commitment: true}, "身份证", "免带实体证：出示电子证照“身份证”即可"},
		{MaterialView{Commitment: true}, "", "可不带：签署告知承诺书代替"},
		{MaterialView{Electronic: true}, "", ""},
	} {
		if got := insteadWords(c.m, c.eLicense); got != c.want {
			t.Errorf("insteadWords(%+v, %q) = %q, want %q", c.m, c.eLicense, got, c.want)
		}
	}
}

// TestNewSummary: the counts of materials to bring and not, the first
// place and how many more, and the consulting phone when the first place
// has none.
func TestNewSummary(t *testing.T) {
	ms := []MaterialView{{Name: "a"}, {Name: "b", When: "代办"}, {Name: "c", Instead: "免提交"}}
	places := []LocationView{{Name: "一号窗口", Hours: template.HTML("工作日")}, {Name: "二号窗口", Phone: "0580-1"}}
	s := newSummary("one-visit", site.Service{Visits: 1, Mode: "网上预审"}, ms, places, []string{"12345"}, "3 个工作日", "不收费")
	if s.Bring != 2 || s.Instead != 1 || s.Conditional != 1 {
		t.Errorf("bring %d, instead %d, conditional %d; want 2, 1, 1", s.Bring, s.Instead, s.Conditional)
	}
	if s.Place == nil || s.Place.Name != "一号窗口" || s.MorePlaces != 1 {
		t.Errorf("place %+v, %d more; want 一号窗口 and 1 more", s.Place, s.MorePlaces)
	}
	if s.Phone != "12345" || s.Visits != "跑一次" || s.Promised != "3 个工作日" || s.Fee != "不收费" {
		t.Errorf("summary %+v", s)
	}
	places[0].Phone = "0580-2"
	if s := newSummary("one-visit", site.Service{Visits: 1}, nil, places, []string{"12345"}, "", ""); s.Phone != "" {
		t.Errorf("consulting phone %q shown beside the first place's phone", s.Phone)
	}
	if s := newSummary("zero-visit", site.Service{}, nil, nil, nil, "", ""); s.Place != nil || s.MorePlaces != 0 || s.Phone != "" {
		t.Errorf("summary without places or phones: %+v", s)
	}
}
