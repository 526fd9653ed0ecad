package validate

import (
	"fmt"
	"strings"
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
)

// TestCheckerEqualsGuides wants the findings of Check, guide by guide,
// joined, sorted and without repeats, to be exactly what Guides reports
// for all guides at once: valid and broken guides, and a guide that
// inherits broken values from its base (reported once, by the base).
func TestCheckerEqualsGuides(t *testing.T) {
	edits := [][]string{
		nil,
		{"star = 4", "star = 7"},
		{"visits = 1", "visits = 3"},
		{`phone = "0571-87000000"`, `phone = "87000000"`},
		{"promised_days = 15", "promised_days = 40"},
		{`region = "浙江省"`, `region = "火星"`},
		{"template = \"forms/a.docx\"", "template = \"forms/missing.docx\""},
		{"title = \"律师事务所设立审核登记\"\n", ""},
	}
	var guides []*site.Guide
	for i, e := range edits {
		src := strings.Replace(validGuide, `code = "330000-SF-XK-0001"`, fmt.Sprintf(`code = "330000-SF-XK-%04d"`, i+1), 1)
		if e != nil {
			src = strings.Replace(src, e[0], e[1], 1)
		}
		doc, diags := load.Parse(fmt.Sprintf("content/g%d.md", i), []byte(src))
		if doc == nil {
			t.Fatal(diags)
		}
		g, _ := Decode(doc)
		guides = append(guides, g)
	}
	// A local guide taking everything but its code from the broken base
	// g2 (visits = 3 without a reason).
	doc, _ := load.Parse("content/local.md", []byte("+++\ncode = \"330900-SF-XK-0003\"\nextends = \"330000-SF-XK-0003\"\nregion = \"舟山市\"\n+++\n"))
	local, _ := Decode(doc)
	guides = append(guides, local)
	resolved, _ := resolve.Inherit(guides)

	want := Guides(testConfig, resolved, testStatic)
	if len(want) < 6 {
		t.Fatalf("only %d findings: the fixture checks too little", len(want))
	}
	c := NewChecker(testConfig, testStatic)
	var got []site.Diagnostic
	for _, g := range resolved {
		got = append(got, c.Check(g)...)
	}
	site.SortDiagnostics(got)
	got = dedupe(got)
	if join(got) != join(want) {
		t.Errorf("guide by guide:\n%s\nall at once:\n%s", join(got), join(want))
	}
}
