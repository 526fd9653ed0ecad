package sheets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/sitefixture"
)

// bundleSite is sitefixture.SmallSite with a bundle (一件事) of two of its
// guides, with its own materials and window.
var bundleSite = sitefixture.SmallSite + `
-- content/yjs/lawyer-start.md --
+++
# 一件事：开办律所
kind = "一件事"
code = "330000-YJS-0001"
title = "开办律师事务所一件事"
items = ["330000-SF-XK-0001", "330000-SF-GG-0002"]
region = "浙江省"
lead = "省司法厅"
stage = "开办"
updated = 2026-01-01

[service]
visits = 1

[[materials]]
name = "律师事务所设立申请书"

[[locations]]
name = "杭州市民中心"
address = "杭州市上城区解放东路18号"

[contact]
consult = ["12348"]
+++
一次提交，一窗受理。
`

// TestBundleRoundTrip: a bundle has its row in 一件事 and its entries in
// 材料 and 地点; unchanged it comes back byte for byte, and a changed
// name is a one-line change.
func TestBundleRoundTrip(t *testing.T) {
	src := sitefixture.WriteSite(t, bundleSite)
	path := export(t, src, "xlsx")
	before := sitefixture.Manifest(t, src)
	res := runImport(t, src, path, false)
	if len(res.Updated)+len(res.Created)+len(res.Problems) > 0 || res.Unchanged != 5 || sitefixture.Manifest(t, src) != before {
		t.Fatalf("%+v", res)
	}
	if got := cellAt(t, path, "一件事", "330000-YJS-0001", "成员事项编码"); got != "330000-SF-XK-0001；330000-SF-GG-0002" {
		t.Errorf("成员事项编码 = %q", got)
	}
	setCell(t, path, "一件事", "330000-YJS-0001", 0, "名称", "律所开办一件事")
	// The dry run shows the one-line change. (The validator of this branch
	// still judges a bundle by the guide rules, R1 department and star, so
	// the build, and therefore the import, refuse the site until the
	// bundle rules land; the import reports those at the bundle's row.)
	var diff strings.Builder
	res, err := Import(t.Context(), ImportOptions{Source: src, Path: path, DryRun: true, Diff: &diff})
	if err != nil || len(res.Updated) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	want := "--- a/content/yjs/lawyer-start.md\n+++ b/content/yjs/lawyer-start.md\n@@ -2,7 +2,7 @@\n" +
		" # 一件事：开办律所\n kind = \"一件事\"\n code = \"330000-YJS-0001\"\n" +
		"-title = \"开办律师事务所一件事\"\n+title = \"律所开办一件事\"\n" +
		" items = [\"330000-SF-XK-0001\", \"330000-SF-GG-0002\"]\n region = \"浙江省\"\n lead = \"省司法厅\"\n"
	if diff.String() != want {
		t.Errorf("diff:\n%s", diff.String())
	}
	for _, p := range res.Problems {
		if !strings.HasPrefix(p.Cell, "一件事!") {
			t.Errorf("problem not at the bundle's row: %v", p)
		}
	}
}

// TestGuideRowInBundleSheet: a guide's code in the 一件事 sheet is
// reported at its cell.
func TestGuideRowInBundleSheet(t *testing.T) {
	src := sitefixture.WriteSite(t, bundleSite)
	path := export(t, src, "xlsx")
	ref := setCell(t, path, "一件事", aid, 0, "名称", "放错表的事项")
	res := runImport(t, src, path, false)
	if len(res.Problems) == 0 || res.Problems[0].Cell != strings.Replace(ref, "B", "A", 1) {
		t.Fatalf("%v", res.Problems)
	}
}

// TestExportRefusesKeysWithoutColumn: a key no column holds (a typo)
// would be lost; export names its file and line and writes nothing.
func TestExportRefusesKeysWithoutColumn(t *testing.T) {
	site := strings.Replace(sitefixture.SmallSite, "[[materials]]\nname = \"法律援助申请表\"", "[[materials]]\nname = \"法律援助申请表\"\nnot = \"x\"", 1)
	src := sitefixture.WriteSite(t, site)
	dest := filepath.Join(t.TempDir(), "g.xlsx")
	_, diags, err := Export(t.Context(), ExportOptions{Source: src, Format: "xlsx", Dest: dest})
	if err != nil || len(diags) != 1 || diags[0].File != "content/sfj/aid.md" || diags[0].Rule != "R1" || diags[0].Line != 19 {
		t.Fatalf("%v %v", err, diags)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("written anyway")
	}
}
