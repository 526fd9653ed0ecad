// Package rules is the one list of every rule the generator can report:
// the numbered rules of guide-format.md (R1–R20; R19 judges bundles,
// 一件事: CheckGuide runs only the bundle checks on them, and
// CheckBundleMembers the part across files), the input rules (utf8,
// config, input, static, content), the warnings (W-…), and what only
// `generator check` reports (C-… completeness, F-stale freshness). Each
// rule has its id, its severity, a one-line Chinese description (the
// meaning column of README's "Errors and warnings" table), the stage that
// reports it, and, for the rules that judge one guide after inheritance,
// the function that checks it (see CheckGuide).
//
// Every diagnostic is built through a rule (R3.At(file, line, msg)), so
// that a rule's id and severity cannot disagree, and no other package
// writes a rule id as a string. README's table is checked against All by
// TestREADMEListsEveryRule.
package rules

import (
	"fmt"

	"zhinan/generator/internal/site"
)

// Stage says which part of the generator reports a rule.
type Stage string

const (
	// Load: package load, reading config.toml and the files of the site.
	Load Stage = "load"
	// Decode: validate.Decode, the form of one guide's front matter.
	Decode Stage = "validate.Decode"
	// Resolve: package resolve, codes and inheritance across guides.
	Resolve Stage = "resolve"
	// Guide: the rules that judge one guide after inheritance; their
	// functions are in this package (CheckGuide) and validate.Guides runs
	// them.
	Guide Stage = "validate.Guides"
	// Publish: the build, when it copies static/ beside generated files.
	Publish Stage = "build"
	// Audit: package audit, run by `generator check` only.
	Audit Stage = "audit"
)

// Rule is one thing the generator can report.
type Rule struct {
	// ID is the stable identifier printed in brackets: "R4", "W-time".
	ID string
	// Severity is that of every diagnostic of the rule, except that a rule
	// with AlsoWarns may report some findings as warnings (WarnAt).
	Severity site.Severity
	// AlsoWarns is set for an error rule that reports lesser problems of
	// the same kind as warnings (config: unknown keys, no base_url).
	AlsoWarns bool
	// Desc says in one line of Chinese what the rule is about.
	Desc string
	// Stage is where the rule is checked. Rules of other stages than
	// Guide need the stage's own state (the raw TOML and its lines, every
	// guide's code, the file system), so their checks stay there.
	Stage Stage

	// check judges one guide after inheritance (Stage Guide only).
	check func(g *site.Guide, e *Env, r *report)
	// bundles says the check also judges bundles (一件事); the other
	// checks are a guide's only (see CheckGuide).
	bundles bool
}

// At returns a diagnostic of the rule, with the rule's severity. Line 0
// means the file as a whole.
func (r *Rule) At(file string, line int, msg string) site.Diagnostic {
	return site.Diagnostic{File: file, Line: line, Rule: r.ID, Severity: r.Severity, Message: msg}
}

// Atf is At with a formatted message.
func (r *Rule) Atf(file string, line int, format string, args ...any) site.Diagnostic {
	return r.At(file, line, fmt.Sprintf(format, args...))
}

// WarnAt returns a diagnostic of the rule as a warning. It panics for an
// error rule that does not say it also warns: that would be a rule whose
// id and severity disagree.
func (r *Rule) WarnAt(file string, line int, msg string) site.Diagnostic {
	if r.Severity != site.Warning && !r.AlsoWarns {
		panic("rules: " + r.ID + " does not report warnings")
	}
	d := r.At(file, line, msg)
	d.Severity = site.Warning
	return d
}

// The rules, in the order of README's table.
var (
	UTF8 = &Rule{ID: "utf8", Stage: Load,
		Desc: "文件不是 UTF-8 编码（例如 GBK）：不做猜测"}

	R1 = &Rule{ID: "R1", Stage: Decode, check: required, bundles: true,
		Desc: "缺少必填键；类型不对；整数超出范围；未知的键；code 含有不允许的字符、是 . 或 ..、或超过 64 个字符"}
	R2 = &Rule{ID: "R2", Stage: Resolve,
		Desc: "code 重复（含草稿）；extends 指向不存在的指南；循环继承；已发布的指南继承草稿"}
	R3 = &Rule{ID: "R3", Stage: Guide, check: fiveStar,
		Desc: "五星级事项须 visits = 0 并写明 online_url"}
	R4 = &Rule{ID: "R4", Stage: Guide, check: oneVisit,
		Desc: "三星、四星事项须 visits ≤ 1"}
	R5 = &Rule{ID: "R5", Stage: Guide, check: negativeReason,
		Desc: "visits > 1 须写明 negative_reason"}
	R6 = &Rule{ID: "R6", Stage: Guide, check: days,
		Desc: "promised_days 大于 legal_days；即办件的 promised_days 不是 0"}
	R7 = &Rule{ID: "R7", Stage: Guide, check: needsLocation, bundles: true,
		Desc: "visits ≥ 1 却没有 [[locations]]"}
	R8 = &Rule{ID: "R8", Stage: Guide, check: phonesAndURL, bundles: true,
		Desc: "电话号码不合约定格式；online_url 不是 http/https 网址"}
	R9 = &Rule{ID: "R9", Stage: Guide, check: staticFiles, bundles: true,
		Desc: "static/ 下找不到 template 或 sample 文件"}
	R10 = &Rule{ID: "R10", Stage: Guide, check: feeStandard,
		Desc: "fee.charged 为真却没有 fee.standard"}
	R11 = &Rule{ID: "R11", Stage: Guide, check: blankReason,
		Desc: "negative_reason 写了但只有空白"}
	R12 = &Rule{ID: "R12", Stage: Decode,
		Desc: "日期写成了字符串（\"2017-03-01\"）或不是日期"}
	R13 = &Rule{ID: "R13", Stage: Guide, check: declared, bundles: true,
		Desc: "department、region 或 locations.region 没有在 config.toml 里声明（config.toml 声明了时）"}
	R14 = &Rule{ID: "R14", Stage: Load,
		Desc: "空文件、没有开头的 +++、前置信息没有关闭、TOML 语法错误；文件超过 4 MiB；嵌套超过 32 层；文件无法读取"}

	R15 = &Rule{ID: "R15", Stage: Decode,
		Desc: "枚举的值（kind、level、scope、cross_modes、status、time.unit、result.type、result.delivery）不在约定的取值里"}
	R16 = &Rule{ID: "R16", Stage: Guide, check: references,
		Desc: "cross_modes 没有 scope；replaced_by 没有 status = \"取消\" 或指向不存在的编码；result.sample 在 static/ 下找不到；evaluate_url 不是 http/https 网址"}
	R17 = &Rule{ID: "R17", Stage: Guide, check: situationsUsed, AlsoWarns: true,
		Desc: "材料的 when 指向本指南没有的情形（[[situations]]）；没有材料用到的情形是警告"}
	R18 = &Rule{ID: "R18", Stage: Guide, check: sharedOrCommitment, bundles: true,
		Desc: "同一份材料既是 shared（免提交）又是 commitment（告知承诺）"}

	R19 = &Rule{ID: "R19", Stage: Guide, check: bundleOwn, AlsoWarns: true, bundles: true,
		Desc: "一件事：items 少于两个、有重复或指向不存在、未发布、已取消的事项；visits 多于成员事项；lead 没有声明；一件事不用 extends；promised_days 多于成员之和、stage 不在约定取值里是警告"}
	// Placeholder refuses to publish what `generator new` left unfilled.
	Placeholder = &Rule{ID: "placeholder", Stage: Guide, check: placeholders,
		Desc: "要发布的指南（不是草稿）仍有 generator new 留下的占位文字“待填写”"}

	R20 = &Rule{ID: "R20", Stage: Load,
		Desc: "config.toml 里 [[departments]] 的 credit_code 不是有效的统一社会信用代码（18 位，GB 32100 校验码）"}

	Config = &Rule{ID: "config", Stage: Load, AlsoWarns: true,
		Desc: "config.toml 的问题（未知的键、缺少 base_url 是警告）；slug 或区划 code 不是安全的网址片段；嵌套超过 32 层"}

	WUpdated = &Rule{ID: "W-updated", Severity: site.Warning, Stage: Guide, check: updated, bundles: true,
		Desc: "没有写 updated（最近更新日期）"}
	WDates = &Rule{ID: "W-dates", Severity: site.Warning, Stage: Guide, check: datesInOrder, bundles: true,
		Desc: "updated 早于 published"}
	WSource = &Rule{ID: "W-source", Severity: site.Warning, Stage: Guide, check: materialSource, bundles: true,
		Desc: "材料没有写来源（source）"}
	WTime = &Rule{ID: "W-time", Severity: site.Warning, Stage: Guide, check: timeLimits,
		Desc: "没有写办理时限"}
	WFee = &Rule{ID: "W-fee", Severity: site.Warning, Stage: Guide, check: feeStated,
		Desc: "没有说明是否收费"}
	WHours = &Rule{ID: "W-hours", Severity: site.Warning, Stage: Guide, check: hours, bundles: true,
		Desc: "办理地点没有写办理时间（hours）"}
	WOnline = &Rule{ID: "W-online", Severity: site.Warning, Stage: Guide, check: onlineURL,
		Desc: "三星、四星事项没有写 online_url"}
	WValue = &Rule{ID: "W-value", Severity: site.Warning, Stage: Guide, check: listedValues, bundles: true,
		Desc: "type、audience 或 source 的值不在约定的取值里"}

	Input = &Rule{ID: "input", Stage: Load,
		Desc: "生成器不读取的文件：指向所在文件夹以外或用绝对路径的链接、指向文件夹的链接、命名管道、设备或套接字"}
	Static = &Rule{ID: "static", Stage: Publish,
		Desc: "static/ 里的文件与生成的页面或数据文件同路径"}
	Content = &Rule{ID: "content", Severity: site.Warning, Stage: Load,
		Desc: "没有 content 文件夹：网站里没有任何办事指南"}

	CAudience = &Rule{ID: "C-audience", Severity: site.Warning, Stage: Audit,
		Desc: "没有写服务对象（audience）"}
	CBasis = &Rule{ID: "C-basis", Severity: site.Warning, Stage: Audit,
		Desc: "没有写设定依据（basis）"}
	CTimePromised = &Rule{ID: "C-time-promised", Severity: site.Warning, Stage: Audit,
		Desc: "有法定期限却没有写承诺期限（time.promised_days）"}
	CMaterials = &Rule{ID: "C-materials", Severity: site.Warning, Stage: Audit,
		Desc: "没有列出申请材料（[[materials]]）"}
	CMaterialCopies = &Rule{ID: "C-material-copies", Severity: site.Warning, Stage: Audit,
		Desc: "材料没有写份数（copies）"}
	CMaterialOriginal = &Rule{ID: "C-material-original", Severity: site.Warning, Stage: Audit,
		Desc: "材料没有写原件还是复印件（original）"}
	CMaterialTemplate = &Rule{ID: "C-material-template", Severity: site.Warning, Stage: Audit,
		Desc: "需要填写的表格没有提供空白表格（template）"}
	CSteps = &Rule{ID: "C-steps", Severity: site.Warning, Stage: Audit,
		Desc: "没有写办理流程（[[steps]]）"}
	CLocationPhone = &Rule{ID: "C-location-phone", Severity: site.Warning, Stage: Audit,
		Desc: "办理地点没有电话，也没有咨询电话（contact.consult）"}
	CComplain = &Rule{ID: "C-complain", Severity: site.Warning, Stage: Audit,
		Desc: "没有写监督投诉电话（contact.complain）"}
	CConditions = &Rule{ID: "C-conditions", Severity: site.Warning, Stage: Audit,
		Desc: "正文没有“申请条件”一节（一级或二级标题）"}
	CPlaceholder = &Rule{ID: "C-placeholder", Severity: site.Warning, Stage: Audit,
		Desc: "仍有 generator new 留下的占位文字“待填写”"}
	FStale = &Rule{ID: "F-stale", Severity: site.Warning, Stage: Audit,
		Desc: "updated 早于 stale_after_days 天前：内容可能已经过时"}
	WHost = &Rule{ID: "W-host", Severity: site.Warning, Stage: Audit,
		Desc: "生成的网站超出所选托管平台（check --host）的文件数、单个文件大小或总大小限制"}
)

// The national profile (`generator check --profile national`): the
// elements of GB/T 39046—2020 table 4, as guide-format.md's version-2
// tables map them, that a guide still lacks. Reported by package audit
// only when asked for; a build never runs them.
var (
	CNationalType = &Rule{ID: "C-national-type", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写事项类型（type）"}
	CNationalBasicCode = &Rule{ID: "C-national-basic-code", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写基本编码（basic_code）"}
	CNationalImplCode = &Rule{ID: "C-national-impl-code", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写实施编码（impl_code）"}
	CNationalLevel = &Rule{ID: "C-national-level", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写行使层级（level）"}
	CNationalScope = &Rule{ID: "C-national-scope", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写通办范围（scope）"}
	CNationalLimit = &Rule{ID: "C-national-limit", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写数量限制（limit）"}
	CNationalIntermediary = &Rule{ID: "C-national-intermediary", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有说明中介服务（intermediary，没有则写 intermediary = []）"}
	CNationalLegalDays = &Rule{ID: "C-national-legal-days", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写法定办结时限（time.legal_days）"}
	CNationalResult = &Rule{ID: "C-national-result", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：没有写办理结果（[result]），或结果没有写结果类型（result.type）"}
	CNationalMaterialIssuer = &Rule{ID: "C-national-material-issuer", Severity: site.Warning, Stage: Audit,
		Desc: "国家要素：材料没有写出具单位（issuer）"}
)

var all = []*Rule{
	UTF8, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14,
	R15, R16, R17, R18, R19, R20, Placeholder, Config,
	WUpdated, WDates, WSource, WTime, WFee, WHours, WOnline, WValue,
	Input, Static, Content,
	CAudience, CBasis, CTimePromised, CMaterials, CMaterialCopies, CMaterialOriginal,
	CMaterialTemplate, CSteps, CLocationPhone, CComplain, CConditions, CPlaceholder, FStale, WHost,
	CNationalType, CNationalBasicCode, CNationalImplCode, CNationalLevel, CNationalScope, CNationalLimit,
	CNationalIntermediary, CNationalLegalDays, CNationalResult, CNationalMaterialIssuer,
}

var byID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(all))
	for _, r := range all {
		if m[r.ID] != nil {
			panic("rules: " + r.ID + " listed twice")
		}
		m[r.ID] = r
	}
	return m
}()

// ByID returns the rule with the given id, or nil.
func ByID(id string) *Rule { return byID[id] }
