package render

import (
	"regexp"
	"strings"
	"testing"
)

// TestSheet checks what the one-time notification sheet of the fixture's
// standard guide tells: the materials to bring as a checklist, the shared
// one apart, the guide's own date, a QR code of the guide's absolute URL,
// a canonical link to the guide and noindex; and that the guide page links
// to it.
func TestSheet(t *testing.T) {
	files := renderFixture(t, false)
	page := string(files["guide/330000-SF-XK-0001/print.html"])
	if page == "" {
		t.Fatal("no sheet at guide/330000-SF-XK-0001/print.html")
	}
	checklist := regexp.MustCompile(`(?s)<ul class="checklist">(.*?)</ul>`).FindStringSubmatch(page)
	if checklist == nil {
		t.Fatal("no checklist")
	}
	if n := strings.Count(checklist[1], `<span class="box" aria-hidden="true">`); n != 2 {
		t.Errorf("checklist has %d boxes, want 2 (the shared material is not brought)", n)
	}
	for _, want := range []string{"律师事务所设立申请书", "1 份，原件，可交电子材料", "其他说明材料", "非必要", "如有请提供"} {
		if !strings.Contains(checklist[1], want) {
			t.Errorf("checklist lacks %q", want)
		}
	}
	if strings.Contains(checklist[1], "设立人身份证明") {
		t.Error("the shared material is on the checklist")
	}
	shared := regexp.MustCompile(`(?s)免提交）</h3>\s*<ul class="shared-list">(.*?)</ul>`).FindStringSubmatch(page)
	if shared == nil || !strings.Contains(shared[1], "设立人身份证明") {
		t.Error("the shared material is not listed as fetched by the office")
	}
	for _, want := range []string{
		`<time datetime="2017-03-10">2017年3月10日</time> 更新的办事指南`,
		`<link rel="canonical" href="https://example.gov.cn/guide/330000-SF-XK-0001/">`,
		`<meta name="robots" content="noindex">`,
		`aria-label="二维码：扫码打开本事项的办事指南 https://example.gov.cn/guide/330000-SF-XK-0001/"`,
		"杭州市上城区解放东路18号", `工作日 <span class="nw">9:00-12:00</span>，<span class="nw">13:30-17:00</span>`, `href="tel:057187000000"`,
		"15 个工作日", "30 个工作日", "不收费", "最多跑一次",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("sheet lacks %s", want)
		}
	}
	guide := string(files["guide/330000-SF-XK-0001/index.html"])
	if !strings.Contains(guide, `<a class="btn-secondary" href="/guide/330000-SF-XK-0001/print.html">打印告知单</a>`) {
		t.Error("the guide page has no 打印告知单 link to its sheet")
	}
	if strings.Contains(guide, `class="qr"`) {
		t.Error("the guide page carries the QR code; only the sheet should")
	}

	// A zero-visit item: no places, it says so.
	online := string(files["guide/330000-SF-GG-0002/print.html"])
	if !strings.Contains(online, "不用去现场") {
		t.Error("the zero-visit sheet does not say no visit is needed")
	}
}

// TestSheetWithoutBaseURL renders a site without base_url: its sheets have
// no QR code (there is no absolute URL to encode) and still render.
func TestSheetWithoutBaseURL(t *testing.T) {
	s := fixtureSite()
	s.Config.BaseURL = ""
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f.Path, "/print.html") && strings.Contains(string(f.Data), "<svg") {
			t.Errorf("%s: a QR code without base_url", f.Path)
		}
	}
}
