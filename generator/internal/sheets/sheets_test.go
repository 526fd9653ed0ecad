package sheets

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/schema"
	"zhinan/generator/internal/sitefixture"
)

// TestColumnsCoverTheFormat ties the layout to the guide format: every
// key of the schema has exactly one place (a column, or an entry sheet
// for an array of tables), and no column names a key the format lacks.
func TestColumnsCoverTheFormat(t *testing.T) {
	keys, err := schema.Keys()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for table, ks := range keys {
		for _, k := range ks {
			want[join(table, k)] = true
		}
	}
	got := map[string]bool{}
	for _, s := range Sheets {
		if !s.Main() {
			got[s.Array] = true
		}
		for _, c := range s.Columns {
			if c.Key == "" {
				continue
			}
			p := c.Key
			if !s.Main() {
				p = s.Array + "." + c.Key
			}
			got[p] = true
			for i := strings.IndexByte(p, '.'); i >= 0; i = strings.IndexByte(p[i+1:], '.') + i + 1 {
				got[p[:i]] = true
				if strings.IndexByte(p[i+1:], '.') < 0 {
					break
				}
			}
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("key %s of the format has no column", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("column for %s, which the format does not have", k)
		}
	}
}

func join(table, k string) string {
	if table == "" {
		return k
	}
	return table + "." + k
}

// contentFiles counts the guides and bundles of the site at src: the .md
// files under content/ that are not partials (_…) or hidden.
func contentFiles(t *testing.T, src string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		name := d.Name()
		if err == nil && !d.IsDir() && filepath.Ext(name) == ".md" && name[0] != '_' && name[0] != '.' {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRoundTripSampleSite: export then import of the sample site changes
// no file, through xlsx and through CSV; two exports are byte-identical.
func TestRoundTripSampleSite(t *testing.T) {
	src := copySite(t, repoRoot)
	before := sitefixture.Manifest(t, src)
	files := contentFiles(t, src)
	for _, format := range []string{"xlsx", "csv"} {
		path := export(t, src, format)
		res := runImport(t, src, path, false)
		if len(res.Problems) > 0 || len(res.Created)+len(res.Updated) > 0 {
			t.Fatalf("%s: %+v", format, res)
		}
		if res.Unchanged != files {
			t.Errorf("%s: %d unchanged, want every one of the %d content files", format, res.Unchanged, files)
		}
		if sitefixture.Manifest(t, src) != before {
			t.Fatalf("%s: the site changed", format)
		}
	}
	a, _ := os.ReadFile(export(t, src, "xlsx"))
	b, _ := os.ReadFile(export(t, src, "xlsx"))
	if string(a) != string(b) {
		t.Error("two exports of the same site differ")
	}
}

// TestRoundTripCorpus: the same over 1,000 generated guides.
func TestRoundTripCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 guides")
	}
	src := t.TempDir()
	if err := corpus.Generate(src, 1000, 1, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	before := sitefixture.Manifest(t, src)
	path := export(t, src, "xlsx")
	res := runImport(t, src, path, false)
	if len(res.Problems) > 0 || len(res.Created)+len(res.Updated) > 0 || res.Unchanged != 1000 {
		t.Fatalf("%d problems (%v), %d created, %d updated, %d unchanged", len(res.Problems), first(res.Problems), len(res.Created), len(res.Updated), res.Unchanged)
	}
	if sitefixture.Manifest(t, src) != before {
		t.Fatal("the site changed")
	}
	// One cell: the window of the first location of the first guide.
	wb, _, err := readWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	code := wb[Locations.Name].rows[0].cells[0]
	setCell(t, path, "地点", code, 0, "窗口", "综合窗口 1 号")
	snap := sitefixture.Snapshot(t, src)
	res = runImport(t, src, path, false)
	if len(res.Problems) > 0 || len(res.Updated) != 1 {
		t.Fatalf("%v %+v", first(res.Problems), res)
	}
	after, _ := os.ReadFile(filepath.Join(src, res.Updated[0]))
	oneLineChanged(t, string(snap[res.Updated[0]]), string(after), `window = "综合窗口 1 号"`)
}

// oneLineChanged checks that after differs from before in exactly one
// line, which now reads want.
func oneLineChanged(t *testing.T, before, after, want string) {
	t.Helper()
	a, b := strings.Split(before, "\n"), strings.Split(after, "\n")
	if len(a) != len(b) {
		t.Fatalf("%d lines became %d:\n%s", len(a), len(b), after)
	}
	var changed []string
	for i := range a {
		if a[i] != b[i] {
			changed = append(changed, b[i])
		}
	}
	if len(changed) != 1 || changed[0] != want {
		t.Errorf("changed lines %q, want only %q", changed, want)
	}
}

func first(p []CellError) any {
	if len(p) == 0 {
		return nil
	}
	return p[0]
}

// TestOneCellIsOneLine: a phone changed in one cell of the xlsx changes
// exactly the line of that phone; the comments of the file survive.
func TestOneCellIsOneLine(t *testing.T) {
	src := copySite(t, repoRoot)
	file := filepath.Join(src, "content/zhoushan/sfj/legal-aid.md")
	orig, _ := os.ReadFile(file)
	commented := strings.Replace(string(orig), "[[locations]]\n", "# 地点由市法律援助中心核对\n[[locations]]\n", 1)
	os.WriteFile(file, []byte(commented), 0o644)
	path := export(t, src, "xlsx")
	setCell(t, path, "地点", "330900-SF-GG-0001", 1, "电话", "0580-2281999")
	res := runImport(t, src, path, false)
	if len(res.Problems) > 0 || !slices.Equal(res.Updated, []string{"content/zhoushan/sfj/legal-aid.md"}) || len(res.Created) > 0 {
		t.Fatalf("%+v", res)
	}
	after, _ := os.ReadFile(file)
	want := strings.Replace(commented, `phone = "0580-2281348"`, `phone = "0580-2281999"`, 1)
	if string(after) != want {
		t.Errorf("diff is not one line:\n%s", after)
	}
}

// TestDryRunWritesNothing: --dry-run prints the unified diff and writes
// nothing.
func TestDryRunWritesNothing(t *testing.T) {
	src := copySite(t, repoRoot)
	path := export(t, src, "xlsx")
	setCell(t, path, "事项", "330900-SF-GG-0001", 0, "关键词", "法援；讨薪")
	setCell(t, path, "事项", "330000-SF-GG-0001", 0, CodeHeader, " 330000-SF-GG-0001 ") // spaces: no change
	before := sitefixture.Manifest(t, src)
	var diff strings.Builder
	res, err := Import(context.Background(), ImportOptions{Source: src, Path: path, DryRun: true, Diff: &diff})
	if err != nil || len(res.Problems) > 0 || len(res.Updated) != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	if sitefixture.Manifest(t, src) != before {
		t.Fatal("dry run wrote")
	}
	want := "--- a/content/zhoushan/sfj/legal-aid.md\n+++ b/content/zhoushan/sfj/legal-aid.md\n@@ -5,7 +5,7 @@\n"
	if !strings.HasPrefix(diff.String(), want) || !strings.Contains(diff.String(), "\n+keywords = [\"法援\", \"讨薪\"]\n") {
		t.Errorf("diff:\n%s", diff.String())
	}
}

// TestNewGuideGoesToItsDepartment: a row with a new code makes a file in
// the folder of its department's guides, as `generator new` would.
func TestNewGuideGoesToItsDepartment(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	path := export(t, src, "xlsx")
	code := "330000-SF-GG-0100"
	for h, v := range map[string]string{"事项名称": "公证咨询", "实施机关": "省司法厅", "行政区划": "浙江省",
		"星级": "4", "跑动次数": "0", "咨询电话": "12348；0571-87000000", "更新日期": "2026/5/1", "正文": "## 申请条件\n\n无。\n"} {
		setCell(t, path, "事项", code, 0, h, v)
	}
	res := runImport(t, src, path, false)
	if len(res.Problems) > 0 || !slices.Equal(res.Created, []string{"content/sfj/" + code + ".md"}) {
		t.Fatalf("%+v", res)
	}
	got, _ := os.ReadFile(filepath.Join(src, "content/sfj", code+".md"))
	want := "+++\ncode = \"330000-SF-GG-0100\"\ntitle = \"公证咨询\"\ndepartment = \"省司法厅\"\nregion = \"浙江省\"\nupdated = 2026-05-01\n\n[service]\nstar = 4\nvisits = 0\n\n[contact]\nconsult = [\"12348\", \"0571-87000000\"]\n+++\n## 申请条件\n\n无。\n"
	if string(got) != want {
		t.Errorf("got\n%s", got)
	}
}
