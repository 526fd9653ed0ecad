package frontedit

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrUnsupported is returned when a file cannot be changed by a minimal
// edit: its front matter is not closed, it does not parse, or a change
// reaches into a value written in a way the writer does not edit (an
// inline table, dotted keys). The file is left unchanged.
var ErrUnsupported = errors.New("无法局部修改这个文件")

// entry is one key = value line (or lines) of the front matter.
type entry struct {
	path       string // full key path: "service.star", "materials.2.name"
	table      string // path of its table: "service", "materials.2", ""
	lineStart  int    // offset of the start of its first line
	valStart   int    // offset of the value
	valEnd     int    // offset just after the value
	lineEnd    int    // offset after the newline ending its last line
	line, last int    // first and last line, counting the opening +++ as 1
}

// header is one [table] or [[array]] line and the block it opens.
type header struct {
	path      string // "service", "materials.2", "time.special.0"
	array     bool   // [[…]]
	lineStart int
	lineEnd   int // offset after its newline
	blockEnd  int // offset of the next header, or of the closing +++
	line      int
}

// layout is where everything of a file's front matter is, by offset.
type layout struct {
	src        []byte
	frontStart int // offset after the opening +++ line
	frontEnd   int // offset of the closing +++ line
	bodyStart  int // offset after the closing +++ line
	newline    string
	entries    []*entry
	headers    []*header
	byPath     map[string]*entry
	headerOf   map[string]*header
}

// scan finds the entries and headers of a guide file's front matter.
func scan(src []byte) (*layout, error) {
	l := &layout{src: src, newline: "\n", byPath: map[string]*entry{}, headerOf: map[string]*header{}}
	if bytes.Contains(firstLine(src), []byte("\r\n")) {
		l.newline = "\r\n"
	}
	pos := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		pos = 3
	}
	if !isFence(lineAt(src, pos)) {
		return nil, fmt.Errorf("%w：第一行不是 +++", ErrUnsupported)
	}
	pos = nextLine(src, pos)
	l.frontStart = pos
	s := &scanner{l: l, counts: map[string]int{}, line: 2}
	for pos < len(src) {
		if isFence(lineAt(src, pos)) {
			l.frontEnd, l.bodyStart = pos, nextLine(src, pos)
			s.closeBlock(pos)
			return l, nil
		}
		var err error
		if pos, err = s.line1(pos); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%w：前置信息没有结束", ErrUnsupported)
}

// scanner walks the lines of the front matter.
type scanner struct {
	l      *layout
	table  string
	counts map[string]int // elements seen of each array of tables
	open   *header
	line   int
}

// line1 reads the line (or, for a value spanning lines, lines) at pos and
// returns the offset of the next one.
func (s *scanner) line1(pos int) (int, error) {
	src := s.l.src
	i := skipSpace(src, pos)
	switch {
	case i >= len(src) || src[i] == '\n' || src[i] == '\r' || src[i] == '#':
		s.line++
		return nextLine(src, pos), nil
	case src[i] == '[':
		return s.header(pos, i)
	}
	return s.keyValue(pos, i)
}

// header reads a [table] or [[array]] line.
func (s *scanner) header(pos, i int) (int, error) {
	src := s.l.src
	array := hasAt(src, i, "[[")
	open := 1
	if array {
		open = 2
	}
	keys, j, err := readKey(src, i+open)
	if err != nil || !hasAt(src, j, strings.Repeat("]", open)) {
		return 0, fmt.Errorf("%w：第 %d 行的表头看不懂", ErrUnsupported, s.line)
	}
	path := s.resolve(keys)
	if array {
		path = join(s.resolve(keys[:len(keys)-1]), keys[len(keys)-1])
		n := s.counts[path]
		s.counts[path] = n + 1
		path += "." + strconv.Itoa(n)
	}
	s.closeBlock(pos)
	h := &header{path: path, array: array, lineStart: pos, lineEnd: nextLine(src, pos), line: s.line}
	s.l.headers = append(s.l.headers, h)
	s.l.headerOf[path] = h
	s.open, s.table = h, path
	s.line++
	return h.lineEnd, nil
}

// resolve turns a header's dotted name into a path, putting in the index
// of the current element of every array of tables it passes through.
func (s *scanner) resolve(keys []string) string {
	path := ""
	for _, k := range keys {
		if path != "" {
			path += "."
		}
		path += k
		if n, ok := s.counts[path]; ok && n > 0 {
			path += "." + strconv.Itoa(n-1)
		}
	}
	return path
}

func (s *scanner) closeBlock(pos int) {
	if s.open != nil {
		s.open.blockEnd = pos
	}
}

// keyValue reads a key = value line.
func (s *scanner) keyValue(pos, i int) (int, error) {
	src := s.l.src
	keys, j, err := readKey(src, i)
	if err != nil || j >= len(src) || src[j] != '=' {
		return 0, fmt.Errorf("%w：第 %d 行不是“键 = 值”", ErrUnsupported, s.line)
	}
	vs := skipSpace(src, j+1)
	ve := valueEnd(src, vs)
	if ve < 0 {
		return 0, fmt.Errorf("%w：第 %d 行的值没有结束", ErrUnsupported, s.line)
	}
	path := strings.Join(keys, ".")
	if s.table != "" {
		path = s.table + "." + path
	}
	end := nextLine(src, ve)
	e := &entry{path: path, table: s.table, lineStart: pos, valStart: vs, valEnd: ve, lineEnd: end, line: s.line}
	s.line += bytes.Count(src[pos:end], []byte("\n"))
	e.last = s.line - 1
	s.l.entries = append(s.l.entries, e)
	s.l.byPath[path] = e
	return end, nil
}

// readKey reads a possibly dotted key of bare or quoted parts and returns
// its parts and the offset after it (and after spaces).
func readKey(b []byte, i int) ([]string, int, error) {
	var keys []string
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, i, ErrUnsupported
		}
		var k string
		switch b[i] {
		case '"', '\'':
			end := stringEnd(b, i+1, b[i], b[i] == '"')
			if end < 0 {
				return nil, i, ErrUnsupported
			}
			k = unquoteKey(string(b[i:end]))
			i = end
		default:
			j := i
			for j < len(b) && isBare(b[j]) {
				j++
			}
			if j == i {
				return nil, i, ErrUnsupported
			}
			k, i = string(b[i:j]), j
		}
		keys = append(keys, k)
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != '.' {
			return keys, i, nil
		}
		i++
	}
}

func unquoteKey(q string) string {
	if q[0] == '\'' {
		return q[1 : len(q)-1]
	}
	if s, err := strconv.Unquote(q); err == nil {
		return s
	}
	return q[1 : len(q)-1]
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// nextLine returns the offset after the newline at or after pos.
func nextLine(b []byte, pos int) int {
	if j := bytes.IndexByte(b[pos:], '\n'); j >= 0 {
		return pos + j + 1
	}
	return len(b)
}

func lineAt(b []byte, pos int) []byte {
	return bytes.TrimRight(b[pos:nextLine(b, pos)], "\r\n")
}

func firstLine(b []byte) []byte { return b[:nextLine(b, 0)] }

// isFence reports whether a line is +++ with nothing after it but spaces.
func isFence(l []byte) bool {
	return bytes.HasPrefix(l, []byte("+++")) && len(bytes.Trim(l[3:], " \t")) == 0
}

// PathAt returns the most specific key path written on a line of src
// (counting the opening +++ as line 1): the key whose value covers the
// line, or the table whose header is on it; "" for any other line. Import
// uses it to find the spreadsheet cell of a diagnostic.
func PathAt(src []byte, line int) string {
	l, err := scan(src)
	if err != nil {
		return ""
	}
	for _, e := range l.entries {
		if e.line <= line && line <= e.last {
			return e.path
		}
	}
	for _, h := range l.headers {
		if h.line == line {
			return h.path
		}
	}
	return ""
}
