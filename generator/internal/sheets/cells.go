package sheets

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"zhinan/generator/internal/frontedit"
)

// EmptyString is the cell text of a value that is an empty string; an
// empty cell means the key is not written at all.
const EmptyString = `""`

// EmptyList is the cell text of an empty array.
const EmptyList = "[]"

// listSep joins the elements of an array in a cell.
const listSep = "；"

// cellText writes a decoded TOML value as the text of a cell of kind k.
// A value of another type than the column's (a string where a number
// belongs) is written as it reads, so that the import keeps it.
func cellText(v any, k Kind) string {
	switch x := v.(type) {
	case string:
		if x == "" && k != Body {
			return EmptyString
		}
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case time.Time:
		return frontedit.FormatTime(x)
	case []any:
		if len(x) == 0 {
			return EmptyList
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cellText(e, Text)
		}
		return strings.Join(parts, listSep)
	}
	return frontedit.Encode(v)
}

// parseCell reads a cell of kind k as a TOML value. Text that is not of
// the column's type (五 for a number, a date written otherwise) stays a
// string, so that the validator reports it with the build's rule and
// message (R1, R12).
func parseCell(text string, k Kind) any {
	if text == EmptyString && k != Body {
		return ""
	}
	switch k {
	case Int:
		if n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err == nil {
			return n
		}
	case Bool:
		if b, ok := boolWords[strings.ToLower(strings.TrimSpace(text))]; ok {
			return b
		}
	case Date:
		if t, ok := parseDate(strings.TrimSpace(text)); ok {
			return t
		}
	case List:
		return parseList(text)
	}
	return text
}

var boolWords = map[string]bool{
	"是": true, "否": false, "true": true, "false": false, "1": true, "0": false,
	"y": true, "n": false, "yes": true, "no": false, "√": true, "×": false,
}

// slashDate is a date as Excel and WPS show it: 2017/3/1 or 2017.3.1.
var slashDate = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)

// parseDate reads a TOML date or date-time, a date with slashes, or an
// Excel date serial, and returns it decoded as the loader decodes TOML.
func parseDate(s string) (time.Time, bool) {
	if m := slashDate.FindStringSubmatch(s); m != nil {
		s = m[1] + "-" + pad2(m[2]) + "-" + pad2(m[3])
	} else if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 1 && n < 2958466 && !strings.Contains(s, "-") {
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			return time.Time{}, false
		}
		s = t.Format("2006-01-02")
	}
	if len(s) < 10 || s[4] != '-' {
		return time.Time{}, false
	}
	var v struct{ V any }
	if _, err := toml.Decode("V = "+s, &v); err != nil {
		return time.Time{}, false
	}
	t, ok := v.V.(time.Time)
	return t, ok
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// parseList splits a cell into the elements of an array of strings.
func parseList(text string) []any {
	out := []any{}
	if strings.TrimSpace(text) == EmptyList {
		return out
	}
	for _, line := range strings.Split(text, "\n") {
		for _, part := range strings.Split(line, listSep) {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// sameCell reports whether a cell says what the file holds already: the
// same text as the export writes, or text that reads as the same value.
func sameCell(old any, text string, k Kind) bool {
	if cellText(old, k) == text {
		return true
	}
	return frontedit.Equal(old, parseCell(text, k))
}

// getPath returns the value at a dotted key path of a table.
func getPath(m map[string]any, path string) (any, bool) {
	for {
		key, rest, nested := strings.Cut(path, ".")
		v, ok := m[key]
		if !ok || !nested {
			return v, ok
		}
		if m, ok = v.(map[string]any); !ok {
			return nil, false
		}
		path = rest
	}
}

// setPath sets the value at a dotted key path, making tables on the way.
func setPath(m map[string]any, path string, v any) {
	for {
		key, rest, nested := strings.Cut(path, ".")
		if !nested {
			m[key] = v
			return
		}
		sub, ok := m[key].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[key] = sub
		}
		m, path = sub, rest
	}
}

// deletePath deletes the value at a dotted key path; a table it leaves
// empty goes too.
func deletePath(m map[string]any, path string) {
	key, rest, nested := strings.Cut(path, ".")
	if !nested {
		delete(m, key)
		return
	}
	if sub, ok := m[key].(map[string]any); ok {
		deletePath(sub, rest)
		if len(sub) == 0 {
			delete(m, key)
		}
	}
}

// clone copies decoded front matter deeply enough to edit it: tables and
// arrays of tables are copied, values are shared.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = clone(e)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			out[i] = clone(e).(map[string]any)
		}
		return out
	}
	return v
}
