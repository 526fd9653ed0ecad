package render

import (
	"strings"
	"testing"
	"time"
)

// TestHoursKeepTimeRangesWhole: each time range of a place's hours is one
// nowrap span, and the rest is escaped.
func TestHoursKeepTimeRangesWhole(t *testing.T) {
	cases := map[string]string{
		"工作日 8:30-12:00，14:00-17:30": `工作日 <span class="nw">8:30-12:00</span>，<span class="nw">14:00-17:30</span>`,
		"9：00至17：00":                 `<span class="nw">9：00至17：00</span>`,
		"<b>全天</b>":                  "&lt;b&gt;全天&lt;/b&gt;",
		"":                           "",
	}
	for in, want := range cases {
		if got := string(hoursHTML(in)); got != want {
			t.Errorf("hoursHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStaleNotice: a guide updated more than stale_after_days before the
// build day says how long ago, and asks the citizen to call; a fresh one
// and a build without a day say nothing.
func TestStaleNotice(t *testing.T) {
	r, err := newRenderer(nil, true)
	if err != nil {
		t.Fatal(err)
	}
	s := fixtureSite()
	s.Config.StaleAfterDays = 365
	s.Today = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, f := range files {
		pages[f.Path] = string(f.Data)
	}
	// 2017-03-10 → 2021-01-01 is 1393 days; 2020-01-01 → 2021-01-01 is 366.
	for path, want := range map[string]string{
		"guide/330000-SF-XK-0001/index.html": "本指南更新于 1393 天前，出发前请电话确认。",
		"guide/330000-SF-GG-0002/index.html": "本指南更新于 366 天前，出发前请电话确认。",
	} {
		if !strings.Contains(pages[path], want) {
			t.Errorf("%s lacks %q", path, want)
		}
	}
	s.Config.StaleAfterDays = 400
	if files, err = r.Render(s); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "guide/330000-SF-GG-0002/index.html" && strings.Contains(string(f.Data), "本指南更新于") {
			t.Error("a guide updated 366 days ago is stale with stale_after_days = 400")
		}
	}
	for path, page := range renderFixture(t, true) {
		if strings.Contains(string(page), "本指南更新于") {
			t.Errorf("%s judges age without a build day", path)
		}
	}
}

// TestBrowsingInPinyinOrder: a browsing page lists its guides by title in
// pinyin order, not by code, and says so: renamed 安置…, the guide with the
// largest code of 省司法厅 comes first (an before fa).
func TestBrowsingInPinyinOrder(t *testing.T) {
	r, err := newRenderer(nil, true)
	if err != nil {
		t.Fatal(err)
	}
	s := fixtureSite()
	s.ByCode["330000-SF-XK-0001"].Title = "安置帮教登记"
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path != "department/sheng-si-fa-ting/index.html" {
			continue
		}
		page := string(f.Data)
		if !strings.Contains(page, "按事项名称的拼音排序") {
			t.Error("the department page does not say its order")
		}
		an, fa := strings.Index(page, ">安置帮教登记</a>"), strings.Index(page, ">法律援助申请</a>")
		if an < 0 || fa < 0 || an > fa {
			t.Errorf("安置帮教登记 at %d, 法律援助申请 at %d: want an before fa", an, fa)
		}
		return
	}
	t.Fatal("no department page")
}
