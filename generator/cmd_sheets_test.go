package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhinan/generator/internal/sitefixture"
)

// brokenGuide is sitefixture.SmallSite with a file whose front matter is
// never closed.
var brokenGuide = sitefixture.SmallSite + `
-- content/bad/open.md --
+++
code = "330000-SF-GG-0009"
`

func TestCLIExportSheets(t *testing.T) {
	rows := []cliCase{}
	rows = append(rows, []cliCase{
		{name: "xlsx", site: sitefixture.SmallSite, args: []string{"export", "--source", "$SRC", "--format", "xlsx", "--dest", "$ROOT/g.xlsx"},
			code: exitOK, stdout: []string{"已导出 4 份指南、0 件“一件事”到 $ROOT/g.xlsx"},
			check: func(t *testing.T, env cliEnv, _, _ string) { exists(t, filepath.Join(env.root, "g.xlsx")) }},
		{name: "csv", site: sitefixture.SmallSite, args: []string{"export", "--source", "$SRC", "--format", "csv", "--dest", "$ROOT/csv"},
			code: exitOK, stdout: []string{"已导出 4 份指南"},
			check: func(t *testing.T, env cliEnv, _, _ string) {
				exists(t, filepath.Join(env.root, "csv/事项.csv"), filepath.Join(env.root, "csv/材料.csv"), filepath.Join(env.root, "csv/一件事.csv"))
			}},
		{name: "unknown format", site: sitefixture.SmallSite, args: []string{"export", "--source", "$SRC", "--format", "ods", "--dest", "$ROOT/g.ods"},
			code: exitUsage, stderr: []string{"请用 --format 指定导出格式：xlsx、csv 或 gbt39046"}, same: true, check: emptyStdout},
		{name: "no --dest", site: sitefixture.SmallSite, args: []string{"export", "--source", "$SRC", "--format", "xlsx"},
			code: exitUsage, stderr: []string{"请用 --dest 给出输出位置"}, same: true, check: emptyStdout},
		{name: "broken guide", site: brokenGuide, args: []string{"export", "--source", "$SRC", "--format", "xlsx", "--dest", "$ROOT/g.xlsx"},
			code: exitContent, stderr: []string{"content/bad/open.md:1: [R14]", "没有导出"}, same: true, check: emptyStdout},
		{name: "missing --source", args: []string{"export", "--source", "$ROOT/nowhere", "--format", "xlsx", "--dest", "$ROOT/g.xlsx"},
			code: exitUsage, stderr: []string{"站点目录 $ROOT/nowhere 不存在"}, same: true},
	}...)
	runTable(t, rows)
}

// exported writes the site's workbook to $ROOT/g.xlsx and applies edits
// (sheet → cell → value) to it.
func exported(edits map[string]map[string]string) func(t *testing.T, env cliEnv) {
	return func(t *testing.T, env cliEnv) {
		path := filepath.Join(env.root, "g.xlsx")
		var out, errOut bytes.Buffer
		if code := run([]string{"export", "--source", env.src, "--format", "xlsx", "--dest", path}, &out, &errOut); code != exitOK {
			t.Fatalf("export: %d %s", code, errOut.String())
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for sheet, cells := range edits {
			for cell, v := range cells {
				f.SetCellStr(sheet, cell, v)
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCLIImport(t *testing.T) {
	rows := usageRows("import", nil)
	rows = append(rows, []cliCase{
		{name: "unchanged", site: sitefixture.SmallSite, setup: exported(nil), args: []string{"import", "$ROOT/g.xlsx", "--source", "$SRC"},
			code: exitOK, stdout: []string{"已新建 0 份、更新 0 份指南，4 份没有变化"}, same: true},
		{name: "dry run", site: sitefixture.SmallSite, setup: exported(map[string]map[string]string{"事项": {"B2": "法律援助申请（新）"}}),
			args: []string{"import", "--dry-run", "--source", "$SRC", "$ROOT/g.xlsx"}, code: exitOK,
			stdout: []string{"--- a/content/sfj/aid.md\n+++ b/content/sfj/aid.md\n", "-title = \"法律援助申请\"\n+title = \"法律援助申请（新）\"\n", "演习（没有写入任何文件）：将新建 0 份、更新 1 份"},
			same:   true},
		{name: "update", site: sitefixture.SmallSite, setup: exported(map[string]map[string]string{"事项": {"B2": "法律援助申请（新）"}}),
			args: []string{"import", "$ROOT/g.xlsx", "--source", "$SRC"}, code: exitOK, stdout: []string{"已新建 0 份、更新 1 份指南，3 份没有变化"},
			check: func(t *testing.T, env cliEnv, _, _ string) {
				data, _ := os.ReadFile(filepath.Join(env.src, "content/sfj/aid.md"))
				if !bytes.Contains(data, []byte("title = \"法律援助申请（新）\"\n")) {
					t.Errorf("not updated:\n%s", data)
				}
			}},
		{name: "wrong cell", site: sitefixture.SmallSite, setup: exported(map[string]map[string]string{"地点": {"F2": "110"}}),
			args: []string{"import", "$ROOT/g.xlsx", "--source", "$SRC"}, code: exitContent,
			stderr: []string{"地点!F2: [R8] ", "1 个问题，没有写入任何文件"}, same: true, check: emptyStdout},
		{name: "no path", site: sitefixture.SmallSite, args: []string{"import", "--source", "$SRC"},
			code: exitUsage, stderr: []string{"请给出一个 .xlsx 文件或放 .csv 文件的文件夹"}, same: true, check: emptyStdout},
		{name: "not a workbook", site: sitefixture.SmallSite, args: []string{"import", "$SRC/config.toml", "--source", "$SRC"},
			code: exitUsage, stderr: []string{"既不是 .xlsx 文件"}, same: true, check: emptyStdout},
		{name: "missing workbook", site: sitefixture.SmallSite, args: []string{"import", "$ROOT/none.xlsx", "--source", "$SRC"},
			code: exitUsage, stderr: []string{"找不到 $ROOT/none.xlsx"}, same: true, check: emptyStdout},
	}...)
	runTable(t, rows)
}
