package national

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"zhinan/generator/internal/csvcell"

	"zhinan/generator/internal/site"
)

// BOM starts the CSV, so that spreadsheet programs read it as UTF-8.
const BOM = "\uFEFF"

// ListSeparator joins a list of strings in one CSV cell ("个人|法人").
const ListSeparator = "|"

// WriteJSON writes the items as an indented JSON array of objects whose
// keys are the national element names, in the order of Items ([] when
// there are none).
func WriteJSON(w io.Writer, items []Record) error {
	if items == nil {
		items = []Record{}
	}
	data, err := marshal(items)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// WriteCSV writes a BOM, a header of the element names of an item (the
// same columns as the JSON, in the same order), then one row per item.
// A list of strings is joined with ListSeparator; a nested object or list
// of objects (办理结果, 申请材料, 特别程序, 办理流程, 办理地点) is its compact
// JSON; nil is an empty cell. Every cell passes csvcell.Safe, so none
// runs as a spreadsheet formula.
func WriteCSV(w io.Writer, items []Record) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns()); err != nil {
		return err
	}
	for _, r := range items {
		row := make([]string, len(r))
		for i, f := range r {
			cell, err := cellOf(f.Value)
			if err != nil {
				return err
			}
			row[i] = csvcell.Safe(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Columns are the element names of an item, in order: the CSV header and
// the keys of each JSON object.
func Columns() []string {
	r := item(emptySite, emptyPage)
	out := make([]string, len(r))
	for i, f := range r {
		out[i] = f.Name
	}
	return out
}

// emptySite and emptyPage give Columns an item to read the names from.
var (
	emptySite = &site.Site{}
	emptyPage = &site.Page{Guide: &site.Guide{}}
)

// cellOf renders one value as a CSV cell.
func cellOf(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []string:
		return strings.Join(x, ListSeparator), nil
	case int, bool:
		return fmt.Sprint(x), nil
	}
	data, err := marshal(v)
	return string(data), err
}
