package sheets

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// repoRoot is the repository root (the sample site lives there).
const repoRoot = "../../.."

// copySite copies the sample site's config, content and static folders
// into a new temp folder.
func copySite(t testing.TB, from string) string {
	t.Helper()
	dst := t.TempDir()
	for _, part := range []string{"config.toml", "content", "static"} {
		src := filepath.Join(from, part)
		err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return dst
}

// export writes the workbook of the site at src and returns its path.
func export(t testing.TB, src, format string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "guides")
	if format == "xlsx" {
		dest += ".xlsx"
	}
	_, diags, err := Export(context.Background(), ExportOptions{Source: src, Format: format, Dest: dest})
	if err != nil || len(diags) > 0 {
		t.Fatalf("export: %v %v", err, diags)
	}
	return dest
}

// runImport imports path into src and fails on an I/O error.
func runImport(t testing.TB, src, path string, dry bool) ImportResult {
	t.Helper()
	var diff strings.Builder
	res, err := Import(context.Background(), ImportOptions{Source: src, Path: path, DryRun: dry, Diff: &diff})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

// setCell changes, in the workbook at path, the cell of the column named
// header in the nth row (from 0) of the sheet whose code is code, and
// returns its reference (材料!C12). A new row is added when there is no
// nth row.
func setCell(t testing.TB, path, sheet, code string, nth int, header, value string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == header {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s has no column %s", sheet, header)
	}
	r, seen := len(rows)+1, 0
	for i, row := range rows[1:] {
		if len(row) > 0 && row[0] == code {
			if seen == nth {
				r = i + 2
				break
			}
			seen++
		}
	}
	if r == len(rows)+1 {
		f.SetCellStr(sheet, "A"+itoa(r), code)
	}
	ref, _ := excelize.CoordinatesToCellName(col+1, r)
	if err := f.SetCellStr(sheet, ref, value); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return sheet + "!" + ref
}

func itoa(n int) string {
	name, _ := excelize.CoordinatesToCellName(1, n)
	return strings.TrimPrefix(name, "A")
}

// copyFile copies a file into a new temp folder.
func copyFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// cellAt returns the value of the column header in the first row of code.
func cellAt(t testing.TB, path, sheet, code, header string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheet)
	for _, row := range rows[1:] {
		if len(row) > 0 && row[0] == code {
			for i, h := range rows[0] {
				if h == header && i < len(row) {
					return row[i]
				}
			}
			return ""
		}
	}
	return ""
}
