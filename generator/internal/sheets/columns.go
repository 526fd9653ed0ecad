// Package sheets is the spreadsheet side of a site: `generator export
// --format xlsx|csv` writes the guides as written (not resolved) into one
// workbook layout, and `generator import` reads that layout back from
// .xlsx or a folder of .csv files (UTF-8, UTF-8 with BOM or GBK) and
// creates or updates guide files through the minimal-edit writer
// (package frontedit), after running the build's own validator on the
// would-be site and pointing every problem at its cell.
//
// The layout is the Sheets table below, the only list of columns; a test
// ties it to the keys of the guide format (schema.Keys).
package sheets

import "strings"

// Kind is how a column's cells are written and read.
type Kind int

const (
	// Text is a string as it is; `""` stands for an empty string.
	Text Kind = iota
	// Int is a whole number.
	Int
	// Bool is 是 or 否 (true/false, 1/0, Y/N are read too).
	Bool
	// Date is a TOML date (2017-03-01; 2017/3/1 and Excel dates are read).
	Date
	// List is an array of strings, separated by ； or new lines; [] is an
	// empty array.
	List
	// Body is the Markdown body of the file.
	Body
)

// Column is one column of a sheet: its Chinese header and the key path,
// relative to the row's table, it holds. The first column of an entry
// sheet has the empty key: it holds the code of the guide the row
// belongs to.
type Column struct {
	Header string
	Key    string
	Kind   Kind
}

// Sheet is one sheet of the workbook. A main sheet (Array "") has one row
// per file; an entry sheet has one row per element of the array of tables
// at Array, in order, keyed by the code in its first column.
type Sheet struct {
	Name    string
	Array   string // "" for a main sheet; "materials", "time.special", …
	Bundle  bool   // the main sheet of bundles (一件事)
	Columns []Column
}

// Main reports whether the sheet has one row per file.
func (s *Sheet) Main() bool { return s.Array == "" }

// CodeHeader is the header of the code column of every sheet.
const CodeHeader = "事项编码"

// The sheets, in the order of the workbook.
var (
	Guides = &Sheet{Name: "事项", Columns: []Column{
		{CodeHeader, "code", Text}, {"事项名称", "title", Text}, {"实施机关", "department", Text},
		{"行政区划", "region", Text}, {"事项类型", "type", Text}, {"服务对象", "audience", List},
		{"主题", "topics", List}, {"关键词", "keywords", List}, {"公布批次", "batch", Int},
		{"首次公布日期", "published", Date}, {"更新日期", "updated", Date}, {"草稿", "draft", Bool},
		{"继承的标准事项编码", "extends", Text}, {"设定依据", "basis", List}, {"联办部门", "joint_departments", List},
		{"基本编码", "basic_code", Text}, {"实施编码", "impl_code", Text}, {"行使层级", "level", Text},
		{"通办范围", "scope", Text}, {"通办方式", "cross_modes", List}, {"数量限制", "limit", Text},
		{"中介服务", "intermediary", List}, {"事项状态", "status", Text}, {"计划生效日期", "effective", Date},
		{"替代事项编码", "replaced_by", Text}, {"好差评地址", "evaluate_url", Text},
		{"星级", "service.star", Int}, {"跑动次数", "service.visits", Int}, {"办理模式", "service.mode", Text},
		{"网上办理地址", "service.online_url", Text}, {"掌上办", "service.mobile", Bool},
		{"快递送达", "service.delivery", Bool}, {"预约办理", "service.appointment", Bool},
		{"即办件", "service.immediate", Bool}, {"代办", "service.agent", Bool},
		{"多次跑动原因", "service.negative_reason", Text}, {"网上支付", "service.pay_online", Bool},
		{"自助终端办理", "service.self_service", Bool},
		{"法定期限", "time.legal_days", Int}, {"承诺期限", "time.promised_days", Int},
		{"时限单位", "time.unit", Text}, {"时限说明", "time.note", Text},
		{"是否收费", "fee.charged", Bool}, {"收费标准", "fee.standard", Text}, {"收费依据", "fee.basis", Text},
		{"结果名称", "result.name", Text}, {"结果类型", "result.type", Text}, {"结果样本", "result.sample", Text},
		{"结果有效期", "result.validity", Text}, {"电子证照", "result.e_license", Bool},
		{"结果送达方式", "result.delivery", List},
		{"咨询电话", "contact.consult", List}, {"监督投诉电话", "contact.complain", List},
		{"正文", "", Body},
	}}
	Bundles = &Sheet{Name: "一件事", Bundle: true, Columns: []Column{
		{CodeHeader, "code", Text}, {"名称", "title", Text}, {"类别", "kind", Text},
		{"成员事项编码", "items", List}, {"行政区划", "region", Text}, {"牵头部门", "lead", Text},
		{"人生阶段", "stage", Text}, {"服务对象", "audience", List}, {"关键词", "keywords", List},
		{"首次公布日期", "published", Date}, {"更新日期", "updated", Date}, {"草稿", "draft", Bool},
		{"跑动次数", "service.visits", Int}, {"网上办理地址", "service.online_url", Text},
		{"掌上办", "service.mobile", Bool}, {"快递送达", "service.delivery", Bool},
		{"承诺期限", "time.promised_days", Int},
		{"咨询电话", "contact.consult", List}, {"监督投诉电话", "contact.complain", List},
		{"正文", "", Body},
	}}
	Materials = entrySheet("材料", "materials", []Column{
		{"材料名称", "name", Text}, {"是否必要", "required", Bool}, {"来源", "source", Text},
		{"份数", "copies", Int}, {"原件", "original", Bool}, {"电子材料", "electronic", Bool},
		{"免提交", "shared", Bool}, {"填报须知", "note", Text}, {"空白表格", "template", Text},
		{"示例样表", "sample", Text}, {"出具单位", "issuer", Text}, {"时效要求", "freshness", Text},
		{"免证办电子证照", "e_license", Text}, {"告知承诺", "commitment", Bool}, {"适用情形", "when", List},
	})
	Steps = entrySheet("流程", "steps", []Column{
		{"环节", "name", Text}, {"时限", "days", Int}, {"审查标准", "detail", Text},
	})
	Locations = entrySheet("地点", "locations", []Column{
		{"地点名称", "name", Text}, {"地址", "address", Text}, {"窗口", "window", Text},
		{"办理时间", "hours", Text}, {"电话", "phone", Text}, {"所在区划", "region", Text},
	})
	Situations = entrySheet("情形", "situations", []Column{
		{"情形名称", "name", Text}, {"提问", "question", Text}, {"说明", "note", Text},
	})
	FAQ = entrySheet("常见问题", "faq", []Column{
		{"问题", "q", Text}, {"回答", "a", Text},
	})
	Special = entrySheet("特别程序", "time.special", []Column{
		{"程序名称", "name", Text}, {"时限", "days", Int}, {"说明", "note", Text},
	})

	// Sheets lists every sheet in workbook order.
	Sheets = []*Sheet{Guides, Bundles, Materials, Steps, Locations, Situations, FAQ, Special}
)

// entrySheet makes an entry sheet: the code column, then cols.
func entrySheet(name, array string, cols []Column) *Sheet {
	return &Sheet{Name: name, Array: array, Columns: append([]Column{{CodeHeader, "", Text}}, cols...)}
}

// topOrder is the order of top-level keys in a new file: the values, then
// the tables in the order of the format's reference.
var topOrder = func() []string {
	var out []string
	for _, s := range []*Sheet{Guides, Bundles} {
		for _, c := range s.Columns {
			if c.Key != "" && !strings.Contains(c.Key, ".") {
				out = append(out, c.Key)
			}
		}
	}
	return append(out, "service", "time", "fee", "result", "materials", "steps", "locations",
		"situations", "faq", "contact")
}()

// Order is the key order of new files and new keys (frontedit.Order):
// the order of the columns.
func Order(table string) []string {
	if table == "" {
		return topOrder
	}
	var out []string
	for _, s := range Sheets {
		for _, c := range s.Columns {
			key := c.Key
			if !s.Main() {
				key = s.Array + "." + key
			}
			if k, ok := strings.CutPrefix(key, table+"."); ok && !strings.Contains(k, ".") {
				out = append(out, k)
			}
		}
	}
	if table == "time" {
		out = append(out, "special")
	}
	return out
}

// entrySheets are the sheets with one row per element of an array.
func entrySheets() []*Sheet {
	var out []*Sheet
	for _, s := range Sheets {
		if !s.Main() {
			out = append(out, s)
		}
	}
	return out
}

// colName returns the spreadsheet name of a 0-based column: A, B, … Z, AA.
func colName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
