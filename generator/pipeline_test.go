package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// writeSite writes a txtar archive of a site into a new temp folder.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot reads every file under dir into a map of relative path → bytes.
func snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string][]byte) (string, bool) {
	if len(a) != len(b) {
		return "file count differs", false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return k, false
		}
	}
	return "", true
}

const smallSite = `
-- config.toml --
title = "测试站点"
base_url = "https://example.gov.cn/"
language = "zh-CN"

[targets]
one_visit_share = 0.95
five_star_share = 0.10
three_four_star_share = 0.85

[[regions]]
name = "浙江省"
code = "330000"

[[regions]]
name = "舟山市"
code = "330900"
parent = "浙江省"

[[departments]]
name = "省司法厅"
region = "浙江省"

[[departments]]
name = "舟山市司法局"
region = "舟山市"
-- content/sfj/lawfirm.md --
+++
code = "330000-SF-XK-0001"
title = "律师事务所设立审核登记"
department = "省司法厅"
region = "浙江省"
type = "行政许可"
audience = ["法人"]
topics = ["法律服务"]
keywords = ["开律所"]
updated = 2017-03-10

[service]
star = 4
visits = 1
mode = "网上申报、信任在先、办结核验"
online_url = "https://example.gov.cn/apply/1"

[time]
legal_days = 30
promised_days = 15

[fee]
charged = false

[[materials]]
name = "律师事务所设立申请书"
source = "申请人自备"
template = "forms/app.docx"

[[locations]]
name = "杭州市民中心"
address = "杭州市上城区解放东路18号"
hours = "工作日 9:00-17:00"
phone = "0571-87000000"

[contact]
consult = ["0571-87000000", "12348"]
+++

## 申请条件

1. 有自己的名称、住所和章程；<script>alert(1)</script>
-- content/zhoushan/lawfirm.md --
+++
code = "330900-SF-XK-0001"
extends = "330000-SF-XK-0001"
department = "舟山市司法局"
region = "舟山市"
updated = 2018-01-01

[[locations]]
name = "舟山市行政服务中心"
address = "舟山市新城"
hours = "工作日 9:00-17:00"
phone = "0580-2281234"

[contact]
consult = ["0580-2281234"]
+++
-- content/sfj/aid.md --
+++
code = "330000-SF-GG-0002"
title = "法律援助申请"
department = "省司法厅"
region = "浙江省"
updated = 2020-05-01

[service]
star = 5
visits = 0
online_url = "https://example.gov.cn/aid"

[time]
legal_days = 7
promised_days = 3

[[materials]]
name = "法律援助申请表"
source = "申请人自备"

[contact]
consult = ["12348"]
+++
法律援助正文。
-- content/sfj/draft.md --
+++
code = "330000-SF-XK-0099"
title = "草稿事项"
department = "省司法厅"
region = "浙江省"
draft = true
updated = 2020-05-01

[service]
star = 3
visits = 1

[[locations]]
name = "窗口"
address = "某地"

[contact]
consult = ["12348"]
+++
-- static/forms/app.docx --
blank form
`

func TestBuildSmallSite(t *testing.T) {
	src := writeSite(t, smallSite)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build(context.Background(), buildOptions{Source: src, Dest: dest, Search: true})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	if res.Guides != 3 {
		t.Errorf("published guides = %d, want 3 (the draft is not published)", res.Guides)
	}
	out := snapshot(t, dest)
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
	src := writeSite(t, smallSite)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, d := range []string{a, b} {
		if _, err := build(context.Background(), buildOptions{Source: src, Dest: d}); err != nil {
			t.Fatal(err)
		}
	}
	if p, ok := sameTree(snapshot(t, a), snapshot(t, b)); !ok {
		t.Fatalf("two builds differ: %s", p)
	}
}

// TestFailedBuildLosesNothing proves that a build that fails for any
// reason leaves the previous output exactly as it was.
func TestFailedBuildLosesNothing(t *testing.T) {
	src := writeSite(t, smallSite)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(context.Background(), buildOptions{Source: src, Dest: dest, Search: true}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dest)

	guide := filepath.Join(src, "content/sfj/aid.md")
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
		_, err := build(b.ctx, buildOptions{Source: src, Dest: dest, Search: true})
		b.undo()
		if err == nil {
			t.Errorf("%s: build succeeded", b.name)
			continue
		}
		if p, ok := sameTree(before, snapshot(t, dest)); !ok {
			t.Errorf("%s: previous output changed (%s)", b.name, p)
		}
		entries, _ := os.ReadDir(filepath.Dir(dest))
		if len(entries) != 1 {
			t.Errorf("%s: staging folder left beside the output: %v", b.name, entries)
		}
	}
	if _, err := build(context.Background(), buildOptions{Source: src, Dest: dest}); err != nil {
		t.Fatalf("build after undoing the breakage: %v", err)
	}
}

func TestBuildReportsEveryProblem(t *testing.T) {
	src := writeSite(t, smallSite+`
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
	res, err := build(context.Background(), buildOptions{Source: src, Dest: filepath.Join(t.TempDir(), "p")})
	if !errors.Is(err, errContent) {
		t.Fatalf("err = %v, want content error", err)
	}
	var text strings.Builder
	printDiagnostics(&text, res.Diagnostics)
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
	src := writeSite(t, strings.Replace(smallSite, `base_url = "https://example.gov.cn/"`, "", 1))
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build(context.Background(), buildOptions{Source: src, Dest: dest})
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
	out := snapshot(t, dest)
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
		return smallSite + `
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
		{"department slug", strings.Replace(smallSite, "[[departments]]\nname = \"省司法厅\"\n",
			"[[departments]]\nname = \"省司法厅\"\nslug = \"../../escape\"\n", 1),
			"config.toml:21: [config] 部门 \"省司法厅\" 的 slug \"../../escape\" 不能用作网址"},
		{"region slug", strings.Replace(smallSite, "name = \"舟山市\"\ncode = \"330900\"\n",
			"name = \"舟山市\"\ncode = \"330900\"\nslug = \"..\"\n", 1),
			"config.toml:17: [config] 行政区划 \"舟山市\" 的 slug 不能是 . 或 .."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeSite(t, tt.site)
			res, err := build(context.Background(), buildOptions{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
			if !errors.Is(err, errContent) {
				t.Fatalf("err = %v, want the content error (not a template error)", err)
			}
			var text strings.Builder
			printDiagnostics(&text, res.Diagnostics)
			if !strings.Contains(text.String(), tt.want) {
				t.Fatalf("diagnostics lack %q:\n%s", tt.want, text.String())
			}
		})
	}
}
