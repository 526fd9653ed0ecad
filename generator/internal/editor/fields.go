package editor

import "zhinan/generator/internal/sheets"

// Widget is how a field is shown in the form.
type Widget int

const (
	// Input is a one-line text box.
	Input Widget = iota
	// Area is a text area (long text; a list, one element per line).
	Area
	// Select is a select box of the field's Options.
	Select
	// Check is one checkbox (a boolean).
	Check
	// Checks is a group of checkboxes, one per option (a list of enumerated values).
	Checks
)

// Field is one key of the guide format as the form shows it.
type Field struct {
	Key     string      // key inside its table: "star", "name"
	Label   string      // the Chinese label
	Kind    sheets.Kind // how its text is read (Text, Int, Bool, Date, List)
	Widget  Widget
	Options []string // for Select and Checks
	Default bool     // for Check: the value when the key is absent
	Hint    string   // a short help text under the field
	// Suggest names the list of suggestions of a text field: "depts",
	// "regions" or "codes" (an HTML datalist of the site's names).
	Suggest string
}

// Group is one section of the form: a table ("" for the top level) or an
// array of tables (Array), with its fields, in the order the page shows them.
type Group struct {
	ID    string // the HTML id of the section
	Title string
	Table string // "", "service", "time", … for a table
	Array string // "materials", "time.special", … for an array of tables
	Item  string // the name of one element of Array ("材料")
	Intro string
	// Fields are the keys of the table, or of each element of Array.
	Fields []Field
}

// The makers of Groups' fields, by widget: key k, label l.

// text is a one-line string.
func text(k, l string) Field { return Field{Key: k, Label: l, Kind: sheets.Text} }

// area is a string of several lines.
func area(k, l string) Field { return Field{Key: k, Label: l, Kind: sheets.Text, Widget: Area} }

// num is an integer.
func num(k, l string) Field { return Field{Key: k, Label: l, Kind: sheets.Int} }

// date is a TOML date.
func date(k, l string) Field {
	return Field{Key: k, Label: l, Kind: sheets.Date, Hint: "格式：2024-01-31"}
}

// flag is a boolean, absent meaning false.
func flag(k, l string) Field { return Field{Key: k, Label: l, Kind: sheets.Bool, Widget: Check} }

// list is an array of strings, one per line.
func list(k, l string) Field {
	return Field{Key: k, Label: l, Kind: sheets.List, Widget: Area, Hint: "每行一项"}
}

// enum is a string of the listed values o (rule 15), as a select box.
func enum(k, l string, o ...string) Field {
	return Field{Key: k, Label: l, Kind: sheets.Text, Widget: Select, Options: o}
}

// enums is an array of the listed values o, as checkboxes.
func enums(k, l string, o ...string) Field {
	return Field{Key: k, Label: l, Kind: sheets.List, Widget: Checks, Options: o}
}

// hint gives f a help text.
func hint(f Field, h string) Field { f.Hint = h; return f }

// suggest gives f the datalist of suggestions l (see Field.Suggest).
func suggest(f Field, l string) Field { f.Suggest = l; return f }

// Groups are the sections of the form, in the order of the guide page:
// every key of the guide format (docs/guide-format.md, version 2
// included) is a field of one of them (TestEveryKeyHasAField).
var Groups = []*Group{
	{ID: "basic", Title: "基本信息", Fields: []Field{
		hint(text("code", "事项编码"), "全站唯一；只能包含英文字母、数字、-、_ 和 ."), text("title", "事项名称"),
		suggest(text("department", "实施机关"), "depts"), suggest(text("region", "行政区划"), "regions"),
		enum("type", "事项类型", "行政许可", "行政确认", "行政给付", "行政裁决", "行政奖励", "行政征收", "行政检查", "其他行政权力", "公共服务"),
		enums("audience", "服务对象", "个人", "法人"), list("topics", "主题"), list("keywords", "关键词（群众的叫法）"),
		num("batch", "公布批次"), date("published", "首次公布日期"), date("updated", "更新日期"),
		flag("draft", "草稿（不发布）"), suggest(hint(text("extends", "继承的标准事项编码"), "填写省级标准事项的编码：未填写的内容从它继承"), "codes"),
		list("basis", "设定依据"), list("joint_departments", "联办部门"),
		text("basic_code", "基本编码"), text("impl_code", "实施编码"),
		enum("level", "行使层级", "国家级", "省级", "市级", "县级", "乡镇级", "村级"),
		enum("scope", "通办范围", "全国", "跨省", "跨市", "跨县"),
		enums("cross_modes", "通办方式", "全程网办", "异地代收代办", "多地联办"),
		text("limit", "数量限制"), list("intermediary", "中介服务"),
		enum("status", "事项状态", "在用", "暂停", "取消"), date("effective", "计划生效日期"),
		suggest(text("replaced_by", "替代事项编码"), "codes"), text("evaluate_url", "好差评地址"),
	}},
	{ID: "service", Title: "办理方式", Table: "service", Fields: []Field{
		{Key: "star", Label: "星级", Kind: sheets.Int, Widget: Select, Options: []string{"1", "2", "3", "4", "5"}},
		hint(num("visits", "跑动次数"), "群众最多跑几次；0 为零上门"), text("mode", "办理模式"),
		text("online_url", "网上办理地址"), flag("mobile", "掌上办"), flag("delivery", "快递送达"),
		flag("appointment", "可预约"), flag("immediate", "即办件"), flag("agent", "可代办"),
		flag("pay_online", "网上支付"), flag("self_service", "自助终端办理"),
		hint(area("negative_reason", "多次跑动原因"), "跑动次数大于 1 时必填"),
	}},
	{ID: "time", Title: "办理时限", Table: "time", Fields: []Field{
		num("legal_days", "法定期限"), num("promised_days", "承诺期限"),
		enum("unit", "时限单位", "工作日", "自然日"), text("note", "时限说明"),
	}},
	{ID: "special", Title: "特别程序", Array: "time.special", Item: "特别程序", Intro: "听证、检验、检测、鉴定等不计入承诺期限的程序。", Fields: []Field{
		text("name", "程序名称"), num("days", "时限"), text("note", "说明"),
	}},
	{ID: "fee", Title: "收费", Table: "fee", Fields: []Field{
		flag("charged", "收费"), hint(text("standard", "收费标准"), "收费时必填"), text("basis", "收费依据"),
	}},
	{ID: "result", Title: "办理结果", Table: "result", Fields: []Field{
		text("name", "结果名称"), enum("type", "结果类型", "证照", "批文", "证明", "其他"),
		hint(text("sample", "结果样本"), "static/ 下的文件路径"), text("validity", "有效期"),
		flag("e_license", "同时发电子证照"), enums("delivery", "送达方式", "窗口领取", "快递送达", "自助打印", "网上下载"),
	}},
	{ID: "materials", Title: "申请材料", Array: "materials", Item: "材料", Fields: []Field{
		text("name", "材料名称"), {Key: "required", Label: "必要材料", Kind: sheets.Bool, Widget: Check, Default: true},
		enum("source", "来源", "申请人自备", "政府部门核发", "中介机构出具", "其他"), num("copies", "份数"),
		flag("original", "原件"), flag("electronic", "接受电子材料"), flag("shared", "免提交（部门共享获取）"),
		flag("commitment", "告知承诺（签承诺书代替）"), area("note", "填报须知"),
		hint(text("template", "空白表格"), "static/ 下的文件路径"), hint(text("sample", "示例样表"), "static/ 下的文件路径"),
		text("issuer", "出具单位"), text("freshness", "时效要求"), text("e_license", "免证办电子证照"),
		hint(list("when", "适用情形"), "每行一个情形名称；不填表示所有情形都需要"),
	}},
	{ID: "steps", Title: "办理流程", Array: "steps", Item: "环节", Fields: []Field{
		text("name", "环节"), num("days", "时限"), area("detail", "审查标准"),
	}},
	{ID: "locations", Title: "办理地点", Array: "locations", Item: "地点", Fields: []Field{
		text("name", "地点名称"), text("address", "地址"), text("window", "窗口"),
		text("hours", "办理时间"), hint(text("phone", "电话"), "例如 0580-2281234、12345"), suggest(text("region", "所在区划"), "regions"),
	}},
	{ID: "situations", Title: "情形", Array: "situations", Item: "情形", Fields: []Field{
		text("name", "情形名称"), text("question", "提问"), text("note", "说明"),
	}},
	{ID: "faq", Title: "常见问题", Array: "faq", Item: "问答", Fields: []Field{
		text("q", "问题"), area("a", "回答"),
	}},
	{ID: "contact", Title: "联系方式", Table: "contact", Fields: []Field{
		hint(list("consult", "咨询电话"), "每行一个号码，例如 0580-2281234"), hint(list("complain", "监督投诉电话"), "每行一个号码"),
	}},
}

// BodyField is the form name of the Markdown body.
const BodyField = "body"

// path is the key path of a field of g: "service.star", or
// "materials.2.name" for element i of an array.
func (g *Group) path(f Field, i int) string {
	switch {
	case g.Array != "":
		return g.Array + "." + itoa(i) + "." + f.Key
	case g.Table != "":
		return g.Table + "." + f.Key
	}
	return f.Key
}
