package rules

import (
	"strconv"
	"strings"

	"zhinan/generator/internal/hint"
	"zhinan/generator/internal/site"
)

// requiredBundle is rule 1's required keys for a bundle (一件事): code,
// title, region and service.visits (kind is there, or the file would be
// a guide); items is rule 19's.
func requiredBundle(g *site.Guide, r *report) {
	requiredString(g, r, "code", g.Code, "一件事编码", `code = "330900-YJS-0001" 这样的编码`)
	requiredString(g, r, "title", g.Title, "一件事名称", `title = "新生儿出生一件事"`)
	requiredString(g, r, "region", g.Region, "行政区划", `region = "舟山市"`)
	if !has(g, "service.visits") {
		r.missing("service.visits", "缺少必填的 `service.visits`（一件事最多跑几次）：请在 [service] 里写上 visits = 0 或 1")
	}
	for i, m := range g.Materials {
		requiredString(g, r, "materials."+strconv.Itoa(i)+".name", m.Name, "材料名称", `name = "材料名称"`)
	}
	for i, l := range g.Locations {
		p := "locations." + strconv.Itoa(i)
		requiredString(g, r, p+".name", l.Name, "办理地点名称", `name = "大厅或窗口名称"`)
		requiredString(g, r, p+".address", l.Address, "地址", `address = "详细地址"`)
	}
}

// bundleOwn is the part of rule 19 that one bundle file decides: at least
// two members, none twice, a declared lead department, a listed stage
// (else a warning). Whether the members exist, are published and not
// cancelled, and what their visits and days allow, depends on the other
// files: CheckBundleMembers.
func bundleOwn(g *site.Guide, e *Env, r *report) {
	if !g.IsBundle() {
		return
	}
	switch {
	case !has(g, "items"):
		r.missing("items", "缺少必填的 `items`（一件事包含的事项）：请写上 items = [\"事项编码1\", \"事项编码2\"]，按办理顺序，至少两个")
	case len(g.Items) < 2:
		r.add([]string{"items"}, "一件事至少包含两个事项，现在 items 只有 %d 个：请补上一起办理的其他事项的编码；只有一个事项的，请直接发布办事指南", len(g.Items))
	}
	first := make(map[string]int, len(g.Items))
	for i, code := range g.Items {
		if j, dup := first[code]; dup {
			r.add([]string{itemPath(i), "items"}, "事项 %q 在 items 里写了两次（第 %d 个和第 %d 个）：请删去第 %d 个", code, j+1, i+1, i+1)
			continue
		}
		first[code] = i
	}
	if len(e.Departments) > 0 && g.Lead != "" && !e.Departments[g.Lead] {
		r.add([]string{"lead"}, "牵头部门 lead = %q 没有在 config.toml 里声明：请改为已声明的部门名称，或在 config.toml 里加上 [[departments]]", g.Lead)
	}
	if g.Stage != "" && !contains(site.PersonStages, g.Stage) && !contains(site.CompanyStages, g.Stage) {
		r.warn([]string{"stage"}, "人生阶段 stage = %q 不在约定的取值里：个人请写 %s 之一，企业请写 %s 之一", g.Stage, strings.Join(site.PersonStages, "、"), strings.Join(site.CompanyStages, "、"))
	}
}

// itemPath is the key path of a bundle's i-th member code.
func itemPath(i int) string { return "items." + strconv.Itoa(i) }

// CheckBundleMembers is the part of rule 19 that looks at other files:
// each member code of bundle b names a published guide (with a "did you
// mean" from codes), that is not cancelled; b's visits are at most the
// largest member's; b's promised_days greater than the sum of the
// members' is a warning. guides finds a file's guide by code (after
// inheritance, drafts and bundles included: the first file of a code).
// A code written twice is reported by bundleOwn, and checked once here.
func CheckBundleMembers(b *site.Guide, guides map[string]*site.Guide) []Finding {
	var out []Finding
	r := &report{rule: R19, out: &out}
	var members []*site.Guide
	seen := make(map[string]bool, len(b.Items))
	allDays := true // the sum of the members' days is known
	for i, code := range b.Items {
		if seen[code] {
			continue
		}
		seen[code] = true
		if m := member(r, i, code, b, guides); m != nil {
			members = append(members, m)
		} else {
			allDays = false
		}
	}
	if len(members) == 0 {
		return out
	}
	maxVisits, sum := 0, 0
	for _, m := range members {
		maxVisits = max(maxVisits, m.Service.Visits)
		if d := m.Time.PromisedDays; d != nil {
			sum += *d
		} else {
			allDays = false
		}
	}
	if has(b, "service.visits") && b.Service.Visits > maxVisits {
		r.add([]string{"service.visits"}, "一件事要跑的次数不能多于其中任何一个事项：visits 是 %d，成员事项最多跑 %d 次，请把 visits 改为不超过 %d", b.Service.Visits, maxVisits, maxVisits)
	}
	if d := b.Time.PromisedDays; d != nil && allDays && *d > sum {
		r.warn([]string{"time.promised_days"}, "一件事的承诺期限 promised_days 是 %d，比各事项承诺期限之和 %d 还长：一起办理应当更快，请改为不超过 %d", *d, sum, sum)
	}
	return out
}

// member checks the i-th member code of bundle b and returns the guide it
// names, or nil when it names none that can be a member.
func member(r *report, i int, code string, b *site.Guide, guides map[string]*site.Guide) *site.Guide {
	path := []string{itemPath(i), "items"}
	m, ok := guides[code]
	switch {
	case !ok:
		suggestion := ""
		if near := hint.NearestCode(code, b.Code, guides); near != "" {
			suggestion = "你是不是想写 " + strconv.Quote(near) + "？"
		}
		r.add(path, "items 里的 %q 找不到这个编码的办事指南：%s请改为已发布事项的编码", code, suggestion)
	case m.IsBundle():
		r.add(path, "items 里的 %q 是另一个一件事（%s），不是事项：请改为它包含的事项的编码", code, m.File)
	case m.Draft:
		r.add(path, "items 里的 %q 是草稿（%s 里 draft = true）：请先发布它，或从 items 里删去", code, m.File)
	case m.Cancelled():
		hint := "请从 items 里删去它"
		if m.ReplacedBy != "" {
			hint = "请改为接替它的事项 " + strconv.Quote(m.ReplacedBy)
		}
		r.add(path, "items 里的 %q 已经取消（%s 里 status = \"取消\"）：%s", code, m.File, hint)
	default:
		return m
	}
	return nil
}

// CheckExtendsBundle is the part of rule 19 about guides: a guide's
// `extends` may not name a bundle (一件事), which is no standard guide.
// guides is as for CheckBundleMembers.
func CheckExtendsBundle(g *site.Guide, guides map[string]*site.Guide) []Finding {
	if g.IsBundle() || g.Extends == "" {
		return nil
	}
	b, ok := guides[g.Extends]
	if !ok || !b.IsBundle() {
		return nil
	}
	var out []Finding
	r := &report{rule: R19, out: &out}
	r.add([]string{"extends"}, "extends = %q 指向的是一件事（%s），不是办事指南：一件事不能被继承，请改为要实施的标准事项的编码，或删去 extends", g.Extends, b.File)
	return out
}
