package feeds

import (
	"zhinan/generator/internal/site"
)

// DataPagePath is where the open-data page is meant to be rendered
// (layouts/data.html), next to the files it documents.
const DataPagePath = "data/index.html"

// DataPage is what layouts/data.html shows: the machine-readable files of
// the site and what every key and column means. Render it with
// r.Page("data.html", DataPagePath, "开放数据", s, feeds.Schema(s)).
type DataPage struct {
	// Guides and Materials count the published guides and their
	// materials, the rows of the two CSV files.
	Guides    int
	Materials int
	// Files are the downloads, open data first, then the discovery files.
	Files []DataFile
	// GuideFields documents the keys of a guide in guides.json (nested keys
	// as service.star, keys of array elements as materials[].name).
	GuideFields Fields
	// GuideColumns and MaterialColumns document the CSV columns.
	GuideColumns    Fields
	MaterialColumns Fields
	// ListSeparator joins the values of a list in a CSV cell.
	ListSeparator string
}

// Fields are the documented keys or columns of one open-data file.
type Fields []Field

// Table is fs as one table of the open-data page, for its layout to pass
// to the template that draws such a table:
// {{template "data-table" (.GuideColumns.Table "guides.csv 的列" "…")}}.
// label names the table's scrolling region; caption is its caption.
func (fs Fields) Table(label, caption string) FieldTable {
	return FieldTable{Label: label, Caption: caption, Fields: fs}
}

// FieldTable is one table of fields on the open-data page, made by
// Fields.Table in layouts/data.html.
type FieldTable struct {
	Label   string
	Caption string
	Fields  Fields
}

// DataFile is one downloadable file.
type DataFile struct {
	// URL is site-relative ("/data/guides.json").
	URL         string
	Name        string
	Format      string
	Description string
}

// Schema returns the content of the open-data page of s.
func Schema(s *site.Site) DataPage {
	materials := 0
	for _, p := range s.Guides {
		materials += len(p.Materials)
	}
	return DataPage{
		Guides:    len(s.Guides),
		Materials: materials,
		Files: []DataFile{
			{"/" + GuidesJSONPath, "guides.json", "JSON", "全部已发布事项的完整结构化数据（已按标准事项补全继承的内容），每行一个事项"},
			{"/" + GuidesCSVPath, "guides.csv", "CSV（UTF-8，带 BOM，Excel 可直接打开）", "每个事项一行"},
			{"/" + MaterialsCSVPath, "materials.csv", "CSV（UTF-8，带 BOM，Excel 可直接打开）", "每份申请材料一行，以事项编码关联 guides.csv"},
			{"/" + BundlesJSONPath, "bundles.json", "JSON", "全部“一件事”：成员事项编码（items）、一套材料（每项 name、items、shared）、逐项办理要交的材料数 submitted_before（B）、一起办要交的材料数 submitted_after（A）和材料精简 reduction（1 − A ÷ B）"},
			{"/" + SitemapPath, "sitemap.xml", "XML（sitemaps.org）", "供搜索引擎使用的网站地图"},
			{"/" + AtomPath, "feed.xml", "Atom", "最近更新的办事指南，可用阅读器订阅"},
		},
		GuideFields:     append(GuideFields(), Version2Fields()...),
		GuideColumns:    GuideColumns(),
		MaterialColumns: MaterialColumns(),
		ListSeparator:   ListSeparator,
	}
}

// GuideFields documents every key of a guide object in guides.json, in
// the order they appear there. Keys inside tables are written table.key;
// keys of the elements of an array of tables, array[].key.
func GuideFields() []Field {
	return []Field{
		{"code", "文本", "事项编码，全站唯一"},
		{"title", "文本", "事项名称"},
		{"department", "文本", "实施机关"},
		{"region", "文本", "行政区划"},
		{"type", "文本", "事项类型，未标时为空"},
		{"audience", "文本数组", "服务对象（个人、法人）"},
		{"topics", "文本数组", "主题"},
		{"keywords", "文本数组", "群众常用叫法"},
		{"batch", "整数或 null", "公布批次"},
		{"published", "日期或 null", "首次公布日期，YYYY-MM-DD"},
		{"updated", "日期或 null", "最近更新日期，YYYY-MM-DD"},
		{"extends", "文本或 null", "所实施的标准事项编码"},
		{"basis", "文本数组", "设定依据"},
		{"joint_departments", "文本数组", "联办部门"},
		{"service.star", "整数", "星级（1–5）"},
		{"service.visits", "整数", "最多跑动次数"},
		{"service.mode", "文本", "办理模式"},
		{"service.online_url", "网址", "网上申报地址，空表示不能网上申报"},
		{"service.mobile", "是否", "掌上办"},
		{"service.delivery", "是否", "快递送达"},
		{"service.appointment", "是否", "可预约"},
		{"service.immediate", "是否", "即办件"},
		{"service.agent", "是否", "可代办"},
		{"service.negative_reason", "文本", "需跑动多次的原因（负面清单）"},
		{"time.legal_days", "整数或 null", "法定期限（工作日）"},
		{"time.promised_days", "整数或 null", "承诺期限（工作日）"},
		{"fee.charged", "是否或 null", "是否收费，null 表示未说明"},
		{"fee.standard", "文本", "收费标准"},
		{"fee.basis", "文本", "收费依据"},
		{"materials[].name", "文本", "材料名称"},
		{"materials[].required", "是否", "是否必要"},
		{"materials[].source", "文本", "来源"},
		{"materials[].copies", "整数", "份数"},
		{"materials[].original", "是否或 null", "true 为原件，false 为复印件"},
		{"materials[].electronic", "是否", "接受电子材料"},
		{"materials[].shared", "是否", "部门通过数据共享获取，申请人免提交"},
		{"materials[].note", "文本", "填报须知"},
		{"materials[].template", "路径", "空白表格（static/ 下的路径）"},
		{"materials[].sample", "路径", "示例样表（static/ 下的路径）"},
		{"materials[].template_url", "网址", "空白表格的下载地址，未提供时为空"},
		{"materials[].sample_url", "网址", "示例样表的下载地址，未提供时为空"},
		{"steps[].name", "文本", "办理环节"},
		{"steps[].days", "整数或 null", "环节时限（工作日）"},
		{"steps[].detail", "文本", "审查标准"},
		{"locations[].name", "文本", "办理地点名称"},
		{"locations[].address", "文本", "地址"},
		{"locations[].window", "文本", "窗口"},
		{"locations[].hours", "文本", "办理时间"},
		{"locations[].phone", "文本", "电话"},
		{"locations[].region", "文本", "所在行政区划"},
		{"contact.consult", "文本数组", "咨询电话"},
		{"contact.complain", "文本数组", "监督投诉电话"},
		{"body", "文本（Markdown）", "正文：申请条件、常见问题等"},
		{"url", "网址", "办事指南页面地址（设置了 base_url 时为完整网址）"},
		{"standard", "文本或 null", "所实施的标准事项编码（该标准事项已发布时）"},
		{"implementations", "文本数组", "实施本标准事项的各地事项编码"},
	}
}
