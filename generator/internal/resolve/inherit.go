package resolve

import (
	"fmt"
	"sort"
	"strings"

	"zhinan/generator/internal/hint"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Inherit resolves `extends` (三级联动): for every top-level key a guide's
// own file does not set (Guide.Defines), the guide takes its base's value,
// and the positions of that value, so that diagnostics point into the
// base's file. Bases are resolved first, so chains (county → city →
// province) work. `code`, `draft` and `extends` are never inherited; scalar
// keys, whole tables ([service], [time], [fee], [contact]), arrays and
// arrays of tables replace the base's as a whole; a blank body is the
// base's body.
//
// It checks rule 2 on all guides, drafts included: duplicate codes
// (reported at each `code`, naming the other files), an `extends` that
// names no guide, cycles (reported at every guide on the cycle), and a
// published guide that extends a draft. A guide whose base cannot be found
// or that is caught in a cycle is returned with its own values only, so
// that validation still reports everything else.
//
// Inherit does not change its input: guides that extend another come back
// as new values (they may share slices with the input), the others as they
// are; callers must not change either. The result is sorted by Code, then
// File.
func Inherit(guides []*site.Guide) ([]*site.Guide, []site.Diagnostic) {
	r := &inheritor{
		byCode:   make(map[string][]*site.Guide, len(guides)),
		resolved: make(map[*site.Guide]*site.Guide, len(guides)),
		cycle:    make(map[*site.Guide]bool),
	}
	sorted := append([]*site.Guide(nil), guides...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Code != sorted[j].Code {
			return sorted[i].Code < sorted[j].Code
		}
		return sorted[i].File < sorted[j].File
	})
	for _, g := range sorted {
		if g.Code != "" {
			r.byCode[g.Code] = append(r.byCode[g.Code], g)
		}
	}
	r.duplicates(sorted)
	r.cycles(sorted)
	out := make([]*site.Guide, len(sorted))
	for i, g := range sorted {
		out[i] = r.resolve(g)
	}
	site.SortDiagnostics(r.diags)
	return out, r.diags
}

type inheritor struct {
	byCode   map[string][]*site.Guide // sorted by file
	resolved map[*site.Guide]*site.Guide
	cycle    map[*site.Guide]bool // on a cycle, or extending into one
	diags    []site.Diagnostic
}

func (r *inheritor) errorf(g *site.Guide, path, format string, args ...any) {
	p := g.Pos(path)
	r.diags = append(r.diags, rules.R2.Atf(p.File, p.Line, format, args...))
}

// base returns the guide g extends, or nil. When a code is used twice
// (already an error), the first file wins so that the result is stable.
func (r *inheritor) base(g *site.Guide) *site.Guide {
	if g.Extends == "" {
		return nil
	}
	if list := r.byCode[g.Extends]; len(list) > 0 {
		return list[0]
	}
	return nil
}

// duplicates reports every guide whose code another file uses too.
func (r *inheritor) duplicates(sorted []*site.Guide) {
	for _, g := range sorted {
		list := r.byCode[g.Code]
		if len(list) < 2 {
			continue
		}
		var others []string
		drafts := ""
		for _, o := range list {
			if o != g {
				others = append(others, o.File)
			}
			if o.Draft {
				drafts = "（草稿也占用编码）"
			}
		}
		r.errorf(g, "code", "事项编码 %q 重复：%s 也用了这个编码%s。事项编码在全站必须唯一，请改掉其中一个",
			g.Code, strings.Join(others, "、"), drafts)
	}
}

// cycles finds the cycles of extends and reports every guide on one. Each
// guide has at most one base, so following bases from any guide either
// ends or runs into a cycle.
func (r *inheritor) cycles(sorted []*site.Guide) {
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[*site.Guide]int, len(sorted))
	for _, g := range sorted {
		var path []*site.Guide
		cur := g
		for cur != nil && state[cur] == unseen {
			state[cur] = onPath
			path = append(path, cur)
			cur = r.base(cur)
		}
		if cur != nil && state[cur] == onPath {
			start := 0
			for path[start] != cur {
				start++
			}
			ring := path[start:]
			for i, member := range ring {
				r.cycle[member] = true
				if len(ring) == 1 {
					r.errorf(member, "extends", "事项不能继承自己：extends = %q 就是它自己的编码，请改为要继承的上级标准事项的编码，或删除 extends", member.Extends)
					continue
				}
				var codes []string
				for j := range ring {
					codes = append(codes, ring[(i+j)%len(ring)].Code)
				}
				codes = append(codes, member.Code)
				r.errorf(member, "extends", "继承关系成环：%s，无法确定从哪里继承：请去掉环上的一个 extends",
					strings.Join(codes, " → "))
			}
		}
		for _, p := range path {
			state[p] = done
		}
	}
}

// resolve returns g with inheritance resolved, resolving its bases first.
// A guide that extends nothing is returned as it is: nothing is merged
// into it, and not copying it saves a copy of most guides at the build's
// peak of memory.
func (r *inheritor) resolve(g *site.Guide) *site.Guide {
	if out, ok := r.resolved[g]; ok {
		return out
	}
	if g.Extends == "" {
		r.resolved[g] = g
		return g
	}
	out := copyGuide(g)
	r.resolved[g] = out
	if g.Extends == "" || r.cycle[g] {
		return out
	}
	base := r.base(g)
	if base == nil {
		suggestion := ""
		if near := r.nearestCode(g.Extends, g.Code); near != "" {
			suggestion = fmt.Sprintf("你是不是想写 %q？", near)
		}
		r.errorf(g, "extends", "extends = %q 找不到编码为 %q 的事项：%s请改为已有事项的编码，或删除 extends", g.Extends, g.Extends, suggestion)
		return out
	}
	if r.cycle[base] {
		// The base is on a cycle (reported there) or leads into one.
		r.cycle[g] = true
		r.errorf(g, "extends", "无法继承 %q：它的继承关系成环（见 %s），请先解开那个环", g.Extends, base.File)
		return out
	}
	if !g.Draft && base.Draft {
		r.errorf(g, "extends", "已发布的事项不能继承草稿：%q（%s）是草稿（draft = true）。请先发布它，或把本事项也设为草稿（draft = true）", base.Code, base.File)
	}
	merge(out, r.resolve(base))
	return out
}

// nearestCode returns an existing code other than own that differs from
// code by one typo (hint.NearestCode), or "".
func (r *inheritor) nearestCode(code, own string) string {
	return hint.NearestCode(code, own, r.byCode)
}

// copyGuide returns a shallow copy of g, so that merging into it leaves g
// untouched (Positions are never changed in place).
func copyGuide(g *site.Guide) *site.Guide {
	out := *g
	return &out
}

// inheritedKeys are the top-level keys a guide takes from its base when its
// own file does not set them, with how to copy each. code, draft and
// extends are deliberately absent.
var inheritedKeys = map[string]func(dst, src *site.Guide){
	"title":             func(d, s *site.Guide) { d.Title = s.Title },
	"department":        func(d, s *site.Guide) { d.Department = s.Department },
	"region":            func(d, s *site.Guide) { d.Region = s.Region },
	"type":              func(d, s *site.Guide) { d.Type = s.Type },
	"audience":          func(d, s *site.Guide) { d.Audience = s.Audience },
	"topics":            func(d, s *site.Guide) { d.Topics = s.Topics },
	"keywords":          func(d, s *site.Guide) { d.Keywords = s.Keywords },
	"batch":             func(d, s *site.Guide) { d.Batch = s.Batch },
	"published":         func(d, s *site.Guide) { d.Published = s.Published },
	"updated":           func(d, s *site.Guide) { d.Updated = s.Updated },
	"basis":             func(d, s *site.Guide) { d.Basis = s.Basis },
	"joint_departments": func(d, s *site.Guide) { d.JointDepartments = s.JointDepartments },
	"service":           func(d, s *site.Guide) { d.Service = s.Service },
	"time":              func(d, s *site.Guide) { d.Time = s.Time },
	"fee":               func(d, s *site.Guide) { d.Fee = s.Fee },
	"materials":         func(d, s *site.Guide) { d.Materials = s.Materials },
	"steps":             func(d, s *site.Guide) { d.Steps = s.Steps },
	"locations":         func(d, s *site.Guide) { d.Locations = s.Locations },
	"contact":           func(d, s *site.Guide) { d.Contact = s.Contact },
	"body":              func(d, s *site.Guide) { d.Body = s.Body },

	// Version 2: every new key inherits as the old ones do.
	"basic_code":   func(d, s *site.Guide) { d.BasicCode = s.BasicCode },
	"impl_code":    func(d, s *site.Guide) { d.ImplCode = s.ImplCode },
	"level":        func(d, s *site.Guide) { d.Level = s.Level },
	"scope":        func(d, s *site.Guide) { d.Scope = s.Scope },
	"cross_modes":  func(d, s *site.Guide) { d.CrossModes = s.CrossModes },
	"limit":        func(d, s *site.Guide) { d.Limit = s.Limit },
	"intermediary": func(d, s *site.Guide) { d.Intermediary = s.Intermediary },
	"status":       func(d, s *site.Guide) { d.Status = s.Status },
	"effective":    func(d, s *site.Guide) { d.Effective = s.Effective },
	"replaced_by":  func(d, s *site.Guide) { d.ReplacedBy = s.ReplacedBy },
	"evaluate_url": func(d, s *site.Guide) { d.EvaluateURL = s.EvaluateURL },
	"result":       func(d, s *site.Guide) { d.Result = s.Result },
	"situations":   func(d, s *site.Guide) { d.Situations = s.Situations },
	"faq":          func(d, s *site.Guide) { d.FAQ = s.FAQ },
}

// merge copies into g every inheritable key its own file does not set,
// from the resolved base, with the positions of everything under that key.
func merge(g, base *site.Guide) {
	inherited := make(map[string]bool, len(inheritedKeys))
	for key, copyKey := range inheritedKeys {
		if !g.Defines(key) {
			copyKey(g, base)
			inherited[key] = true
		}
	}
	g.Positions = g.Positions.Inherit(base.Positions, func(top string) bool { return inherited[top] })
}
