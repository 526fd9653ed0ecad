package scaffold

import (
	"fmt"
	"strings"

	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/site"
)

// Render returns the text of the new guide for opts (Code must be valid).
// cfg supplies the department's phone for the consult line when declared.
func Render(opts Options, cfg site.Config) []byte {
	today := opts.Today.Format("2006-01-02")
	consult := "12345"
	if d, ok := cfg.DepartmentByName(opts.Department); ok && d.Phone != "" {
		consult = d.Phone
	}
	locRegion := "# region = " + q(orPlaceholder(opts.Region, "行政区划"))
	if opts.Region != "" {
		locRegion = "region = " + q(opts.Region)
	}

	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	writeTop(line, opts, today)
	writeNational(line, today)
	writeService(line)
	writeTimeAndFee(line)
	writeResult(line)
	writeMaterials(line)
	writeSituations(line)
	writeSteps(line)
	writeLocations(line, locRegion)
	writeContactAndBody(line, consult)
	return []byte(b.String())
}

// lineFunc writes one line of the new guide, formatted like fmt.Sprintf.
type lineFunc func(format string, args ...any)

// orPlaceholder returns v, or the placeholder asking for what when v is blank.
func orPlaceholder(v, what string) string {
	if strings.TrimSpace(v) == "" {
		return site.Placeholder + "：" + what
	}
	return v
}

// writeTop writes the opening comments and the top-level keys.
func writeTop(line lineFunc, opts Options, today string) {
	line("+++")
	line("# 办事指南（由 generator new 生成）。")
	line("# “%s”处请改成真实内容；generator check 会逐项列出还没填的地方。", site.Placeholder)
	line("# 以“# ”开头的键是可选项，删去行首的“# ”即可启用；# 后面的文字是说明。")
	line("# 写完后删除 draft = true 这一行，指南才会发布。")
	line("")
	line("code = %s  # 事项编码（必填）：全站唯一，只能用英文字母、数字、-、_、.；网址由它生成，发布后不要再改", q(opts.Code))
	line("title = %s  # 事项名称（必填）", q(orPlaceholder(opts.Title, "事项名称")))
	line("department = %s  # 实施机关（必填）；config.toml 声明了部门时，须是其中之一", q(orPlaceholder(opts.Department, "实施机关")))
	line("region = %s  # 行政区划（必填），如 浙江省、舟山市、定海区；config.toml 声明了区划时，须是其中之一", q(orPlaceholder(opts.Region, "行政区划")))
	line("# type = \"行政许可\"  # 事项类型：行政许可、行政确认、行政给付、行政裁决、行政奖励、行政征收、行政检查、其他行政权力、公共服务")
	line("audience = []  # 服务对象：[\"个人\"]、[\"法人\"] 或 [\"个人\", \"法人\"]")
	line("topics = []  # 主题（人生事件、企业事件），用于分类浏览，如 [\"婚育收养\"]")
	line("keywords = []  # 群众的俗称、口头叫法，便于搜索，如 [\"开律所\"]")
	line("# batch = 1  # 公布批次：整数，至少为 1")
	line("# published = %s  # 首次公布日期：不加引号的日期，如 2017-03-01", today)
	line("updated = %s  # 最近一次实质修改的日期：不加引号；超过 stale_after_days（默认 365）天未改会被提醒", today)
	line("draft = true  # 草稿：true 时只检查、不发布；写完后删除本行或改为 false")
	line("# extends = \"330000-XX-XK-0001\"  # 继承的标准指南（省级标准事项）的编码；继承后只需写与它不同的内容")
	line("basis = []  # 设定依据：法律法规条款，如 [\"《中华人民共和国律师法》第十八条\"]")
	line("joint_departments = []  # 联办部门（联审联办事项），如 [\"市市场监管局\"]；没有可留空")
}

// writeNational writes the version-2 top-level keys (the national elements
// of GB/T 39046 and the lifecycle), all commented out; today is the
// example of `effective`.
func writeNational(line lineFunc, today string) {
	line("# 以下是国家事项要素（GB/T 39046）和事项状态，均为可选；generator check --profile national 会列出还缺哪些。")
	line("# basic_code = \"XK00101000\"  # 基本编码：国家基本目录中的事项编码，英文字母和数字，最多 10 位（如 事项类型代码 + 主项 + 子项）")
	line("# impl_code = \"11330000000000000A\"  # 实施编码：本实施清单的编码，英文字母和数字，最多 24 位")
	line("# level = \"省级\"  # 行使层级：国家级、省级、市级、县级、乡镇级、村级")
	line("# scope = \"跨省\"  # 通办范围：全国、跨省、跨市、跨县；只能在本地办理的不写")
	line("# cross_modes = [\"全程网办\"]  # 通办方式：全程网办、异地代收代办、多地联办；写了就必须写 scope")
	line("# limit = \"无数量限制\"  # 数量限制：如 无数量限制，或 每年限额 100 家")
	line("# intermediary = []  # 中介服务：办理前须由中介机构提供的服务，如 [\"房屋安全鉴定\"]；没有可留空")
	line("# status = \"在用\"  # 事项状态：在用（默认）、暂停、取消；暂停、取消的事项页面上有提示")
	line("# effective = %s  # 计划生效日期：不加引号的日期；晚于今天时页面写明从哪天起适用", today)
	line("# replaced_by = \"330000-XX-XK-0002\"  # 替代事项的编码：只用于已取消（status = \"取消\"）的事项")
	line("# evaluate_url = \"https://example.gov.cn/haochaping\"  # 好差评：群众评价本事项服务的网址，http 或 https")
	line("")
}

// writeService writes the [service] table.
func writeService(line lineFunc) {
	line("[service]  # 办理方式")
	line("star = 3  # 星级（必填）：1–5；5 星须零上门（visits = 0）并填写 online_url；3、4 星最多跑一次（visits ≤ 1）")
	line("visits = 1  # 跑动次数（必填）：整数 ≥ 0；大于 1 时必须填写 negative_reason，事项列入负面清单")
	line("mode = \"网上预审、窗口报批、办结取件\"  # 办理模式：5 星“网上申报、全程在线、办结取件”；4 星“网上申报、信任在先、办结核验”；3 星“网上预审、窗口报批、办结取件”")
	line("# online_url = \"https://example.gov.cn/%s\"  # 网上办理地址：http 或 https 网址；5 星必填，3、4 星应当填写", site.Placeholder)
	line("mobile = false  # 掌上办：能否在手机上办理（true / false）")
	line("delivery = false  # 快递送达：办理结果能否邮寄（true / false）")
	line("appointment = false  # 预约：能否预约窗口办理（true / false）")
	line("immediate = false  # 即办件：当场办结（true 时 promised_days 必须为 0）")
	line("agent = false  # 代办：社区代办员能否代为办理（true / false）")
	line("negative_reason = \"\"  # 需要跑多次的理由：visits 大于 1 时必填，否则留空")
	line("# pay_online = false  # 网上支付：费用能否在网上缴纳（true / false）")
	line("# self_service = false  # 自助办：能否在自助终端办理（true / false）")
	line("")
}

// writeTimeAndFee writes the [time] and [fee] tables.
func writeTimeAndFee(line lineFunc) {
	line("[time]  # 办理时限（默认按工作日计，见下面的 unit）")
	line("# legal_days = 20  # 法定期限：整数 ≥ 0")
	line("# promised_days = 5  # 承诺期限：整数 ≥ 0，不得超过法定期限；即办件写 0")
	line("# unit = \"工作日\"  # 时限单位：工作日（默认）或自然日；也是流程 days 的单位")
	line("# note = \"不含听证、检验时间\"  # 时限说明")
	line("")
	line("# [[time.special]]  # 特别程序（听证、检验、检测、鉴定、专家评审等）：不计入承诺期限；每项写一段，删去本段各行行首的“# ”即可启用")
	line("# name = \"现场核查\"  # 特别程序名称（必填）")
	line("# days = 10  # 特别程序时限：整数 ≥ 0")
	line("# note = \"核查时间不计入承诺期限\"  # 说明")
	line("")
	line("[fee]  # 收费")
	line("# charged = false  # 是否收费：false 为不收费；true 时必须填写 standard")
	line("# standard = \"每件 10 元\"  # 收费标准：收费时必填")
	line("# basis = \"《……收费标准》\"  # 收费依据")
	line("")
}

// writeResult writes the [result] table (办理结果), commented out.
func writeResult(line lineFunc) {
	line("# [result]  # 办理结果：群众最后拿到什么；删去本段各行行首的“# ”即可启用")
	line("# name = \"律师事务所执业许可证\"  # 结果名称（写了 [result] 时必填）")
	line("# type = \"证照\"  # 结果类型：证照、批文、证明、其他")
	line("# sample = \"samples/结果样本.pdf\"  # 结果样本：static/ 下的文件路径，文件必须存在")
	line("# validity = \"5年\"  # 有效期，如 5年、长期")
	line("# e_license = true  # 是否同时发放电子证照（true / false）")
	line("# delivery = [\"窗口领取\", \"快递送达\"]  # 送达方式：窗口领取、快递送达、自助打印、网上下载")
	line("")
}

// writeMaterials writes one example [[materials]] table.
func writeMaterials(line lineFunc) {
	line("[[materials]]  # 申请材料：每种材料写一段 [[materials]]")
	line("name = %s  # 材料名称（必填）", q(site.Placeholder+"：材料名称"))
	line("required = true  # 必要性：true 必须提交，false 视情况提交")
	line("source = \"申请人自备\"  # 来源：申请人自备、政府部门核发、中介机构出具、其他")
	line("copies = 1  # 份数：整数，至少为 1")
	line("original = true  # true 为原件，false 为复印件")
	line("electronic = false  # 是否接受电子材料（true / false）")
	line("shared = false  # 免提交：true 表示部门通过数据共享自行获取，群众无需提交")
	line("note = \"\"  # 填报须知，如 需加盖公章")
	line("# template = \"forms/空白表格.docx\"  # 空白表格：static/ 下的文件路径，文件必须存在；申请书、登记表等表格应当提供")
	line("# sample = \"forms/填写示例.pdf\"  # 填写示例：static/ 下的文件路径，文件必须存在")
	line("# issuer = \"申请人\"  # 出具单位：谁出具这份材料，如 公安机关、申请人")
	line("# freshness = \"3个月内\"  # 时效要求：如 3个月内出具")
	line("# e_license = \"居民身份证\"  # 免证办：可以用哪种电子证照代替，写电子证照名称")
	line("# commitment = true  # 告知承诺：true 表示签署承诺书即可代替这份材料；不能与 shared = true 同时使用")
	line("# when = [\"委托他人代办\"]  # 适用情形：只在这些情形下需要，每项是下面某个 [[situations]] 的 name；不写表示都需要")
	line("")
}

// writeSituations writes one example [[situations]] table (情形),
// commented out; its name is the one the example material's `when` uses.
func writeSituations(line lineFunc) {
	line("# [[situations]]  # 情形：群众按自己的情况回答“是/否”，材料清单随之变化；每个情形写一段，删去本段各行行首的“# ”即可启用")
	line("# name = \"委托他人代办\"  # 情形名称（必填）：材料的 when 用这个名称")
	line("# question = \"是否委托他人代为办理？\"  # 向群众提的问题")
	line("# note = \"需另交授权委托书和代理人身份证\"  # 这个情形下有什么不同")
	line("")
}

// writeSteps writes one example [[steps]] table.
func writeSteps(line lineFunc) {
	line("[[steps]]  # 办理流程：每个环节写一段 [[steps]]")
	line("name = \"受理\"  # 环节名称（必填），如 受理、审查、决定、送达")
	line("# days = 1  # 本环节时限（工作日）：整数 ≥ 0")
	line("detail = %s  # 本环节做什么、审查标准", q(site.Placeholder+"：本环节做什么、审查标准"))
	line("")
}

// writeLocations writes one example [[locations]] table; locRegion is its
// region line.
func writeLocations(line lineFunc, locRegion string) {
	line("[[locations]]  # 办理地点：每个地点写一段 [[locations]]；零上门（visits = 0）的事项可以删去")
	line("name = %s  # 大厅或办公室名称（必填）", q(site.Placeholder+"：办理大厅名称"))
	line("address = %s  # 详细地址（必填）", q(site.Placeholder+"：详细地址"))
	line("window = \"\"  # 窗口，如 C区12号")
	line("hours = %s  # 办理时间，如 工作日 9:00-12:00，13:30-17:00", q(site.Placeholder+"：办理时间"))
	line("# phone = \"0580-2281234\"  # 该地点电话：区号-号码、手机号、12345 这类热线或 400 号码")
	line("%s  # 该地点所在行政区划（用于就近办理）；config.toml 声明了区划时，须是其中之一", locRegion)
	line("")
}

// writeContactAndBody writes the [contact] table, the end of the front
// matter and the body's sections; consult is the consult phone.
func writeContactAndBody(line lineFunc, consult string) {
	line("[contact]")
	line("consult = [%s]  # 咨询电话（必填，至少一个）：请核对是否是本事项的咨询电话，如 [\"0571-87000000\", \"12348\"]", q(consult))
	line("complain = [\"12345\"]  # 监督投诉电话")
	line("")
	line("# [[faq]]  # 常见问题：每个问题写一段，删去本段各行行首的“# ”即可启用；也可以在正文写“## 常见问题”")
	line("# q = \"可以委托他人办理吗？\"  # 问题（必填）")
	line("# a = \"可以，需提交授权委托书。\"  # 答复（必填）")
	line("+++")
	line("")
	line("## 申请条件")
	line("")
	line("%s：谁可以申请，需要满足哪些条件，逐条列出。", site.Placeholder)
	line("")
	line("## 常见问题")
	line("")
	line("%s：群众常问的问题和答复；没有可删去本节。", site.Placeholder)
}

// q quotes s as a TOML basic string (frontedit.Quote).
func q(s string) string { return frontedit.Quote(s) }
