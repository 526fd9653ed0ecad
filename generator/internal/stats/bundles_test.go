package stats

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"zhinan/generator/internal/site"
)

// bundleFixture is fixture() with two bundles: 8 → 5 and 10 → 7
// materials (B → A).
func bundleFixture() *site.Site {
	s := fixture()
	s.Bundles = []*site.BundlePage{
		{Guide: &site.Guide{Code: "B-1", Title: "新生儿出生一件事"}, URL: "/thing/B-1/",
			Members: make([]*site.Page, 3), SubmittedBefore: 8, SubmittedAfter: 5},
		{Guide: &site.Guide{Code: "B-2", Title: "身后一件事"}, URL: "/thing/B-2/",
			Members: make([]*site.Page, 2), SubmittedBefore: 10, SubmittedAfter: 7},
	}
	return s
}

// TestBundleFigures: per bundle 1 − A ÷ B, overall 1 − ΣA ÷ ΣB, in every
// output of the stats command and on the page.
func TestBundleFigures(t *testing.T) {
	r := Compute(bundleFixture())
	// B-1: 1 − 5 ÷ 8 = 0.375; B-2: 1 − 7 ÷ 10 = 0.3;
	// overall: 1 − (5 + 7) ÷ (8 + 10) = 1 − 12 ÷ 18 = 1/3 (not the mean, 0.3375).
	f := r.Bundles
	if f.Count != 2 || f.Members != 5 || f.Before != 18 || f.After != 12 || f.Reduction != 1.0/3 || f.ReductionText != "33.3%" {
		t.Errorf("bundle figures %+v", f)
	}
	if f.Rows[0].Reduction != 0.375 || f.Rows[1].Reduction != 0.3 || f.Rows[1].ReductionText != "30%" {
		t.Errorf("rows %+v", f.Rows)
	}
	checkBundleOutputs(t, r)

}

// checkBundleOutputs wants the figures of TestBundleFigures in the text,
// JSON and CSV outputs and on the page.
func checkBundleOutputs(t *testing.T, r Report) {
	t.Helper()
	var text bytes.Buffer
	WriteText(&text, r)
	if !strings.Contains(text.String(), "一件事：2 件，含 5 个事项；材料精简 33.3%（逐项办理要交 18 份材料，一起办交 12 份）") {
		t.Errorf("text output:\n%s", text.String())
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Bundles jsonBundles `json:"bundles"`
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil || out.Bundles.Count != 2 || out.Bundles.SubmittedBefore != 18 || len(out.Bundles.Bundles) != 2 {
		t.Errorf("json bundles %+v (%v)", out.Bundles, err)
	}
	var csvOut bytes.Buffer
	if err := WriteCSV(&csvOut, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n\nscope,code,name,members,submitted_before,submitted_after,reduction\n", "bundle,B-2,身后一件事,2,10,7,0.3\n", "bundles,,全部一件事,5,18,12,0.3333333333333333\n"} {
		if !strings.Contains(csvOut.String(), want) {
			t.Errorf("csv lacks %q:\n%s", want, csvOut.String())
		}
	}
	page := renderStatsPage(t, r)
	for _, want := range []string{`<h2 id="bundles">一件事</h2>`, "材料精简 33.3%", `<a href="/thing/B-1/">新生儿出生一件事</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("stats page lacks %q", want)
		}
	}
}

// TestNoBundlesNoFigures: a site without bundles shows and prints
// nothing about them (its outputs stay as they were).
func TestNoBundlesNoFigures(t *testing.T) {
	r := Compute(fixture())
	var js, text, csvOut bytes.Buffer
	WriteJSON(&js, r)
	WriteText(&text, r)
	WriteCSV(&csvOut, r)
	if strings.Contains(js.String(), "bundles") || strings.Contains(text.String(), "一件事") || strings.Contains(csvOut.String(), "bundle") {
		t.Error("a site without bundles mentions them")
	}
	if strings.Contains(renderStatsPage(t, r), "一件事") {
		t.Error("the stats page of a site without bundles mentions them")
	}
}
