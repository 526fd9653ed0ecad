package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestContractSiteBuilds builds testdata/contract-site, a site written from
// docs/guide-format.md alone (the contract's config keys, its example
// guide, version-2 keys and two bundles), not from this code, and checks
// the bundle figures of data/bundles.json against the contract's
// definition, worked out by hand:
//
// B counts, per member, the materials without shared = true:
// 330000-SF-XK-0002 has 4 (设立人身份证明, 律师事务所章程, 住所证明 — a
// commitment still counts — and 授权委托书, needed in one situation);
// 330000-SF-XK-0001 has 1 (申请书; 设立人身份证明 is shared);
// 330000-SF-BA-0003 has 2 (设立人身份证明 with an e_license is still
// submitted, 章程).
//
// 开办律师事务所一件事 writes no materials, so they are derived: one per
// name in member order — 设立人身份证明 (all three; not shared, since 0002
// and 0003 do not share it), 律师事务所章程 (0002, 0003), 住所证明,
// 授权委托书 (0002), 律师事务所设立申请书 (0001): A = 5, B = 4 + 1 + 2 = 7,
// reduction 1 − 5/7.
//
// 律所设立与印章备案一件事 has its agreed list: one material submitted, one
// shared: A = 1, B = 1 + 2 = 3, reduction 1 − 1/3. Overall: 1 − 6/10.
func TestContractSiteBuilds(t *testing.T) {
	dest, got := buildContractSite(t)
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-4 }
	if got.SubmittedBefore != 10 || got.SubmittedAfter != 6 || !near(got.Reduction, 1-6.0/10) {
		t.Errorf("site: B %d A %d reduction %v, want 10, 6, 0.4", got.SubmittedBefore, got.SubmittedAfter, got.Reduction)
	}
	if len(got.Bundles) != 2 {
		t.Fatalf("%d bundles, want 2: %+v", len(got.Bundles), got.Bundles)
	}
	derived, agreed := got.Bundles[0], got.Bundles[1]
	if derived.Code != "330000-YJS-0001" || derived.SubmittedBefore != 7 || derived.SubmittedAfter != 5 || !near(derived.Reduction, 1-5.0/7) {
		t.Errorf("derived bundle: %s B %d A %d reduction %v, want 330000-YJS-0001, 7, 5, %v", derived.Code, derived.SubmittedBefore, derived.SubmittedAfter, derived.Reduction, 1-5.0/7)
	}
	checkDerivedMaterials(t, derived.Materials)
	if agreed.Code != "330000-YJS-0002" || agreed.SubmittedBefore != 3 || agreed.SubmittedAfter != 1 || !near(agreed.Reduction, 1-1.0/3) {
		t.Errorf("agreed bundle: %s B %d A %d reduction %v, want 330000-YJS-0002, 3, 1, %v", agreed.Code, agreed.SubmittedBefore, agreed.SubmittedAfter, agreed.Reduction, 1-1.0/3)
	}
	for _, page := range []string{"thing/330000-YJS-0001/index.html", "thing/330000-YJS-0001/print.html", "things/index.html", "guide/330000-SF-XK-0002/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(page))); err != nil {
			t.Errorf("%s: %v", page, err)
		}
	}
}

// contractMaterial is one material of a bundle in data/bundles.json.
type contractMaterial struct {
	Name   string   `json:"name"`
	Items  []string `json:"items"`
	Shared bool     `json:"shared"`
}

// contractBundles is what TestContractSiteBuilds reads of data/bundles.json.
type contractBundles struct {
	SubmittedBefore int     `json:"submitted_before"`
	SubmittedAfter  int     `json:"submitted_after"`
	Reduction       float64 `json:"reduction"`
	Bundles         []struct {
		Code            string             `json:"code"`
		Items           []string           `json:"items"`
		SubmittedBefore int                `json:"submitted_before"`
		SubmittedAfter  int                `json:"submitted_after"`
		Reduction       float64            `json:"reduction"`
		Materials       []contractMaterial `json:"materials"`
	} `json:"bundles"`
}

// buildContractSite builds testdata/contract-site on 2025-01-01 and
// returns the output folder and its data/bundles.json.
func buildContractSite(t *testing.T) (string, contractBundles) {
	t.Helper()
	src, err := filepath.Abs("testdata/contract-site")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	var out, errOut bytes.Buffer
	if code := run([]string{"build", "--quiet", "--today", "2025-01-01", "--source", src, "--dest", dest}, &out, &errOut); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut.String())
	}
	data, err := os.ReadFile(filepath.Join(dest, "data", "bundles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got contractBundles
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	return dest, got
}

// checkDerivedMaterials checks the materials derived for 开办律师事务所一件事.
func checkDerivedMaterials(t *testing.T, got []contractMaterial) {
	t.Helper()
	want := []struct {
		name  string
		items []string
	}{
		{"设立人身份证明", []string{"330000-SF-XK-0002", "330000-SF-XK-0001", "330000-SF-BA-0003"}},
		{"律师事务所章程", []string{"330000-SF-XK-0002", "330000-SF-BA-0003"}},
		{"住所证明", []string{"330000-SF-XK-0002"}},
		{"授权委托书", []string{"330000-SF-XK-0002"}},
		{"律师事务所设立申请书", []string{"330000-SF-XK-0001"}},
	}
	if len(got) != len(want) {
		t.Fatalf("derived materials %+v, want %+v", got, want)
	}
	for i, w := range want {
		m := got[i]
		if m.Name != w.name || !slices.Equal(m.Items, w.items) || m.Shared {
			t.Errorf("derived material %d: %+v, want %s %v not shared", i, m, w.name, w.items)
		}
	}
}
