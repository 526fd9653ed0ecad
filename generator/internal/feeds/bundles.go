package feeds

import (
	"encoding/json"
	"io"

	"zhinan/generator/internal/site"
)

// BundlesJSONPath is the open-data file of the bundles (一件事).
const BundlesJSONPath = "data/bundles.json"

// bundlesFile is data/bundles.json: the site's totals and one object per
// bundle, in code order. It is written for every site (an empty list when
// there is no bundle), so that a consumer can always fetch it.
type bundlesFile struct {
	Title   string `json:"title"`
	BaseURL string `json:"base_url"`
	Count   int    `json:"count"`
	// Members counts member items over all bundles (an item in two
	// bundles counts twice).
	Members int `json:"members"`
	// SubmittedBefore (ΣB), SubmittedAfter (ΣA) and Reduction
	// (1 − ΣA ÷ ΣB) are the site's 材料精简.
	SubmittedBefore int            `json:"submitted_before"`
	SubmittedAfter  int            `json:"submitted_after"`
	Reduction       float64        `json:"reduction"`
	Bundles         []bundleRecord `json:"bundles"`
}

// bundleRecord is one bundle in bundles.json; field order is key order.
type bundleRecord struct {
	Code         string   `json:"code"`
	Title        string   `json:"title"`
	URL          string   `json:"url"`
	Region       string   `json:"region"`
	Lead         string   `json:"lead"`
	Stage        string   `json:"stage"`
	Audience     []string `json:"audience"`
	Keywords     []string `json:"keywords"`
	Items        []string `json:"items"`
	Visits       int      `json:"visits"`
	OnlineURL    string   `json:"online_url"`
	PromisedDays *int     `json:"promised_days"`
	// OwnMaterials is true when the bundle writes its own agreed
	// [[materials]], false when they are derived from the members'.
	OwnMaterials bool             `json:"own_materials"`
	Materials    []bundleMaterial `json:"materials"`
	// SubmittedBefore is B, SubmittedAfter is A, Reduction is 1 − A ÷ B
	// (0 when B is 0), as guide-format.md defines them.
	SubmittedBefore int     `json:"submitted_before"`
	SubmittedAfter  int     `json:"submitted_after"`
	Reduction       float64 `json:"reduction"`
	Published       *string `json:"published"`
	Updated         *string `json:"updated"`
}

// bundleMaterial is one material of a bundle's one set.
type bundleMaterial struct {
	Name     string   `json:"name"`
	Items    []string `json:"items"` // codes of the members that need it
	Shared   bool     `json:"shared"`
	ELicense string   `json:"e_license"`
	Source   string   `json:"source"`
	Copies   int      `json:"copies"`
	Note     string   `json:"note"`
}

// writeBundlesJSON writes data/bundles.json (indented: bundles are few).
func writeBundlesJSON(w io.Writer, s *site.Site) error {
	after, before := site.BundleTotals(s.Bundles)
	f := bundlesFile{Title: s.Config.Title, BaseURL: s.Config.BaseURL, Count: len(s.Bundles),
		SubmittedBefore: before, SubmittedAfter: after, Reduction: site.Reduction(after, before),
		Bundles: []bundleRecord{}}
	l := newLinker(s)
	for _, b := range s.Bundles {
		f.Members += len(b.Members)
		f.Bundles = append(f.Bundles, newBundleRecord(l, b))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// newBundleRecord is one bundle of bundles.json.
func newBundleRecord(l linker, b *site.BundlePage) bundleRecord {
	r := bundleRecord{
		Code: b.Code, Title: b.Title, URL: l.url(b.URL), Region: b.Region, Lead: b.Lead, Stage: b.Stage,
		Audience: list(b.Audience), Keywords: list(b.Keywords), Items: list(b.Items),
		Visits: b.Service.Visits, OnlineURL: b.Service.OnlineURL, PromisedDays: b.Time.PromisedDays,
		OwnMaterials:    len(b.Guide.Materials) > 0,
		Materials:       make([]bundleMaterial, len(b.Materials)),
		SubmittedBefore: b.SubmittedBefore, SubmittedAfter: b.SubmittedAfter, Reduction: b.Reduction(),
		Published: optString(dayOrEmpty(b.Published)), Updated: optString(dayOrEmpty(b.Updated)),
	}
	for i, m := range b.Materials {
		r.Materials[i] = bundleMaterial{Name: m.Name, Items: list(m.Items), Shared: m.Shared,
			ELicense: m.ELicense, Source: m.Source, Copies: max(m.Copies, 1), Note: m.Note}
	}
	return r
}
