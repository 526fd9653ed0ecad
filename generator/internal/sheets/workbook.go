package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// table is one sheet as read: where each of the sheet's columns is in the
// file (-1 when the file has no such column) and the rows that hold
// anything, with their row numbers (the header is row 1).
type table struct {
	sheet *Sheet
	pos   []int
	rows  []row
}

// row is one row of a sheet: its number and its cells, by the index of
// the sheet's columns ("" for a column the file does not have).
type row struct {
	num   int
	cells []string
}

// has reports whether the file has column i of the sheet.
func (t *table) has(i int) bool { return t.pos[i] >= 0 }

// ref names the cell of column i in row r: 材料!C12.
func (t *table) ref(i, r int) string {
	return fmt.Sprintf("%s!%s%d", t.sheet.Name, colName(t.pos[i]), r)
}

// workbook holds the sheets that were read, by name; a sheet that is not
// in the file is not in the map, and its keys are left as they are.
type workbook map[string]*table

// CellError is a problem of one cell (or of the file as a whole, when
// Cell is a sheet or file name), printed as "材料!C12: message".
type CellError struct {
	Cell    string
	Message string
}

func (e CellError) Error() string { return e.Cell + ": " + e.Message }

// readWorkbook reads an .xlsx file or a folder of .csv files.
func readWorkbook(path string) (workbook, []CellError, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("%w：找不到 %s，请检查路径", ErrUsage, path)
	}
	if err != nil {
		return nil, nil, err
	}
	raw := map[string][][]string{}
	if fi.IsDir() {
		err = readCSVDir(path, raw)
	} else if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		err = readXLSX(path, raw)
	} else {
		return nil, nil, fmt.Errorf("%w：%s 既不是 .xlsx 文件，也不是放 .csv 文件的文件夹", ErrUsage, path)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(raw) == 0 {
		return nil, nil, fmt.Errorf("%w：%s 里没有任何一张认得的表（%s）", ErrUsage, path, sheetNames())
	}
	wb := workbook{}
	var problems []CellError
	for _, s := range Sheets {
		if records, ok := raw[s.Name]; ok {
			t, errs := newTable(s, records)
			wb[s.Name] = t
			problems = append(problems, errs...)
		}
	}
	return wb, problems, nil
}

// ErrUsage marks a path that is not a workbook at all.
var ErrUsage = errors.New("用法有误")

func sheetNames() string {
	names := make([]string, len(Sheets))
	for i, s := range Sheets {
		names[i] = s.Name
	}
	return strings.Join(names, "、")
}

// newTable maps the header row to the sheet's columns and keeps the rows
// that hold anything.
func newTable(s *Sheet, records [][]string) (*table, []CellError) {
	t := &table{sheet: s, pos: make([]int, len(s.Columns))}
	for i := range t.pos {
		t.pos[i] = -1
	}
	var problems []CellError
	index := map[string]int{}
	for i, c := range s.Columns {
		index[c.Header] = i
	}
	if len(records) > 0 {
		for p, h := range records[0] {
			h = strings.TrimSpace(h)
			i, ok := index[h]
			switch {
			case h == "":
			case !ok:
				problems = append(problems, CellError{fmt.Sprintf("%s!%s1", s.Name, colName(p)),
					fmt.Sprintf("不认得的列“%s”：请用导出时的列名（%s 表的列见 README 的“表格导入导出”一节），或删掉这一列", h, s.Name)})
			case t.pos[i] >= 0:
				problems = append(problems, CellError{fmt.Sprintf("%s!%s1", s.Name, colName(p)),
					fmt.Sprintf("列“%s”出现了两次：请删掉其中一列", h)})
			default:
				t.pos[i] = p
			}
		}
	}
	for n, rec := range records {
		if n == 0 {
			continue
		}
		r := row{num: n + 1, cells: make([]string, len(s.Columns))}
		empty := true
		for i, p := range t.pos {
			if p >= 0 && p < len(rec) {
				r.cells[i] = strings.ReplaceAll(rec[p], "\r\n", "\n")
				empty = empty && strings.TrimSpace(r.cells[i]) == ""
			}
		}
		if !empty {
			t.rows = append(t.rows, r)
		}
	}
	return t, problems
}

// readCSVDir reads <sheet>.csv of every sheet found in dir.
func readCSVDir(dir string, raw map[string][][]string) error {
	for _, s := range Sheets {
		data, err := os.ReadFile(filepath.Join(dir, s.Name+".csv"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		records, err := parseCSV(data)
		if err != nil {
			return fmt.Errorf("%s.csv 不是有效的 CSV：%w", s.Name, err)
		}
		raw[s.Name] = records
	}
	return nil
}

// parseCSV decodes a CSV file saved as UTF-8 (with or without a BOM) or
// as GBK, the encoding Excel and WPS use for CSV on a Chinese Windows, and
// removes the apostrophe that export puts before a cell that a
// spreadsheet would take for a formula.
func parseCSV(data []byte) ([][]string, error) {
	data, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	for _, rec := range records {
		for i, c := range rec {
			rec[i] = unguard(c)
		}
	}
	return records, nil
}

// decodeText returns the text of a CSV file as UTF-8: a BOM marks UTF-8,
// valid UTF-8 is UTF-8, anything else is read as GBK (through GB18030,
// which decodes every GBK file and the few characters GBK lacks).
func decodeText(data []byte) ([]byte, error) {
	if b, ok := bytes.CutPrefix(data, []byte("\xef\xbb\xbf")); ok {
		return b, nil
	}
	if utf8.Valid(data) {
		return data, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("既不是 UTF-8 也不是 GBK 编码：%w", err)
	}
	return out, nil
}

// guard returns a CSV cell that no spreadsheet runs as a formula (CSV
// injection), as feeds does for the open data: a cell starting with =, +,
// -, @, a tab or a carriage return gets an apostrophe in front; so does a
// cell starting with an apostrophe, so that unguard can tell them apart
// and the round trip is exact.
func guard(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r'", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// unguard removes the apostrophe guard put in front.
func unguard(cell string) string {
	return strings.TrimPrefix(cell, "'")
}
