package sheets

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// Formats are the values of export's --format that this package writes.
var Formats = []string{"xlsx", "csv"}

// ExportOptions say which site to export, how and where.
type ExportOptions struct {
	Source string // the site folder
	Format string // "xlsx" or "csv"
	Dest   string // the .xlsx file, or the folder of .csv files
}

// ExportResult counts what was exported.
type ExportResult struct {
	Guides, Bundles int
	Rows            map[string]int // rows by sheet name (header not counted)
	Files           []string       // files written
}

// Export writes the site's guides, as written (a guide that extends
// another holds only what it sets itself), in the layout of Sheets. It
// returns diagnostics, and writes nothing, when a file does not parse or
// holds a key that has no column (it would be lost on the way back).
func Export(ctx context.Context, opts ExportOptions) (ExportResult, []site.Diagnostic, error) {
	res := ExportResult{Rows: map[string]int{}}
	if opts.Format != "xlsx" && opts.Format != "csv" {
		return res, nil, fmt.Errorf("%w：不支持的格式 %q（可用：%s）", ErrUsage, opts.Format, strings.Join(Formats, "、"))
	}
	sf, diags, err := readSite(ctx, opts.Source)
	if err != nil || len(diags) > 0 {
		return res, diags, err
	}
	data, diags := tabulate(sf)
	if len(diags) > 0 {
		return res, diags, nil
	}
	for _, s := range Sheets {
		res.Rows[s.Name] = len(data[s]) - 1
	}
	res.Guides, res.Bundles = res.Rows[Guides.Name], res.Rows[Bundles.Name]
	if opts.Format == "xlsx" {
		res.Files, err = writeXLSX(opts.Dest, data)
	} else {
		res.Files, err = writeCSVDir(opts.Dest, data)
	}
	return res, nil, err
}

// tabulate makes the cells of every sheet, header first.
func tabulate(sf *siteFiles) (map[*Sheet][][]string, []site.Diagnostic) {
	data := map[*Sheet][][]string{}
	for _, s := range Sheets {
		header := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			header[i] = c.Header
		}
		data[s] = [][]string{header}
	}
	var diags []site.Diagnostic
	for _, f := range sf.files {
		doc := sf.docs[f]
		main := Guides
		if _, ok := doc.Front["kind"]; ok {
			main = Bundles
		}
		data[main] = append(data[main], mainRow(main, doc))
		code, _ := doc.Front["code"].(string)
		for _, s := range entrySheets() {
			rows, ds := entryRows(s, doc, code)
			data[s] = append(data[s], rows...)
			diags = append(diags, ds...)
		}
		diags = append(diags, uncovered(main, doc, "", doc.Front)...)
	}
	return data, diags
}

// mainRow is the row of a file in its main sheet.
func mainRow(s *Sheet, doc *site.Document) []string {
	cells := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		if c.Kind == Body {
			cells[i] = doc.Body
		} else if v, ok := getPath(doc.Front, c.Key); ok {
			cells[i] = cellText(v, c.Kind)
		}
	}
	return cells
}

// entryRows are the rows of a file's elements of the array of an entry
// sheet.
func entryRows(s *Sheet, doc *site.Document, code string) ([][]string, []site.Diagnostic) {
	v, ok := getPath(doc.Front, s.Array)
	if !ok {
		return nil, nil
	}
	elems, ok := v.([]map[string]any)
	if !ok {
		return nil, []site.Diagnostic{notExported(doc, s.Array)}
	}
	var rows [][]string
	var diags []site.Diagnostic
	for n, m := range elems {
		cells := make([]string, len(s.Columns))
		cells[0] = code
		known := map[string]bool{}
		for i, c := range s.Columns[1:] {
			known[c.Key] = true
			if v, ok := m[c.Key]; ok {
				cells[i+1] = cellText(v, c.Kind)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !known[k] {
				diags = append(diags, notExported(doc, fmt.Sprintf("%s.%d.%s", s.Array, n, k)))
			}
		}
		rows = append(rows, cells)
	}
	return rows, diags
}

// uncovered reports the keys of a main table that no column holds.
func uncovered(s *Sheet, doc *site.Document, prefix string, m map[string]any) []site.Diagnostic {
	var diags []site.Diagnostic
	for _, k := range slices.Sorted(maps.Keys(m)) {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		switch {
		case isArraySheet(p) || hasColumn(s, p):
		case isTablePrefix(s, p):
			if sub, ok := m[k].(map[string]any); ok {
				diags = append(diags, uncovered(s, doc, p, sub)...)
			} else {
				diags = append(diags, notExported(doc, p))
			}
		default:
			diags = append(diags, notExported(doc, p))
		}
	}
	return diags
}

func notExported(doc *site.Document, path string) site.Diagnostic {
	return rules.R1.Atf(doc.File, doc.Line(path),
		"%s 在表格里没有对应的列（或类型不对），导出会丢掉它：请先按 generator check 的提示改正这个文件，再导出", path)
}

func isArraySheet(path string) bool {
	for _, s := range entrySheets() {
		if s.Array == path {
			return true
		}
	}
	return false
}

func hasColumn(s *Sheet, path string) bool {
	for _, c := range s.Columns {
		if c.Key == path && c.Kind != Body {
			return true
		}
	}
	return false
}

func isTablePrefix(s *Sheet, path string) bool {
	for _, c := range s.Columns {
		if strings.HasPrefix(c.Key, path+".") {
			return true
		}
	}
	return false
}
