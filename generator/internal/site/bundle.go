package site

import (
	"slices"
	"strconv"
	"strings"
)

// BundlePage is one published bundle (一件事) with what its pages, open
// data, figures and search need: its members resolved to their pages, its
// one set of materials (一套材料) and the figures of 材料精简. Package
// resolve makes it (Site.Bundles); nothing changes it afterwards.
type BundlePage struct {
	*Guide
	// URL is the site-relative URL of the bundle's page: /thing/<code>/.
	URL string
	// Members are the published guides the bundle names in `items`, in
	// that order; a code that names no published guide is left out (the
	// check refuses such a bundle, rule 19).
	Members []*Page
	// Materials are the bundle's one set of materials: its own
	// [[materials]], or, when it writes none, derived from its members
	// (DeriveBundleMaterials).
	Materials []BundleMaterial
	// SubmittedBefore (B) is the sum over the members of the materials
	// each asks the citizen to submit; SubmittedAfter (A) is the number of
	// the bundle's materials the citizen submits (guide-format.md,
	// "一件事").
	SubmittedBefore, SubmittedAfter int
}

// PersonStages and CompanyStages are the life stages guide-format.md lists
// for a bundle's `stage`, in the order of life: of people (个人) and of
// companies (企业). Another stage is a warning (rule 19).
var (
	PersonStages  = []string{"出生", "入学", "就业", "婚育", "置业", "出行", "就医", "救助", "退休", "身后"}
	CompanyStages = []string{"开办", "变更", "经营", "投资建设", "注销"}
)

// ForCompanies reports whether the bundle is one a company handles (its
// stage is a company's, or, with no listed stage, its audience is 法人
// only); the others are a person's.
func (b *BundlePage) ForCompanies() bool {
	for _, s := range CompanyStages {
		if b.Stage == s {
			return true
		}
	}
	for _, s := range PersonStages {
		if b.Stage == s {
			return false
		}
	}
	return len(b.Audience) > 0 && !slices.Contains(b.Audience, "个人")
}

// BundleMaterial is one material of a bundle's one set, with the members
// that need it.
type BundleMaterial struct {
	Material
	// Items are the codes of the members that list a material of this
	// name, in member order (empty for an agreed material no member
	// lists).
	Items []string
}

// Reduction is the bundle's 材料精简: 1 − A ÷ B (see Reduction).
func (b *BundlePage) Reduction() float64 { return Reduction(b.SubmittedAfter, b.SubmittedBefore) }

// Reduction is the figure 材料精简 for A materials submitted once where B
// were submitted item by item: 1 − A ÷ B, and 0 when B is 0 (nothing was
// submitted, so nothing was spared). It is the one formula of the figure,
// for one bundle and for the site (ΣA, ΣB).
func Reduction(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	// (B − A) ÷ B: the same number, without 1 − 0.7 = 0.30000000000000004.
	return float64(b-a) / float64(b)
}

// SubmittedCount is how many of materials the citizen submits: those
// without shared = true (免提交).
func SubmittedCount(materials []Material) int {
	n := 0
	for _, m := range materials {
		if !m.Shared {
			n++
		}
	}
	return n
}

// DeriveBundleMaterials is the one set of materials of a bundle that
// writes no [[materials]] of its own: the union of the members'
// materials, one entry per material name, in member order (then in each
// member's order), each listing the members that need it. A merged
// material is 免提交 (Shared) only when every member listing it has
// shared = true, and 免证 (ELicense) only when every member names an
// e_license for it (the first member's name is kept). The other keys are
// those of the first member that lists it.
func DeriveBundleMaterials(members []*Guide) []BundleMaterial {
	var out []BundleMaterial
	at := make(map[string]int)
	for _, g := range members {
		for _, m := range g.Materials {
			i, seen := at[m.Name]
			if !seen {
				at[m.Name] = len(out)
				out = append(out, BundleMaterial{Material: m, Items: []string{g.Code}})
				continue
			}
			bm := &out[i]
			if bm.Items[len(bm.Items)-1] != g.Code {
				bm.Items = append(bm.Items, g.Code)
			}
			bm.Shared = bm.Shared && m.Shared
			if m.ELicense == "" {
				bm.ELicense = ""
			}
		}
	}
	return out
}

// AgreedBundleMaterials is the one set of a bundle that writes its own
// [[materials]] (the list the offices agreed): those materials, each with
// the members that list a material of the same name.
func AgreedBundleMaterials(own []Material, members []*Guide) []BundleMaterial {
	out := make([]BundleMaterial, len(own))
	for i, m := range own {
		out[i].Material = m
		for _, g := range members {
			for _, gm := range g.Materials {
				if gm.Name == m.Name {
					out[i].Items = append(out[i].Items, g.Code)
					break
				}
			}
		}
	}
	return out
}

// Percent formats a fraction as a percentage with one decimal, dropping a
// trailing ".0": 0.9583 → "95.8%", 0.95 → "95%", 0.375 → "37.5%". It is
// the one way pages and reports write a share.
func Percent(x float64) string {
	s := strconv.FormatFloat(x*100, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s + "%"
}

// BundleTotals are ΣA and ΣB over bundles: the materials citizens submit
// with the bundles, and those they would submit item by item. The site's
// 材料精简 is Reduction(ΣA, ΣB), not the mean of the bundles' figures, so
// that a bundle of many materials weighs as much as it spares.
func BundleTotals(bundles []*BundlePage) (after, before int) {
	for _, b := range bundles {
		after += b.SubmittedAfter
		before += b.SubmittedBefore
	}
	return after, before
}
