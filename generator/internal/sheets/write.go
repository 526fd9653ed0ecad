package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zhinan/generator/internal/atomicfile"
)

// maxCell is the most characters Excel keeps in a cell; excelize would
// cut a longer value short without a word.
const maxCell = 32767

// writeXLSX writes the sheets into one workbook at dest, atomically
// (a temporary file renamed over dest). Every cell is a string cell, so
// nothing in it is ever run as a formula, and the header row is bold and
// frozen.
func writeXLSX(dest string, data map[*Sheet][][]string) ([]string, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, s := range Sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err != nil {
			return nil, err
		}
		if err := writeSheet(f, s, data[s], bold); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	packed, err := sortZip(buf.Bytes())
	if err != nil {
		return nil, err
	}
	return []string{dest}, writeAtomic(dest, packed)
}

// sortZip rewrites a zip archive with its entries in a fixed order
// ([Content_Types].xml first, then by name), copying each entry's
// compressed bytes as they are. excelize writes the parts of a workbook
// in the order of a map, so two exports of the same site differed only in
// that order; sorted, they are byte for byte the same.
func sortZip(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		r, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// writeSheet streams one sheet's rows.
func writeSheet(f *excelize.File, s *Sheet, rows [][]string, headerStyle int) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for n, cells := range rows {
		values := make([]any, len(cells))
		for i, c := range cells {
			if utf8.RuneCountInString(c) > maxCell {
				return fmt.Errorf("%s!%s%d 超过 Excel 单元格的上限（%d 个字符）：请改用 --format csv 导出", s.Name, colName(i), n+1, maxCell)
			}
			cell := excelize.Cell{Value: c}
			if n == 0 {
				cell.StyleID = headerStyle
			}
			values[i] = cell
		}
		axis, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(axis, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// writeCSVDir writes one <sheet>.csv per sheet into dir, in UTF-8 with a
// BOM (Excel then reads it as UTF-8), every cell guarded against formulas.
func writeCSVDir(dir string, data map[*Sheet][][]string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, s := range Sheets {
		var buf bytes.Buffer
		buf.WriteString("\xef\xbb\xbf")
		w := csv.NewWriter(&buf)
		for _, cells := range data[s] {
			out := make([]string, len(cells))
			for i, c := range cells {
				out[i] = guard(c)
			}
			if err := w.Write(out); err != nil {
				return nil, err
			}
		}
		w.Flush()
		name := filepath.Join(dir, s.Name+".csv")
		if err := writeAtomic(name, buf.Bytes()); err != nil {
			return files, err
		}
		files = append(files, name)
	}
	return files, nil
}

// writeAtomic writes data to name through a temporary file that is
// renamed over it (atomicfile.Write), so that a reader never sees half a
// file.
func writeAtomic(name string, data []byte) error {
	return atomicfile.Write(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
