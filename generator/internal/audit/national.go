package audit

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// The national profile (`generator check --profile national`) lists, per
// guide, the elements of the national basic data set for service items
// (GB/T 39046—2020, table 4, 事项管理基础数据集) that the guide does not
// give yet, as guide-format.md's "Version 2" tables map them to keys. It
// is asked for explicitly: a build never runs it, and check without the
// profile reports nothing of it.
//
// Elements the other completeness rules cover already (服务对象 by
// C-audience, 设定依据 by C-basis, 承诺办结时限 by C-time-promised, 申请材料
// by C-materials, 收费 by W-fee) are not reported twice; the national
// percentage counts only the elements below.

// nationalElement is one element of the national profile: the rule that
// reports it, the key path to add (its position gives the line: the key's
// table, or the opening +++ for a top-level key), whether a guide has it,
// and the message.
type nationalElement struct {
	rule    *rules.Rule
	path    string
	has     func(g *site.Guide) bool
	message string
}

// nationalElements are the single-valued elements, in the order of
// table 4.
var nationalElements = []nationalElement{
	{rules.CNationalBasicCode, "basic_code", func(g *site.Guide) bool { return g.BasicCode != "" },
		"国家要素“基本编码”：没有写 basic_code。请填写国家基本目录中本事项的基本编码（英文字母和数字，最多 10 位）。"},
	{rules.CNationalImplCode, "impl_code", func(g *site.Guide) bool { return g.ImplCode != "" },
		"国家要素“实施编码”：没有写 impl_code。请填写本实施清单的实施编码（英文字母和数字，最多 24 位）。"},
	{rules.CNationalType, "type", func(g *site.Guide) bool { return g.Type != "" },
		"国家要素“事项类型”：没有写 type。请填写 行政许可、行政确认、行政给付、行政裁决、行政奖励、行政征收、行政检查、其他行政权力 或 公共服务。"},
	{rules.CNationalLevel, "level", func(g *site.Guide) bool { return g.Level != "" },
		"国家要素“行使层级”：没有写 level。请填写 国家级、省级、市级、县级、乡镇级 或 村级。"},
	{rules.CNationalScope, "scope", func(g *site.Guide) bool { return g.Scope != "" },
		"国家要素“通办范围”：没有写 scope。能异地办理的请填写 全国、跨省、跨市 或 跨县（并写 cross_modes）；只能在本地办理的事项格式里暂无对应取值，可忽略本条。"},
	{rules.CNationalLimit, "limit", func(g *site.Guide) bool { return strings.TrimSpace(g.Limit) != "" },
		"国家要素“数量限制”：没有写 limit。请填写数量限制，没有限制写 limit = \"无数量限制\"。"},
	{rules.CNationalIntermediary, "intermediary", func(g *site.Guide) bool { return g.Positions.Has("intermediary") },
		"国家要素“中介服务”：没有写 intermediary。请列出须由中介机构提供的服务；没有中介服务写 intermediary = []。"},
	{rules.CNationalLegalDays, "time", func(g *site.Guide) bool { return g.Time.LegalDays != nil },
		"国家要素“法定办结时限”：[time] 没有写 legal_days。请填写法定期限（整数，单位见 time.unit，默认工作日）。"},
	{rules.CNationalResult, "result", func(g *site.Guide) bool { return g.Result != nil && g.Result.Type != "" },
		"国家要素“办理结果”：没有写 [result] 或其中的 type。请加上 [result]，写明 name（结果名称）和 type（证照、批文、证明 或 其他）。"},
}

// NationalScore is one guide's share of the national elements, for
// `check --profile national --format json` and `--scores`.
type NationalScore struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	File  string `json:"file"`
	// Percent is the share, 0–100, of the national elements the guide
	// gives (materials' issuers count as the share of materials that name
	// one).
	Percent int `json:"percent"`
	// Missing lists the rule ids of what it lacks, in the order of table 4.
	Missing []string `json:"missing"`
}

// National returns the share (0–100) of the national elements g gives and
// a gap for each one it lacks, in the order of table 4 (then its
// materials). Call it after inheritance is resolved.
func National(g *site.Guide) (percent int, gaps []Gap) {
	var got, total float64
	for _, e := range nationalElements {
		total++
		if e.has(g) {
			got++
			continue
		}
		gaps = append(gaps, Gap{Path: e.path, Rule: e.rule.ID, Message: e.message})
	}
	if len(g.Materials) > 0 {
		total++
		named := 0
		for i, m := range g.Materials {
			if strings.TrimSpace(m.Issuer) != "" {
				named++
				continue
			}
			gaps = append(gaps, Gap{Path: "materials." + strconv.Itoa(i), Rule: rules.CNationalMaterialIssuer.ID,
				Message: "国家要素“出具单位”：材料“" + m.Name + "”没有写 issuer。请写明由谁出具，如 公安机关、申请人。"})
		}
		got += float64(named) / float64(len(g.Materials))
	}
	return int(math.Round(100 * got / total)), gaps
}

// nationalApplies tells whether the national profile judges g: service
// items only, not bundles (一件事) nor cancelled items.
func nationalApplies(g *site.Guide) bool { return !g.IsBundle() && !g.Cancelled() }

// NationalFindings runs National on every guide it applies to (drafts
// included, so a new guide shows what is left) and returns its gaps as
// warnings at the position of the key or table to add, sorted by file and
// line; a gap at the same place for several guides (a standard and the
// local guides inheriting from it) is reported once.
func NationalFindings(guides []*site.Guide) []site.Diagnostic {
	e := newEmitter()
	for _, g := range guides {
		if !nationalApplies(g) {
			continue
		}
		_, gaps := National(g)
		for _, gp := range gaps {
			e.emit(g, gp)
		}
	}
	site.SortDiagnostics(e.ds)
	return e.ds
}

// NationalScores returns the national share of every guide it applies to,
// lowest first (then by code).
func NationalScores(guides []*site.Guide) []NationalScore {
	out := make([]NationalScore, 0, len(guides))
	for _, g := range guides {
		if !nationalApplies(g) {
			continue
		}
		percent, gaps := National(g)
		missing := []string{}
		for _, gp := range gaps {
			if len(missing) == 0 || missing[len(missing)-1] != gp.Rule {
				missing = append(missing, gp.Rule)
			}
		}
		out = append(out, NationalScore{Code: g.Code, Title: g.Title, File: g.File, Percent: percent, Missing: missing})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Percent != out[j].Percent {
			return out[i].Percent < out[j].Percent
		}
		return out[i].Code < out[j].Code
	})
	return out
}
