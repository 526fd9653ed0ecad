package validate

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/site"
)

// Guides runs the rules of guide-format.md on guides after inheritance (the
// output of resolve.Inherit), drafts included: required keys (R1), rules
// R3–R11 and R13, and the warnings listed in doc.go. cfg may be nil (no
// departments or regions declared); staticExists tells whether a path under
// static/ exists ("forms/x.docx"), is called from several goroutines at
// once, and may be nil to skip rule 9.
//
// Each diagnostic is at the line of the value the editor must change, which
// for an inherited value is in the base guide's file. A problem that lies
// wholly in values inherited from one base file is reported once, by the
// base itself, not again for every guide that inherits it. The result is
// sorted with site.SortDiagnostics.
func Guides(cfg *site.Config, guides []*site.Guide, staticExists func(path string) bool) []site.Diagnostic {
	c := &checker{staticExists: staticExists}
	if cfg != nil {
		c.regions = make(map[string]bool, len(cfg.Regions))
		for _, r := range cfg.Regions {
			c.regions[r.Name] = true
		}
		c.departments = make(map[string]bool, len(cfg.Departments))
		for _, d := range cfg.Departments {
			c.departments[d.Name] = true
		}
	}
	// The guides are independent: each goroutine checks guides with a
	// checker of its own, keeping each guide's findings in the guide's
	// slot, and they are merged in input order and sorted. Below 256
	// guides a goroutine more costs more than it saves.
	workers := max(1, min(par.Workers(1), len(guides)/256))
	checkers := make([]*checker, workers)
	found := make([][]site.Diagnostic, len(guides))
	par.EachWorker(context.Background(), len(guides), workers, func(w, i int) error {
		mine := checkers[w]
		if mine == nil {
			mine = &checker{staticExists: c.staticExists, regions: c.regions, departments: c.departments}
			checkers[w] = mine
		}
		from := len(mine.diags)
		mine.guide(guides[i])
		found[i] = mine.diags[from:len(mine.diags):len(mine.diags)]
		return nil
	})
	var all []site.Diagnostic
	for _, ds := range found {
		all = append(all, ds...)
	}
	site.SortDiagnostics(all)
	return dedupe(all)
}

type checker struct {
	staticExists func(string) bool
	regions      map[string]bool
	departments  map[string]bool
	diags        []site.Diagnostic

	// quietMissing is set for a guide that extends a base but took nothing
	// from it: its extends could not be resolved (rule 2 says so), so the
	// keys it meant to inherit are not reported missing one by one.
	quietMissing bool
}

// inheritsAnything reports whether any value of g was written in another
// file, that is, whether its extends was resolved.
func inheritsAnything(g *site.Guide) bool {
	for _, f := range g.Positions.Files() {
		if f != g.File {
			return true
		}
	}
	return false
}

// missing reports a key that is not written, unless the guide's extends
// could not be resolved.
func (c *checker) missing(g *site.Guide, sev site.Severity, rule, path, format string, args ...any) {
	if !c.quietMissing {
		c.report(g, sev, rule, []string{path}, format, args...)
	}
}

// report records a finding about guide g. paths are the key paths the
// finding is about, the first being where it is reported. When every one
// of them was inherited from the same other file, the guide in that file
// reports the same finding itself, so it is not repeated here.
func (c *checker) report(g *site.Guide, sev site.Severity, rule string, paths []string, format string, args ...any) {
	at := g.Pos(paths[0])
	if at.File != g.File {
		inherited := true
		for _, p := range paths[1:] {
			if g.Pos(p).File != at.File {
				inherited = false
			}
		}
		if inherited {
			return
		}
	}
	msg := fmt.Sprintf(format, args...)
	if at.File != g.File {
		msg += fmt.Sprintf("（%s 继承了这里的值）", g.File)
	}
	c.diags = append(c.diags, site.Diagnostic{File: at.File, Line: at.Line, Rule: rule, Severity: sev, Message: msg})
}

func (c *checker) errorf(g *site.Guide, rule string, paths []string, format string, args ...any) {
	c.report(g, site.Error, rule, paths, format, args...)
}

func (c *checker) warnf(g *site.Guide, rule string, paths []string, format string, args ...any) {
	c.report(g, site.Warning, rule, paths, format, args...)
}

// has reports whether the guide (or the base it inherited from) wrote a
// key path.
func has(g *site.Guide, path string) bool { return g.Positions.Has(path) }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func (c *checker) guide(g *site.Guide) {
	c.quietMissing = g.Extends != "" && !inheritsAnything(g)
	c.required(g)
	c.service(g)
	c.times(g)
	c.fee(g)
	c.materials(g)
	c.locations(g)
	c.contact(g)
	c.declared(g)
	c.metadata(g)
}

// requiredString reports a required string key that is missing or blank.
func (c *checker) requiredString(g *site.Guide, path, value, what, example string) {
	switch {
	case !has(g, path):
		c.missing(g, site.Error, RuleForm, path, "缺少必填的 `%s`（%s）：请写上 %s", path, what, example)
	case blank(value):
		c.errorf(g, RuleForm, []string{path}, "`%s`（%s）是空的：请写上 %s", path, what, example)
	}
}

// required is rule 1 for required keys, checked after inheritance.
func (c *checker) required(g *site.Guide) {
	c.requiredString(g, "code", g.Code, "事项编码", `code = "330000-SF-XK-0001" 这样的编码`)
	c.requiredString(g, "title", g.Title, "事项名称", `title = "事项名称"`)
	c.requiredString(g, "department", g.Department, "实施机关", `department = "实施机关名称"`)
	c.requiredString(g, "region", g.Region, "行政区划", `region = "实施的行政区划"（如 舟山市）`)
	if !has(g, "service.star") {
		c.missing(g, site.Error, RuleForm, "service.star", "缺少必填的 `service.star`（星级）：请在 [service] 里写上 star = 1 到 5")
	}
	if !has(g, "service.visits") {
		c.missing(g, site.Error, RuleForm, "service.visits", "缺少必填的 `service.visits`（最多跑几次）：请在 [service] 里写上 visits = 0、1 或实际次数")
	}
	for i, m := range g.Materials {
		p := "materials." + strconv.Itoa(i)
		c.requiredString(g, p+".name", m.Name, "材料名称", `name = "材料名称"`)
	}
	for i, s := range g.Steps {
		p := "steps." + strconv.Itoa(i)
		c.requiredString(g, p+".name", s.Name, "环节名称", `name = "受理" 这样的环节名称`)
	}
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		c.requiredString(g, p+".name", l.Name, "办理地点名称", `name = "大厅或窗口名称"`)
		c.requiredString(g, p+".address", l.Address, "地址", `address = "详细地址"`)
	}
	if len(g.Contact.Consult) == 0 {
		if has(g, "contact.consult") {
			c.errorf(g, RuleForm, []string{"contact.consult"}, "`contact.consult`（咨询电话）至少要有一个号码：请写成 consult = [\"0571-87000000\"]")
		} else {
			c.missing(g, site.Error, RuleForm, "contact.consult", "缺少必填的 `contact.consult`（咨询电话）：请在 [contact] 里写上 consult = [\"0571-87000000\"]")
		}
	}
}

// service is rules 3, 4, 5, 7, 11 and the URL half of rule 8.
func (c *checker) service(g *site.Guide) {
	s := g.Service
	visits := s.Visits
	switch s.Star {
	case 5:
		if visits != 0 {
			c.errorf(g, RuleFiveStar, []string{"service.visits", "service.star"}, "五星级事项必须零上门：请把 visits 改为 0（现在是 %d），或降低 star", visits)
		}
		if blank(s.OnlineURL) {
			c.errorf(g, RuleFiveStar, []string{"service.online_url", "service.star"}, "五星级事项必须全程网办：请在 [service] 里写上 online_url（网上办理的网址），或降低 star")
		}
	case 3, 4:
		if visits > 1 {
			c.errorf(g, RuleOneVisit, []string{"service.visits", "service.star"}, "%d 星级事项最多跑一次：请把 visits 改为 0 或 1（现在是 %d）；确实要跑多次的，请把 star 改为 1 或 2 并写明 negative_reason", s.Star, visits)
		}
		if blank(s.OnlineURL) {
			c.warnf(g, WarnOnline, []string{"service.online_url", "service.star"}, "%d 星级事项要网上申报或预审，但没有写 online_url：请在 [service] 里写上网上办理的网址", s.Star)
		}
	}
	if visits > 1 {
		switch {
		case s.NegativeReason == "":
			c.errorf(g, RuleNegativeReason, []string{"service.negative_reason", "service.visits"}, "要跑 %d 次的事项列入负面清单，必须说明原因：请在 [service] 里写上 negative_reason = \"…\"，或把 visits 改为 0 或 1", visits)
		case blank(s.NegativeReason):
			c.errorf(g, RuleBlankReason, []string{"service.negative_reason", "service.visits"}, "`negative_reason` 只有空白：要跑 %d 次的事项必须写明为什么不能少跑，请写上具体原因", visits)
		}
	}
	if visits >= 1 && len(g.Locations) == 0 {
		c.errorf(g, RuleLocations, []string{"locations", "service.visits"}, "这个事项要跑 %d 次，却没有写去哪里办：请添加至少一个 [[locations]]（写上 name 和 address）", visits)
	}
	if s.OnlineURL != "" && !ValidURL(s.OnlineURL) {
		c.errorf(g, RulePhoneURL, []string{"service.online_url"}, "`service.online_url` 不是有效的网址：%q，请写成以 http:// 或 https:// 开头的完整网址", s.OnlineURL)
	}
}

// times is rule 6 and the W-time warning.
func (c *checker) times(g *site.Guide) {
	legal, promised := g.Time.LegalDays, g.Time.PromisedDays
	if legal == nil && promised == nil {
		c.missing(g, site.Warning, WarnTime, "time", "没有写办理时限：请加上 [time]，写明 legal_days（法定期限）和 promised_days（承诺期限），单位是工作日")
		return
	}
	if legal != nil && promised != nil && *promised > *legal {
		c.errorf(g, RuleDays, []string{"time.promised_days", "time.legal_days"}, "承诺期限不能超过法定期限：promised_days 是 %d，legal_days 是 %d，请把 promised_days 改为不超过 %d", *promised, *legal, *legal)
	}
	if g.Service.Immediate && promised != nil && *promised != 0 {
		c.errorf(g, RuleDays, []string{"time.promised_days", "service.immediate"}, "即办件（immediate = true）当场办结：请把 promised_days 改为 0（现在是 %d），或去掉 immediate", *promised)
	}
}

// fee is rule 10 and the W-fee warning.
func (c *checker) fee(g *site.Guide) {
	switch {
	case g.Fee.Charged == nil:
		c.missing(g, site.Warning, WarnFee, "fee.charged", "没有说明是否收费：请加上 [fee]，不收费写 charged = false，收费写 charged = true 和 standard")
	case *g.Fee.Charged && blank(g.Fee.Standard):
		c.errorf(g, RuleFee, []string{"fee.standard", "fee.charged"}, "收费事项（charged = true）必须写明收费标准：请在 [fee] 里写上 standard = \"…\"")
	}
}

// sources are the values guide-format.md lists for a material's source.
var sources = []string{"申请人自备", "政府部门核发", "中介机构出具", "其他"}

// materials is rule 9 and the W-source warning.
func (c *checker) materials(g *site.Guide) {
	for i, m := range g.Materials {
		p := "materials." + strconv.Itoa(i)
		switch {
		case blank(m.Source):
			c.warnf(g, WarnSource, []string{p}, "材料“%s”没有写来源：请写上 source，如 %s", m.Name, strings.Join(sources, "、"))
		case !contains(sources, m.Source):
			c.warnf(g, WarnValue, []string{p + ".source"}, "材料来源 source = %q 不在约定的取值里：请改为 %s 之一", m.Source, strings.Join(sources, "、"))
		}
		c.staticFile(g, p+".template", m.Template, "空白表格")
		c.staticFile(g, p+".sample", m.Sample, "示范文本")
	}
}

// staticFile is rule 9: a template or sample names a file under static/.
func (c *checker) staticFile(g *site.Guide, path, value, what string) {
	if value == "" || c.staticExists == nil {
		return
	}
	name := strings.TrimPrefix(value, "/")
	if !strings.Contains(name, "..") && c.staticExists(name) {
		return
	}
	hint := "请把文件放到 static/ 下，或改正路径（相对于 static/，如 forms/申请书.docx）"
	if rel := strings.TrimPrefix(name, "static/"); rel != name && c.staticExists(rel) {
		hint = fmt.Sprintf("路径是相对于 static/ 的，请去掉开头的 static/，写成 %q", rel)
	}
	c.errorf(g, RuleFiles, []string{path}, "找不到%s文件 static/%s：%s", what, name, hint)
}

// locations checks phones (rule 8) and hours (W-hours) of each place.
func (c *checker) locations(g *site.Guide) {
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		if l.Phone != "" {
			c.phone(g, p+".phone", l.Phone)
		}
		if blank(l.Hours) {
			c.warnf(g, WarnHours, []string{p}, "办理地点“%s”没有写办理时间：请写上 hours，如 \"工作日 9:00-12:00，13:30-17:00\"", l.Name)
		}
	}
}

// contact is rule 8 for the consult and complaint numbers.
func (c *checker) contact(g *site.Guide) {
	for i, n := range g.Contact.Consult {
		c.phone(g, "contact.consult."+strconv.Itoa(i), n)
	}
	for i, n := range g.Contact.Complain {
		c.phone(g, "contact.complain."+strconv.Itoa(i), n)
	}
}

func (c *checker) phone(g *site.Guide, path, number string) {
	if !ValidPhone(number) {
		c.errorf(g, RulePhoneURL, []string{path}, "`%s` 不是有效的电话号码：%q。请写成带区号的固定电话（0571-87654321，分机写 转123）、11 位手机号、12345 这样的服务热线或 400-123-4567", path, number)
	}
}

// declared is rule 13: names that config.toml declares.
func (c *checker) declared(g *site.Guide) {
	if len(c.departments) > 0 && g.Department != "" && !c.departments[g.Department] {
		c.errorf(g, RuleDeclared, []string{"department"}, "实施机关 %q 没有在 config.toml 里声明：请改为已声明的部门名称，或在 config.toml 里加上 [[departments]]", g.Department)
	}
	if len(c.regions) > 0 {
		if g.Region != "" && !c.regions[g.Region] {
			c.errorf(g, RuleDeclared, []string{"region"}, "行政区划 %q 没有在 config.toml 里声明：请改为已声明的区划名称，或在 config.toml 里加上 [[regions]]", g.Region)
		}
		for i, l := range g.Locations {
			if l.Region != "" && !c.regions[l.Region] {
				c.errorf(g, RuleDeclared, []string{"locations." + strconv.Itoa(i) + ".region"}, "办理地点“%s”的行政区划 %q 没有在 config.toml 里声明：请改为已声明的区划名称", l.Name, l.Region)
			}
		}
	}
}

// types and audiences are the values guide-format.md lists.
var (
	types     = []string{"行政许可", "行政确认", "行政给付", "行政裁决", "行政奖励", "行政征收", "行政检查", "其他行政权力", "公共服务"}
	audiences = []string{"个人", "法人"}
)

// metadata warns about dates and listed values.
func (c *checker) metadata(g *site.Guide) {
	if g.Updated.IsZero() {
		if !has(g, "updated") {
			c.missing(g, site.Warning, WarnUpdated, "updated", "没有写 updated（最近更新日期）：群众无法判断指南是否还有效，请写上 updated = 2024-01-01 这样的日期")
		}
	} else if !g.Published.IsZero() && g.Updated.Before(g.Published) {
		c.warnf(g, WarnDates, []string{"updated", "published"}, "更新日期 updated（%s）早于首次公布日期 published（%s）：请检查这两个日期", g.Updated.Format("2006-01-02"), g.Published.Format("2006-01-02"))
	}
	if g.Type != "" && !contains(types, g.Type) {
		c.warnf(g, WarnValue, []string{"type"}, "事项类型 type = %q 不在约定的取值里：请改为 %s 之一", g.Type, strings.Join(types, "、"))
	}
	for i, a := range g.Audience {
		if !contains(audiences, a) {
			c.warnf(g, WarnValue, []string{"audience." + strconv.Itoa(i)}, "服务对象 %q 不在约定的取值里：请写 \"个人\" 或 \"法人\"", a)
		}
	}
}

// dedupe drops repeated diagnostics from a sorted list.
func dedupe(ds []site.Diagnostic) []site.Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
