package frontedit

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// valueEnd returns the offset just after the TOML value that starts at
// b[i]: a string of any of the four kinds, an array or inline table
// (which may span lines and hold comments), or a scalar up to the end of
// the line or a comment. It returns -1 when the value is not closed.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch {
	case hasAt(b, i, `"""`):
		return multiEnd(b, i+3, `"""`, true)
	case hasAt(b, i, `'''`):
		return multiEnd(b, i+3, `'''`, false)
	case b[i] == '"':
		return stringEnd(b, i+1, '"', true)
	case b[i] == '\'':
		return stringEnd(b, i+1, '\'', false)
	case b[i] == '[' || b[i] == '{':
		return nestedEnd(b, i)
	}
	j := i
	for j < len(b) && b[j] != '\n' && b[j] != '#' && b[j] != ',' && b[j] != ']' && b[j] != '}' {
		j++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\r') {
		j--
	}
	return j
}

func hasAt(b []byte, i int, s string) bool {
	return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s
}

// stringEnd finds the closing quote of a one-line string.
func stringEnd(b []byte, i int, quote byte, escapes bool) int {
	for ; i < len(b) && b[i] != '\n'; i++ {
		if escapes && b[i] == '\\' {
			i++
			continue
		}
		if b[i] == quote {
			return i + 1
		}
	}
	return -1
}

// multiEnd finds the closing delimiter of a multi-line string; up to two
// more quotes right before it belong to the string.
func multiEnd(b []byte, i int, delim string, escapes bool) int {
	for ; i < len(b); i++ {
		if escapes && b[i] == '\\' {
			i++
			continue
		}
		if hasAt(b, i, delim) {
			end := i + 3
			for k := 0; k < 2 && end < len(b) && b[end] == delim[0]; k++ {
				end++
			}
			return end
		}
	}
	return -1
}

// nestedEnd finds the end of an array or inline table, skipping strings
// and comments inside it.
func nestedEnd(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch c := b[i]; {
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case c == '#':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			end := valueEnd(b, i)
			if end < 0 {
				return -1
			}
			i = end
			continue
		}
		i++
	}
	return -1
}

// Encode writes a value as TOML on one line: a basic string with escapes,
// an integer, a float, a boolean, a date or date-time (TOML local dates as
// 2006-01-02), or a flat array of those. Tables are not values here: Render
// and Rewrite write them as headers.
func Encode(v any) string {
	switch x := v.(type) {
	case string:
		return Quote(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		return FormatTime(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = Quote(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Encode(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = encodeKey(k) + " = " + Encode(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return Quote(fmt.Sprint(v))
}

// FormatTime writes a TOML date, time or date-time as the loader decodes
// it: local dates as 2006-01-02, local date-times without an offset.
func FormatTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format("2006-01-02")
	case "time-local":
		return t.Format("15:04:05.999999999")
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}

// Quote writes s as a TOML basic string: the one writer of TOML strings
// for new files (scaffold) and edits (Rewrite, Render).
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// encodeKey writes a key bare when it can be, quoted otherwise.
func encodeKey(k string) string {
	if k == "" {
		return `""`
	}
	for _, c := range []byte(k) {
		if !isBare(c) {
			return Quote(k)
		}
	}
	return k
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// Equal reports whether two decoded TOML values are the same value: same
// type, same contents; times must also be of the same TOML kind (a local
// date is not a date-time). []string and []any of strings are equal.
func Equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && equalMaps(x, y)
	case []map[string]any:
		y, ok := b.([]map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalMaps(x[i], y[i]) {
				return false
			}
		}
		return true
	case []any, []string:
		return equalLists(asList(a), b)
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y) && x.Location().String() == y.Location().String()
	case string, int64, bool, float64:
		return a == b
	}
	return false
}

func equalMaps(x, y map[string]any) bool {
	if len(x) != len(y) {
		return false
	}
	for k, v := range x {
		w, ok := y[k]
		if !ok || !Equal(v, w) {
			return false
		}
	}
	return true
}

// equalLists compares an array with b, which must be an array too.
func equalLists(x []any, b any) bool {
	switch b.(type) {
	case []any, []string:
	default:
		return false
	}
	y := asList(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !Equal(x[i], y[i]) {
			return false
		}
	}
	return true
}

// asList returns an array as []any.
func asList(v any) []any {
	if s, ok := v.([]string); ok {
		out := make([]any, len(s))
		for i, e := range s {
			out[i] = e
		}
		return out
	}
	x, _ := v.([]any)
	return x
}
