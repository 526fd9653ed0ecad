package stats

import (
	"fmt"
	"io"
	"strconv"

	"zhinan/generator/internal/site"
)

// BundleFigures are the figures of the site's bundles (一件事): how many,
// how many member items, and 材料精简 per bundle and overall. Overall is
// 1 − ΣA ÷ ΣB over every bundle (site.BundleTotals), not the mean of the
// bundles' figures.
type BundleFigures struct {
	Count   int
	Members int
	// Before is ΣB (materials submitted item by item), After is ΣA
	// (materials submitted with the bundles).
	Before, After int
	Reduction     float64
	// ReductionText is Reduction as a percentage ("43.8%").
	ReductionText string
	// Rows are the bundles in code order.
	Rows []BundleRow
}

// BundleRow is one bundle's figures.
type BundleRow struct {
	Code, Title, URL string
	Members          int
	Before, After    int
	Reduction        float64
	ReductionText    string
}

// bundleFigures computes BundleFigures over the site's bundles.
func bundleFigures(bundles []*site.BundlePage) BundleFigures {
	f := BundleFigures{Count: len(bundles)}
	f.After, f.Before = site.BundleTotals(bundles)
	f.Reduction = site.Reduction(f.After, f.Before)
	f.ReductionText = site.Percent(f.Reduction)
	for _, b := range bundles {
		f.Members += len(b.Members)
		f.Rows = append(f.Rows, BundleRow{Code: b.Code, Title: b.Title, URL: b.URL, Members: len(b.Members),
			Before: b.SubmittedBefore, After: b.SubmittedAfter, Reduction: b.Reduction(), ReductionText: site.Percent(b.Reduction())})
	}
	return f
}

// jsonBundles is the "bundles" object of WriteJSON; rows are one object
// per bundle.
type jsonBundles struct {
	Count           int              `json:"count"`
	Members         int              `json:"members"`
	SubmittedBefore int              `json:"submitted_before"`
	SubmittedAfter  int              `json:"submitted_after"`
	Reduction       float64          `json:"reduction"`
	Bundles         []jsonBundleFigs `json:"bundles"`
}

// jsonBundleFigs is one bundle in WriteJSON.
type jsonBundleFigs struct {
	Code            string  `json:"code"`
	Title           string  `json:"title"`
	Members         int     `json:"members"`
	SubmittedBefore int     `json:"submitted_before"`
	SubmittedAfter  int     `json:"submitted_after"`
	Reduction       float64 `json:"reduction"`
}

// toJSONBundles is f for WriteJSON, or nil when the site has no bundle
// (the key is then left out).
func toJSONBundles(f BundleFigures) *jsonBundles {
	if f.Count == 0 {
		return nil
	}
	j := &jsonBundles{Count: f.Count, Members: f.Members, SubmittedBefore: f.Before, SubmittedAfter: f.After,
		Reduction: f.Reduction, Bundles: []jsonBundleFigs{}}
	for _, r := range f.Rows {
		j.Bundles = append(j.Bundles, jsonBundleFigs{Code: r.Code, Title: r.Title, Members: r.Members,
			SubmittedBefore: r.Before, SubmittedAfter: r.After, Reduction: r.Reduction})
	}
	return j
}

// KindBundle and KindBundles are the scopes of WriteCSV's bundle rows:
// one per bundle, then the total of all bundles.
const (
	KindBundle  = "bundle"
	KindBundles = "bundles"
)

// bundleCSVHeader is the header of the bundle rows WriteCSV appends after
// a blank line when the site has bundles.
var bundleCSVHeader = []string{"scope", "code", "name", "members", "submitted_before", "submitted_after", "reduction"}

// bundleCSVRows are the bundle rows of WriteCSV: one per bundle, then
// the total; none when the site has no bundle.
func bundleCSVRows(f BundleFigures) [][]string {
	if f.Count == 0 {
		return nil
	}
	i := strconv.Itoa
	fl := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	rows := [][]string{bundleCSVHeader}
	for _, r := range f.Rows {
		rows = append(rows, []string{KindBundle, r.Code, r.Title, i(r.Members), i(r.Before), i(r.After), fl(r.Reduction)})
	}
	return append(rows, []string{KindBundles, "", "全部一件事", i(f.Members), i(f.Before), i(f.After), fl(f.Reduction)})
}

// writeBundlesText prints the bundle figures for WriteText; nothing when
// the site has no bundle.
func writeBundlesText(w io.Writer, f BundleFigures) {
	if f.Count == 0 {
		return
	}
	fmt.Fprintf(w, "\n一件事：%d 件，含 %d 个事项；材料精简 %s（逐项办理要交 %d 份材料，一起办交 %d 份）\n",
		f.Count, f.Members, f.ReductionText, f.Before, f.After)
	for _, r := range f.Rows {
		fmt.Fprintf(w, "  %s：%d 个事项，材料精简 %s（%d → %d 份）\n", r.Title, r.Members, r.ReductionText, r.Before, r.After)
	}
}
