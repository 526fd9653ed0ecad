package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

func TestTelURL(t *testing.T) {
	cases := map[string]string{
		"0571-87654321":       "tel:057187654321",
		"0580 2281234":        "tel:05802281234",
		"(0571)87654321":      "tel:057187654321",
		"（0571）87654321":      "tel:057187654321",
		"010-12345678转123":    "tel:01012345678;ext=123",
		"0571-87654321-8001":  "tel:057187654321;ext=8001",
		"13800138000":         "tel:13800138000",
		"12345":               "tel:12345",
		"400-123-4567":        "tel:4001234567",
		"4001234567":          "tel:4001234567",
		"javascript:alert(1)": "tel:1",
	}
	for in, want := range cases {
		if got := string(telURL(in)); got != want {
			t.Errorf("telURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	if stars(4) != "★★★★☆" || stars(9) != "★★★★★" || stars(-1) != "☆☆☆☆☆" {
		t.Error("stars")
	}
	if starWords(3) != "三星" {
		t.Error(starWords(3))
	}
	if visitWords(0) != "零上门" || visitWords(1) != "跑一次" || visitWords(3) != "需跑 3 次" {
		t.Error("visitWords")
	}
	if workingDays(nil) != "" || workingDays(ptr(0)) != "当场办结" || workingDays(ptr(15)) != "15 个工作日" {
		t.Error("workingDays")
	}
	d := time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)
	if chineseDate(d) != "2017年3月1日" || isoDate(d) != "2017-03-01" || chineseDate(time.Time{}) != "" {
		t.Error("dates")
	}
	if got := staticURL("/zhinan", "static/forms/申请表 1.docx"); got != "/zhinan/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8%201.docx" {
		t.Errorf("staticURL: %s", got)
	}
}

// TestGuidePageContent checks what a citizen must find on a guide page.
func TestGuidePageContent(t *testing.T) {
	files := renderFixture(t, true)
	std := string(files["guide/330000-SF-XK-0001/index.html"])
	for _, want := range []string{
		"★★★★☆", "四星（满分五星）", "最多跑一次", "网上申报、信任在先、办结核验",
		"https://example.gov.cn/apply/330000-SF-XK-0001", "网上办理",
		"快递送达", "可预约", "15 个工作日", "30 个工作日", "不收费",
		"<table", "律师事务所设立申请书", "（非必要）", "原件 1 份，申请人自备，可交电子材料", "免提交：窗口通过部门数据共享获取", "如有请提供",
		`/forms/lawfirm-application.docx`, "下载空白表格", `/forms/lawfirm-sample.pdf`, "下载示例样表",
		"要带 2 项材料</a>，另有", "1 项不用带",
		"申请条件", "有自己的名称", "办理流程", "申请与受理", "1 个工作日",
		"杭州市民中心行政审批窗口", "C区12号", `工作日 <span class="nw">9:00-12:00</span>`, `tel:057187000000`,
		`tel:057187000000;ext=123`, `tel:12345`, "设定依据", "《中华人民共和国律师法》第十八条",
		"2017年3月10日", "2017年3月1日", "本事项在各地的实施指南", "/guide/330900-SF-XK-0001/", "/guide/330902-SF-XK-0001/",
		`application/ld+json`, `"@type":"GovernmentService"`, `https://example.gov.cn/guide/330000-SF-XK-0001/`,
		"跳到正文", `lang="zh-CN"`, "<main", "<header", "<footer", "<nav", "当前位置",
	} {
		if !strings.Contains(std, want) {
			t.Errorf("standard guide page lacks %q", want)
		}
	}
	local := string(files["guide/330902-SF-XK-0001/index.html"])
	if !regexp.MustCompile(`本指南实施的标准：<a href="?/guide/330000-SF-XK-0001/"?>`).MatchString(local) {
		t.Error("local guide does not link its standard")
	}
	neg := string(files["guide/330000-GA-QT-0007/index.html"])
	for _, want := range []string{"需跑 2 次", "需本人到场采集指纹并当面领取证件", "★★☆☆☆", "tel:13800138000", "tel:4001234567"} {
		if !strings.Contains(neg, want) {
			t.Errorf("negative guide page lacks %q", want)
		}
	}
	online := string(files["guide/330000-SF-GG-0002/index.html"])
	for _, want := range []string{"零上门", "掌上办", "即办件", "可代办", "即办", "每件 10 元", "收费依据：《某收费办法》"} {
		if !strings.Contains(online, want) {
			t.Errorf("zero-visit guide page lacks %q", want)
		}
	}
	for path, data := range files {
		if strings.HasSuffix(path, ".html") && bytes.Count(data, []byte("<h1")) != 1 {
			t.Errorf("%s has %d <h1>", path, bytes.Count(data, []byte("<h1")))
		}
	}
}

func TestListsAndHome(t *testing.T) {
	files := renderFixture(t, true)
	neg := string(files["lists/negative/index.html"])
	if !strings.Contains(neg, "原因：需本人到场采集指纹并当面领取证件") || !strings.Contains(neg, "出入境证件指纹采集") {
		t.Errorf("negative list lacks item or reason:\n%s", neg)
	}
	if strings.Contains(string(files["lists/one-visit/index.html"]), "原因：") {
		t.Error("one-visit list shows a negative reason")
	}
	home := string(files["index.html"])
	for _, want := range []string{"零上门事项", "跑一次事项", "负面清单", "3 项", "省司法厅", "定海区", "法律服务", "最近更新", "2020年1月1日"} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	if !regexp.MustCompile(`<form[^>]*action="?/search/"?[^>]*>`).MatchString(home) || !strings.Contains(home, "name=q") && !strings.Contains(home, `name="q"`) {
		t.Error("home has no search form to /search/ with q")
	}
	search := string(files["search/index.html"])
	if !regexp.MustCompile(`<div id="?search-results"?`).MatchString(search) || !strings.Contains(search, "name=q") {
		t.Errorf("search page lacks its form or #search-results:\n%s", search)
	}
}

func TestJSONLDIsSafeJSON(t *testing.T) {
	cfg := site.DefaultConfig()
	cfg.BaseURL = "https://example.gov.cn/"
	g := &site.Guide{
		Code: "X-1", Title: `</script><script>alert("标题")</script>`, Department: "局", Region: "区",
		Service: site.Service{Star: 3, Visits: 1},
		Contact: site.Contact{Consult: []string{"12345"}},
	}
	s := resolve.BuildOn(cfg, []*site.Guide{g}, nil, time.Time{})
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	var page string
	for _, f := range files {
		if f.Path == "guide/X-1/index.html" {
			page = string(f.Data)
		}
	}
	if strings.Contains(page, "<script>alert") {
		t.Fatal("title broke out of its element")
	}
	m := regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no JSON-LD in\n%s", page)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	if v["name"] != g.Title || v["@type"] != "GovernmentService" {
		t.Errorf("JSON-LD: %v", v)
	}
}

func TestBasePathFromBaseURL(t *testing.T) {
	s := fixtureSite()
	s.Config.BaseURL = "https://example.gov.cn/zhinan/"
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		// Every site-relative link must carry the base path.
		for _, m := range regexp.MustCompile(`(?:href|action|src)="?(/[^"> ]*)`).FindAllStringSubmatch(string(f.Data), -1) {
			if !strings.HasPrefix(m[1], "/zhinan/") {
				t.Errorf("%s: link %s lacks the base path", f.Path, m[1])
			}
		}
	}
}

// TestPagesAreMinified checks that pages come out minified although only
// templates and Markdown fragments go through the minifier: minifying a
// page again may only drop what a template minifier must keep (quotes
// around {{values}} in attributes, a line break beside an action), under
// 5%. A default template the minifier gave up on fails this test.
func TestPagesAreMinified(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for path, data := range renderFixture(t, true) {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		again, err := r.min.Bytes("text/html", data)
		if err != nil {
			t.Fatal(err)
		}
		if saved := len(data) - len(again); saved*100 > len(data)*5 {
			t.Errorf("%s: minifying again saves %d of %d bytes", path, saved, len(data))
		}
	}
}

func TestEmptySite(t *testing.T) {
	s := resolve.BuildOn(site.DefaultConfig(), nil, nil, time.Time{})
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	want := "index.html lists/zero-visit/index.html lists/one-visit/index.html lists/negative/index.html 404.html search/index.html assets/guide2.css assets/icon.svg assets/sheet.css assets/site.css assets/site.js assets/situations.js"
	if strings.Join(paths, " ") != want {
		t.Errorf("files of an empty site:\n%s\nwant\n%s", strings.Join(paths, " "), want)
	}
	if !strings.Contains(string(files[3].Data), "暂无事项") {
		t.Error("an empty list does not say so")
	}
}

func TestHomeGroupsManyDepartmentsByRegion(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(syntheticSite(500))
	if err != nil {
		t.Fatal(err)
	}
	home := string(files[0].Data)
	if files[0].Path != "index.html" || strings.Count(home, "<details") < 10 {
		t.Fatalf("departments not grouped by region on the home page")
	}
	// Regions in config order: the province, then its cities.
	zj, hz := strings.Index(home, "<summary>浙江省"), strings.Index(home, "<summary>杭州市")
	if zj < 0 || hz < 0 || zj > hz {
		t.Errorf("region groups out of order (浙江省 at %d, 杭州市 at %d)", zj, hz)
	}
	if !strings.Contains(home, "杭州市司法局") {
		t.Error("a department is missing")
	}
}

// TestUnsafeSegmentsRefused: a code or slug that cannot be one segment of a
// path never becomes one. Validation refuses them first (R1, config); this
// is the last defence for a site built without it.
func TestUnsafeSegmentsRefused(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, breakSite := range map[string]func(*site.Site){
		"code ..":      func(s *site.Site) { s.Guides[0].Code = ".." },
		"code with /":  func(s *site.Site) { s.Guides[0].Code = "a/b" },
		"slug ../..":   func(s *site.Site) { s.Departments[0].Slug = "../../escape" },
		"slug with \\": func(s *site.Site) { s.Regions[0].Slug = `a\b` },
		"slug with 中文": func(s *site.Site) { s.Regions[0].Slug = "舟山" },
	} {
		s := fixtureSite()
		breakSite(s)
		if _, err := r.Render(s); err == nil || !strings.Contains(err.Error(), "不能用作网址的一段") {
			t.Errorf("%s: err = %v, want a refusal", name, err)
		}
	}
}
