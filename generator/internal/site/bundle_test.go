package site

import (
	"reflect"
	"testing"
)

// TestDeriveBundleMaterials: one entry per name in member order, each
// with the members listing it; 免提交 only when every one of them shares
// it, 免证 only when every one of them names an e_license.
func TestDeriveBundleMaterials(t *testing.T) {
	a := &Guide{Code: "A", Materials: []Material{
		{Name: "身份证", ELicense: "居民身份证"},
		{Name: "户口簿", Shared: true, ELicense: "户口簿"},
		{Name: "申请表"},
	}}
	b := &Guide{Code: "B", Materials: []Material{
		{Name: "户口簿", Shared: true},
		{Name: "身份证", ELicense: "居民身份证"},
		{Name: "证明", Shared: true},
	}}
	c := &Guide{Code: "C", Materials: []Material{
		{Name: "证明"},
		{Name: "户口簿", Shared: true, ELicense: "户口簿"},
	}}
	got := DeriveBundleMaterials([]*Guide{a, b, c})
	want := []BundleMaterial{
		{Material: Material{Name: "身份证", ELicense: "居民身份证"}, Items: []string{"A", "B"}},
		{Material: Material{Name: "户口簿", Shared: true}, Items: []string{"A", "B", "C"}}, // B names no e_license
		{Material: Material{Name: "申请表"}, Items: []string{"A"}},
		{Material: Material{Name: "证明"}, Items: []string{"B", "C"}}, // C does not share it
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// B = 2 (A: 身份证, 申请表) + 1 (B: 身份证) + 1 (C: 证明) = 4; A = 3.
	before := SubmittedCount(a.Materials) + SubmittedCount(b.Materials) + SubmittedCount(c.Materials)
	after := 0
	for _, m := range got {
		if !m.Shared {
			after++
		}
	}
	if before != 4 || after != 3 || Reduction(after, before) != 0.25 || Percent(Reduction(after, before)) != "25%" {
		t.Errorf("B %d, A %d, reduction %v", before, after, Reduction(after, before))
	}
	if Reduction(0, 0) != 0 {
		t.Error("no material submitted before: the reduction is 0")
	}
}

// TestAgreedBundleMaterials: an agreed material lists the members that
// name a material of the same name.
func TestAgreedBundleMaterials(t *testing.T) {
	a := &Guide{Code: "A", Materials: []Material{{Name: "身份证"}}}
	b := &Guide{Code: "B", Materials: []Material{{Name: "身份证"}, {Name: "户口簿"}}}
	got := AgreedBundleMaterials([]Material{{Name: "联办申请表"}, {Name: "身份证"}}, []*Guide{a, b})
	if len(got[0].Items) != 0 || !reflect.DeepEqual(got[1].Items, []string{"A", "B"}) {
		t.Errorf("%+v", got)
	}
}
