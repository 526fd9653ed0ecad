package load

import (
	"strconv"
	"strings"
)

// refIndexLines is IndexLines as it was before scanTOML, its own scanner,
// kept as the reference that TestScanLinesMatchReference and
// FuzzScanLines hold the scanner's lines to. Its documentation follows.
//
// IndexLines returns the line of every key path in TOML text src, whose
// first line is line first of the file it came from. Paths are those of
// site.Document.Lines: keys joined with dots, elements of arrays (arrays of
// tables and inline arrays alike) indexed from 0 — "service",
// "service.visits", "materials.0", "materials.0.name", "keywords.1". A
// table, or an element of an array of tables, is at the line of its header;
// an array of tables as a whole is at its first header.
//
// BurntSushi/toml keeps key positions to itself, so this is a small scanner
// of its own. It follows [table] and [[array]] headers (counting elements,
// nested arrays of tables included), bare, quoted and dotted keys, and
// steps over strings (multi-line ones too), multi-line arrays, inline
// tables and comments. It is meant for TOML that has already parsed: on
// anything it does not understand it skips to the next line, and it never
// panics.
func refIndexLines(src []byte, first int) map[string]int {
	ix := refIndexer{src: src, line: first, out: make(map[string]int, 48)}
	ix.run()
	return ix.out
}

// refMaxDepth bounds nesting of arrays and inline tables so that hostile input
// cannot grow the stack without limit.
const refMaxDepth = 200

type refIndexer struct {
	src    []byte
	i      int
	line   int
	out    map[string]int
	arrays map[string]int // array-of-tables path → elements seen so far
	prefix string         // path of the current table ("" at top level)
}

func (ix *refIndexer) peek(off int) byte {
	if j := ix.i + off; j < len(ix.src) {
		return ix.src[j]
	}
	return 0
}

func (ix *refIndexer) eof() bool { return ix.i >= len(ix.src) }

// run scans statements (headers and key/value pairs) until the end.
func (ix *refIndexer) run() {
	for !ix.eof() {
		ix.skipSpace()
		switch ix.peek(0) {
		case 0:
			if ix.eof() {
				return
			}
			ix.skipLine()
		case '\n':
			ix.i++
			ix.line++
		case '#':
			ix.skipLine()
		case '[':
			ix.header()
			ix.skipLine()
		default:
			ix.keyValue(ix.prefix, 0)
			ix.skipLine()
		}
	}
}

// skipSpace steps over spaces and tabs.
func (ix *refIndexer) skipSpace() {
	for ix.i < len(ix.src) && (ix.src[ix.i] == ' ' || ix.src[ix.i] == '\t') {
		ix.i++
	}
}

// skipBlank steps over spaces, tabs, newlines and comments, as allowed
// between the elements of an array or an inline table.
func (ix *refIndexer) skipBlank() {
	for ix.i < len(ix.src) {
		switch ix.src[ix.i] {
		case ' ', '\t', '\r':
			ix.i++
		case '\n':
			ix.i++
			ix.line++
		case '#':
			for ix.i < len(ix.src) && ix.src[ix.i] != '\n' {
				ix.i++
			}
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line (or the end).
func (ix *refIndexer) skipLine() {
	for ix.i < len(ix.src) {
		c := ix.src[ix.i]
		ix.i++
		if c == '\n' {
			ix.line++
			return
		}
	}
}

// header reads a [table] or [[array]] header and makes it the current table.
func (ix *refIndexer) header() {
	line := ix.line
	ix.i++ // [
	isArray := ix.peek(0) == '['
	if isArray {
		ix.i++
	}
	var parts []string
	for {
		ix.skipSpace()
		k, ok := ix.key()
		if !ok {
			return
		}
		parts = append(parts, k)
		ix.skipSpace()
		if ix.peek(0) != '.' {
			break
		}
		ix.i++
	}
	if ix.peek(0) != ']' || (isArray && ix.peek(1) != ']') {
		return
	}
	ix.i++
	if isArray {
		ix.i++
	}
	path := ""
	for n, k := range parts {
		path = join(path, k)
		last := n == len(parts)-1
		if last && isArray {
			if ix.arrays == nil {
				ix.arrays = make(map[string]int)
			}
			count := ix.arrays[path]
			ix.arrays[path] = count + 1
			ix.setFirst(path, line)
			path = path + "." + strconv.Itoa(count)
			ix.out[path] = line
			break
		}
		if count, ok := ix.arrays[path]; ok && count > 0 {
			path = path + "." + strconv.Itoa(count-1)
		}
		if last {
			ix.out[path] = line
		} else {
			ix.setFirst(path, line)
		}
	}
	ix.prefix = path
}

// keyValue reads `key = value` (the key possibly dotted) under table path
// base and records the line of the key and of everything inside the value.
func (ix *refIndexer) keyValue(base string, depth int) bool {
	line := ix.line
	path := base
	for {
		ix.skipSpace()
		k, ok := ix.key()
		if !ok {
			return false
		}
		path = join(path, k)
		ix.skipSpace()
		if ix.peek(0) != '.' {
			break
		}
		ix.i++
		ix.setFirst(path, line)
	}
	if ix.peek(0) != '=' {
		return false
	}
	ix.i++
	ix.skipSpace()
	ix.out[path] = line
	return ix.value(path, depth)
}

// key reads one bare, "basic" or 'literal' key.
func (ix *refIndexer) key() (string, bool) {
	start := ix.i
	switch ix.peek(0) {
	case '"':
		end, ok := ix.scanBasic()
		if !ok {
			return "", false
		}
		raw := string(ix.src[start:end])
		if strings.IndexByte(raw, '\\') < 0 {
			return raw[1 : len(raw)-1], true
		}
		if s, err := strconv.Unquote(raw); err == nil {
			return s, true
		}
		return raw[1 : len(raw)-1], true
	case '\'':
		end, ok := ix.scanLiteral()
		if !ok {
			return "", false
		}
		return string(ix.src[start+1 : end-1]), true
	}
	for ix.i < len(ix.src) && isBareKeyByte(ix.src[ix.i]) {
		ix.i++
	}
	if ix.i == start {
		return "", false
	}
	return string(ix.src[start:ix.i]), true
}

// value steps over one value, recording the elements of arrays and the keys
// of inline tables under path.
func (ix *refIndexer) value(path string, depth int) bool {
	if depth > refMaxDepth {
		return false
	}
	switch ix.peek(0) {
	case '"':
		if ix.peek(1) == '"' && ix.peek(2) == '"' {
			return ix.scanMultiline('"')
		}
		_, ok := ix.scanBasic()
		return ok
	case '\'':
		if ix.peek(1) == '\'' && ix.peek(2) == '\'' {
			return ix.scanMultiline('\'')
		}
		_, ok := ix.scanLiteral()
		return ok
	case '[':
		return ix.array(path, depth)
	case '{':
		return ix.inlineTable(path, depth)
	}
	// Numbers, booleans, dates and times: up to a delimiter. A date-time
	// may hold one space, which this loop steps over too.
	start := ix.i
	for ix.i < len(ix.src) {
		switch ix.src[ix.i] {
		case ',', ']', '}', '#', '\n':
			return ix.i > start
		}
		ix.i++
	}
	return ix.i > start
}

// array steps over an array, recording the line of each element under
// path.
func (ix *refIndexer) array(path string, depth int) bool {
	ix.i++
	for n := 0; ; n++ {
		ix.skipBlank()
		if ix.peek(0) == ']' {
			ix.i++
			return true
		}
		if ix.eof() {
			return false
		}
		elem := path + "." + strconv.Itoa(n)
		ix.out[elem] = ix.line
		if !ix.value(elem, depth+1) {
			return false
		}
		ix.skipBlank()
		switch ix.peek(0) {
		case ',':
			ix.i++
		case ']':
			ix.i++
			return true
		default:
			return false
		}
	}
}

// inlineTable steps over an inline table, recording the lines of its
// keys under path.
func (ix *refIndexer) inlineTable(path string, depth int) bool {
	ix.i++
	for {
		ix.skipBlank()
		if ix.peek(0) == '}' {
			ix.i++
			return true
		}
		if ix.eof() || !ix.keyValue(path, depth+1) {
			return false
		}
		ix.skipBlank()
		switch ix.peek(0) {
		case ',':
			ix.i++
		case '}':
			ix.i++
			return true
		default:
			return false
		}
	}
}

// scanBasic steps over a one-line "basic string" and returns the offset
// just past its closing quote.
func (ix *refIndexer) scanBasic() (int, bool) {
	ix.i++ // opening quote
	for ix.i < len(ix.src) {
		switch ix.src[ix.i] {
		case '\\':
			ix.i += 2
			continue
		case '"':
			ix.i++
			return ix.i, true
		case '\n':
			return ix.i, false
		}
		ix.i++
	}
	ix.i = len(ix.src)
	return ix.i, false
}

// scanLiteral steps over a one-line 'literal string'.
func (ix *refIndexer) scanLiteral() (int, bool) {
	ix.i++
	for ix.i < len(ix.src) {
		switch ix.src[ix.i] {
		case '\'':
			ix.i++
			return ix.i, true
		case '\n':
			return ix.i, false
		}
		ix.i++
	}
	return ix.i, false
}

// scanMultiline steps over a multi-line string, basic (three double
// quotes) or literal (three single quotes), counting the lines inside. The
// closing delimiter may be followed by up to two more quotes that belong to
// the string.
func (ix *refIndexer) scanMultiline(q byte) bool {
	ix.i += 3
	for ix.i < len(ix.src) {
		c := ix.src[ix.i]
		switch {
		case c == '\\' && q == '"':
			if ix.peek(1) == '\n' {
				ix.line++
			}
			ix.i += 2
			continue
		case c == '\n':
			ix.line++
		case c == q && ix.peek(1) == q && ix.peek(2) == q:
			ix.i += 3
			for n := 0; n < 2 && ix.peek(0) == q; n++ {
				ix.i++
			}
			return true
		}
		ix.i++
	}
	return false
}

// setFirst records a line for path unless one is recorded already: the
// tables a dotted key or header creates implicitly are placed where they
// first appear.
func (ix *refIndexer) setFirst(path string, line int) {
	if _, ok := ix.out[path]; !ok {
		ix.out[path] = line
	}
}
