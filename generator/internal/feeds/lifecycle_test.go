package feeds

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// lifecycleFixture is a site with an item in use, a cancelled one
// replaced by it (the most recently updated of all) and a suspended one.
func lifecycleFixture() *site.Site {
	cfg := site.Config{Title: "测试站点", BaseURL: "https://example.gov.cn/", Language: "zh-CN"}
	active := &site.Guide{Code: "A-1", Title: "新事项", Department: "省司法厅", Region: "浙江省",
		Updated: date("2026-01-01"), Service: site.Service{Star: 5, OnlineURL: "https://example.gov.cn/a"}}
	cancelled := &site.Guide{Code: "A-0", Title: "旧事项", Department: "省司法厅", Region: "浙江省", Topics: []string{"法律服务"},
		Updated: date("2026-11-30"), Status: site.StatusCancelled, ReplacedBy: "A-1", Service: site.Service{Star: 5}}
	suspended := &site.Guide{Code: "A-2", Title: "暂停事项", Department: "省司法厅", Region: "浙江省",
		Updated: date("2026-02-01"), Status: site.StatusSuspended, Service: site.Service{Star: 4, Visits: 1}}
	return resolve.BuildOn(cfg, []*site.Guide{active, cancelled, suspended}, nil, date("2026-12-31"))
}

// TestSitemapDropsCancelled: a cancelled item's page stays, but the
// sitemap neither lists it nor dates the home page by it; a suspended one
// is listed.
func TestSitemapDropsCancelled(t *testing.T) {
	files, err := Sitemaps(lifecycleFixture(), nil)
	if err != nil {
		t.Fatal(err)
	}
	m := fileMap(t, files)
	xml := string(m[SitemapPath])
	if strings.Contains(xml, "/guide/A-0/") || strings.Contains(xml, "2026-11-30") {
		t.Errorf("the sitemap lists the cancelled item or its date:\n%s", xml)
	}
	for _, want := range []string{"/guide/A-1/", "/guide/A-2/", "<lastmod>2026-02-01</lastmod>"} {
		if !strings.Contains(xml, want) {
			t.Errorf("the sitemap lacks %s:\n%s", want, xml)
		}
	}
}

// TestAtomDropsCancelled: the feed of recent changes does not announce a
// cancelled item, however recent its change.
func TestAtomDropsCancelled(t *testing.T) {
	f, err := Atom(lifecycleFixture())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(f.Data, []byte("/guide/A-0/")) || !bytes.Contains(f.Data, []byte("/guide/A-1/")) {
		t.Errorf("feed:\n%s", f.Data)
	}
}

// TestGuidesJSONVersion2: guides.json keeps a cancelled item with its
// status and replacement (open data is the whole catalogue), carries every
// version-2 key a guide sets, documented in Version2Fields, and leaves
// them all out for a guide that sets none (version 1 stays as it was).
func TestGuidesJSONVersion2(t *testing.T) {
	s := lifecycleFixture()
	g := s.ByCode["A-1"].Guide
	g.BasicCode, g.ImplCode, g.Level, g.Scope, g.Limit = "0001160020", "330000A1", "省级", "全国", "无数量限制"
	g.CrossModes, g.Intermediary, g.EvaluateURL = []string{"全程网办"}, []string{"公证"}, "https://example.gov.cn/rate"
	g.Effective = date("2027-01-01")
	g.Service.PayOnline, g.Service.SelfService = true, true
	g.Time = site.Time{Unit: "自然日", Note: "不含听证", Special: []site.SpecialProcedure{{Name: "听证", Days: ip(10), Note: "依申请"}}}
	g.Result = &site.Result{Name: "证书", Type: "证照", Sample: "forms/s.pdf", Validity: "5年", ELicense: true, Delivery: []string{"快递送达"}}
	g.Materials = []site.Material{{Name: "身份证", Required: true, Issuer: "公安机关", Freshness: "有效期内",
		ELicense: "居民身份证", Commitment: true, When: []string{"代办"}}}
	g.Situations = []site.Situation{{Name: "代办", Question: "是否委托他人？", Note: "需委托书"}}
	g.FAQ = []site.FAQ{{Q: "问", A: "答"}}
	g.Steps, g.Locations = []site.Step{{Name: "受理"}}, []site.Location{{Name: "窗口"}}

	var buf bytes.Buffer
	if err := guidesJSON.write(&buf, s); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Guides []map[string]any }
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	byCode := map[string]map[string]any{}
	for _, r := range doc.Guides {
		byCode[r["code"].(string)] = r
	}
	if old := byCode["A-0"]; old == nil || old["status"] != "取消" || old["replaced_by"] != "A-1" {
		t.Errorf("the cancelled item in open data: %v", old)
	}
	keys := flatKeys(byCode["A-1"])
	for _, f := range Version2Fields() {
		if !keys[f.Key] && f.Key != "status" && f.Key != "replaced_by" { // an item in use
			t.Errorf("guides.json lacks the documented key %s", f.Key)
		}
	}
	for k := range keys {
		if !documented(k) {
			t.Errorf("guides.json key %s is not documented", k)
		}
	}
	if r := byCode["A-2"]; r["status"] != "暂停" {
		t.Errorf("suspended: %v", r)
	}
	v1 := byCode["A-2"]
	for _, f := range Version2Fields() {
		if f.Key != "status" && flatKeys(v1)[f.Key] {
			t.Errorf("a guide that does not set %s has it in guides.json", f.Key)
		}
	}
}

// flatKeys names the keys of a guides.json record as the field lists do:
// table.key, array[].key (from the first element).
func flatKeys(rec map[string]any) map[string]bool {
	out := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, vv := range x {
				walk(prefix+"."+k, vv)
			}
		case []any:
			if len(x) > 0 {
				if m, ok := x[0].(map[string]any); ok {
					for k, vv := range m {
						walk(prefix+"[]."+k, vv)
					}
					return
				}
			}
			out[prefix] = true
		default:
			out[prefix] = true
		}
	}
	for k, v := range rec {
		walk(k, v)
	}
	return out
}

// documented tells whether a key is in GuideFields or Version2Fields.
func documented(key string) bool {
	for _, f := range append(GuideFields(), Version2Fields()...) {
		if f.Key == key {
			return true
		}
	}
	return false
}
