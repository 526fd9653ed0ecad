package load

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// MaxNesting is how deep TOML text may nest before any TOML parser sees
// it. BurntSushi/toml takes time and memory quadratic in the nesting (8,000
// levels of brackets: 43 s and 1.5 GB; 32,000 parts of one dotted key:
// 97 s), so a file of a few hundred kilobytes could stall a build, and a
// live preview with it, for minutes. The deepest structure the guide format
// needs is about four levels (a key in an inline table in an array, a key
// under [[time.special]]), so 32 refuses nothing real.
//
// The levels of a value are counted as the scan of NestingLine sees them:
// each part of the current [table] or [[array]] header, each part of a
// (dotted) key, and each [ or { that is still open. `[[time.special]]`
// followed by `date = …` is 3; `locations = [{name = "…"}]` puts name at 4.
const MaxNesting = 32

// scanned is what one reading of TOML text by scanTOML yields.
type scanned struct {
	// lines maps every key path to its line in the file (see IndexLines).
	lines map[string]int
	// values are the decoded values when the text is in the plain subset
	// the scanner decodes; nil otherwise, and the caller decodes the text
	// with BurntSushi/toml.
	values map[string]any
	// deep is the line (1 = the first line of the text) on which the text
	// first nests deeper than MaxNesting levels, 0 when it never does.
	// When it is not 0 the scan stopped there: lines is partial and values
	// is nil.
	deep int
}

// scanTOML reads TOML text src, whose first line is line first of its file,
// once, in linear time, and returns the line of every key path, the first
// line nested deeper than MaxNesting and, when src is plain enough, its
// decoded values. It is the project's one reader of TOML positions;
// BurntSushi/toml stays the reference decoder and the only one that
// reports syntax errors: the scanner never fails, it only gives up on the
// values.
//
// The scan is the character machine of NestingLine (headers at the start
// of a top-level line, keys, values, [ ] { } outside strings, strings of
// every kind, comments), which reads every input, TOML or not, the same
// way, and records key paths as it goes. While the text stays within the
// plain subset, each top-level line is first read by a strict decoder
// (fastStatement, below): when the line is plain it is decoded, its
// key and elements recorded and its nesting checked, exactly as the
// machine would have; when it is not, or on any doubt, the values are
// given up and the machine reads that line and the rest of the text.
func scanTOML(src []byte, first int) scanned {
	return scanText(src, first, utf8.Valid(src))
}

// scanText is scanTOML for callers that know whether src is UTF-8 (Parse
// and Config check every file first); values are decoded only from UTF-8.
func scanText(src []byte, first int, isUTF8 bool) scanned {
	s := scanner{
		src:   src,
		line:  1,
		off:   first - 1,
		lines: make(map[string]int, 48),
		vals:  isUTF8,
	}
	if s.vals {
		s.root = make(map[string]any, 24)
		s.cur = s.root
	}
	deep := s.run()
	out := scanned{lines: s.lines, deep: deep}
	if s.vals && deep == 0 {
		out.values = s.root
	}
	return out
}

// NestingLine returns the line of src (1 = its first line) on which TOML
// text src first nests deeper than MaxNesting levels, or 0 when it never
// does. It reads src once, in linear time, and understands just enough
// TOML for that: [table] and [[array]] headers at the start of a top-level
// line, dotted keys, [ ] { } outside strings, basic strings with their
// escapes, 'literal' strings, multi-line strings of both kinds, and
// comments. Text that is not TOML is scanned all the same, without an
// error: the TOML parser that comes next reports it. Only what follows a
// complete top-level value on its line is stepped over uncounted: it is
// not TOML either, and BurntSushi/toml refuses it at once without reading
// further (TestRestOfLineAfterValue). Parse and Config
// check it (through scanTOML) before decoding; so must any other code that
// hands TOML from a site to a parser.
func NestingLine(src []byte) int {
	return scanTOML(src, 1).deep
}

type scanner struct {
	src  []byte
	i    int
	line int // line of src, from 1
	off  int // what makes a line of src a line of the file

	// Nesting, as NestingLine counts it. open are the brackets not yet
	// closed, innermost last; never more than MaxNesting, since the scan
	// stops when that is exceeded. table is the number of parts of the
	// last header, the level of the table that top-level keys go into.
	open  [MaxNesting]frame
	n     int
	table int

	// Lines. prefix is the path of the current table ("" at top level),
	// arrays counts the elements of each array of tables seen so far.
	lines  map[string]int
	prefix string
	arrays map[string]int
	parts  []string // parts of the header being read, reused

	// Values, while vals holds (see fastStatement).
	vals      bool
	root, cur map[string]any
	tables    map[string]uint8 // explicitTable | arrayOfTables, by table path

	machine // the state of run
}

// frame is a [ or { not yet closed.
type frame struct {
	inline bool // { }; otherwise [ ]
	level  int
	path   string // key path of the array or inline table
	elems  int    // elements of an array so far
	want   bool   // an array waiting for its next element
}

// base is the level of the table or array that holds what comes next.
func (s *scanner) base() int {
	if s.n > 0 {
		return s.open[s.n-1].level
	}
	return s.table
}

// keyBase is the path under which the key being read goes: the inline
// table it is in, or the current table.
func (s *scanner) keyBase() string {
	if s.n > 0 {
		return s.open[s.n-1].path
	}
	return s.prefix
}

// setLine records the line of path.
func (s *scanner) setLine(path string, line int) { s.lines[path] = line + s.off }

// setFirst records a line for path unless one is recorded already: the
// tables a dotted key or header creates implicitly are placed where they
// first appear.
func (s *scanner) setFirst(path string, line int) {
	if _, ok := s.lines[path]; !ok {
		s.lines[path] = line + s.off
	}
}

const (
	nestStatement = iota // at the start of a top-level line
	nestKey              // reading a key (top level, or in an inline table)
	nestValue            // reading a value, or after one
)

// key is the key being read: the path of its finished parts, the part
// being read and the line it starts on.
type key struct {
	path    string
	part    string
	line    int
	started bool
}

func (k *key) token(part string, line int) {
	if !k.started {
		k.started, k.line = true, line
	}
	k.part = part
}

// machine is the state of run between bytes.
type machine struct {
	mode     int
	keyParts int    // parts of the key being read
	level    int    // level of the table or array the next value goes in
	k        key    // the key being read
	val      string // path of the value that starts next
	// A top-level key = value ends its line: what follows the value on
	// that line is not TOML (a comment is stepped over all the same), and
	// BurntSushi/toml stops right there, so it is skipped as IndexLines
	// always skipped it. top: the value of a top-level key is next;
	// bracketed: it is an array or inline table, ending when it closes.
	top, bracketed bool
}

// run scans the whole text and returns the line where it nests deeper than
// MaxNesting, or 0. Blanks and comments are stepped over here; any other
// byte starts a step of the mode the machine is in, which reads it and
// what it goes on to, and reports deep when the text nests deeper than
// MaxNesting there.
func (s *scanner) run() int {
	s.machine = machine{mode: nestStatement}
	for s.i < len(s.src) {
		c := s.src[s.i]
		var deep bool
		switch {
		case c == ' ' || c == '\t':
			s.i++
		case c == '\n':
			s.newline()
		case c == '\r':
			s.vals = false
			s.i++
		case c == '#':
			s.comment()
		case s.mode == nestStatement:
			deep = s.statement(c)
		case s.mode == nestKey:
			deep = s.keyByte(c)
		default:
			deep = s.valueByte(c)
		}
		if deep {
			return s.line
		}
	}
	return 0
}

// newline steps over a newline; outside brackets it ends the statement.
func (s *scanner) newline() {
	s.line++
	s.i++
	if s.n == 0 {
		s.mode = nestStatement
		s.top, s.bracketed = false, false
	}
}

// startKey starts reading a key under path.
func (s *scanner) startKey(path string) {
	s.mode, s.keyParts = nestKey, 1
	s.k = key{path: path}
}

// statement starts a top-level line at c: the plain decoder reads it while
// values are decoded and it is plain; otherwise it is a header or a key.
func (s *scanner) statement(c byte) (deep bool) {
	s.val = ""
	if s.vals {
		if s.fastStatement() {
			return false
		}
		s.vals = false
	}
	if c == '[' {
		if !s.header() {
			return true
		}
		s.mode, s.level = nestValue, s.table // what follows a header is an error, but is scanned too
		return false
	}
	s.startKey(s.prefix)
	return s.keyByte(c)
}

// keyByte reads c in a key: a part of it, a dot, the = that ends it, or
// (in an inline table) a comma or the closing brace.
func (s *scanner) keyByte(c byte) (deep bool) {
	switch c {
	case '"', '\'':
		start, line := s.i, s.line
		s.skipString()
		s.k.token(quotedKey(s.src[start:s.i]), line)
		return false
	case '.':
		s.keyParts++
		if s.base()+s.keyParts > MaxNesting {
			return true
		}
		s.k.path = join(s.k.path, s.k.part)
		s.k.part = ""
		s.setFirst(s.k.path, s.k.line)
	case '=':
		return s.keyEnd()
	case ',':
		s.startKey(s.keyBase())
	case '}':
		s.mode = nestValue
		s.closeBracket()
		return false
	case '[', '{', ']':
		// Not TOML; count it as a value would be counted.
		s.mode, s.level = nestValue, s.base()
		return false
	default:
		if isBareKeyByte(c) {
			start := s.i
			for s.i < len(s.src) && isBareKeyByte(s.src[s.i]) {
				s.i++
			}
			s.k.token(string(s.src[start:s.i]), s.line)
			return false
		}
	}
	s.i++
	return false
}

// keyEnd reads the = after a key, whose line it records, and starts its
// value.
func (s *scanner) keyEnd() (deep bool) {
	s.mode, s.level = nestValue, s.base()+s.keyParts
	if s.level > MaxNesting {
		return true
	}
	s.val = join(s.k.path, s.k.part)
	s.setLine(s.val, s.k.line)
	s.top = s.n == 0
	s.i++
	return false
}

// valueByte reads c in a value, or after one.
func (s *scanner) valueByte(c byte) (deep bool) {
	if s.top {
		s.top = false
		if s.topValue(c) {
			return false
		}
	}
	// The first character of an element of an array places the element.
	if s.n > 0 && s.open[s.n-1].want && c != ']' {
		s.element()
	}
	switch c {
	case '"', '\'':
		s.skipString()
		return false
	case '[', '{':
		return s.openBracket(c)
	case ']', '}':
		s.closeBracket()
		return false
	case ',':
		s.comma()
	}
	s.i++
	return false
}

// topValue reads the start c of the value of a top-level key. A string
// or a scalar ends the statement: it and the rest of its line are
// stepped over and topValue reports true. An array or an inline table is
// left to be read, and then ends the statement when it closes.
func (s *scanner) topValue(c byte) (done bool) {
	switch c {
	case '"', '\'':
		s.skipString()
		s.skipLine()
	case '[', '{':
		s.bracketed = true
		return false
	default:
		s.skipLine()
	}
	return true
}

// element records the line of the element of the innermost array, which
// starts at s.i.
func (s *scanner) element() {
	f := &s.open[s.n-1]
	s.val = f.path + "." + strconv.Itoa(f.elems)
	s.setLine(s.val, s.line)
	f.elems++
	f.want = false
}

// openBracket steps over the [ or { c, which opens an array or an inline
// table one level deeper.
func (s *scanner) openBracket(c byte) (deep bool) {
	level := s.level + 1
	if level > MaxNesting {
		return true
	}
	s.open[s.n] = frame{inline: c == '{', level: level, path: s.val, want: c == '['}
	s.n++
	s.level = level
	if c == '{' {
		s.startKey(s.val)
	}
	s.i++
	return false
}

// closeBracket steps over a ] or }. When it closes the value of a
// top-level key, the rest of the line is stepped over too.
func (s *scanner) closeBracket() {
	s.close()
	s.level = s.base()
	s.i++
	if s.bracketed && s.n == 0 {
		s.bracketed = false
		s.skipLine()
	}
}

// comma reads a comma after a value: in an inline table a key follows, in
// an array the next element.
func (s *scanner) comma() {
	if s.n > 0 && s.open[s.n-1].inline {
		s.startKey(s.keyBase())
		return
	}
	s.level = s.base()
	if s.n > 0 {
		s.open[s.n-1].want = true
	}
}

// skipLine moves to the end of the line (not past its newline).
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// close closes the innermost bracket, whichever kind it is: a mismatch is
// the TOML parser's to report.
func (s *scanner) close() {
	if s.n > 0 {
		s.n--
	}
}

// comment steps over a comment up to (not including) the newline. While
// values are decoded, a control character TOML forbids in comments gives
// them up.
func (s *scanner) comment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		if !commentByte(s.src[s.i]) {
			s.vals = false
		}
		s.i++
	}
}

// commentByte rejects control characters that TOML forbids in comments.
func commentByte(c byte) bool { return c == '\t' || c >= 0x20 && c != 0x7f }

// header steps over a [table] or [[array]] header, sets s.table to its
// number of parts and, when the header is well formed, makes it the
// current table. It stops at the end of the line when the header is not
// closed. It reports false when the header has more than MaxNesting parts.
func (s *scanner) header() bool {
	line := s.line
	s.i++
	isArray := s.i < len(s.src) && s.src[s.i] == '['
	if isArray {
		s.i++
	}
	s.table = 1
	parts := s.parts[:0]
	part, tokens := "", 0 // the part being read and its tokens (one when well formed)
	ok := true
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case '\n':
			return true
		case '"', '\'':
			start := s.i
			s.skipString()
			part = quotedKey(s.src[start:s.i])
			tokens++
			continue
		case '.':
			s.table++
			if s.table > MaxNesting {
				return false
			}
			ok = ok && tokens == 1
			parts = append(parts, part)
			part, tokens = "", 0
		case ']':
			s.i++
			closed := s.i < len(s.src) && s.src[s.i] == ']'
			if closed {
				s.i++
			}
			if ok && tokens == 1 && (closed || !isArray) {
				s.parts = append(parts, part)
				s.enterTable(s.parts, isArray, line)
			}
			return true
		case ' ', '\t':
		default:
			if isBareKeyByte(c) {
				start := s.i
				for s.i < len(s.src) && isBareKeyByte(s.src[s.i]) {
					s.i++
				}
				part = string(s.src[start:s.i])
				tokens++
				continue
			}
			ok = false
		}
		s.i++
	}
	return true
}

// enterTable makes the table of a well-formed header current and records
// the lines of the tables it names.
func (s *scanner) enterTable(parts []string, isArray bool, line int) {
	path := ""
	for n, k := range parts {
		path = join(path, k)
		last := n == len(parts)-1
		if last && isArray {
			if s.arrays == nil {
				s.arrays = make(map[string]int)
			}
			count := s.arrays[path]
			s.arrays[path] = count + 1
			s.setFirst(path, line)
			path = path + "." + strconv.Itoa(count)
			s.setLine(path, line)
			break
		}
		if count, ok := s.arrays[path]; ok && count > 0 {
			path = path + "." + strconv.Itoa(count-1)
		}
		if last {
			s.setLine(path, line)
		} else {
			s.setFirst(path, line)
		}
	}
	s.prefix = path
}

// quotedKey is the key a "basic" or 'literal' key token stands for.
func quotedKey(raw []byte) string {
	if len(raw) < 2 || raw[len(raw)-1] != raw[0] {
		return string(raw[1:]) // not closed: not TOML anyway
	}
	if raw[0] == '\'' || strings.IndexByte(string(raw), '\\') < 0 {
		return string(raw[1 : len(raw)-1])
	}
	if k, err := strconv.Unquote(string(raw)); err == nil {
		return k
	}
	return string(raw[1 : len(raw)-1])
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

func join(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

// skipString steps over the string that starts at s.i: "basic" (with
// backslash escapes), 'literal', or multi-line of either kind, counting
// the lines inside. A one-line string not closed on its line ends there.
func (s *scanner) skipString() {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		s.skipMultiline(q)
		return
	}
	s.i++
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n':
			return
		case c == '\\' && q == '"' && s.i+1 < len(s.src) && s.src[s.i+1] != '\n':
			s.i += 2
			continue
		case c == q:
			s.i++
			return
		}
		s.i++
	}
}

// skipMultiline steps over the multi-line string with quotes q that
// starts at s.i, counting the lines inside. The closing quotes may be
// followed by up to two more that belong to the string.
func (s *scanner) skipMultiline(q byte) {
	s.i += 3
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\\' && q == '"' && s.i+1 < len(s.src):
			if s.src[s.i+1] == '\n' {
				s.line++
			}
			s.i += 2
			continue
		case c == '\n':
			s.line++
		case c == q && s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q:
			s.i += 3
			// Up to two more quotes belong to the string.
			for k := 0; k < 2 && s.i < len(s.src) && s.src[s.i] == q; k++ {
				s.i++
			}
			return
		}
		s.i++
	}
}

// localDate is the time.Location BurntSushi/toml gives local dates; it is
// an internal variable of that package, so it is learnt by decoding one.
var localDate = sync.OnceValue(func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &m); err == nil {
		if t, ok := m["d"].(time.Time); ok {
			return t.Location()
		}
	}
	return nil
})

// The plain subset.
//
// fastStatement and the functions after it decode the plain TOML that
// guides are written in, about ten times faster than BurntSushi/toml, whose
// channel-driven lexer costs some 100 µs a guide and would make loading
// 10,000 guides take a second.
//
// They accept only a strict subset: [table] and [[array]] headers and keys
// that are bare (A-Z a-z 0-9 _ -) without dots or spaces inside headers;
// one-line "basic" and 'literal' strings; decimal integers; true and false;
// local dates (2017-03-01); one-level arrays of those values; comments. On
// anything else — dotted or quoted keys, multi-line strings, floats,
// date-times, inline tables, CR, any syntax error, any key or table
// defined twice, nesting near MaxNesting — the values are given up and the
// caller uses BurntSushi/toml, which stays the reference and the one that
// reports errors. FuzzFastDecode checks that whenever the scanner decodes
// values, BurntSushi/toml succeeds with exactly the same values.

// fastStatement reads the top-level line at s.i (a header or key = value,
// up to and including its newline) when it is plain, decodes it, and
// records its lines and table as the machine of run would have. Otherwise
// it leaves s.i and s.line where they were and reports false; what it
// recorded then is recorded again, the same, by the machine.
func (s *scanner) fastStatement() bool {
	i, line := s.i, s.line
	var ok bool
	if s.src[s.i] == '[' {
		ok = s.fastHeader()
	} else {
		ok = s.fastKeyValue()
	}
	if !ok {
		s.i, s.line = i, line
	}
	return ok
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) skipSpace() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// endOfLine accepts optional spaces and a comment, then a newline or the
// end of the input.
func (s *scanner) endOfLine() bool {
	s.skipSpace()
	if !s.skipComment() {
		return false
	}
	if s.i == len(s.src) {
		return true
	}
	if s.src[s.i] == '\n' {
		s.i++
		s.line++
		return true
	}
	return false
}

// skipComment steps over a comment up to (not including) the newline; it
// fails on control characters, which TOML forbids in comments.
func (s *scanner) skipComment() bool {
	if s.peek() != '#' {
		return true
	}
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		if !commentByte(s.src[s.i]) {
			return false
		}
		s.i++
	}
	return true
}

// plainKeyByte is a byte of a bare key in the plain subset (ASCII).
func plainKeyByte(c byte) bool { return isBareKeyByte(c) && c < 0x80 }

func (s *scanner) bareKey() string {
	start := s.i
	for s.i < len(s.src) && plainKeyByte(s.src[s.i]) {
		s.i++
	}
	return string(s.src[start:s.i])
}

// fastKeyValue reads key = value.
func (s *scanner) fastKeyValue() bool {
	line := s.line
	if !plainKeyByte(s.peek()) || s.table+1 > MaxNesting {
		return false
	}
	key := s.bareKey()
	s.skipSpace()
	if s.peek() != '=' {
		return false
	}
	s.i++
	s.skipSpace()
	if _, dup := s.cur[key]; dup {
		return false
	}
	path := join(s.prefix, key)
	v, ok := s.value(path)
	if !ok || !s.endOfLine() {
		return false
	}
	s.cur[key] = v
	s.setLine(path, line)
	return true
}

// fastHeader reads [a.b] or [[a.b]].
func (s *scanner) fastHeader() bool {
	line := s.line
	s.i++
	isArray := s.peek() == '['
	if isArray {
		s.i++
	}
	parts := s.parts[:0]
	for {
		if !plainKeyByte(s.peek()) {
			return false
		}
		parts = append(parts, s.bareKey())
		if s.peek() != '.' {
			break
		}
		s.i++
	}
	s.parts = parts
	if s.peek() != ']' {
		return false
	}
	s.i++
	if isArray {
		if s.peek() != ']' {
			return false
		}
		s.i++
	}
	if len(parts) > MaxNesting || !s.endOfLine() || !s.valueTable(parts, isArray) {
		return false
	}
	s.enterTable(parts, isArray, line)
	s.table = len(parts)
	return true
}

// What s.tables knows of a table path.
const (
	explicitTable = 1 << iota // the path has a [header]
	arrayOfTables             // the path is an [[array]] of tables
)

// valueTable makes the table a header names current for the values.
// s.tables is keyed by the table's path with array elements numbered, so
// that the same header under another element is a different table. It
// reports false on a table defined twice or any other doubt.
func (s *scanner) valueTable(parts []string, isArray bool) bool {
	if s.tables == nil {
		s.tables = make(map[string]uint8, 8)
	}
	t := s.root
	path := ""
	for n, k := range parts {
		path = join(path, k)
		last := n == len(parts)-1
		v, exists := t[k]
		switch {
		case last && isArray:
			if !exists {
				s.tables[path] |= arrayOfTables
				elem := map[string]any{}
				t[k] = []map[string]any{elem}
				s.cur = elem
				return true
			}
			list, isList := v.([]map[string]any)
			if !isList || s.tables[path]&arrayOfTables == 0 {
				return false
			}
			elem := map[string]any{}
			t[k] = append(list, elem)
			s.cur = elem
			return true
		case !exists:
			sub := map[string]any{}
			t[k] = sub
			t = sub
		default:
			switch x := v.(type) {
			case map[string]any:
				t = x
			case []map[string]any:
				if s.tables[path]&arrayOfTables == 0 || last {
					return false
				}
				t = x[len(x)-1]
				path += "." + strconv.Itoa(len(x)-1)
			default:
				return false
			}
		}
		if last {
			if s.tables[path]&explicitTable != 0 {
				return false
			}
			s.tables[path] |= explicitTable
		}
	}
	s.cur = t
	return true
}

// value reads a string, integer, boolean, date, or (when path is not "")
// a one-level array of those, whose elements it records under path.
func (s *scanner) value(path string) (any, bool) {
	switch c := s.peek(); {
	case c == '"':
		return s.basicString()
	case c == '\'':
		return s.literalString()
	case c == '[' && path != "":
		return s.array(path)
	case c == 't' || c == 'f':
		return s.boolean()
	case c >= '0' && c <= '9' || c == '-' || c == '+':
		return s.numberOrDate()
	}
	return nil, false
}

func (s *scanner) array(path string) (any, bool) {
	if s.table+2 > MaxNesting {
		return nil, false
	}
	s.i++
	out := []any{}
	for {
		if !s.skipBlank() {
			return nil, false
		}
		if s.peek() == ']' {
			s.i++
			return out, true
		}
		line := s.line
		v, ok := s.value("")
		if !ok {
			return nil, false
		}
		s.setLine(path+"."+strconv.Itoa(len(out)), line)
		out = append(out, v)
		if !s.skipBlank() {
			return nil, false
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return out, true
		default:
			return nil, false
		}
	}
}

// skipBlank steps over spaces, newlines and comments inside an array.
func (s *scanner) skipBlank() bool {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case c == '\n':
			s.i++
			s.line++
		case c == '#':
			if !s.skipComment() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

func (s *scanner) boolean() (any, bool) {
	rest := s.src[s.i:]
	switch {
	case hasWord(rest, "true"):
		s.i += 4
		return true, true
	case hasWord(rest, "false"):
		s.i += 5
		return false, true
	}
	return nil, false
}

// hasWord reports whether b starts with w followed by a value delimiter.
func hasWord(b []byte, w string) bool {
	if len(b) < len(w) || string(b[:len(w)]) != w {
		return false
	}
	return len(b) == len(w) || isDelimiter(b[len(w)])
}

func isDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\n', ',', ']', '#':
		return true
	}
	return false
}

// numberOrDate reads a decimal integer (no underscores, no leading zeros,
// no plus sign) or a local date YYYY-MM-DD not followed by a time.
func (s *scanner) numberOrDate() (any, bool) {
	start := s.i
	for s.i < len(s.src) && !isDelimiter(s.src[s.i]) {
		s.i++
	}
	tok := s.src[start:s.i]
	if len(tok) == 10 && tok[4] == '-' && tok[7] == '-' {
		// A date followed by a space and a digit is a date-time.
		if s.i+1 < len(s.src) && s.src[s.i] == ' ' && s.src[s.i+1] >= '0' && s.src[s.i+1] <= '9' {
			return nil, false
		}
		return plainDate(tok)
	}
	return plainInteger(tok)
}

// plainDate decodes tok, ten bytes with dashes at 4 and 7, as a local
// date.
func plainDate(tok []byte) (any, bool) {
	loc := localDate()
	if loc == nil || !allASCIIDigits(tok[:4]) || !allASCIIDigits(tok[5:7]) || !allASCIIDigits(tok[8:]) {
		return nil, false
	}
	t, err := time.ParseInLocation("2006-01-02", string(tok), loc)
	if err != nil {
		return nil, false
	}
	return t, true
}

// plainInteger decodes tok as a decimal integer of at most 18 digits,
// without a plus sign or leading zeros.
func plainInteger(tok []byte) (any, bool) {
	digits := tok
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || !allASCIIDigits(digits) || (digits[0] == '0' && len(digits) > 1) {
		return nil, false
	}
	n, err := strconv.ParseInt(string(tok), 10, 64)
	if err != nil {
		return nil, false
	}
	return n, true
}

func allASCIIDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// basicString reads a one-line "basic string" with the escapes of TOML 1.0.
func (s *scanner) basicString() (any, bool) {
	// Fast scan: up to the first escape, if any.
	run, ok := s.stringStart('"', true)
	if !ok {
		return nil, false
	}
	if s.src[s.i] == '"' {
		s.i++
		return string(run), true
	}
	buf := append([]byte(nil), run...)
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '"':
			s.i++
			return string(buf), true
		case c == '\\':
			if buf, ok = s.escape(buf); !ok {
				return nil, false
			}
		case !stringByte(c):
			return nil, false
		default:
			buf = append(buf, c)
			s.i++
		}
	}
	return nil, false
}

// escape reads the escape sequence at s.i, a backslash and what follows,
// and appends the character it stands for to buf. It reports false on an
// escape TOML 1.0 does not have.
func (s *scanner) escape(buf []byte) ([]byte, bool) {
	if s.i+1 >= len(s.src) {
		return nil, false
	}
	e := s.src[s.i+1]
	s.i += 2
	switch e {
	case '"', '\\':
		return append(buf, e), true
	case 'b':
		return append(buf, '\b'), true
	case 't':
		return append(buf, '\t'), true
	case 'n':
		return append(buf, '\n'), true
	case 'f':
		return append(buf, '\f'), true
	case 'r':
		return append(buf, '\r'), true
	case 'u':
		return s.unicodeEscape(buf, 4)
	case 'U':
		return s.unicodeEscape(buf, 8)
	}
	return nil, false
}

// unicodeEscape reads the n hex digits of a \u or \U escape at s.i and
// appends the character they stand for to buf.
func (s *scanner) unicodeEscape(buf []byte, n int) ([]byte, bool) {
	if s.i+n > len(s.src) {
		return nil, false
	}
	r, err := strconv.ParseUint(string(s.src[s.i:s.i+n]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(r)) || !allHex(s.src[s.i:s.i+n]) {
		return nil, false
	}
	s.i += n
	return utf8.AppendRune(buf, rune(r)), true
}

func allHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// stringByte rejects the control characters TOML forbids in one-line
// strings (a newline among them).
func stringByte(c byte) bool { return c == '\t' || c >= 0x20 && c != 0x7f }

// literalString reads a one-line 'literal string'.
func (s *scanner) literalString() (any, bool) {
	run, ok := s.stringStart('\'', false)
	if !ok {
		return nil, false
	}
	s.i++ // the closing quote
	return string(run), true
}

// stringStart reads a one-line string whose opening quote q is at s.i: it
// returns the bytes that follow as they stand, up to the closing quote or,
// when escapes is set, the first backslash, and leaves s.i on that byte.
// It reports false for a multi-line string (three quotes), which the
// scanner does not read, for a byte TOML forbids in a one-line string
// (stringByte) and at the end of the source.
func (s *scanner) stringStart(q byte, escapes bool) ([]byte, bool) {
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		return nil, false
	}
	s.i++
	start := s.i
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c == q || escapes && c == '\\' {
			return s.src[start:s.i], true
		}
		if !stringByte(c) {
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// LocalDateLocation is the time.Location of the local dates (2017-03-01)
// a guide's front matter holds, as BurntSushi/toml gives them; nil if it
// could not be learnt. The guide codec needs it to give a date read back
// the location it was decoded with.
func LocalDateLocation() *time.Location { return localDate() }
