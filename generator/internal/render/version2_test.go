package render

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// v2Code is the code of the version-2 fixture guide.
const v2Code = "330000-GA-XK-0100"

// fixtureV2Site is a site of one guide that writes every version-2
// element: result, special procedures in 自然日, 通办, limits, materials
// with issuer, freshness, electronic licence, commitment and situations,
// structured FAQ and a 好差评 link.
func fixtureV2Site() *site.Site {
	g := &site.Guide{
		Code: v2Code, Title: "居民身份证换领", Department: "省公安厅", Region: "浙江省", Type: "公共服务",
		Audience: []string{"个人"}, Published: date("2024-01-01"), Updated: date("2024-05-01"),
		Level: "县级", Scope: "跨省", CrossModes: []string{"异地代收代办", "全程网办"},
		Limit: "无数量限制", Intermediary: []string{"证件照拍摄"},
		EvaluateURL: "https://example.gov.cn/haochaping?item=" + v2Code,
		Service:     site.Service{Star: 4, Visits: 1, Mode: "窗口受理、邮寄送达", PayOnline: true, SelfService: true},
		Time: site.Time{LegalDays: ptr(60), PromisedDays: ptr(20), Unit: "自然日", Note: "不含制证邮寄时间",
			Special: []site.SpecialProcedure{{Name: "人像比对核查", Days: ptr(5), Note: "必要时"}}},
		Result: &site.Result{Name: "居民身份证", Type: "证照", Sample: "samples/id-card.pdf", Validity: "10年",
			ELicense: true, Delivery: []string{"窗口领取", "快递送达"}},
		Situations: []site.Situation{
			{Name: "委托他人代办", Question: "是否委托他人代为办理？", Note: "代办人须带本人身份证"},
			{Name: "未满十六周岁", Question: "申请人是否未满十六周岁？"},
		},
		Materials: []site.Material{
			{Name: "原居民身份证", Required: true, Source: "申请人自备", Original: ptr(true), ELicense: "居民身份证"},
			{Name: "户口簿", Required: true, Source: "政府部门核发", Issuer: "户籍所在地公安派出所", Freshness: "3个月内", Shared: true},
			{Name: "代办委托书", Required: true, Source: "申请人自备", When: []string{"委托他人代办"}},
			{Name: "监护关系证明", Required: true, Source: "政府部门核发", Commitment: true, When: []string{"未满十六周岁"}},
			{Name: "代办人身份证明", Required: true, Source: "申请人自备", When: []string{"委托他人代办", "未满十六周岁"}},
		},
		FAQ: []site.FAQ{
			{Q: "可以在外省换领吗？", A: "可以，全国跨省通办。"},
			{Q: "旧证还能用吗？", A: "领取新证前<仍可使用>。"},
		},
		Locations: []site.Location{{Name: "杭州市民中心", Address: "杭州市上城区解放东路18号", Phone: "0571-87000000"}},
		Contact:   site.Contact{Consult: []string{"12345"}},
	}
	return resolve.BuildOn(fixtureConfig(), []*site.Guide{g}, []string{"samples/id-card.pdf"}, time.Time{})
}

// renderV2 renders the version-2 fixture, unminified unless asked.
func renderV2(t *testing.T, minified bool) map[string]string {
	t.Helper()
	r, err := newRenderer(nil, minified)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(fixtureV2Site())
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(files))
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out
}

// TestGoldenV2 compares the version-2 guide's page and sheet with
// testdata/golden (guide-v2.html, print-v2.html). Refresh with -update.
func TestGoldenV2(t *testing.T) {
	files := renderV2(t, false)
	for path, name := range map[string]string{
		"guide/" + v2Code + "/index.html": "guide-v2.html",
		"guide/" + v2Code + "/print.html": "print-v2.html",
	} {
		gp := filepath.Join("testdata", "golden", name)
		if *update {
			if err := os.WriteFile(gp, []byte(files[path]), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(gp)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if files[path] != string(want) {
			t.Errorf("%s differs from %s (run go test ./generator/internal/render -update and review the diff)", path, gp)
		}
	}
}

// wantAll fails t for every string page lacks.
func wantAll(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %s", what, w)
		}
	}
}

// TestV2Result checks 办理结果 on the page (with its sample's link under
// static/ and the table of contents' entry) and on the sheet.
func TestV2Result(t *testing.T) {
	files := renderV2(t, false)
	page := files["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page,
		`<li><a href="#result">办理结果</a></li>`, `<section id="result" aria-labelledby="result-h">`,
		"<dt>结果名称</dt><dd>居民身份证</dd>", "<dt>结果类型</dt><dd>证照</dd>", "<dt>有效期</dt><dd>10年</dd>",
		"<dt>电子证照</dt>", "<dt>送达方式</dt><dd>窗口领取、快递送达</dd>",
		`<a href="/samples/id-card.pdf">查看“居民身份证”样本</a>`)
	wantAll(t, "the sheet", files["guide/"+v2Code+"/print.html"],
		"<dt>办理结果</dt><dd>居民身份证，有效期10年，同发电子证照</dd>", "<dt>送达方式</dt><dd>窗口领取、快递送达</dd>")
}

// TestV2Time checks the unit (自然日), 特别程序 beside the promised time and
// 时限说明.
func TestV2Time(t *testing.T) {
	files := renderV2(t, false)
	page := files["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page,
		`<dt>承诺时限</dt><dd>20 个自然日<span class="special">另需特别程序（不计入承诺时限）：人像比对核查 5 个自然日（必要时）</span></dd>`,
		"<dt>法定时限</dt><dd>60 个自然日</dd>", "<dt>时限说明</dt><dd>不含制证邮寄时间</dd>")
	wantAll(t, "the sheet", files["guide/"+v2Code+"/print.html"],
		"<dt>承诺时限</dt><dd>20 个自然日</dd>", "<dt>特别程序</dt><dd>人像比对核查 5 个自然日（不计入承诺时限）</dd>",
		"<dt>时限说明</dt><dd>不含制证邮寄时间</dd>")
	if days(ptr(3), "工作日") != "3 个工作日" || days(ptr(0), "自然日") != "当场办结" || days(nil, "自然日") != "" {
		t.Error("days does not keep the version-1 wording")
	}
}

// TestV2Service checks 通办, 数量限制, 中介服务, 行使层级 and the 网上支付 and
// 自助终端 badges.
func TestV2Service(t *testing.T) {
	files := renderV2(t, false)
	page := files["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page,
		`<p class="cross"><strong>跨省通办</strong>：可跨省异地代收代办，可跨省全程网办</p>`,
		"<li>网上支付</li><li>自助终端办理</li>",
		"<dt>行使层级</dt><dd>县级</dd>", "<dt>数量限制</dt><dd>无数量限制</dd>", "<dt>中介服务</dt><dd>证件照拍摄</dd>")
	wantAll(t, "the sheet", files["guide/"+v2Code+"/print.html"],
		"<dt>通办</dt><dd>跨省通办：可跨省异地代收代办，可跨省全程网办</dd>", "网上支付、自助终端办理",
		"<dt>中介服务</dt><dd>证件照拍摄</dd>")
}

// TestV2Materials checks where each material goes on the page: the
// checklist, with its condition, or the list of what need not be brought
// with what replaces it (shared, electronic licence, commitment); and the
// same requirements on the sheet.
func TestV2Materials(t *testing.T) {
	files := renderV2(t, false)
	page := files["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page,
		`<p class="instead">免带实体证：出示电子证照“居民身份证”即可</p>`,
		`<p class="instead">免提交：窗口通过部门数据共享获取</p>`,
		`<li data-when="2"><p class="m-name"><strong>监护关系证明</strong><span class="when">仅在以下情形需要：未满十六周岁</span></p>
    <p class="instead">可不带：签署告知承诺书代替</p>`,
		`<li class="material" data-when="1">`, `<strong>代办委托书</strong><span class="when">仅在以下情形需要：委托他人代办</span>`,
		`<li class="material" data-when="1,2">`, `仅在以下情形需要：委托他人代办、未满十六周岁`,
		`要带 2 项材料</a>（其中 2 项视情形），另有 <a href="#not-to-bring">3 项不用带</a>`)
	if strings.Contains(page, `原居民身份证</strong><span class="when">`) {
		t.Error("a material needed always has a condition")
	}
	sheet := files["guide/"+v2Code+"/print.html"]
	wantAll(t, "the sheet", sheet,
		"1 份，原件，可用电子证照：居民身份证（免带实体证）", "可告知承诺（签承诺书代替证明）",
		"<li>户口簿</li>")
}

// TestV2Situations checks the questions above the materials (checkboxes
// with labels, a sentence for readers without JavaScript, a live status)
// and the script, loaded only by pages with situations.
func TestV2Situations(t *testing.T) {
	files := renderV2(t, false)
	page := files["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page,
		`<input type="checkbox" id="situation-1" value="1" aria-describedby="situation-1-note"> <label for="situation-1">是否委托他人代为办理？</label> <span class="note" id="situation-1-note">代办人须带本人身份证</span>`,
		`<input type="checkbox" id="situation-2" value="2"> <label for="situation-2">申请人是否未满十六周岁？</label>`,
		`<p class="situations-nojs">`, `role="status"`, `/assets/situations.js?v=`, `/assets/guide2.css?v=`)
	for path, data := range renderFixture(t, true) {
		if strings.Contains(string(data), "situations.js") || strings.Contains(string(data), "guide2.css") {
			t.Errorf("%s: a version-1 page loads a version-2 asset", path)
		}
	}
}

// TestV2SheetGroups checks that the sheet lists every material grouped by
// condition: the unconditional ones first, then one group per condition in
// the order it first appears, marked for the script.
func TestV2SheetGroups(t *testing.T) {
	sheet := renderV2(t, false)["guide/"+v2Code+"/print.html"]
	groups := regexp.MustCompile(`(?s)<div class="when-group"( data-when="([\d,]+)")?>(.*?)</div>`).FindAllStringSubmatch(sheet, -1)
	want := []struct{ when, head, material string }{
		{"", "", "原居民身份证"},
		{"1", "<h3>仅在以下情形需要：委托他人代办</h3>", "代办委托书"},
		{"2", "<h3>仅在以下情形需要：未满十六周岁</h3>", "监护关系证明"},
		{"1,2", "<h3>仅在以下情形需要：委托他人代办、未满十六周岁</h3>", "代办人身份证明"},
	}
	if len(groups) != len(want) {
		t.Fatalf("%d groups on the sheet, want %d", len(groups), len(want))
	}
	for i, w := range want {
		g := groups[i]
		if g[2] != w.when || !strings.Contains(g[3], w.head) || !strings.Contains(g[3], w.material) {
			t.Errorf("group %d is %q, want data-when %q with %s and %s", i, g[0], w.when, w.head, w.material)
		}
	}
	wantAll(t, "the sheet", sheet, `data-names="委托他人代办|未满十六周岁"`)
}

// TestV2FAQ checks the questions and answers as headings and paragraphs,
// and the FAQPage JSON-LD beside the GovernmentService, escaped.
func TestV2FAQ(t *testing.T) {
	page := renderV2(t, false)["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page, `<li><a href="#faq">常见问题</a></li>`,
		"<h3>可以在外省换领吗？</h3>\n    <p>可以，全国跨省通办。</p>", "领取新证前&lt;仍可使用&gt;。")
	scripts := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 2 {
		t.Fatalf("%d JSON-LD scripts, want GovernmentService and FAQPage", len(scripts))
	}
	var faq struct {
		Type       string `json:"@type"`
		MainEntity []struct {
			Type   string `json:"@type"`
			Name   string `json:"name"`
			Answer struct {
				Text string `json:"text"`
			} `json:"acceptedAnswer"`
		} `json:"mainEntity"`
	}
	if err := json.Unmarshal([]byte(scripts[1][1]), &faq); err != nil {
		t.Fatal(err)
	}
	if faq.Type != "FAQPage" || len(faq.MainEntity) != 2 || faq.MainEntity[1].Answer.Text != "领取新证前<仍可使用>。" {
		t.Errorf("FAQPage JSON-LD is %+v", faq)
	}
	if strings.Contains(scripts[1][1], "<仍") {
		t.Error("the JSON-LD holds a raw <")
	}
}

// TestV2Evaluate checks the 好差评 link on the page and its QR code on the
// sheet (not on the page).
func TestV2Evaluate(t *testing.T) {
	files := renderV2(t, false)
	page := files["guide/"+v2Code+"/index.html"]
	wantAll(t, "the page", page,
		`<dt>好差评</dt><dd><a href="https://example.gov.cn/haochaping?item=330000-GA-XK-0100" rel="noopener">评价本事项的办理服务</a></dd>`)
	sheet := files["guide/"+v2Code+"/print.html"]
	wantAll(t, "the sheet", sheet, `<figure class="sheet-eval"><svg class="qr"`,
		`aria-label="二维码：扫码评价本事项的办理服务（好差评） https://example.gov.cn/haochaping?item=330000-GA-XK-0100"`)
	if n := strings.Count(page, `class="qr"`); n != 0 {
		t.Errorf("the page has %d QR codes, want none", n)
	}
}

// TestV2PageBudget keeps the version-2 guide page, site.css and
// guide2.css within the 14 kB gzip budget of any guide page.
func TestV2PageBudget(t *testing.T) {
	files := renderV2(t, true)
	page := files["guide/"+v2Code+"/index.html"]
	total := 0
	for _, f := range []string{page, files["assets/site.css"], files["assets/guide2.css"]} {
		total += gzipSize(t, []byte(f))
	}
	js := gzipSize(t, []byte(files["assets/situations.js"]))
	t.Logf("version-2 page + CSS: %d B gzip; situations.js %d B gzip", total, js)
	if total > 14*1024 {
		t.Errorf("version-2 page + CSS = %d B gzipped, over the 14 kB budget", total)
	}
	if js > 1024 {
		t.Errorf("situations.js is %d B gzipped; keep the page's script under 1 kB", js)
	}
}

// TestV2SituationsWithoutMaterials renders a guide with situations but no
// materials: no questions on the page, and the sheet says, as for any
// guide, that no materials are listed.
func TestV2SituationsWithoutMaterials(t *testing.T) {
	s := fixtureV2Site()
	s.Guides[0].Guide.Materials = nil
	r, err := newRenderer(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		switch f.Path {
		case "guide/" + v2Code + "/index.html":
			if strings.Contains(string(f.Data), `id="situations"`) {
				t.Error("questions asked without materials to filter")
			}
		case "guide/" + v2Code + "/print.html":
			wantAll(t, "the sheet", string(f.Data), "办事指南没有列出申请材料")
		}
	}
}
