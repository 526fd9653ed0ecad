package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/sitefixture"
)

// lifecycleSite is sitefixture.SmallSite (three published guides) with a
// cancelled item replaced by the legal-aid guide and an item in force only
// from 2027-01-01.
var lifecycleSite = sitefixture.SmallSite + `
-- content/sfj/old.md --
+++
code = "330000-SF-GG-0001"
title = "旧的法律援助事项"
department = "省司法厅"
region = "浙江省"
updated = 2020-05-01
status = "取消"
replaced_by = "330000-SF-GG-0002"

[service]
star = 5
visits = 0
online_url = "https://example.gov.cn/old"

[contact]
consult = ["12348"]
+++
-- content/sfj/future.md --
+++
code = "330000-SF-GG-0003"
title = "明年施行的事项"
department = "省司法厅"
region = "浙江省"
updated = 2020-05-01
effective = 2027-01-01

[service]
star = 5
visits = 0
online_url = "https://example.gov.cn/future"

[contact]
consult = ["12348"]
+++
`

// replacedByTypo is lifecycleSite with the replacement's code mistyped.
var replacedByTypo = strings.Replace(lifecycleSite, `replaced_by = "330000-SF-GG-0002"`, `replaced_by = "330000-SF-GG-0020"`, 1)

// readOut reads a file of a build's output folder.
func readOut(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// statsItems runs the check of a `stats --format json` row: the site's
// item count.
func statsItems(want float64) func(t *testing.T, _ cliEnv, stdout, _ string) {
	return func(t *testing.T, _ cliEnv, stdout, _ string) {
		var r struct{ Site map[string]any }
		if err := json.Unmarshal([]byte(stdout), &r); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, stdout)
		}
		if r.Site["items"] != want {
			t.Errorf("items = %v, want %v", r.Site["items"], want)
		}
	}
}

// TestCLIToday is --today on every command that builds or judges the site
// on a day, and what the lifecycle of an item changes on the command line.
func TestCLIToday(t *testing.T) {
	bad := `--today 的值 "2027-02-30" 不是有效的日期：请写成 YYYY-MM-DD`
	runTable(t, []cliCase{
		{name: "build bad --today", site: lifecycleSite, args: []string{"build", "--today", "2027-02-30", "--source", "$SRC", "--dest", "$DEST"},
			code: exitUsage, stderr: []string{bad}, same: true, check: emptyStdout},
		{name: "stats bad --today", site: lifecycleSite, args: []string{"stats", "--today=2027-02-30", "--source", "$SRC"},
			code: exitUsage, stderr: []string{bad}, same: true, check: emptyStdout},
		{name: "serve bad --today", site: lifecycleSite, args: []string{"serve", "--today", "2027-02-30", "--source", "$SRC"},
			code: exitUsage, stderr: []string{bad}, same: true, check: emptyStdout},
		{name: "check bad --today", site: lifecycleSite, args: []string{"check", "--today", "2027-02-30", "--source", "$SRC"},
			code: exitUsage, stderr: []string{bad}, same: true, check: emptyStdout},
		{name: "stats before effective", site: lifecycleSite, args: []string{"stats", "--today", "2026-12-31", "--format", "json", "--source", "$SRC"},
			code: exitOK, same: true, check: statsItems(3)},
		{name: "stats on the effective day", site: lifecycleSite, args: []string{"stats", "--today", "2027-01-01", "--format", "json", "--source", "$SRC"},
			code: exitOK, same: true, check: statsItems(4)},
		{name: "check, lifecycle site", site: lifecycleSite, args: []string{"check", "--today", "2026-12-31", "--source", "$SRC"},
			code: exitOK, stdout: []string{"共 0 个错误"}, same: true},
		{name: "check, replaced_by names no code", site: replacedByTypo, args: []string{"check", "--today", "2026-12-31", "--source", "$SRC"},
			code: exitContent, same: true,
			stdout: []string{`content/sfj/old.md:8: [R16] replaced_by = "330000-SF-GG-0020" 找不到编码为 "330000-SF-GG-0020" 的事项：你是不是想写 "330000-SF-GG-0002"？`, "共 1 个错误"}},
		{name: "build before effective", site: lifecycleSite, args: []string{"build", "--quiet", "--today", "2026-12-31", "--source", "$SRC", "--dest", "$DEST"},
			code: exitOK, check: func(t *testing.T, env cliEnv, _, _ string) {
				future := readOut(t, env.dest, "guide/330000-SF-GG-0003/index.html")
				if !strings.Contains(future, `本指南自 <time datetime="2027-01-01">2027年1月1日</time>起施行`) {
					t.Error("the page of an item not yet in force does not say from which day it applies")
				}
				old := readOut(t, env.dest, "guide/330000-SF-GG-0001/index.html")
				if !strings.Contains(old, "本事项已取消") || !strings.Contains(old, `已由<a href="/guide/330000-SF-GG-0002/">法律援助申请</a>取代`) {
					t.Error("the cancelled item's page lacks its notice or the link to the item replacing it")
				}
				for _, f := range []string{"sitemap.xml", "lists/zero-visit/index.html", "department/sheng-si-fa-ting/index.html", "index.html", "feed.xml"} {
					if strings.Contains(readOut(t, env.dest, f), "330000-SF-GG-0001") {
						t.Errorf("%s lists the cancelled item", f)
					}
				}
			}},
		{name: "build on the effective day", site: lifecycleSite, args: []string{"build", "--quiet", "--no-search", "--today", "2027-01-01", "--source", "$SRC", "--dest", "$DEST"},
			code: exitOK, check: func(t *testing.T, env cliEnv, _, _ string) {
				if strings.Contains(readOut(t, env.dest, "guide/330000-SF-GG-0003/index.html"), "起施行") {
					t.Error("an item in force still says from which day it applies")
				}
			}},
	})
}

// TestCLIBuildWithTodayIsReproducible builds the same site twice with the
// same --today, search included, and wants the same bytes in every
// published file. The bleve index under search/index.bleve is left out:
// it is the preview server's, never published, and bleve stamps it.
func TestCLIBuildWithTodayIsReproducible(t *testing.T) {
	src := sitefixture.WriteSite(t, lifecycleSite)
	var snaps []map[string][]byte
	for _, d := range []string{"a", "b"} {
		dest := filepath.Join(t.TempDir(), d)
		var out, errOut strings.Builder
		if code := run([]string{"build", "--quiet", "--today", "2026-12-31", "--source", src, "--dest", dest}, &out, &errOut); code != exitOK {
			t.Fatalf("build: exit %d\n%s", code, errOut.String())
		}
		snap := sitefixture.Snapshot(t, dest)
		for p := range snap {
			if strings.HasPrefix(p, "search/index.bleve/") {
				delete(snap, p)
			}
		}
		snaps = append(snaps, snap)
	}
	if p, ok := sitefixture.SameTree(snaps[0], snaps[1]); !ok {
		t.Fatalf("two builds with the same --today differ: %s", p)
	}
}
