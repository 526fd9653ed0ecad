package national

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/site"
)

func ptr[T any](v T) *T { return &v }

// testSite has three published items, one of them cancelled, in code
// order as resolve builds them.
func testSite() *site.Site {
	lawFirm := &site.Guide{
		Code: "330000-SF-XK-0001", Title: "律师事务所设立审核登记", Department: "省司法厅", Region: "浙江省",
		Type: "行政许可", Audience: []string{"法人"}, BasicCode: "XK00101000", ImplCode: "113300000024820088XK00101000",
		Level: "省级", Scope: "跨省", CrossModes: []string{"全程网办"}, Limit: "无数量限制", Intermediary: []string{},
		Effective: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Service:   site.Service{Star: 4, Visits: 1, OnlineURL: "https://example.gov.cn/apply", PayOnline: true},
		Time:      site.Time{LegalDays: ptr(30), PromisedDays: ptr(15), Note: "不含专家评审", Special: []site.SpecialProcedure{{Name: "专家评审", Days: ptr(10)}}},
		Fee:       site.Fee{Charged: ptr(false)},
		Result:    &site.Result{Name: "律师事务所执业许可证", Type: "证照", Validity: "长期", ELicense: true, Delivery: []string{"窗口领取"}},
		Materials: []site.Material{
			{Name: "申请书", Required: true, Source: "申请人自备", Copies: 2, Original: ptr(true), Issuer: "申请人"},
			{Name: "身份证", Required: true, Source: "政府部门核发", Shared: true, ELicense: "居民身份证", Issuer: "公安机关", Freshness: "有效期内"},
			{Name: "=HYPERLINK(\"http://evil\")", Required: false, Commitment: true, When: []string{"委托他人代办"}},
		},
		Locations: []site.Location{{Name: "市民中心", Address: "解放东路18号"}},
		Contact:   site.Contact{Consult: []string{"12348"}, Complain: []string{"12345"}},
	}
	cancelled := &site.Guide{Code: "330000-SF-XK-0002", Title: "已取消", Status: site.StatusCancelled}
	aid := &site.Guide{Code: "330900-SF-GG-0001", Title: "+法律援助", Department: "市司法局", Region: "舟山市", Type: "公共服务",
		Service: site.Service{Star: 5, Visits: 0, OnlineURL: "https://example.gov.cn/aid"}}
	s := &site.Site{Config: site.Config{
		BaseURL:     "https://example.gov.cn/",
		Regions:     []site.Region{{Name: "浙江省", Code: "330000"}, {Name: "舟山市", Code: "330900"}},
		Departments: []site.Department{{Name: "省司法厅", CreditCode: "113300000024820088"}},
	}}
	for _, g := range []*site.Guide{lawFirm, cancelled, aid} {
		s.Guides = append(s.Guides, &site.Page{Guide: g, URL: "/guide/" + g.Code + "/"})
	}
	return s
}

func exportJSON(t *testing.T, s *site.Site) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, Items(s)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestJSONElements: published, non-cancelled items in code order, under
// the national names, with the codes of codes.go and the values of the
// guide.
func TestJSONElements(t *testing.T) {
	var items []map[string]any
	if err := json.Unmarshal(exportJSON(t, testSite()), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0]["事项编码"] != "330000-SF-XK-0001" || items[1]["事项编码"] != "330900-SF-GG-0001" {
		t.Fatalf("items: %v", items)
	}
	a := items[0]
	want := map[string]any{
		"事项名称": "律师事务所设立审核登记", "基本编码": "XK00101000", "事项类型": "行政许可", "事项类型代码": "XK",
		"实施主体": "省司法厅", "实施主体编码": "113300000024820088", "行政区划代码": "330000",
		"行使层级": "省级", "行使层级代码": "2", "通办范围": "跨省", "数量限制": "无数量限制",
		"法定办结时限": 30.0, "承诺办结时限": 15.0, "时限单位": "工作日", "到办事现场次数": 1.0, "是否收费": false,
		"事项状态": "在用", "计划生效日期": "2027-01-01", "办事指南地址": "https://example.gov.cn/guide/330000-SF-XK-0001/",
	}
	for k, v := range want {
		if !reflect.DeepEqual(a[k], v) {
			t.Errorf("%s = %#v, want %#v", k, a[k], v)
		}
	}
	if !reflect.DeepEqual(a["办理形式"], []any{"窗口办理", "网上办理"}) || !reflect.DeepEqual(a["服务对象代码"], []any{"2"}) {
		t.Errorf("办理形式 %v, 服务对象代码 %v", a["办理形式"], a["服务对象代码"])
	}
	m := a["申请材料"].([]any)[1].(map[string]any)
	if m["出具单位"] != "公安机关" || m["时效要求"] != "有效期内" || m["免证办"] != "居民身份证" || m["免提交"] != true || m["告知承诺"] != false {
		t.Errorf("material: %v", m)
	}
	if r := a["办理结果"].(map[string]any); r["结果名称"] != "律师事务所执业许可证" || r["是否电子证照"] != true {
		t.Errorf("result: %v", r)
	}
	if b := items[1]; b["办理结果"] != nil || b["法定办结时限"] != nil || !reflect.DeepEqual(b["办理形式"], []any{"网上办理"}) || b["实施主体编码"] != "" {
		t.Errorf("sparse item: %v", b)
	}
}

// TestCSVSameColumns: the CSV starts with a BOM, its header is the JSON
// keys in order, one row per item, and no cell starts a formula.
func TestCSVSameColumns(t *testing.T) {
	s := testSite()
	var b bytes.Buffer
	if err := WriteCSV(&b, Items(s)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), BOM) {
		t.Fatal("no BOM")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], Columns()) || len(rows) != 3 {
		t.Fatalf("header %v\n columns %v\n %d rows", rows[0], Columns(), len(rows))
	}
	for _, r := range Items(s) {
		if keys := jsonKeys(t, r); !reflect.DeepEqual(keys, Columns()) {
			t.Errorf("JSON keys %v\n columns %v", keys, Columns())
		}
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	if got := rows[2][col["事项名称"]]; got != "'+法律援助" {
		t.Errorf("formula guard: %q", got)
	}
	if got := rows[1][col["申请材料"]]; !strings.Contains(got, `"材料名称":"=HYPERLINK(\"http://evil\")"`) || strings.HasPrefix(got, "=") {
		t.Errorf("materials cell: %s", got)
	}
	if got := rows[1][col["通办方式"]]; got != "全程网办" {
		t.Errorf("list cell: %q", got)
	}
}

// jsonKeys returns the keys of the JSON object of r, in the order written.
func jsonKeys(t *testing.T, r Record) []string {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", data)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// TestDeterministicAndEmpty: the same site gives the same bytes; a site
// without items gives [] and a CSV of the header alone.
func TestDeterministicAndEmpty(t *testing.T) {
	if a, b := exportJSON(t, testSite()), exportJSON(t, testSite()); !bytes.Equal(a, b) {
		t.Fatal("two exports differ")
	}
	if got := string(exportJSON(t, &site.Site{})); got != "[]\n" {
		t.Errorf("empty JSON %q", got)
	}
	var b bytes.Buffer
	WriteCSV(&b, nil)
	if strings.Count(b.String(), "\n") != 1 {
		t.Errorf("empty CSV %q", b.String())
	}
}

// TestWriteFiles: FILE.json and FILE.csv beside it, no temporary file
// left, a second export replaces both.
func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "items.JSON")
	for range 2 {
		n, err := WriteFiles(testSite(), p)
		if err != nil || n != 2 {
			t.Fatalf("n = %d, err = %v", n, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"items.JSON", "items.csv"}) {
		t.Errorf("files: %v", names)
	}
	if _, err := WriteFiles(testSite(), filepath.Join(dir, "none", "a.json")); err == nil {
		t.Error("no error for a missing folder")
	}
	if IsJSONPath(".json") || IsJSONPath("a.csv") || !IsJSONPath("out/a.Json") {
		t.Error("IsJSONPath")
	}
}

// TestCodeTables: every value of the contract's lists has a code.
func TestCodeTables(t *testing.T) {
	lists := []struct {
		table  map[string]string
		values []string
	}{
		{typeCodes, []string{"行政许可", "行政确认", "行政给付", "行政裁决", "行政奖励", "行政征收", "行政检查", "其他行政权力", "公共服务"}},
		{levelCodes, []string{"国家级", "省级", "市级", "县级", "乡镇级", "村级"}},
		{audienceCodes, []string{"个人", "法人"}},
		{formCodes, []string{FormWindow, FormOnline}},
		{scopeCodes, []string{"全国", "跨省", "跨市", "跨县"}},
	}
	for _, l := range lists {
		seen := map[string]bool{}
		for _, v := range l.values {
			c := code(l.table, v)
			if c == "" || seen[c] {
				t.Errorf("%s: code %q missing or used twice", v, c)
			}
			seen[c] = true
		}
	}
}
