package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// BundleView is a bundle (一件事) with everything its page and its
// combined notification sheet show, worked out: members with links, the
// one set of materials with the members that need each, the one window
// and phone, the figures of 材料精简, the body rendered.
type BundleView struct {
	Bundle   *site.BundlePage
	Code     string
	Title    string
	Lead     string
	Region   string
	Stage    string
	Audience []string
	Service  site.Service
	Visits   string // 零上门, 最多跑一次 …
	Promised string // "3 个工作日", empty when not set
	Badges   []string

	Members   []BundleMember
	Materials []BundleMaterialView
	// Submit and Shared count the materials the citizen submits (A) and
	// those the offices fetch themselves; Before is B, what the members
	// ask for one by one; Reduction is 1 − A ÷ B in words ("37.5%").
	Submit, Shared, Before int
	Reduction              string

	Locations []LocationView
	Contact   site.Contact
	// Summary is the box at the top of the page (partials/summary.html).
	Summary *SummaryView
	Body    Sections

	// URL and PrintURL are ready for href; AbsURL is the page's absolute
	// URL (from base_url, empty without), which the sheet prints and its
	// QR code holds. QR is set on the sheet only.
	URL, PrintURL, AbsURL string
	QR                    template.HTML

	Updated, Published time.Time
}

// BundleMember is one member item of a bundle, in handling order.
type BundleMember struct {
	N          int // 1, 2, 3 …
	Code       string
	Title      string
	URL        string // ready for href
	Department string
	Visits     string
	Promised   string
}

// BundleMaterialView is one material of a bundle's one set.
type BundleMaterialView struct {
	MaterialView
	// ELicense is the electronic licence accepted instead (免证办), when
	// every member that lists it accepts one.
	ELicense string
	// Members are the titles of the members that need it, in order.
	Members []string
	// ForAll is set for a material of the bundle's own agreed list that no
	// member names (the joint application form): it serves every member.
	ForAll bool
}

// ThingsView is the page of every bundle (/things/): 个人 then 企业, each
// by life stage in the contract's order, other stages last.
type ThingsView struct {
	Sections []ThingsSection
}

// ThingsSection is the bundles of people (个人) or of companies (企业).
type ThingsSection struct {
	ID     string // persons, companies: the section's anchor
	Name   string // 个人办事, 企业办事
	Stages []ThingsStage
}

// ThingsStage is the bundles of one life stage.
type ThingsStage struct {
	Stage   string // 出生 …, or 其他
	Bundles []BundleLink
}

// BundleLink is a bundle as one line of a list.
type BundleLink struct {
	Title     string
	URL       string // ready for href
	Members   int
	Visits    string
	Reduction string
}

// The titles of the bundle pages.
const (
	thingsTitle      = "一件事"
	bundleSheetTitle = "一次性告知单"
	thingsPath       = "things/index.html"
	thingsURL        = "/things/"
)

// bundleJobs are the pages of the site's bundles, each followed by its
// sheet, then /things/ (none when the site has no bundle). The views are
// made here, body and QR code included: bundles are few.
func (r *Renderer) bundleJobs(p *prepared) ([]job, error) {
	s := p.site
	if len(s.Bundles) == 0 {
		return nil, nil
	}
	home := Crumb{Name: "首页", URL: "/"}
	things := Crumb{Name: thingsTitle, URL: thingsURL}
	var jobs []job
	w := newWorker()
	for _, b := range s.Bundles {
		if !slug.Safe(b.Code) {
			return nil, fmt.Errorf("一件事编码 %q 不能用作网址的一段", b.Code)
		}
		page, err := r.newBundleView(p, w, b, false)
		if err != nil {
			return nil, err
		}
		sheet, err := r.newBundleView(p, w, b, true)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs,
			job{path: "thing/" + b.Code + "/index.html", tmpl: "thing.html", canonical: true, data: &PageData{
				Title: b.Title, URL: b.URL, Crumbs: []Crumb{home, things, {Name: b.Title}},
				Description: b.Title + "：" + fmt.Sprintf("%d 个事项一次申请、一套材料、一个窗口办理。", len(b.Members)),
				Data:        page,
			}},
			job{path: "thing/" + b.Code + "/print.html", tmpl: "thing-print.html", data: &PageData{
				Title: b.Title + " " + bundleSheetTitle, URL: printURL(b.URL), Canonical: canonical(s.Config.BaseURL, b.URL),
				Crumbs:      []Crumb{home, things, {Name: b.Title, URL: b.URL}, {Name: bundleSheetTitle}},
				Description: b.Title + "：一次告知所需材料、办理窗口和电话，可打印后逐项勾选。",
				Data:        sheet,
			}})
	}
	jobs = append(jobs, job{path: thingsPath, tmpl: "things.html", canonical: true, data: &PageData{
		Title: thingsTitle, URL: thingsURL, Crumbs: []Crumb{home, {Name: thingsTitle}},
		Description: "按人生阶段查找“一件事”：几个相关事项一次申请、一套材料、一个窗口办理。",
		Data:        newThingsView(s.Bundles, p.base),
	}})
	return jobs, nil
}

// newBundleView works out what a bundle's page (or, with sheet, its
// notification sheet with the QR code) shows.
func (r *Renderer) newBundleView(p *prepared, w *worker, b *site.BundlePage, sheet bool) (*BundleView, error) {
	v := &BundleView{
		Bundle: b, Code: b.Code, Title: b.Title, Lead: b.Lead, Region: b.Region, Stage: b.Stage,
		Audience: b.Audience, Service: b.Service, Visits: visitWords(b.Service.Visits),
		Promised: workingDays(b.Time.PromisedDays), Badges: badges(b.Service),
		Before: b.SubmittedBefore, Reduction: site.Percent(b.Reduction()),
		Locations: locationViews(b.Locations), Contact: b.Contact,
		URL: p.base + b.URL, PrintURL: p.base + printURL(b.URL), AbsURL: canonical(p.site.Config.BaseURL, b.URL),
		Updated: b.Updated, Published: b.Published,
	}
	titles := make(map[string]string, len(b.Members))
	for i, m := range b.Members {
		titles[m.Code] = m.Title
		promised := workingDays(m.Time.PromisedDays)
		if m.Service.Immediate {
			promised = "即办"
		}
		v.Members = append(v.Members, BundleMember{N: i + 1, Code: m.Code, Title: m.Title, URL: p.base + m.URL,
			Department: m.Department, Visits: visitWords(m.Service.Visits), Promised: promised})
	}
	plain := make([]site.Material, len(b.Materials))
	for i, m := range b.Materials {
		plain[i] = m.Material
	}
	for i, mv := range materialViews(plain, p.base) {
		bm := BundleMaterialView{MaterialView: mv, ELicense: b.Materials[i].ELicense, ForAll: len(b.Materials[i].Items) == 0}
		for _, code := range b.Materials[i].Items {
			bm.Members = append(bm.Members, titles[code])
		}
		bm.Instead = insteadWords(mv, bm.ELicense)
		bm.For = "全部事项（一件事的统一材料）"
		if !bm.ForAll {
			bm.For = strings.Join(bm.Members, "、")
		}
		if mv.Shared {
			v.Shared++
		} else {
			v.Submit++
		}
		v.Materials = append(v.Materials, bm)
	}
	v.Summary = newSummary(string(b.Class()), b.Service, nil, v.Locations, b.Contact.Consult, v.Promised, fee(b.Fee))
	v.Summary.Bring, v.Summary.Instead = len(v.ToBring()), len(v.NotToBring())
	var err error
	if sheet {
		if v.AbsURL != "" {
			v.QR, err = qrSVG(v.AbsURL, "二维码：扫码打开本“一件事”的办事指南 "+v.AbsURL)
		}
		return v, err
	}
	v.Body, err = r.sections(b.Body, w)
	return v, err
}

// newThingsView groups bundles for /things/: 个人 then 企业, each by
// stage in the contract's order, then 其他 (a stage not listed, or none).
func newThingsView(bundles []*site.BundlePage, base string) *ThingsView {
	v := &ThingsView{}
	for _, sec := range []struct {
		id, name  string
		companies bool
		stages    []string
	}{
		{"persons", "个人办事", false, site.PersonStages},
		{"companies", "企业办事", true, site.CompanyStages},
	} {
		by := make(map[string][]BundleLink)
		for _, b := range bundles {
			if b.ForCompanies() != sec.companies {
				continue
			}
			st := b.Stage
			if !slices.Contains(sec.stages, st) {
				st = "其他"
			}
			by[st] = append(by[st], BundleLink{Title: b.Title, URL: base + b.URL, Members: len(b.Members),
				Visits: visitWords(b.Service.Visits), Reduction: site.Percent(b.Reduction())})
		}
		out := ThingsSection{ID: sec.id, Name: sec.name}
		for _, st := range append(append([]string(nil), sec.stages...), "其他") {
			if len(by[st]) > 0 {
				out.Stages = append(out.Stages, ThingsStage{Stage: st, Bundles: by[st]})
			}
		}
		if len(out.Stages) > 0 {
			v.Sections = append(v.Sections, out)
		}
	}
	return v
}
