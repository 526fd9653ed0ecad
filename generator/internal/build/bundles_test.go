package build

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/search"
	"zhinan/generator/internal/sitefixture"
)

// bundlesData is the part of data/bundles.json TestBundleSite checks.
type bundlesData struct {
	Count           int     `json:"count"`
	Members         int     `json:"members"`
	SubmittedBefore int     `json:"submitted_before"`
	SubmittedAfter  int     `json:"submitted_after"`
	Reduction       float64 `json:"reduction"`
	Bundles         []struct {
		Code      string   `json:"code"`
		Items     []string `json:"items"`
		Materials []struct {
			Name     string   `json:"name"`
			Items    []string `json:"items"`
			Shared   bool     `json:"shared"`
			ELicense string   `json:"e_license"`
		} `json:"materials"`
		SubmittedBefore int     `json:"submitted_before"`
		SubmittedAfter  int     `json:"submitted_after"`
		Reduction       float64 `json:"reduction"`
	} `json:"bundles"`
}

// TestBundleSite builds sitefixture.BundleSite and checks the bundles
// from end to end: the figures in data/bundles.json against sums done by
// hand, the pages, the links from member guides, the sitemap, the stats
// page and search (bleve and the static export).
func TestBundleSite(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.BundleSite)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true})
	if err != nil || len(res.Diagnostics) > 0 {
		t.Fatalf("build: %v\n%s", err, diagnosticLines(res.Diagnostics))
	}
	if res.Guides != 3 {
		t.Errorf("published guides = %d, want 3: bundles are not guides", res.Guides)
	}
	out := sitefixture.Snapshot(t, dest)
	var data bundlesData
	if err := json.Unmarshal(out["data/bundles.json"], &data); err != nil {
		t.Fatal(err)
	}
	checkBundleFigures(t, data)
	for _, p := range []string{"thing/330900-YJS-0001/index.html", "thing/330900-YJS-0001/print.html",
		"thing/330900-YJS-0002/index.html", "thing/330900-YJS-0002/print.html", "things/index.html"} {
		if _, ok := out[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	if _, ok := out["guide/330900-YJS-0001/index.html"]; ok {
		t.Error("a bundle was rendered as a guide")
	}
	for page, want := range map[string][]string{
		"guide/330900-T-0001/index.html":   {`href="/thing/330900-YJS-0001/"`, `href="/thing/330900-YJS-0002/"`},
		"guide/330900-T-0003/index.html":   {`href="/thing/330900-YJS-0001/"`},
		"thing/330900-YJS-0001/index.html": {`href="/guide/330900-T-0001/"`, `href="/guide/330900-T-0003/"`, "材料精简 16.7%", "参保登记表"},
		"thing/330900-YJS-0001/print.html": {"<svg", "签发登记表", "用于：出生医学证明首次签发、出生登记、新生儿医保参保登记", "0580-2026513"},
		"things/index.html":                {`id="persons"`, "<h3>出生</h3>", "新生儿出生一件事", "出生落户一件事"},
		"index.html":                       {"按人生阶段查看全部一件事", `href="/things/"`},
		"sitemap.xml":                      {"https://example.gov.cn/thing/330900-YJS-0001/", "https://example.gov.cn/things/"},
		"stats/index.html":                 {"材料精简 45.5%"},
	} {
		for _, w := range want {
			if !strings.Contains(string(out[page]), w) {
				t.Errorf("%s lacks %q", page, w)
			}
		}
	}
	if strings.Contains(string(out["guide/330900-T-0002/index.html"]), `/thing/330900-YJS-0003/`) {
		t.Error("a guide links a bundle it is not in")
	}
	checkBundleSearch(t, filepath.Join(dest, "search"))
}

// checkBundleFigures compares data/bundles.json with the figures worked
// out by hand from the fixture.
func checkBundleFigures(t *testing.T, d bundlesData) {
	t.Helper()
	// 新生儿出生一件事 (derived materials). What each member asks the
	// citizen to submit (not shared):
	//   T-0001: 签发登记表, 父母居民身份证 (分娩记录 is shared)     = 2
	//   T-0002: 父母居民身份证, 居民户口簿, 分娩记录 (出生医学证明 shared) = 3
	//   T-0003: 参保登记表 (居民户口簿, 父母居民身份证 shared)       = 1
	// B = 2 + 3 + 1 = 6. The union, in member order: 签发登记表,
	// 父母居民身份证 (T-0001 does not share it: submitted), 分娩记录
	// (T-0002 does not share it: submitted), 出生医学证明 (shared),
	// 居民户口簿 (T-0002 does not share it: submitted), 参保登记表.
	// A = 5; reduction = 1 − 5 ÷ 6 = 1/6.
	//
	// 出生落户一件事 (own materials): B = 2 + 3 = 5 (T-0001, T-0002);
	// its own list submits 联办申请表 only (父母居民身份证 shared): A = 1;
	// reduction = 1 − 1 ÷ 5 = 0.8.
	//
	// Site: ΣA = 5 + 1 = 6, ΣB = 6 + 5 = 11; reduction = 1 − 6 ÷ 11 = 5/11.
	if d.Count != 2 || d.Members != 5 || d.SubmittedBefore != 11 || d.SubmittedAfter != 6 || d.Reduction != 5.0/11 {
		t.Errorf("totals: count %d, members %d, B %d, A %d, reduction %v; want 2, 5, 11, 6, 5/11",
			d.Count, d.Members, d.SubmittedBefore, d.SubmittedAfter, d.Reduction)
	}
	if len(d.Bundles) != 2 {
		t.Fatalf("%d bundles, want 2", len(d.Bundles))
	}
	b := d.Bundles[0]
	if b.Code != "330900-YJS-0001" || b.SubmittedBefore != 6 || b.SubmittedAfter != 5 || b.Reduction != 1.0/6 {
		t.Errorf("%s: B %d, A %d, reduction %v; want 6, 5, 1/6", b.Code, b.SubmittedBefore, b.SubmittedAfter, b.Reduction)
	}
	var got []string
	for _, m := range b.Materials {
		got = append(got, m.Name+" "+strings.Join(m.Items, ",")+map[bool]string{true: " 免提交"}[m.Shared]+" "+m.ELicense)
	}
	want := []string{
		"签发登记表 330900-T-0001 ",
		"父母居民身份证 330900-T-0001,330900-T-0002,330900-T-0003 居民身份证",
		"分娩记录 330900-T-0001,330900-T-0002 ",
		"出生医学证明 330900-T-0002 免提交 ",
		"居民户口簿 330900-T-0002,330900-T-0003 ",
		"参保登记表 330900-T-0003 ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("derived materials:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkOwnMaterials(t, d)

}

// checkOwnMaterials checks the bundle with its own agreed materials
// (figures worked out in checkBundleFigures).
func checkOwnMaterials(t *testing.T, d bundlesData) {
	t.Helper()
	b := d.Bundles[1]
	if b.Code != "330900-YJS-0002" || b.SubmittedBefore != 5 || b.SubmittedAfter != 1 || b.Reduction != 0.8 {
		t.Errorf("%s: B %d, A %d, reduction %v; want 5, 1, 0.8", b.Code, b.SubmittedBefore, b.SubmittedAfter, b.Reduction)
	}
	if len(b.Materials) != 2 || b.Materials[1].Name != "父母居民身份证" || !b.Materials[1].Shared ||
		strings.Join(b.Materials[1].Items, ",") != "330900-T-0001,330900-T-0002" || len(b.Materials[0].Items) != 0 {
		t.Errorf("own materials: %+v", b.Materials)
	}
}

// checkBundleSearch asks the bleve index, then the static export alone,
// for a word only the bundle's keywords hold, and wants the bundle first,
// linking to its page.
func checkBundleSearch(t *testing.T, dir string) {
	t.Helper()
	for _, which := range []string{"bleve", "export"} {
		if which == "export" {
			if err := os.RemoveAll(filepath.Join(dir, "index.bleve")); err != nil {
				t.Fatal(err)
			}
		}
		ix, err := search.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ix.Search(search.Query{Text: "生孩子要办什么"})
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) == 0 || r.Hits[0].URL != "/thing/330900-YJS-0001/" {
			t.Errorf("%s: 生孩子要办什么 finds %+v, want 新生儿出生一件事 first, at /thing/330900-YJS-0001/", which, r.Hits)
		}
	}
}

// The files of sitefixture.BundleSite that TestIncrementalBundlesEqualClean
// edits.
const (
	bundleFile = "content/yjs/newborn.md"
	memberFile = "content/gaj/birth-registration.md"
)

// TestIncrementalBundlesEqualClean edits members and bundles of
// sitefixture.BundleSite in the live preview, step by step, and wants
// after each what a clean check and build give: rule 19 looks across
// files, and a bundle's page and figures read its members' materials.
func TestIncrementalBundlesEqualClean(t *testing.T) {
	s := newEditedSite(t, sitefixture.WriteSite(t, sitefixture.BundleSite))
	p, err := newPreview(s.src)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	comparePreviewWithBuild(t, p, s.src, nil)
	counts := countRebuilds(p)
	memberOrig, _ := os.ReadFile(s.abs(memberFile))
	for _, step := range []incrementalStep{
		{"a member's material becomes shared", []string{memberFile}, true, func() {
			s.edit(memberFile, "name = \"居民户口簿\"\nsource = \"政府部门核发\"", "name = \"居民户口簿\"\nsource = \"政府部门核发\"\nshared = true")
		}},
		{"a member's body", []string{memberFile}, true, func() {
			s.edit(memberFile, "出生一个月内申报。", "出生一个月内申报，逾期须说明原因。")
		}},
		{"a member becomes a draft", []string{memberFile}, true, func() { s.edit(memberFile, "updated = 2024-05-02", "updated = 2024-05-02\ndraft = true") }},
		{"published again", []string{memberFile}, true, func() { s.edit(memberFile, "\ndraft = true", "") }},
		{"a member is cancelled", []string{memberFile}, true, func() { s.edit(memberFile, "updated = 2024-05-02", "updated = 2024-05-02\nstatus = \"取消\"") }},
		{"in use again", []string{memberFile}, true, func() { s.edit(memberFile, "\nstatus = \"取消\"", "") }},
		{"a member code mistyped", []string{bundleFile}, true, func() { s.edit(bundleFile, `"330900-T-0003"]`, `"330900-T-0004"]`) }},
		{"a guide takes that code", []string{"content/ybj/other.md"}, true, func() {
			s.copyGuide("content/ybj/enrolment.md", "content/ybj/other.md", `code = "330900-T-0003"`, `code = "330900-T-0004"`)
		}},
		{"the guide goes again", []string{"content/ybj/other.md"}, true, func() { os.Remove(s.abs("content/ybj/other.md")) }},
		{"the code fixed", []string{bundleFile}, true, func() { s.edit(bundleFile, `"330900-T-0004"]`, `"330900-T-0003"]`) }},
		{"more visits than any member", []string{bundleFile}, true, func() { s.edit(bundleFile, "visits = 1", "visits = 2") }},
		{"and back", []string{bundleFile}, true, func() { s.edit(bundleFile, "visits = 2", "visits = 1") }},
		{"the bundle's title", []string{bundleFile}, true, func() {
			s.edit(bundleFile, `title = "新生儿出生一件事"`, `title = "新生儿出生“一件事”"`)
		}},
		{"a member's file goes", []string{memberFile}, true, func() { os.Remove(s.abs(memberFile)) }},
		{"and comes back", []string{memberFile}, true, func() {
			os.WriteFile(s.abs(memberFile), memberOrig, 0o644)
			s.tick(s.abs(memberFile))
		}},
	} {
		step.do()
		before := counts.incremental
		t.Run(step.name, func(t *testing.T) { comparePreviewWithBuild(t, p, s.src, step.changed) })
		if fast := counts.incremental > before; fast != step.fast {
			t.Errorf("%s: incremental path taken = %v, want %v", step.name, fast, step.fast)
		}
	}
}
