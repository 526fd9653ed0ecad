package sheets

import (
	"strings"
	"testing"

	"zhinan/generator/internal/sitefixture"
)

// ruleCase changes cells of an export of sitefixture.SmallSite and names
// the problem the import must report: its cell (the one changed, unless
// at is set) and its rule id.
type ruleCase struct {
	rule  string
	sheet string
	code  string
	nth   int
	edits map[string]string // header → value, in the same row
	// at is the header of the expected cell when not the edited one: a
	// rule about a missing array (R7: no location) is reported at the
	// guide's code, the row having no entry to point at.
	at string
}

const (
	lawfirm = "330000-SF-XK-0001" // 4 stars, 1 visit, one material, one location
	aid     = "330000-SF-GG-0002" // 5 stars
	local   = "330900-SF-XK-0001" // extends lawfirm
)

var ruleCases = []ruleCase{
	{"R1", "事项", lawfirm, 0, map[string]string{"星级": "五"}, ""},
	{"R1", "材料", lawfirm, 0, map[string]string{"材料名称": ""}, ""},
	{"R2", "事项", local, 0, map[string]string{"继承的标准事项编码": "330000-SF-XK-0404"}, ""},
	{"R3", "事项", aid, 0, map[string]string{"网上办理地址": ""}, ""},
	{"R4", "事项", lawfirm, 0, map[string]string{"跑动次数": "2", "多次跑动原因": "须现场核验"}, "跑动次数"},
	{"R5", "事项", lawfirm, 0, map[string]string{"星级": "2", "跑动次数": "2"}, "多次跑动原因"},
	{"R6", "事项", lawfirm, 0, map[string]string{"承诺期限": "40"}, ""},
	{"R7", "事项", aid, 0, map[string]string{"星级": "4", "跑动次数": "1"}, CodeHeader},
	{"R8", "地点", lawfirm, 0, map[string]string{"电话": "12"}, ""},
	{"R8", "事项", lawfirm, 0, map[string]string{"网上办理地址": "ftp://example.gov.cn"}, ""},
	{"R9", "材料", lawfirm, 0, map[string]string{"空白表格": "forms/none.docx"}, ""},
	{"R10", "事项", lawfirm, 0, map[string]string{"是否收费": "是"}, "收费标准"},
	{"R11", "事项", lawfirm, 0, map[string]string{"星级": "2", "跑动次数": "2", "多次跑动原因": "   "}, "多次跑动原因"},
	{"R12", "事项", lawfirm, 0, map[string]string{"更新日期": "2017-3-10"}, ""},
	{"R13", "地点", lawfirm, 0, map[string]string{"所在区划": "火星市"}, ""},
	{"R15", "事项", lawfirm, 0, map[string]string{"事项状态": "停用"}, ""},
	{"R16", "事项", lawfirm, 0, map[string]string{"通办方式": "全程网办"}, ""},
	{"R17", "材料", lawfirm, 0, map[string]string{"适用情形": "委托他人代办"}, ""},
	{"R18", "材料", lawfirm, 0, map[string]string{"免提交": "是", "告知承诺": "是"}, "告知承诺"},
}

// TestImportReportsEachRuleAtItsCell: for each rule a cell can break, the
// import reports it at that cell with the build's rule id, and writes
// nothing.
func TestImportReportsEachRuleAtItsCell(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	clean := export(t, src, "xlsx")
	before := sitefixture.Manifest(t, src)
	for _, c := range ruleCases {
		t.Run(c.rule+"/"+c.sheet, func(t *testing.T) {
			path := copyFile(t, clean)
			if len(c.edits) > 1 && c.at == "" {
				t.Fatal("a case that edits several cells names the one reported (at): map order is random")
			}
			want := ""
			for h, v := range c.edits {
				ref := setCell(t, path, c.sheet, c.code, c.nth, h, v)
				if c.at == "" || c.at == h {
					want = ref
				}
			}
			if want == "" {
				want = setCell(t, path, c.sheet, c.code, c.nth, c.at, cellAt(t, path, c.sheet, c.code, c.at))
			}
			res := runImport(t, src, path, false)
			if !hasProblem(res.Problems, want, c.rule) {
				t.Errorf("want %s: [%s] …, got %v", want, c.rule, res.Problems)
			}
			if sitefixture.Manifest(t, src) != before {
				t.Fatal("a file was written")
			}
		})
	}
}

func hasProblem(ps []CellError, cell, rule string) bool {
	for _, p := range ps {
		if p.Cell == cell && strings.HasPrefix(p.Message, "["+rule+"] ") {
			return true
		}
	}
	return false
}

// TestNothingWrittenWhenAnyRowIsWrong: one good change and one wrong row
// in the same workbook: nothing is written, and only the wrong row is
// reported.
func TestNothingWrittenWhenAnyRowIsWrong(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	path := export(t, src, "xlsx")
	setCell(t, path, "事项", aid, 0, "事项名称", "法律援助申请（新）")
	bad := setCell(t, path, "地点", local, 0, "电话", "110")
	before := sitefixture.Manifest(t, src)
	res := runImport(t, src, path, false)
	if len(res.Problems) != 1 || res.Problems[0].Cell != bad || !strings.Contains(res.Problems[0].Message, "[R8]") {
		t.Fatalf("problems: %v", res.Problems)
	}
	if sitefixture.Manifest(t, src) != before {
		t.Fatal("a file was written")
	}
}
