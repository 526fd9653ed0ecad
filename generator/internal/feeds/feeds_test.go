package feeds

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/testdeps"
)

func ip(n int) *int   { return &n }
func bp(b bool) *bool { return &b }
func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture builds, through resolve.Build, a site with a provincial standard
// guide, a local implementation that inherited its materials, a draft
// (never published), a negative-list guide and a guide without dates.
func fixture() *site.Site {
	cfg := site.Config{
		Title:    "浙江省“最多跑一次”办事指南",
		BaseURL:  "https://example.gov.cn/zhinan/",
		Language: "zh-CN",
		Regions:  []site.Region{{Name: "浙江省", Code: "330000"}, {Name: "舟山市", Code: "330900", Parent: "浙江省"}},
	}
	materials := []site.Material{
		{Name: "律师事务所设立申请书", Required: true, Source: "申请人自备", Original: bp(true), Template: "forms/lawfirm-application.docx"},
		{Name: "设立人身份证明", Required: true, Source: "政府部门核发", Shared: true, Electronic: true, Copies: 2},
	}
	std := &site.Guide{
		Code: "330000-SF-XK-0001", Title: "律师事务所设立审核登记", Department: "省司法厅", Region: "浙江省",
		Type: "行政许可", Audience: []string{"法人"}, Topics: []string{"法律服务"}, Keywords: []string{"开律所", "律所设立"},
		Batch: 1, Published: date("2017-03-01"), Updated: date("2017-03-10"),
		Basis:     []string{"《中华人民共和国律师法》第十八条", "《律师事务所管理办法》第十六条"},
		Service:   site.Service{Star: 4, Visits: 1, Mode: "网上申报、信任在先、办结核验", OnlineURL: "https://example.gov.cn/apply/1", Delivery: true},
		Time:      site.Time{LegalDays: ip(30), PromisedDays: ip(15)},
		Fee:       site.Fee{Charged: bp(false)},
		Materials: materials,
		Steps:     []site.Step{{Name: "受理", Days: ip(1)}, {Name: "审查", Detail: "材料齐全"}},
		Locations: []site.Location{{Name: "杭州市民中心", Address: "杭州市上城区解放东路18号", Window: "C区12号", Phone: "0571-87000000"}},
		Contact:   site.Contact{Consult: []string{"0571-87000000", "12348"}, Complain: []string{"12345"}},
		Body:      "## 申请条件\n\n1. 有自己的名称<b>；\n",
	}
	local := &site.Guide{
		Code: "330900-SF-XK-0001", Title: "律师事务所设立审核登记", Department: "舟山市司法局", Region: "舟山市", Extends: std.Code,
		Type: "行政许可", Batch: 2, Published: date("2017-06-01"), Updated: date("2018-01-05"),
		Service:   site.Service{Star: 4, Visits: 1, OnlineURL: "https://example.gov.cn/apply/2"},
		Materials: materials, // inherited
		Locations: []site.Location{{Name: "舟山市行政服务中心", Address: "舟山市定海区", Region: "舟山市"}},
		Contact:   site.Contact{Consult: []string{"0580-2281234"}},
		Body:      std.Body,
	}
	draft := &site.Guide{Code: "330900-SF-XK-0099", Title: "草稿事项", Department: "舟山市司法局", Region: "舟山市", Draft: true,
		Updated: date("2030-01-01"), Service: site.Service{Star: 5}, Materials: materials}
	negative := &site.Guide{Code: "330900-ZJ-QT-0002", Title: "建设工程竣工验收", Department: "舟山市住建局", Region: "舟山市",
		Topics: []string{"工程 建设"}, Published: date("2017-06-01"),
		Service: site.Service{Star: 2, Visits: 2, NegativeReason: "需现场踏勘"}}
	undated := &site.Guide{Code: "330000-MZ-QR-0003", Title: "婚姻登记", Department: "省民政厅", Region: "浙江省",
		Service: site.Service{Star: 5, Visits: 0, OnlineURL: "https://example.gov.cn/apply/3"}}
	return resolve.BuildOn(cfg, []*site.Guide{local, std, draft, negative, undated}, nil, time.Time{})
}

func fileMap(t *testing.T, files []site.File) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, f := range files {
		if _, dup := m[f.Path]; dup {
			t.Fatalf("file %s returned twice", f.Path)
		}
		m[f.Path] = f.Data
	}
	return m
}

func TestGuidesJSONParsedBack(t *testing.T) {
	files, err := OpenData(fixture())
	if err != nil {
		t.Fatal(err)
	}
	data := fileMap(t, files)[GuidesJSONPath]
	var doc struct {
		Title   string           `json:"title"`
		BaseURL string           `json:"base_url"`
		Count   int              `json:"count"`
		Guides  []map[string]any `json:"guides"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("guides.json does not parse: %v\n%s", err, data)
	}
	if doc.Count != 4 || len(doc.Guides) != 4 {
		t.Fatalf("count %d, %d guides; want 4 published (the draft left out)", doc.Count, len(doc.Guides))
	}
	var codes []string
	for _, g := range doc.Guides {
		codes = append(codes, g["code"].(string))
	}
	want := []string{"330000-MZ-QR-0003", "330000-SF-XK-0001", "330900-SF-XK-0001", "330900-ZJ-QT-0002"}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("codes %v, want %v", codes, want)
	}
	checkLocalGuideJSON(t, doc.Guides[2])
	checkStandardGuideJSON(t, doc.Guides[1])
	checkUndatedGuideJSON(t, doc.Guides[0])
	// One guide per line, so that diffs show which guide changed.
	if n := bytes.Count(data, []byte("\n")); n != 4+4+1 {
		t.Errorf("guides.json has %d lines, want 9 (4 header lines, 4 guides, closing)", n)
	}
	if bytes.Contains(data, []byte(`\u003c`)) {
		t.Error("guides.json should not escape < as \\u003c; it is data, not HTML")
	}
}

// checkLocalGuideJSON checks the record of the local implementation in
// guides.json: inherited materials, its URL and its standard.
func checkLocalGuideJSON(t *testing.T, local map[string]any) {
	t.Helper()
	mats := local["materials"].([]any)
	if len(mats) != 2 || mats[0].(map[string]any)["template"] != "forms/lawfirm-application.docx" ||
		mats[0].(map[string]any)["template_url"] != "https://example.gov.cn/zhinan/forms/lawfirm-application.docx" {
		t.Errorf("local guide should carry the inherited materials: %v", mats)
	}
	m1 := mats[1].(map[string]any)
	if m1["copies"] != 2.0 || m1["shared"] != true || m1["original"] != nil {
		t.Errorf("second material %v", m1)
	}
	if local["url"] != "https://example.gov.cn/zhinan/guide/330900-SF-XK-0001/" || local["standard"] != "330000-SF-XK-0001" || local["extends"] != "330000-SF-XK-0001" {
		t.Errorf("local url/standard: %v %v %v", local["url"], local["standard"], local["extends"])
	}
}

// checkStandardGuideJSON checks the record of the provincial standard
// guide in guides.json: implementations, dates, body, service, time, fee.
func checkStandardGuideJSON(t *testing.T, std map[string]any) {
	t.Helper()
	if impl := std["implementations"].([]any); len(impl) != 1 || impl[0] != "330900-SF-XK-0001" {
		t.Errorf("implementations %v", impl)
	}
	if std["published"] != "2017-03-01" || std["batch"] != 1.0 || std["body"] != "## 申请条件\n\n1. 有自己的名称<b>；\n" {
		t.Errorf("std published %v batch %v body %q", std["published"], std["batch"], std["body"])
	}
	svc := std["service"].(map[string]any)
	if svc["star"] != 4.0 || svc["online_url"] != "https://example.gov.cn/apply/1" || svc["delivery"] != true {
		t.Errorf("service %v", svc)
	}
	if tm := std["time"].(map[string]any); tm["legal_days"] != 30.0 || tm["promised_days"] != 15.0 {
		t.Errorf("time %v", tm)
	}
	if fee := std["fee"].(map[string]any); fee["charged"] != false {
		t.Errorf("fee %v", fee)
	}
}

// checkUndatedGuideJSON checks that a guide's unset values are null in
// guides.json and its unset arrays [].
func checkUndatedGuideJSON(t *testing.T, undated map[string]any) {
	t.Helper()
	if undated["published"] != nil || undated["batch"] != nil || undated["extends"] != nil ||
		undated["time"].(map[string]any)["legal_days"] != nil || undated["fee"].(map[string]any)["charged"] != nil {
		t.Errorf("unset values should be null: %v", undated)
	}
	if a, ok := undated["audience"].([]any); !ok || len(a) != 0 {
		t.Errorf("unset arrays should be []: %#v", undated["audience"])
	}
}

// TestGuideFieldsDocumentEveryKey keeps the open-data page honest: every
// key in guides.json is documented, and nothing documented is missing.
func TestGuideFieldsDocumentEveryKey(t *testing.T) {
	s := fixture()
	rec, err := json.Marshal(record(newLinker(s), s.ByCode["330000-SF-XK-0001"]))
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(rec, &obj); err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, vv := range x {
				walk(prefix+k, vv)
			}
		default:
			if arr, ok := v.([]any); ok && len(arr) > 0 {
				if m, ok := arr[0].(map[string]any); ok {
					for k, vv := range m {
						walk(prefix+"[]."+k, vv)
					}
					return
				}
			}
			got = append(got, prefix)
		}
	}
	for k, v := range obj {
		if m, ok := v.(map[string]any); ok {
			for kk, vv := range m {
				walk(k+"."+kk, vv)
			}
			continue
		}
		walk(k, v)
	}
	var documented []string
	for _, f := range GuideFields() {
		documented = append(documented, f.Key)
	}
	sort.Strings(got)
	sort.Strings(documented)
	if !reflect.DeepEqual(got, documented) {
		t.Errorf("guides.json keys and GuideFields differ\n keys %v\n docs %v", got, documented)
	}
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte(BOM)) {
		t.Fatal("CSV lacks the UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVParsedBack(t *testing.T) {
	files, err := OpenData(fixture())
	if err != nil {
		t.Fatal(err)
	}
	m := fileMap(t, files)
	guides := readCSV(t, m[GuidesCSVPath])
	var header []string
	for _, f := range GuideColumns() {
		header = append(header, f.Key)
	}
	if !reflect.DeepEqual(guides[0], header) {
		t.Errorf("guides.csv header %v", guides[0])
	}
	if len(guides) != 1+4 {
		t.Fatalf("guides.csv has %d rows, want header + 4", len(guides))
	}
	col := map[string]int{}
	for i, h := range guides[0] {
		col[h] = i
	}
	std := guides[2]
	for key, want := range map[string]string{
		"code": "330000-SF-XK-0001", "title": "律师事务所设立审核登记", "keywords": "开律所|律所设立",
		"basis": "《中华人民共和国律师法》第十八条|《律师事务所管理办法》第十六条", "batch": "1", "published": "2017-03-01",
		"service.star": "4", "service.delivery": "true", "service.mobile": "false", "time.legal_days": "30",
		"fee.charged": "false", "materials": "2", "steps": "2", "locations": "杭州市民中心",
		"contact.consult": "0571-87000000|12348", "url": "https://example.gov.cn/zhinan/guide/330000-SF-XK-0001/", "standard": "",
	} {
		if got := std[col[key]]; got != want {
			t.Errorf("guides.csv %s = %q, want %q", key, got, want)
		}
	}
	if got := guides[3][col["standard"]]; got != "330000-SF-XK-0001" {
		t.Errorf("local standard = %q", got)
	}
	if got := guides[1][col["time.legal_days"]]; got != "" {
		t.Errorf("unset legal_days should be empty, got %q", got)
	}

	mats := readCSV(t, m[MaterialsCSVPath])
	if len(mats) != 1+4 {
		t.Fatalf("materials.csv has %d rows, want header + 4 (2 each for the standard and its implementation)", len(mats))
	}
	want := [][]string{
		{"guide_code", "guide_title", "index", "name", "required", "source", "copies", "original", "electronic", "shared", "note", "template", "sample", "template_url", "sample_url"},
		{"330000-SF-XK-0001", "律师事务所设立审核登记", "1", "律师事务所设立申请书", "true", "申请人自备", "1", "true", "false", "false", "", "forms/lawfirm-application.docx", "", "https://example.gov.cn/zhinan/forms/lawfirm-application.docx", ""},
		{"330000-SF-XK-0001", "律师事务所设立审核登记", "2", "设立人身份证明", "true", "政府部门核发", "2", "", "true", "true", "", "", "", "", ""},
	}
	if !reflect.DeepEqual(mats[:3], want) {
		t.Errorf("materials.csv\n got %q\nwant %q", mats[:3], want)
	}
	if mats[3][0] != "330900-SF-XK-0001" {
		t.Errorf("row 3 guide_code %q", mats[3][0])
	}
}

// TestCSVFormulaCellsNeutralized wants every CSV cell that a spreadsheet
// would run as a formula to start with an apostrophe, and guides.json to
// keep the values as they are.
func TestCSVFormulaCellsNeutralized(t *testing.T) {
	files, err := OpenData(resolve.BuildOn(formulaConfig, formulaGuides(), nil, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	m := fileMap(t, files)
	rows := readCSV(t, m[GuidesCSVPath])
	checkFormulaTitles(t, rows)
	mats := readCSV(t, m[MaterialsCSVPath])
	checkFormulaMaterials(t, mats)
	for _, r := range append(rows, mats...) {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("a cell starts a formula: %q", c)
			}
		}
	}
	checkFormulaJSON(t, m[GuidesJSONPath])
}

// The site of TestCSVFormulaCellsNeutralized: four guides whose titles
// (formulaTitles, by code) and first material start formulas, but for the
// last title, and whose second material only contains a "=".
var (
	formulaConfig = site.Config{Title: "测试", BaseURL: "https://example.gov.cn/", Language: "zh-CN",
		Regions: []site.Region{{Name: "浙江省", Code: "330000"}}}
	formulaLink   = `=HYPERLINK("http://x","y")`
	formulaTitles = map[string]string{
		"330000-SF-XK-0001": "+1 法律援助",
		"330000-SF-XK-0002": "@SUM(A1:A9)",
		"330000-SF-XK-0003": "\t=1+1",
		"330000-SF-XK-0004": "律师执业许可",
	}
)

// formulaGuides builds the guides of formulaTitles.
func formulaGuides() []*site.Guide {
	var guides []*site.Guide
	for code, title := range formulaTitles {
		guides = append(guides, &site.Guide{Code: code, Title: title, Department: "省司法厅", Region: "浙江省",
			Service: site.Service{Star: 5, Visits: 0},
			Materials: []site.Material{
				{Name: formulaLink, Source: "\r=cmd|' /C calc'!A0", Note: "-2+3", Required: true},
				{Name: "身份证", Source: "申请人自备", Note: "a=b"},
			}})
	}
	return guides
}

// checkFormulaTitles wants the titles in guides.csv that start formulas
// to start with an apostrophe, and the others unchanged.
func checkFormulaTitles(t *testing.T, rows [][]string) {
	t.Helper()
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		title := formulaTitles[r[col["code"]]]
		want := title
		if title != "律师执业许可" {
			want = "'" + title
		}
		if got := r[col["title"]]; got != want {
			t.Errorf("guides.csv title of %s = %q, want %q", r[col["code"]], got, want)
		}
	}
}

// checkFormulaMaterials wants the cells of materials.csv that start
// formulas to start with an apostrophe, and the others unchanged.
func checkFormulaMaterials(t *testing.T, mats [][]string) {
	t.Helper()
	mc := map[string]int{}
	for i, h := range mats[0] {
		mc[h] = i
	}
	for _, r := range mats[1:] {
		if title := formulaTitles[r[mc["guide_code"]]]; title != "律师执业许可" && r[mc["guide_title"]] != "'"+title {
			t.Errorf("materials.csv guide_title = %q, want '%s", r[mc["guide_title"]], title)
		}
		switch r[mc["index"]] {
		case "1":
			if r[mc["name"]] != "'"+formulaLink || r[mc["source"]] != "'\r=cmd|' /C calc'!A0" || r[mc["note"]] != "'-2+3" {
				t.Errorf("materials.csv row %q: formula cells not neutralised", r)
			}
		case "2":
			if r[mc["name"]] != "身份证" || r[mc["note"]] != "a=b" {
				t.Errorf("materials.csv row %q: ordinary cells changed", r)
			}
		}
	}
}

// checkFormulaJSON wants guides.json, which is not a spreadsheet, to keep
// the values as they are.
func checkFormulaJSON(t *testing.T, data []byte) {
	t.Helper()
	var doc struct {
		Guides []struct {
			Code      string `json:"code"`
			Title     string `json:"title"`
			Materials []struct {
				Name, Source, Note string
			} `json:"materials"`
		} `json:"guides"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, g := range doc.Guides {
		if g.Title != formulaTitles[g.Code] || g.Materials[0].Name != formulaLink || g.Materials[0].Source != "\r=cmd|' /C calc'!A0" || g.Materials[0].Note != "-2+3" {
			t.Errorf("guides.json changed the values of %s: %q %+v", g.Code, g.Title, g.Materials[0])
		}
	}
}

func validate(t *testing.T, xsd string, data []byte) {
	t.Helper()
	xmllint := testdeps.Path(t, testdeps.Xmllint)
	dir := t.TempDir()
	file := filepath.Join(dir, "sitemap.xml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	schema := filepath.Join("..", "..", "..", "testdata", "sitemap", xsd)
	out, err := exec.Command(xmllint, "--noout", "--schema", schema, file).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint --schema %s: %v\n%s\n%s", xsd, err, out, data)
	}
}

type parsedURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	s := fixture()
	f, err := Sitemap(s, []string{"/stats/", "/search/", "/data/", "/"})
	if err != nil {
		t.Fatal(err)
	}
	if f.Path != "sitemap.xml" {
		t.Errorf("path %q", f.Path)
	}
	validate(t, "sitemap.xsd", f.Data)
	var set parsedURLSet
	if err := xml.Unmarshal(f.Data, &set); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var order []string
	for _, u := range set.URLs {
		if _, dup := got[u.Loc]; dup {
			t.Errorf("%s listed twice", u.Loc)
		}
		got[u.Loc] = u.Lastmod
		order = append(order, u.Loc)
	}
	const b = "https://example.gov.cn/zhinan"
	if order[0] != b+"/" {
		t.Errorf("home should come first, got %s", order[0])
	}
	for loc, lastmod := range map[string]string{
		b + "/":                         "2018-01-05",
		b + "/guide/330000-SF-XK-0001/": "2017-03-10",
		b + "/guide/330900-SF-XK-0001/": "2018-01-05",
		b + "/guide/330900-ZJ-QT-0002/": "2017-06-01", // published, no updated
		b + "/guide/330000-MZ-QR-0003/": "",           // no date at all
		b + "/region/330900/":           "2018-01-05",
		b + "/lists/negative/":          "2017-06-01",
		b + "/lists/zero-visit/":        "",
		b + "/stats/":                   "2018-01-05",
		b + "/search/":                  "2018-01-05",
		b + "/data/":                    "2018-01-05",
	} {
		lm, ok := got[loc]
		if !ok {
			t.Errorf("sitemap lacks %s", loc)
		} else if lm != lastmod {
			t.Errorf("%s lastmod %q, want %q", loc, lm, lastmod)
		}
	}
	if _, ok := got[b+"/guide/330900-SF-XK-0099/"]; ok {
		t.Error("the draft must not be in the sitemap")
	}
	// 1 home + 4 guides + 4 departments + 2 regions + 2 topics + 3 lists + 3 extra pages.
	if len(set.URLs) != 19 {
		t.Errorf("%d URLs, want 19:\n%s", len(set.URLs), f.Data)
	}
}

func TestBaseURLForms(t *testing.T) {
	for _, c := range []struct{ base, want string }{
		{"https://example.gov.cn", "https://example.gov.cn/guide/x/"},
		{"https://example.gov.cn/", "https://example.gov.cn/guide/x/"},
		{"https://example.gov.cn/zn//", "https://example.gov.cn/zn/guide/x/"},
		{" http://example.gov.cn/zn ", "http://example.gov.cn/zn/guide/x/"},
	} {
		prefix, err := base(&site.Site{Config: site.Config{BaseURL: c.base}})
		if err != nil {
			t.Errorf("%q: %v", c.base, err)
			continue
		}
		if got := absolute(prefix, "/guide/x/"); got != c.want {
			t.Errorf("%q: got %q, want %q", c.base, got, c.want)
		}
	}
	if got := absolute("https://example.gov.cn", "/topic/工程 建设/"); got != "https://example.gov.cn/topic/%E5%B7%A5%E7%A8%8B%20%E5%BB%BA%E8%AE%BE/" {
		t.Errorf("non-ASCII path not percent-encoded: %s", got)
	}
	for _, bad := range []string{"example.gov.cn", "ftp://example.gov.cn/", "/zhinan/"} {
		if _, err := base(&site.Site{Config: site.Config{BaseURL: bad}}); err == nil {
			t.Errorf("%q should be refused", bad)
		}
	}
}

func TestSitemapsSplitsLargeSites(t *testing.T) {
	s := &site.Site{Config: site.Config{BaseURL: "https://example.gov.cn/"}}
	for i := 0; i < MaxSitemapURLs+10; i++ {
		code := fmt.Sprintf("330000-XK-%06d", i)
		g := &site.Guide{Code: code, Updated: date("2020-01-01").AddDate(0, 0, i%400)}
		s.Guides = append(s.Guides, &site.Page{Guide: g, URL: "/guide/" + code + "/"})
	}
	files, err := Sitemaps(s, []string{"/stats/"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if want := []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}; !reflect.DeepEqual(paths, want) {
		t.Fatalf("files %v, want %v", paths, want)
	}
	validate(t, "siteindex.xsd", files[0].Data)
	validate(t, "sitemap.xsd", files[2].Data)
	if !bytes.Contains(files[0].Data, []byte("<loc>https://example.gov.cn/sitemap-2.xml</loc>")) {
		t.Errorf("index does not point to sitemap-2.xml:\n%s", files[0].Data)
	}
	var set parsedURLSet
	if err := xml.Unmarshal(files[2].Data, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.URLs) != 12 { // 50011 guides + home + stats − 50000
		t.Errorf("second part has %d URLs, want 12", len(set.URLs))
	}
}

type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title string `xml:"title"`
		ID    string `xml:"id"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
	} `xml:"entry"`
}

func TestAtom(t *testing.T) {
	f, err := Atom(fixture())
	if err != nil {
		t.Fatal(err)
	}
	var feed parsedFeed
	if err := xml.Unmarshal(f.Data, &feed); err != nil {
		t.Fatalf("%v\n%s", err, f.Data)
	}
	if feed.Updated != "2018-01-05T00:00:00+08:00" || feed.ID != "https://example.gov.cn/zhinan/feed.xml" || feed.Lang != "zh-CN" || feed.Author.Name == "" {
		t.Errorf("feed head: %+v", feed)
	}
	type entry struct{ id, updated, published string }
	var got []entry
	for _, e := range feed.Entries {
		got = append(got, entry{e.ID, e.Updated, e.Published})
		if e.Link.Href != e.ID {
			t.Errorf("entry link %s differs from id %s", e.Link.Href, e.ID)
		}
	}
	const b = "https://example.gov.cn/zhinan/guide/"
	want := []entry{
		{b + "330900-SF-XK-0001/", "2018-01-05T00:00:00+08:00", "2017-06-01T00:00:00+08:00"},
		{b + "330000-SF-XK-0001/", "2017-03-10T00:00:00+08:00", "2017-03-01T00:00:00+08:00"},
		{b + "330900-ZJ-QT-0002/", "2017-06-01T00:00:00+08:00", "2017-06-01T00:00:00+08:00"},
	}
	// Newest first: 2018-01-05, then 2017-06-01 before 2017-03-10.
	want[1], want[2] = want[2], want[1]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries\n got %v\nwant %v", got, want)
	}
	if feed.Entries[0].Summary != "330900-SF-XK-0001 · 舟山市司法局 · 舟山市 · 四星级 · 跑一次" {
		t.Errorf("summary %q", feed.Entries[0].Summary)
	}
	for _, e := range feed.Entries {
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("updated %q is not RFC 3339: %v", e.Updated, err)
		}
	}
}

func TestAtomKeepsFifty(t *testing.T) {
	s := &site.Site{Config: site.Config{BaseURL: "https://example.gov.cn/"}}
	for i := 0; i < 60; i++ {
		code := fmt.Sprintf("C%02d", i)
		s.Guides = append(s.Guides, &site.Page{Guide: &site.Guide{Code: code, Title: code, Updated: date("2020-01-01").AddDate(0, 0, i/2)}, URL: "/guide/" + code + "/"})
	}
	f, err := Atom(s)
	if err != nil {
		t.Fatal(err)
	}
	var feed parsedFeed
	if err := xml.Unmarshal(f.Data, &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != AtomEntries {
		t.Fatalf("%d entries, want %d", len(feed.Entries), AtomEntries)
	}
	// C58 and C59 share the newest date: ties by code.
	if feed.Entries[0].Title != "C58" || feed.Entries[1].Title != "C59" || feed.Entries[49].Title != "C11" {
		t.Errorf("order: %s %s … %s", feed.Entries[0].Title, feed.Entries[1].Title, feed.Entries[49].Title)
	}
}

func TestRobots(t *testing.T) {
	f := Robots(fixture())
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.gov.cn/zhinan/sitemap.xml\n"
	if f.Path != "robots.txt" || string(f.Data) != want {
		t.Errorf("robots.txt %s:\n%s", f.Path, f.Data)
	}
}

func TestWithoutBaseURL(t *testing.T) {
	s := fixture()
	s.Config.BaseURL = ""
	if _, err := Sitemap(s, nil); !errors.Is(err, ErrNoBaseURL) {
		t.Errorf("Sitemap error %v, want ErrNoBaseURL", err)
	}
	if _, err := Atom(s); !errors.Is(err, ErrNoBaseURL) {
		t.Errorf("Atom error %v, want ErrNoBaseURL", err)
	}
	if r := string(Robots(s).Data); strings.Contains(r, "Sitemap") {
		t.Errorf("robots.txt without base_url must not have a relative Sitemap line:\n%s", r)
	}
	files, err := OpenData(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(fileMap(t, files)[GuidesJSONPath], []byte(`"url":"/guide/330000-SF-XK-0001/"`)) {
		t.Error("without base_url, open data should use site-relative URLs")
	}
}

func TestSchemaPage(t *testing.T) {
	p := Schema(fixture())
	if p.Guides != 4 || p.Materials != 4 || len(p.Files) != 6 || p.Files[0].URL != "/data/guides.json" {
		t.Errorf("schema page %+v", p)
	}
	if len(p.GuideColumns) == 0 || len(p.MaterialColumns) == 0 || len(p.GuideFields) == 0 {
		t.Error("schema page lacks field documentation")
	}
	for _, f := range append(append(p.GuideFields, p.GuideColumns...), p.MaterialColumns...) {
		if f.Key == "" || f.Type == "" || f.Meaning == "" {
			t.Errorf("undocumented field %+v", f)
		}
	}
}

func TestDeterministic(t *testing.T) {
	all := func() []site.File {
		s := fixture()
		files, err := OpenData(s)
		if err != nil {
			t.Fatal(err)
		}
		sm, err := Sitemap(s, []string{"/stats/"})
		if err != nil {
			t.Fatal(err)
		}
		atom, err := Atom(s)
		if err != nil {
			t.Fatal(err)
		}
		return append(files, sm, atom, Robots(s))
	}
	a, b := all(), all()
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs gave different bytes")
	}
}
