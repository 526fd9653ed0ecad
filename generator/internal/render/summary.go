package render

import (
	"zhinan/generator/internal/site"
)

// This file works out the summary box at the top of a guide's or a
// bundle's page (partials/summary.html), which answers the citizen's four
// questions on a phone's first screen: how many trips and how, what to
// bring, where and when, how long and how much; and it splits the
// materials into the checklist of what to bring and the list of what
// not to bring, with what replaces each (partials/materials.html).

// SummaryView is the summary box of a guide's or a bundle's page.
type SummaryView struct {
	// Class is zero-visit, one-visit or negative (the colour of the box).
	Class  string
	Visits string // 零上门, 跑一次, 需跑 N 次
	Mode   string // 办理模式, or empty
	Reason string // why more than one trip (negative_reason), or empty
	// Stars and StarWords are the guide's level (★★★★☆, 四星); empty on
	// a bundle's page.
	Stars, StarWords string
	OnlineURL        string // where to apply online, or empty
	// Bring counts the materials the citizen brings; Instead those that
	// need not be brought (免提交, 免证, 告知承诺); both 0 without
	// materials.
	Bring, Instead int
	// Conditional counts the materials to bring that are needed only in
	// some situations (情形).
	Conditional int
	// Place is the first place to go, or nil; MorePlaces counts the
	// others.
	Place      *LocationView
	MorePlaces int
	// Phone is the first consulting phone, for a page without a place or
	// whose first place has no phone; empty otherwise.
	Phone    string
	Promised string // the promised time in words, or empty
	Fee      string // 不收费 or the charging standard, or empty
}

// insteadWords says what replaces a material the citizen need not bring:
// data sharing (免提交), an electronic licence (免证) or a signed
// commitment (告知承诺); empty for a material to bring. eLicense is the
// electronic licence accepted instead, or empty.
func insteadWords(m MaterialView, eLicense string) string {
	switch {
	case m.Shared:
		return "免提交：窗口通过部门数据共享获取"
	case eLicense != "":
		return "免带实体证：出示电子证照“" + eLicense + "”即可"
	case m.Commitment:
		return "可不带：签署告知承诺书代替"
	}
	return ""
}

// newSummary works out the summary box from what the page already
// shows: materials (each Instead set or not), places and phones.
func newSummary(class string, s site.Service, materials []MaterialView, places []LocationView, consult []string, promised, fee string) *SummaryView {
	v := &SummaryView{Class: class, Visits: visitWords(s.Visits), Mode: s.Mode, OnlineURL: s.OnlineURL, Promised: promised, Fee: fee}
	for _, m := range materials {
		if m.Instead != "" {
			v.Instead++
		} else {
			v.Bring++
			if m.When != "" {
				v.Conditional++
			}
		}
	}
	if len(places) > 0 {
		v.Place = &places[0]
		v.MorePlaces = len(places) - 1
	}
	if (v.Place == nil || v.Place.Phone == "") && len(consult) > 0 {
		v.Phone = consult[0]
	}
	return v
}

// fee is what a fee is in words: 不收费, the standard, or empty.
func fee(f site.Fee) string {
	text, _ := feeText(f)
	return text
}

// ToBring are the guide's materials the citizen brings, in order.
func (v *GuideView) ToBring() []MaterialView { return split(v.Materials, insteadOf, false) }

// NotToBring are the guide's materials the citizen need not bring
// (免提交, 免证, 告知承诺), in order, each with its Instead.
func (v *GuideView) NotToBring() []MaterialView { return split(v.Materials, insteadOf, true) }

// ToBring are the bundle's materials the citizen brings, in order.
func (v *BundleView) ToBring() []BundleMaterialView {
	return split(v.Materials, bundleInsteadOf, false)
}

// NotToBring are the bundle's materials the citizen need not bring.
func (v *BundleView) NotToBring() []BundleMaterialView {
	return split(v.Materials, bundleInsteadOf, true)
}

func insteadOf(m MaterialView) string             { return m.Instead }
func bundleInsteadOf(m BundleMaterialView) string { return m.Instead }

// split keeps the materials that need not be brought (want true: those
// with words of what replaces them) or those that must, in order.
func split[M any](ms []M, instead func(M) string, want bool) []M {
	var out []M
	for _, m := range ms {
		if (instead(m) != "") == want {
			out = append(out, m)
		}
	}
	return out
}
