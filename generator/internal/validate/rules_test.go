package validate

import (
	"strings"
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/site/sitetest"
)

// validGuide passes every rule and warning. Its line numbers (the opening
// +++ is line 1) are what the rows of TestRules expect.
const validGuide = `+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
audience = ["法人"]
published = 2017-03-01
updated = 2017-03-10

[service]
star = 4
visits = 1
online_url = "https://example.gov.cn/apply/1"

[time]
legal_days = 30
promised_days = 15

[fee]
charged = false

[[materials]]
name = "申请书"
source = "申请人自备"
template = "forms/a.docx"

[[locations]]
name = "市民中心"
address = "解放东路18号"
hours = "工作日 9:00-17:00"
phone = "0571-87000000"
region = "浙江省"

[contact]
consult = ["0571-87000000", "12348"]
+++

## 申请条件
`

var testConfig = &site.Config{
	Regions:     []site.Region{{Name: "浙江省"}, {Name: "舟山市", Parent: "浙江省"}},
	Departments: []site.Department{{Name: "省司法厅", Region: "浙江省"}},
}

func testStatic(p string) bool { return p == "forms/a.docx" }

// run loads, decodes and validates one file as the pipeline does (without
// inheritance) and returns every diagnostic.
func run(t *testing.T, src string) []site.Diagnostic {
	t.Helper()
	doc, diags := load.Parse("content/t.md", []byte(src))
	if doc == nil {
		return diags
	}
	g, diags := Decode(doc)
	return append(diags, Guides(testConfig, []*site.Guide{g}, testStatic)...)
}

func TestValidGuideIsClean(t *testing.T) {
	if diags := run(t, validGuide); len(diags) != 0 {
		t.Fatalf("valid guide: %v", diags)
	}
}

// ruleCase is a case of TestRules: edits of validGuide and the
// diagnostics that the edited guide must get, as prefixes.
type ruleCase struct {
	name string
	edit []string // pairs: old, new
	want []string
}

// ruleCases are the cases of TestRules, at least one per rule.
var ruleCases = []ruleCase{
	{"R1 missing title", []string{"title = \"律师事务所设立审核登记\"\n", ""},
		[]string{"content/t.md:1: [R1] 缺少必填的 `title`（事项名称）"}},
	{"R1 missing visits at table header", []string{"visits = 1\n", ""},
		[]string{"content/t.md:11: [R1] 缺少必填的 `service.visits`"}},
	{"R1 missing service at opening +++", []string{"[service]\nstar = 4\nvisits = 1\nonline_url = \"https://example.gov.cn/apply/1\"\n", ""},
		[]string{"content/t.md:1: [R1] 缺少必填的 `service.star`", "content/t.md:1: [R1] 缺少必填的 `service.visits`"}},
	{"R1 unknown key with hint", []string{"[[materials]]", "[[matrials]]"},
		[]string{"content/t.md:23: [R1] 前置信息里有不认识的键 `matrials`：你是不是想写 `materials`？"}},
	{"R1 unknown key in table", []string{"legal_days", "legal_day"},
		[]string{"content/t.md:17: [R1] [time]里有不认识的键 `legal_day`：你是不是想写 `legal_days`？"}},
	{"R1 string for integer", []string{"star = 4", `star = "4"`},
		[]string{"content/t.md:12: [R1] `service.star` 应当是整数，现在是字符串 \"4\"：请去掉引号"}},
	{"R1 star out of range", []string{"star = 4", "star = 7"},
		[]string{"content/t.md:12: [R1] `service.star` 必须是 1 到 5 之间的整数，现在是 7"}},
	{"R1 negative visits", []string{"visits = 1", "visits = -1"},
		[]string{"content/t.md:13: [R1] `service.visits` 不能是负数"}},
	{"R1 code charset", []string{`code = "330000-SF-XK-0001"`, `code = "330000 司法"`},
		[]string{"content/t.md:2: [R1] 事项编码 code 只能包含"}},
	{"R1 code with a slash", []string{`code = "330000-SF-XK-0001"`, `code = "../../escape"`},
		[]string{"content/t.md:2: [R1] 事项编码 code 只能包含英文字母、数字、-、_ 和 .，现在是 \"../../escape\""}},
	{"R1 code ..", []string{`code = "330000-SF-XK-0001"`, `code = ".."`},
		[]string{"content/t.md:2: [R1] 事项编码不能是 . 或 ..（现在是 \"..\"）"}},
	{"R1 code .", []string{`code = "330000-SF-XK-0001"`, `code = "."`},
		[]string{"content/t.md:2: [R1] 事项编码不能是 . 或 ..（现在是 \".\"）"}},
	{"R1 code of 300 characters", []string{`code = "330000-SF-XK-0001"`, `code = "` + strings.Repeat("a", 300) + `"`},
		[]string{"content/t.md:2: [R1] 事项编码最长 64 个字符，现在有 300 个"}},
	{"R1 code of 64 characters", []string{`code = "330000-SF-XK-0001"`, `code = "` + strings.Repeat("a", 64) + `"`}, nil},
	{"R1 material without name", []string{"name = \"申请书\"\n", ""},
		[]string{"content/t.md:23: [R1] 缺少必填的 `materials.0.name`"}},
	{"R1 no consult phone", []string{"consult = [\"0571-87000000\", \"12348\"]\n", ""},
		[]string{"content/t.md:35: [R1] 缺少必填的 `contact.consult`"}},
	{"R1 table written as array", []string{"[fee]", "[[fee]]"},
		[]string{"content/t.md:20: [R1] `fee` 是一张表", "content/t.md:20: [W-fee]"}},
	{"R3 five stars with visits", []string{"star = 4", "star = 5"},
		[]string{"content/t.md:13: [R3] 五星级事项必须零上门：请把 visits 改为 0（现在是 1）"}},
	{"R3 five stars without online_url", []string{"star = 4\nvisits = 1\nonline_url = \"https://example.gov.cn/apply/1\"", "star = 5\nvisits = 0"},
		[]string{"content/t.md:11: [R3] 五星级事项必须全程网办"}},
	{"R4 four stars two visits", []string{"visits = 1", "visits = 2\nnegative_reason = \"现场勘验\""},
		[]string{"content/t.md:13: [R4] 4 星级事项最多跑一次：请把 visits 改为 0 或 1（现在是 2）"}},
	{"R5 negative list without reason", []string{"star = 4\nvisits = 1", "star = 2\nvisits = 3"},
		[]string{"content/t.md:11: [R5] 要跑 3 次的事项列入负面清单，必须说明原因"}},
	{"R6 promised beyond legal", []string{"promised_days = 15", "promised_days = 40"},
		[]string{"content/t.md:18: [R6] 承诺期限不能超过法定期限：promised_days 是 40，legal_days 是 30"}},
	{"R6 immediate with days", []string{"visits = 1\n", "visits = 1\nimmediate = true\n"},
		[]string{"content/t.md:19: [R6] 即办件（immediate = true）当场办结：请把 promised_days 改为 0（现在是 15）"}},
	{"R7 visits without locations", []string{"[[locations]]\nname = \"市民中心\"\naddress = \"解放东路18号\"\nhours = \"工作日 9:00-17:00\"\nphone = \"0571-87000000\"\nregion = \"浙江省\"\n", ""},
		[]string{"content/t.md:1: [R7] 这个事项要跑 1 次，却没有写去哪里办"}},
	{"R8 landline without area code", []string{`phone = "0571-87000000"`, `phone = "87000000"`},
		[]string{"content/t.md:32: [R8] `locations.0.phone` 不是有效的电话号码：\"87000000\""}},
	{"R8 bad number in multi-line array", []string{`consult = ["0571-87000000", "12348"]`, "consult = [\n  \"0571-87000000\",\n  \"1234\",\n]"},
		[]string{"content/t.md:38: [R8] `contact.consult.1` 不是有效的电话号码：\"1234\""}},
	{"R8 URL", []string{"https://example.gov.cn/apply/1", "www.example.gov.cn/apply"},
		[]string{"content/t.md:14: [R8] `service.online_url` 不是有效的网址"}},
	{"R9 missing template", []string{"forms/a.docx", "forms/b.docx"},
		[]string{"content/t.md:26: [R9] 找不到空白表格文件 static/forms/b.docx"}},
	{"R9 path with static prefix", []string{"forms/a.docx", "static/forms/a.docx"},
		[]string{"content/t.md:26: [R9] 找不到空白表格文件 static/static/forms/a.docx：路径是相对于 static/ 的，请去掉开头的 static/"}},
	{"R10 charged without standard", []string{"charged = false", "charged = true"},
		[]string{"content/t.md:20: [R10] 收费事项（charged = true）必须写明收费标准"}},
	{"R11 blank negative reason", []string{"star = 4\nvisits = 1", "star = 2\nvisits = 2\nnegative_reason = \"  \""},
		[]string{"content/t.md:14: [R11] `negative_reason` 只有空白"}},
	{"R12 date as string", []string{"published = 2017-03-01", `published = "2017-03-01"`},
		[]string{"content/t.md:8: [R12] `published` 是日期，不能写成字符串：请去掉引号，写成 published = 2017-03-01"}},
	{"R12 not a date", []string{"updated = 2017-03-10", `updated = "三月"`},
		[]string{"content/t.md:9: [R12] `updated` 应当是日期"}},
	{"R13 undeclared department", []string{`department = "省司法厅"`, `department = "市司法局"`},
		[]string{"content/t.md:4: [R13] 实施机关 \"市司法局\" 没有在 config.toml 里声明"}},
	{"R13 undeclared location region", []string{"region = \"浙江省\"\n\n[contact]", "region = \"定海区\"\n\n[contact]"},
		[]string{"content/t.md:33: [R13] 办理地点“市民中心”的行政区划 \"定海区\" 没有在 config.toml 里声明"}},
	{"R14 TOML error", []string{"visits = 1", "visits = "},
		[]string{"content/t.md:13: [R14] TOML 写法有误"}},
	{"R14 nested too deep", []string{`audience = ["法人"]`, `audience = ` + strings.Repeat("[", 40) + `"法人"` + strings.Repeat("]", 40)},
		[]string{"content/t.md:7: [R14] 前置信息嵌套超过 32 层"}},
	{"R14 larger than 4 MB", []string{"## 申请条件\n", "## 申请条件\n" + strings.Repeat("很长的正文。\n", load.MaxGuideSize/19+1)},
		[]string{"content/t.md:1: [R14] 文件超过 4 MB"}},
	{"R15 level", []string{"published = 2017-03-01\n", "published = 2017-03-01\nlevel = \"部级\"\n"},
		[]string{"content/t.md:9: [R15] `level` 不能是 \"部级\"：只能写 \"国家级\"、\"省级\"、\"市级\"、\"县级\"、\"乡镇级\"、\"村级\" 中的一个"}},
	{"R15 scope", []string{"published = 2017-03-01\n", "published = 2017-03-01\nscope = \"全省\"\n"},
		[]string{"content/t.md:9: [R15] `scope` 不能是 \"全省\"：只能写 \"全国\"、\"跨省\"、\"跨市\"、\"跨县\" 中的一个"}},
	{"R15 cross_modes", []string{"published = 2017-03-01\n", "published = 2017-03-01\nscope = \"跨省\"\ncross_modes = [\"全程网办\", \"邮寄\"]\n"},
		[]string{"content/t.md:10: [R15] `cross_modes` 不能是 \"邮寄\"：只能写 \"全程网办\"、\"异地代收代办\"、\"多地联办\" 中的一个"}},
	{"R15 status", []string{"published = 2017-03-01\n", "published = 2017-03-01\nstatus = \"废止\"\n"},
		[]string{"content/t.md:9: [R15] `status` 不能是 \"废止\"：只能写 \"在用\"、\"暂停\"、\"取消\" 中的一个"}},
	{"R15 time.unit", []string{"promised_days = 15\n", "promised_days = 15\nunit = \"小时\"\n"},
		[]string{"content/t.md:19: [R15] `time.unit` 不能是 \"小时\"：只能写 \"工作日\"、\"自然日\" 中的一个"}},
	{"R15 result.type and result.delivery", []string{"[fee]", "[result]\nname = \"执业许可证\"\ntype = \"执照\"\ndelivery = [\"窗口领取\", \"邮寄\"]\n\n[fee]"},
		[]string{"content/t.md:22: [R15] `result.type` 不能是 \"执照\"：只能写 \"证照\"、\"批文\"、\"证明\"、\"其他\" 中的一个",
			"content/t.md:23: [R15] `result.delivery` 不能是 \"邮寄\"：只能写 \"窗口领取\"、\"快递送达\"、\"自助打印\"、\"网上下载\" 中的一个"}},
	{"R15 listed values are fine", []string{"published = 2017-03-01\n", "published = 2017-03-01\nlevel = \"省级\"\nscope = \"全国\"\ncross_modes = [\"全程网办\", \"多地联办\"]\nstatus = \"暂停\"\n"}, nil},
	{"R16 cross_modes without scope", []string{"published = 2017-03-01\n", "published = 2017-03-01\ncross_modes = [\"全程网办\"]\n"},
		[]string{"content/t.md:9: [R16] 写了通办方式 cross_modes，却没有写通办范围"}},
	{"R16 replaced_by without status", []string{"published = 2017-03-01\n", "published = 2017-03-01\nreplaced_by = \"330000-SF-XK-0002\"\n"},
		[]string{"content/t.md:9: [R16] replaced_by 只用于已取消的事项：请加上 status = \"取消\"，或删去 replaced_by（现在 status 是 \"在用\"）"}},
	{"R16 replaced_by of a suspended item", []string{"published = 2017-03-01\n", "published = 2017-03-01\nstatus = \"暂停\"\nreplaced_by = \"330000-SF-XK-0002\"\n"},
		[]string{"content/t.md:10: [R16] replaced_by 只用于已取消的事项：请加上 status = \"取消\"，或删去 replaced_by（现在 status 是 \"暂停\"）"}},
	{"R16 replaced_by of a cancelled item", []string{"published = 2017-03-01\n", "published = 2017-03-01\nstatus = \"取消\"\nreplaced_by = \"330000-SF-XK-0002\"\n"}, nil},
	{"R16 missing result sample", []string{"[fee]", "[result]\nname = \"执业许可证\"\nsample = \"samples/none.pdf\"\n\n[fee]"},
		[]string{"content/t.md:22: [R16] 找不到结果样本文件 static/samples/none.pdf"}},
	{"R16 result sample found", []string{"[fee]", "[result]\nname = \"执业许可证\"\nsample = \"forms/a.docx\"\n\n[fee]"}, nil},
	{"R16 evaluate_url", []string{"published = 2017-03-01\n", "published = 2017-03-01\nevaluate_url = \"example.gov.cn/rate\"\n"},
		[]string{"content/t.md:9: [R16] `evaluate_url`（好差评）不是有效的网址：\"example.gov.cn/rate\""}},
	{"R17 when without situations", []string{"template = \"forms/a.docx\"\n", "template = \"forms/a.docx\"\nwhen = [\"委托他人代办\"]\n"},
		[]string{"content/t.md:27: [R17] 材料“申请书”的 when 写了情形 \"委托他人代办\"，但这个指南没有 [[situations]]"}},
	{"R17 when naming another situation, and the unused one warns",
		[]string{"template = \"forms/a.docx\"\n", "template = \"forms/a.docx\"\nwhen = [\"代办\"]\n\n[[situations]]\nname = \"委托他人代办\"\n"},
		[]string{"content/t.md:27: [R17] 材料“申请书”的 when 写了情形 \"代办\"，但本指南的情形只有 \"委托他人代办\"：请改为其中之一",
			"content/t.md:29: [R17] 警告：情形“委托他人代办”没有任何材料用到"}},
	{"R17 situation used", []string{"template = \"forms/a.docx\"\n", "template = \"forms/a.docx\"\nwhen = [\"委托他人代办\"]\n\n[[situations]]\nname = \"委托他人代办\"\nquestion = \"是否委托他人代为办理？\"\n"}, nil},
	{"R18 shared and commitment", []string{"template = \"forms/a.docx\"\n", "template = \"forms/a.docx\"\nshared = true\ncommitment = true\n"},
		[]string{"content/t.md:28: [R18] 材料“申请书”既是免提交（shared = true）又是告知承诺（commitment = true）"}},
	{"placeholder", []string{"address = \"解放东路18号\"", "address = \"待填写：详细地址\"", "## 申请条件\n", "## 申请条件\n\n待填写\n"},
		[]string{"content/t.md:30: [placeholder] `locations.0.address`仍是占位文字“待填写”", "content/t.md:38: [placeholder] 正文仍是占位文字“待填写”"}},
	{"placeholder in a draft", []string{"region = \"浙江省\"\n", "region = \"浙江省\"\ndraft = true\n", "address = \"解放东路18号\"", "address = \"待填写：详细地址\""}, nil},
	{"R18 commitment alone", []string{"template = \"forms/a.docx\"\n", "template = \"forms/a.docx\"\ncommitment = true\n"}, nil},
	{"W-updated", []string{"updated = 2017-03-10\n", ""},
		[]string{"content/t.md:1: [W-updated] 警告：没有写 updated"}},
	{"W-dates", []string{"updated = 2017-03-10", "updated = 2016-03-10"},
		[]string{"content/t.md:9: [W-dates] 警告：更新日期 updated（2016-03-10）早于首次公布日期 published（2017-03-01）"}},
	{"W-source", []string{"source = \"申请人自备\"\n", ""},
		[]string{"content/t.md:23: [W-source] 警告：材料“申请书”没有写来源"}},
	{"W-time", []string{"[time]\nlegal_days = 30\npromised_days = 15\n", ""},
		[]string{"content/t.md:1: [W-time] 警告：没有写办理时限"}},
	{"W-fee", []string{"[fee]\ncharged = false\n", ""},
		[]string{"content/t.md:1: [W-fee] 警告：没有说明是否收费"}},
	{"W-hours", []string{"hours = \"工作日 9:00-17:00\"\n", ""},
		[]string{"content/t.md:28: [W-hours] 警告：办理地点“市民中心”没有写办理时间"}},
	{"W-online", []string{"online_url = \"https://example.gov.cn/apply/1\"\n", ""},
		[]string{"content/t.md:11: [W-online] 警告：4 星级事项要网上申报或预审，但没有写 online_url"}},
	{"W-value", []string{`type = "行政许可"`, `type = "许可"`},
		[]string{"content/t.md:6: [W-value] 警告：事项类型 type = \"许可\" 不在约定的取值里"}},
}

// TestRules has one row per rule and warning: an edit of validGuide and the
// diagnostics it must produce, as "file:line: [rule] message" prefixes.
func TestRules(t *testing.T) {
	for _, tt := range ruleCases {
		t.Run(tt.name, func(t *testing.T) {
			src := validGuide
			for i := 0; i+1 < len(tt.edit); i += 2 {
				if !strings.Contains(src, tt.edit[i]) {
					t.Fatalf("edit %q does not apply", tt.edit[i])
				}
				src = strings.Replace(src, tt.edit[i], tt.edit[i+1], 1)
			}
			diags := run(t, src)
			site.SortDiagnostics(diags)
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(tt.want), join(diags))
			}
			for i, d := range diags {
				if got := d.String(); !strings.HasPrefix(got, tt.want[i]) {
					t.Errorf("diagnostic %d:\n got  %s\n want %s…", i, got, tt.want[i])
				}
			}
		})
	}
}

func join(ds []site.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

// TestInheritedValuesReportedOnce: a problem wholly in values a guide took
// from its base is reported by the base alone; a problem that mixes local
// and inherited values is reported in the base's file, naming the guide.
func TestInheritedValuesReportedOnce(t *testing.T) {
	base := &site.Guide{
		Code: "P", Title: "t", Department: "省司法厅", Region: "浙江省", File: "content/p.md",
		Service:   site.Service{Star: 4, Visits: 2, OnlineURL: "https://a.cn/", NegativeReason: "勘验"},
		Contact:   site.Contact{Consult: []string{"12345"}},
		Locations: []site.Location{{Name: "n", Address: "a", Hours: "h"}},
		Fee:       site.Fee{Charged: new(bool)},
		Time:      site.Time{LegalDays: new(int)},
		Updated:   testDay,
	}
	basePositions := map[string]site.Pos{}
	for _, p := range []string{"code", "title", "department", "region", "service", "service.star", "service.visits",
		"service.online_url", "service.negative_reason", "contact", "contact.consult", "contact.consult.0",
		"locations", "locations.0", "locations.0.name", "locations.0.address", "locations.0.hours",
		"fee", "fee.charged", "time", "time.legal_days", "updated"} {
		basePositions[p] = site.Pos{File: "content/p.md", Line: len(basePositions) + 2}
	}
	base.Positions = sitetest.Positions(basePositions)
	local := *base
	local.Code, local.File = "L", "content/l.md"
	localPositions := map[string]site.Pos{"code": {File: "content/l.md", Line: 2}}
	for p, pos := range basePositions {
		if p != "code" {
			localPositions[p] = pos
		}
	}
	local.Positions = sitetest.Positions(localPositions)
	diags := Guides(testConfig, []*site.Guide{base, &local}, nil)
	if len(diags) != 1 || diags[0].File != "content/p.md" || strings.Contains(diags[0].Message, "继承") {
		t.Fatalf("want one R4 at the base, got:\n%s", join(diags))
	}

	// Now the local guide sets [service] itself with star 5 while taking
	// [time] from the base: promised_days is local, legal_days inherited.
	local.Service = site.Service{Star: 4, Visits: 1, OnlineURL: "https://a.cn/", Immediate: true}
	localPositions["service"] = site.Pos{File: "content/l.md", Line: 4}
	localPositions["service.immediate"] = site.Pos{File: "content/l.md", Line: 5}
	promised := 3
	local.Time = site.Time{LegalDays: base.Time.LegalDays, PromisedDays: &promised}
	localPositions["time.promised_days"] = site.Pos{File: "content/p.md", Line: 30}
	local.Positions = sitetest.Positions(localPositions)
	diags = Guides(testConfig, []*site.Guide{&local}, nil)
	var found bool
	for _, d := range diags {
		if d.Rule == rules.R6.ID && strings.Contains(d.Message, "content/l.md 继承了这里的值") && d.File == "content/p.md" {
			found = true
		}
	}
	if !found {
		t.Fatalf("want R6 in the base's file naming the local guide, got:\n%s", join(diags))
	}
}

// TestUnresolvedExtendsIsQuietAboutMissingKeys: a guide whose extends could
// not be resolved (R2, reported by resolve) is not also told about every
// key it meant to inherit; its other problems are still reported.
func TestUnresolvedExtendsIsQuietAboutMissingKeys(t *testing.T) {
	diags := run(t, "+++\ncode = \"L\"\nextends = \"NOPE\"\n[contact]\nconsult = [\"123\"]\n+++\n")
	if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), "content/t.md:5: [R8]") {
		t.Fatalf("got:\n%s", join(diags))
	}
	diags = run(t, "+++\ncode = \"L\"\n+++\n")
	if len(diags) < 6 {
		t.Fatalf("without extends, missing keys must be reported; got:\n%s", join(diags))
	}
}
