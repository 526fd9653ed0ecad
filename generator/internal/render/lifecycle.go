package render

import "zhinan/generator/internal/site"

// LifecycleView is what a guide's page (and its sheet) says about where
// the item is in its life (guide-format.md, "Lifecycle"):
// layouts/partials/lifecycle.html shows it near the title. A guide that
// is in use and in force has none (GuideView.Lifecycle is nil), so its
// page is as it was.
type LifecycleView struct {
	// Class names the notice for the stylesheet: cancelled, suspended or
	// pending (not yet in force).
	Class string
	// Cancelled: status = "取消". The page stays at its URL, for the QR
	// codes already printed.
	Cancelled bool
	// Suspended: status = "暂停".
	Suspended bool
	// Replacement is the item that replaces a cancelled one (replaced_by):
	// its title and page when it is published, else its code and no URL.
	Replacement *Link
	// EffectiveFrom is the day the item applies from, as 2027年1月1日,
	// when that day is later than the build day; EffectiveISO is the same
	// day as 2027-01-01. Both are empty otherwise.
	EffectiveFrom string
	EffectiveISO  string
}

// newLifecycleView works out the notice of a guide's page on the site's
// build day (site.Site.Today), or nil when there is nothing to say. base
// is the site's path prefix.
func newLifecycleView(s *site.Site, p *site.Page, base string) *LifecycleView {
	v := &LifecycleView{Cancelled: p.Cancelled(), Suspended: p.Suspended()}
	if !s.InForce(p) {
		v.EffectiveFrom, v.EffectiveISO = chineseDate(p.Effective), isoDate(p.Effective)
	}
	switch {
	case v.Cancelled:
		v.Class = "cancelled"
	case v.Suspended:
		v.Class = "suspended"
	case v.EffectiveFrom != "":
		v.Class = "pending"
	default:
		return nil
	}
	if v.Cancelled && p.ReplacedBy != "" {
		v.Replacement = &Link{Name: "编码为 " + p.ReplacedBy + " 的事项"}
		if r, ok := s.ByCode[p.ReplacedBy]; ok && r != p {
			v.Replacement = &Link{Name: r.Title, URL: base + r.URL}
		}
	}
	return v
}
