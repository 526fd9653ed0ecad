package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"zhinan/generator/internal/sitefixture"
	"zhinan/generator/internal/write"
)

func TestBuildSmallSite(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	if res.Guides != 3 {
		t.Errorf("published guides = %d, want 3 (the draft is not published)", res.Guides)
	}
	out := sitefixture.Snapshot(t, dest)
	for _, p := range []string{
		"index.html", "404.html",
		"guide/330000-SF-XK-0001/index.html", "guide/330900-SF-XK-0001/index.html", "guide/330000-SF-GG-0002/index.html",
		"lists/zero-visit/index.html", "lists/one-visit/index.html", "lists/negative/index.html",
		"forms/app.docx", "stats/index.html", "search/index.html", "sitemap.xml", "feed.xml", "robots.txt",
		"data/guides.json", "data/guides.csv", "data/materials.csv",
	} {
		if _, ok := out[p]; !ok {
			t.Errorf("missing output file %s", p)
		}
	}
	if _, ok := out["guide/330000-SF-XK-0099/index.html"]; ok {
		t.Error("a draft was published")
	}
	local := string(out["guide/330900-SF-XK-0001/index.html"])
	for _, want := range []string{"律师事务所设立审核登记", "舟山市行政服务中心", "/guide/330000-SF-XK-0001/", "申请条件"} {
		if !strings.Contains(local, want) {
			t.Errorf("local guide page lacks %q (inherited title, own location, link to its standard, inherited body)", want)
		}
	}
	std := string(out["guide/330000-SF-XK-0001/index.html"])
	if !strings.Contains(std, "/guide/330900-SF-XK-0001/") {
		t.Error("standard guide page does not list its local implementation")
	}
	for p, b := range out {
		if strings.HasSuffix(p, ".html") && bytes.Contains(b, []byte("<script>alert(1)")) {
			t.Errorf("%s contains raw HTML from a guide body", p)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, d := range []string{a, b} {
		if _, err := Run(context.Background(), Options{Source: src, Dest: d}); err != nil {
			t.Fatal(err)
		}
	}
	if p, ok := sitefixture.SameTree(sitefixture.Snapshot(t, a), sitefixture.Snapshot(t, b)); !ok {
		t.Fatalf("two builds differ: %s", p)
	}
}

// TestFailedBuildLosesNothing proves that a build that fails for any
// reason leaves the previous output exactly as it was.
func TestFailedBuildLosesNothing(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true}); err != nil {
		t.Fatal(err)
	}
	// A second build after an edit keeps the first output beside the new
	// one (write.KeptPath), so that the failed builds below start from it.
	guide := filepath.Join(src, "content/sfj/aid.md")
	edited, _ := os.ReadFile(guide)
	os.WriteFile(guide, append(edited, "\n\n补充说明。\n"...), 0o644)
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(write.KeptPath(dest)); err != nil {
		t.Fatalf("no kept folder after an incremental build: %v", err)
	}
	before := sitefixture.Snapshot(t, dest)

	orig, _ := os.ReadFile(guide)
	layout := filepath.Join(src, "layouts/guide.html")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	type breaker struct {
		name        string
		apply, undo func()
		ctx         context.Context
	}
	breakers := []breaker{
		{"bad content", func() {
			os.WriteFile(guide, bytes.Replace(orig, []byte("visits = 0"), []byte("visits = 3"), 1), 0o644)
		}, func() { os.WriteFile(guide, orig, 0o644) }, context.Background()},
		{"broken template", func() {
			os.MkdirAll(filepath.Dir(layout), 0o755)
			os.WriteFile(layout, []byte("{{define \"main\"}}{{.Nope"), 0o644)
		}, func() { os.RemoveAll(filepath.Dir(layout)) }, context.Background()},
		{"interrupted (Ctrl-C)", func() {}, func() {}, cancelled},
	}
	for _, b := range breakers {
		b.apply()
		_, err := Run(b.ctx, Options{Source: src, Dest: dest, Search: true})
		b.undo()
		if err == nil {
			t.Errorf("%s: build succeeded", b.name)
			continue
		}
		if p, ok := sitefixture.SameTree(before, sitefixture.Snapshot(t, dest)); !ok {
			t.Errorf("%s: previous output changed (%s)", b.name, p)
		}
		// Beside the output: the output, the search batch cache of the
		// first build (SearchCache), the guide and check caches of the
		// last successful build (GuideCacheFile, CheckCacheFile) and the kept folder (write.KeptPath, which a failed
		// build that adopted it removes), the tool's own; no staging
		// folder, no half-written cache.
		entries, _ := os.ReadDir(filepath.Dir(dest))
		for _, e := range entries {
			if p := filepath.Join(filepath.Dir(dest), e.Name()); p != dest && p != SearchCache(dest) && p != write.KeptPath(dest) && p != GuideCacheFile(dest) && p != CheckCacheFile(dest) {
				t.Errorf("%s: staging folder left beside the output: %v", b.name, e.Name())
			}
		}
	}
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest}); err != nil {
		t.Fatalf("build after undoing the breakage: %v", err)
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite+`
-- content/bad/one.md --
+++
code = "X-1"
title = "坏指南一"
department = "省司法厅"
region = "浙江省"
matrials = 1

[service]
star = 5
visits = 2
+++
-- content/bad/two.md --
+++
code = "X-2"
title = "坏指南二"
department = "不存在的局"
region = "浙江省"

[service]
star = 3
visits = 1

[contact]
consult = ["123"]
+++
`)
	res, err := Run(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "p")})
	if !errors.Is(err, ErrContent) {
		t.Fatalf("err = %v, want content error", err)
	}
	var text strings.Builder
	for _, d := range res.Diagnostics {
		text.WriteString(d.String() + "\n")
	}
	for _, want := range []string{
		"content/bad/one.md:6: [R1]",  // unknown key matrials
		"content/bad/one.md:10: [R3]", // five stars need visits = 0
		"content/bad/two.md:4: [",     // undeclared department
		"content/bad/two.md:12: [R8]", // invalid phone
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("diagnostics lack %q:\n%s", want, text.String())
		}
	}
}

func TestBuildWithoutBaseURL(t *testing.T) {
	src := sitefixture.WriteSite(t, strings.Replace(sitefixture.SmallSite, `base_url = "https://example.gov.cn/"`, "", 1))
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Run(context.Background(), Options{Source: src, Dest: dest})
	if err != nil {
		t.Fatalf("a site without base_url must build: %v", err)
	}
	warned := false
	for _, d := range res.Diagnostics {
		warned = warned || (d.File == "config.toml" && strings.Contains(d.Message, "base_url"))
	}
	if !warned {
		t.Error("no warning about the missing base_url")
	}
	out := sitefixture.Snapshot(t, dest)
	if _, ok := out["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without absolute URLs")
	}
	if _, ok := out["index.html"]; !ok {
		t.Error("no home page")
	}
}

// TestBuildRefusesUnsafeSegments: a code or slug that cannot be one segment
// of a URL and a path is a content error naming its file and line, found
// by validation, not a template error from the render stage.
func TestBuildRefusesUnsafeSegments(t *testing.T) {
	badGuide := func(code string) string {
		return sitefixture.SmallSite + `
-- content/bad/code.md --
+++
code = "` + code + `"
title = "坏编码"
department = "省司法厅"
region = "浙江省"
updated = 2020-05-01

[service]
star = 5
visits = 0
online_url = "https://example.gov.cn/x"

[contact]
consult = ["12348"]
+++
`
	}
	tests := []struct {
		name string
		site string
		want string
	}{
		{"code ..", badGuide(".."), "content/bad/code.md:2: [R1] 事项编码不能是 . 或 .."},
		{"code .", badGuide("."), "content/bad/code.md:2: [R1] 事项编码不能是 . 或 .."},
		{"code of 300 characters", badGuide(strings.Repeat("x", 300)), "content/bad/code.md:2: [R1] 事项编码最长 64 个字符"},
		{"department slug", strings.Replace(sitefixture.SmallSite, "[[departments]]\nname = \"省司法厅\"\n",
			"[[departments]]\nname = \"省司法厅\"\nslug = \"../../escape\"\n", 1),
			"config.toml:21: [config] 部门 \"省司法厅\" 的 slug \"../../escape\" 不能用作网址"},
		{"region slug", strings.Replace(sitefixture.SmallSite, "name = \"舟山市\"\ncode = \"330900\"\n",
			"name = \"舟山市\"\ncode = \"330900\"\nslug = \"..\"\n", 1),
			"config.toml:17: [config] 行政区划 \"舟山市\" 的 slug 不能是 . 或 .."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := sitefixture.WriteSite(t, tt.site)
			res, err := Run(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
			if !errors.Is(err, ErrContent) {
				t.Fatalf("err = %v, want the content error (not a template error)", err)
			}
			var text strings.Builder
			for _, d := range res.Diagnostics {
				text.WriteString(d.String() + "\n")
			}
			if !strings.Contains(text.String(), tt.want) {
				t.Fatalf("diagnostics lack %q:\n%s", tt.want, text.String())
			}
		})
	}
}
