package rules

import (
	"fmt"
	"strconv"
	"strings"

	"zhinan/generator/internal/site"
)

// Env is what the guide rules need beyond the guide itself. The zero Env
// (or nil) declares no departments or regions and skips rule 9.
type Env struct {
	// StaticExists tells whether a path under static/ exists
	// ("forms/x.docx"); it is called from several goroutines at once. Nil
	// skips rule 9.
	StaticExists func(path string) bool
	// Departments and Regions are the names config.toml declares; rule 13
	// applies to each only when it is not empty.
	Departments, Regions map[string]bool
}

// NewEnv returns the Env of a site's config (which may be nil).
func NewEnv(cfg *site.Config, staticExists func(string) bool) *Env {
	e := &Env{StaticExists: staticExists}
	if cfg != nil {
		e.Regions = make(map[string]bool, len(cfg.Regions))
		for _, r := range cfg.Regions {
			e.Regions[r.Name] = true
		}
		e.Departments = make(map[string]bool, len(cfg.Departments))
		for _, d := range cfg.Departments {
			e.Departments[d.Name] = true
		}
	}
	return e
}

// Finding is what a guide rule found in one guide, before it becomes a
// diagnostic: validate.Guides places it (at the line of Paths[0], which
// after inheritance may be in a base's file), and audit scores with it.
type Finding struct {
	Rule *Rule
	// Paths are the key paths the finding is about, the first being where
	// it is reported ("service.online_url", "materials.2").
	Paths []string
	// Missing is set when the finding is that a key is not written at all.
	Missing bool
	// Warn is set when an error rule that also warns (AlsoWarns) reports
	// a lesser problem of its kind.
	Warn bool
	// Message says in plain Chinese what is wrong and what to do.
	Message string
}

// Path is the key path where the finding is reported.
func (f Finding) Path() string { return f.Paths[0] }

// CheckGuide runs on one guide after inheritance the check of each of the
// given rules, or of every rule that has one when none is given (R1's
// required keys, R3–R11, R13 and the W-… warnings), and returns the
// findings in the order of the rules. e may be nil. On a bundle (一件事)
// it runs only the checks that judge bundles too (R1's required keys of a
// bundle, R7–R9, R13, R18, R19's own part, the warnings about dates,
// materials and places): the others are about a guide's own keys.
func CheckGuide(g *site.Guide, e *Env, which ...*Rule) []Finding {
	if e == nil {
		e = &Env{}
	}
	if len(which) == 0 {
		which = all
	}
	var out []Finding
	bundle := g.IsBundle()
	for _, r := range which {
		if r.check != nil && (r.bundles || !bundle) {
			r.check(g, e, &report{rule: r, out: &out})
		}
	}
	return out
}

// report collects the findings of one rule.
type report struct {
	rule *Rule
	out  *[]Finding
}

func (r *report) add(paths []string, format string, args ...any) {
	*r.out = append(*r.out, Finding{Rule: r.rule, Paths: paths, Message: fmt.Sprintf(format, args...)})
}

// warn adds a finding reported as a warning (rules with AlsoWarns only).
func (r *report) warn(paths []string, format string, args ...any) {
	if !r.rule.AlsoWarns {
		panic("rules: " + r.rule.ID + " does not report warnings")
	}
	*r.out = append(*r.out, Finding{Rule: r.rule, Paths: paths, Warn: true, Message: fmt.Sprintf(format, args...)})
}

func (r *report) missing(path, format string, args ...any) {
	*r.out = append(*r.out, Finding{Rule: r.rule, Paths: []string{path}, Missing: true, Message: fmt.Sprintf(format, args...)})
}

// has reports whether the guide (or the base it inherited from) wrote a
// key path.
func has(g *site.Guide, path string) bool { return g.Positions.Has(path) }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// requiredString reports a required string key that is missing or blank.
func requiredString(g *site.Guide, r *report, path, value, what, example string) {
	switch {
	case !has(g, path):
		r.missing(path, "缺少必填的 `%s`（%s）：请写上 %s", path, what, example)
	case blank(value):
		r.add([]string{path}, "`%s`（%s）是空的：请写上 %s", path, what, example)
	}
}

// required is rule 1 for required keys, checked after inheritance.
func required(g *site.Guide, _ *Env, r *report) {
	if g.IsBundle() {
		requiredBundle(g, r)
		return
	}
	requiredString(g, r, "code", g.Code, "事项编码", `code = "330000-SF-XK-0001" 这样的编码`)
	requiredString(g, r, "title", g.Title, "事项名称", `title = "事项名称"`)
	requiredString(g, r, "department", g.Department, "实施机关", `department = "实施机关名称"`)
	requiredString(g, r, "region", g.Region, "行政区划", `region = "实施的行政区划"（如 舟山市）`)
	if !has(g, "service.star") {
		r.missing("service.star", "缺少必填的 `service.star`（星级）：请在 [service] 里写上 star = 1 到 5")
	}
	if !has(g, "service.visits") {
		r.missing("service.visits", "缺少必填的 `service.visits`（最多跑几次）：请在 [service] 里写上 visits = 0、1 或实际次数")
	}
	for i, m := range g.Materials {
		p := "materials." + strconv.Itoa(i)
		requiredString(g, r, p+".name", m.Name, "材料名称", `name = "材料名称"`)
	}
	for i, s := range g.Steps {
		p := "steps." + strconv.Itoa(i)
		requiredString(g, r, p+".name", s.Name, "环节名称", `name = "受理" 这样的环节名称`)
	}
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		requiredString(g, r, p+".name", l.Name, "办理地点名称", `name = "大厅或窗口名称"`)
		requiredString(g, r, p+".address", l.Address, "地址", `address = "详细地址"`)
	}
	if len(g.Contact.Consult) == 0 {
		if has(g, "contact.consult") {
			r.add([]string{"contact.consult"}, "`contact.consult`（咨询电话）至少要有一个号码：请写成 consult = [\"0571-87000000\"]")
		} else {
			r.missing("contact.consult", "缺少必填的 `contact.consult`（咨询电话）：请在 [contact] 里写上 consult = [\"0571-87000000\"]")
		}
	}
}

// fiveStar is rule 3.
func fiveStar(g *site.Guide, _ *Env, r *report) {
	s := g.Service
	if s.Star != 5 {
		return
	}
	if s.Visits != 0 {
		r.add([]string{"service.visits", "service.star"}, "五星级事项必须零上门：请把 visits 改为 0（现在是 %d），或降低 star", s.Visits)
	}
	if blank(s.OnlineURL) {
		r.add([]string{"service.online_url", "service.star"}, "五星级事项必须全程网办：请在 [service] 里写上 online_url（网上办理的网址），或降低 star")
	}
}

// oneVisit is rule 4.
func oneVisit(g *site.Guide, _ *Env, r *report) {
	s := g.Service
	if (s.Star == 3 || s.Star == 4) && s.Visits > 1 {
		r.add([]string{"service.visits", "service.star"}, "%d 星级事项最多跑一次：请把 visits 改为 0 或 1（现在是 %d）；确实要跑多次的，请把 star 改为 1 或 2 并写明 negative_reason", s.Star, s.Visits)
	}
}

// onlineURL is the W-online warning: 3 and 4 stars mean applying or
// pre-checking online (5 stars is rule 3).
func onlineURL(g *site.Guide, _ *Env, r *report) {
	s := g.Service
	if (s.Star == 3 || s.Star == 4) && blank(s.OnlineURL) {
		r.add([]string{"service.online_url", "service.star"}, "%d 星级事项要网上申报或预审，但没有写 online_url：请在 [service] 里写上网上办理的网址", s.Star)
	}
}

// negativeReason is rule 5.
func negativeReason(g *site.Guide, _ *Env, r *report) {
	s := g.Service
	if s.Visits > 1 && s.NegativeReason == "" {
		r.add([]string{"service.negative_reason", "service.visits"}, "要跑 %d 次的事项列入负面清单，必须说明原因：请在 [service] 里写上 negative_reason = \"…\"，或把 visits 改为 0 或 1", s.Visits)
	}
}

// blankReason is rule 11.
func blankReason(g *site.Guide, _ *Env, r *report) {
	s := g.Service
	if s.Visits > 1 && s.NegativeReason != "" && blank(s.NegativeReason) {
		r.add([]string{"service.negative_reason", "service.visits"}, "`negative_reason` 只有空白：要跑 %d 次的事项必须写明为什么不能少跑，请写上具体原因", s.Visits)
	}
}

// needsLocation is rule 7.
func needsLocation(g *site.Guide, _ *Env, r *report) {
	if v := g.Service.Visits; v >= 1 && len(g.Locations) == 0 {
		r.add([]string{"locations", "service.visits"}, "这个事项要跑 %d 次，却没有写去哪里办：请添加至少一个 [[locations]]（写上 name 和 address）", v)
	}
}

// phonesAndURL is rule 8: online_url, the phones of each place, the
// consult and complaint numbers.
func phonesAndURL(g *site.Guide, _ *Env, r *report) {
	if u := g.Service.OnlineURL; u != "" && !ValidURL(u) {
		r.add([]string{"service.online_url"}, "`service.online_url` 不是有效的网址：%q，请写成以 http:// 或 https:// 开头的完整网址", u)
	}
	phone := func(path, number string) {
		if !ValidPhone(number) {
			r.add([]string{path}, "`%s` 不是有效的电话号码：%q。请写成带区号的固定电话（0571-87654321，分机写 转123）、11 位手机号、12345 这样的服务热线或 400-123-4567", path, number)
		}
	}
	for i, l := range g.Locations {
		if l.Phone != "" {
			phone("locations."+strconv.Itoa(i)+".phone", l.Phone)
		}
	}
	for i, n := range g.Contact.Consult {
		phone("contact.consult."+strconv.Itoa(i), n)
	}
	for i, n := range g.Contact.Complain {
		phone("contact.complain."+strconv.Itoa(i), n)
	}
}

// timeLimits is the W-time warning.
func timeLimits(g *site.Guide, _ *Env, r *report) {
	if g.Time.LegalDays == nil && g.Time.PromisedDays == nil {
		r.missing("time", "没有写办理时限：请加上 [time]，写明 legal_days（法定期限）和 promised_days（承诺期限），单位是工作日")
	}
}

// days is rule 6.
func days(g *site.Guide, _ *Env, r *report) {
	legal, promised := g.Time.LegalDays, g.Time.PromisedDays
	if legal != nil && promised != nil && *promised > *legal {
		r.add([]string{"time.promised_days", "time.legal_days"}, "承诺期限不能超过法定期限：promised_days 是 %d，legal_days 是 %d，请把 promised_days 改为不超过 %d", *promised, *legal, *legal)
	}
	if g.Service.Immediate && promised != nil && *promised != 0 {
		r.add([]string{"time.promised_days", "service.immediate"}, "即办件（immediate = true）当场办结：请把 promised_days 改为 0（现在是 %d），或去掉 immediate", *promised)
	}
}

// feeStated is the W-fee warning.
func feeStated(g *site.Guide, _ *Env, r *report) {
	if g.Fee.Charged == nil {
		r.missing("fee.charged", "没有说明是否收费：请加上 [fee]，不收费写 charged = false，收费写 charged = true 和 standard")
	}
}

// feeStandard is rule 10.
func feeStandard(g *site.Guide, _ *Env, r *report) {
	if c := g.Fee.Charged; c != nil && *c && blank(g.Fee.Standard) {
		r.add([]string{"fee.standard", "fee.charged"}, "收费事项（charged = true）必须写明收费标准：请在 [fee] 里写上 standard = \"…\"")
	}
}

// sources are the values guide-format.md lists for a material's source.
var sources = []string{"申请人自备", "政府部门核发", "中介机构出具", "其他"}

// materialSource is the W-source warning.
func materialSource(g *site.Guide, _ *Env, r *report) {
	for i, m := range g.Materials {
		if blank(m.Source) {
			r.add([]string{"materials." + strconv.Itoa(i)}, "材料“%s”没有写来源：请写上 source，如 %s", m.Name, strings.Join(sources, "、"))
		}
	}
}

// staticFiles is rule 9: a template or sample names a file under static/.
func staticFiles(g *site.Guide, e *Env, r *report) {
	if e.StaticExists == nil {
		return
	}
	for i, m := range g.Materials {
		p := "materials." + strconv.Itoa(i)
		staticFile(e, r, p+".template", m.Template, "空白表格")
		staticFile(e, r, p+".sample", m.Sample, "示范文本")
	}
}

// staticFile reports, at path, a value naming a file under static/ that
// is not there (what says what the file is); an empty value is fine.
func staticFile(e *Env, r *report, path, value, what string) {
	if value == "" {
		return
	}
	name := strings.TrimPrefix(value, "/")
	if !strings.Contains(name, "..") && e.StaticExists(name) {
		return
	}
	hint := "请把文件放到 static/ 下，或改正路径（相对于 static/，如 forms/申请书.docx）"
	if rel := strings.TrimPrefix(name, "static/"); rel != name && e.StaticExists(rel) {
		hint = fmt.Sprintf("路径是相对于 static/ 的，请去掉开头的 static/，写成 %q", rel)
	}
	r.add([]string{path}, "找不到%s文件 static/%s：%s", what, name, hint)
}

// hours is the W-hours warning.
func hours(g *site.Guide, _ *Env, r *report) {
	for i, l := range g.Locations {
		if blank(l.Hours) {
			r.add([]string{"locations." + strconv.Itoa(i)}, "办理地点“%s”没有写办理时间：请写上 hours，如 \"工作日 9:00-12:00，13:30-17:00\"", l.Name)
		}
	}
}

// declared is rule 13: names that config.toml declares.
func declared(g *site.Guide, e *Env, r *report) {
	if len(e.Departments) > 0 && g.Department != "" && !e.Departments[g.Department] {
		r.add([]string{"department"}, "实施机关 %q 没有在 config.toml 里声明：请改为已声明的部门名称，或在 config.toml 里加上 [[departments]]", g.Department)
	}
	if len(e.Regions) > 0 {
		if g.Region != "" && !e.Regions[g.Region] {
			r.add([]string{"region"}, "行政区划 %q 没有在 config.toml 里声明：请改为已声明的区划名称，或在 config.toml 里加上 [[regions]]", g.Region)
		}
		for i, l := range g.Locations {
			if l.Region != "" && !e.Regions[l.Region] {
				r.add([]string{"locations." + strconv.Itoa(i) + ".region"}, "办理地点“%s”的行政区划 %q 没有在 config.toml 里声明：请改为已声明的区划名称", l.Name, l.Region)
			}
		}
	}
}

// types and audiences are the values guide-format.md lists.
var (
	types     = []string{"行政许可", "行政确认", "行政给付", "行政裁决", "行政奖励", "行政征收", "行政检查", "其他行政权力", "公共服务"}
	audiences = []string{"个人", "法人"}
)

// updated is the W-updated warning.
func updated(g *site.Guide, _ *Env, r *report) {
	if g.Updated.IsZero() && !has(g, "updated") {
		r.missing("updated", "没有写 updated（最近更新日期）：群众无法判断指南是否还有效，请写上 updated = 2024-01-01 这样的日期")
	}
}

// datesInOrder is the W-dates warning.
func datesInOrder(g *site.Guide, _ *Env, r *report) {
	if !g.Updated.IsZero() && !g.Published.IsZero() && g.Updated.Before(g.Published) {
		r.add([]string{"updated", "published"}, "更新日期 updated（%s）早于首次公布日期 published（%s）：请检查这两个日期", g.Updated.Format("2006-01-02"), g.Published.Format("2006-01-02"))
	}
}

// listedValues is the W-value warning: type, audience and a material's
// source hold values of guide-format.md's lists.
func listedValues(g *site.Guide, _ *Env, r *report) {
	if g.Type != "" && !contains(types, g.Type) {
		r.add([]string{"type"}, "事项类型 type = %q 不在约定的取值里：请改为 %s 之一", g.Type, strings.Join(types, "、"))
	}
	for i, a := range g.Audience {
		if !contains(audiences, a) {
			r.add([]string{"audience." + strconv.Itoa(i)}, "服务对象 %q 不在约定的取值里：请写 \"个人\" 或 \"法人\"", a)
		}
	}
	for i, m := range g.Materials {
		if !blank(m.Source) && !contains(sources, m.Source) {
			r.add([]string{"materials." + strconv.Itoa(i) + ".source"}, "材料来源 source = %q 不在约定的取值里：请改为 %s 之一", m.Source, strings.Join(sources, "、"))
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
