package load

import (
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// fastDecode decodes the plain TOML that guides are written in, about ten
// times faster than BurntSushi/toml, whose channel-driven lexer costs some
// 100 µs a guide and would make loading 10,000 guides take a second.
//
// It accepts only a strict subset: [table] and [[array]] headers and keys
// that are bare (A-Z a-z 0-9 _ -) without dots or spaces inside headers;
// one-line "basic" and 'literal' strings; decimal integers; true and false;
// local dates (2017-03-01); one-level arrays of those values. On anything
// else — dotted or quoted keys, multi-line strings, floats, date-times,
// inline tables, any syntax error, any key or table defined twice — it
// gives up (ok = false) and the caller uses BurntSushi/toml, which stays
// the reference and the one that reports errors. FuzzFastDecode checks
// that whenever fastDecode succeeds, BurntSushi/toml succeeds with exactly
// the same values.
func fastDecode(src []byte) (m map[string]any, ok bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	p := fastParser{src: src, root: make(map[string]any, 24)}
	if !p.run() {
		return nil, false
	}
	return p.root, true
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

type fastParser struct {
	src  []byte
	i    int
	root map[string]any
	cur  map[string]any // the table that key = value lines go into
}

func (p *fastParser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

func (p *fastParser) skipSpace() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t') {
		p.i++
	}
}

// endOfLine accepts optional spaces and a comment, then a newline or the
// end of the input.
func (p *fastParser) endOfLine() bool {
	p.skipSpace()
	if !p.skipComment() {
		return false
	}
	if p.i == len(p.src) {
		return true
	}
	if p.src[p.i] == '\n' {
		p.i++
		return true
	}
	return false
}

// skipComment steps over a comment up to (not including) the newline; it
// fails on control characters, which TOML forbids in comments.
func (p *fastParser) skipComment() bool {
	if p.peek() != '#' {
		return true
	}
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		if !commentByte(p.src[p.i]) {
			return false
		}
		p.i++
	}
	return true
}

// commentByte rejects control characters that TOML forbids in comments.
func commentByte(c byte) bool { return c == '\t' || c >= 0x20 && c != 0x7f }

func (p *fastParser) run() bool {
	p.cur = p.root
	explicit := map[string]bool{} // table paths with a [header]
	arrays := map[string]bool{}   // array-of-tables paths
	for p.i < len(p.src) {
		p.skipSpace()
		switch c := p.peek(); {
		case c == '\n' || c == '#':
			if !p.endOfLine() {
				return false
			}
		case c == '[':
			if !p.header(explicit, arrays) || !p.endOfLine() {
				return false
			}
		case isBareKeyByte(c) && c < 0x80:
			key := p.bareKey()
			p.skipSpace()
			if p.peek() != '=' {
				return false
			}
			p.i++
			p.skipSpace()
			if _, dup := p.cur[key]; dup {
				return false
			}
			v, ok := p.value(true)
			if !ok || !p.endOfLine() {
				return false
			}
			p.cur[key] = v
		default:
			return false
		}
	}
	return true
}

func (p *fastParser) bareKey() string {
	start := p.i
	for p.i < len(p.src) && isBareKeyByte(p.src[p.i]) && p.src[p.i] < 0x80 {
		p.i++
	}
	return string(p.src[start:p.i])
}

// header reads [a.b] or [[a.b]] and makes that table current. explicit and
// arrays are keyed by the table's path with array elements numbered, so
// that the same header under another element is a different table.
func (p *fastParser) header(explicit, arrays map[string]bool) bool {
	p.i++
	isArray := p.peek() == '['
	if isArray {
		p.i++
	}
	var parts []string
	for {
		if c := p.peek(); !isBareKeyByte(c) || c >= 0x80 {
			return false
		}
		parts = append(parts, p.bareKey())
		if p.peek() != '.' {
			break
		}
		p.i++
	}
	if p.peek() != ']' {
		return false
	}
	p.i++
	if isArray {
		if p.peek() != ']' {
			return false
		}
		p.i++
	}
	t := p.root
	path := ""
	for n, k := range parts {
		path = join(path, k)
		last := n == len(parts)-1
		v, exists := t[k]
		switch {
		case last && isArray:
			if !exists {
				arrays[path] = true
				elem := map[string]any{}
				t[k] = []map[string]any{elem}
				p.cur = elem
				return true
			}
			list, isList := v.([]map[string]any)
			if !isList || !arrays[path] {
				return false
			}
			elem := map[string]any{}
			t[k] = append(list, elem)
			p.cur = elem
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
				if !arrays[path] || last {
					return false
				}
				t = x[len(x)-1]
				path += "." + strconv.Itoa(len(x)-1)
			default:
				return false
			}
		}
		if last {
			if explicit[path] {
				return false
			}
			explicit[path] = true
		}
	}
	p.cur = t
	return true
}

// value reads a string, integer, boolean, date, or (when arrays is true) a
// one-level array of those.
func (p *fastParser) value(arrays bool) (any, bool) {
	switch c := p.peek(); {
	case c == '"':
		return p.basicString()
	case c == '\'':
		return p.literalString()
	case c == '[' && arrays:
		return p.array()
	case c == 't' || c == 'f':
		return p.boolean()
	case c >= '0' && c <= '9' || c == '-' || c == '+':
		return p.numberOrDate()
	}
	return nil, false
}

func (p *fastParser) array() (any, bool) {
	p.i++
	out := []any{}
	for {
		if !p.skipBlank() {
			return nil, false
		}
		if p.peek() == ']' {
			p.i++
			return out, true
		}
		v, ok := p.value(false)
		if !ok {
			return nil, false
		}
		out = append(out, v)
		if !p.skipBlank() {
			return nil, false
		}
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return out, true
		default:
			return nil, false
		}
	}
}

// skipBlank steps over spaces, newlines and comments inside an array.
func (p *fastParser) skipBlank() bool {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == ' ' || c == '\t' || c == '\n':
			p.i++
		case c == '#':
			if !p.skipComment() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

func (p *fastParser) boolean() (any, bool) {
	rest := p.src[p.i:]
	switch {
	case hasWord(rest, "true"):
		p.i += 4
		return true, true
	case hasWord(rest, "false"):
		p.i += 5
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
func (p *fastParser) numberOrDate() (any, bool) {
	start := p.i
	for p.i < len(p.src) && !isDelimiter(p.src[p.i]) {
		p.i++
	}
	tok := p.src[start:p.i]
	if len(tok) == 10 && tok[4] == '-' && tok[7] == '-' {
		// A date followed by a space and a digit is a date-time.
		if p.i+1 < len(p.src) && p.src[p.i] == ' ' && p.src[p.i+1] >= '0' && p.src[p.i+1] <= '9' {
			return nil, false
		}
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
func (p *fastParser) basicString() (any, bool) {
	if p.i+2 < len(p.src) && p.src[p.i+1] == '"' && p.src[p.i+2] == '"' {
		return nil, false // multi-line string
	}
	p.i++
	start := p.i
	// Fast scan: no escapes.
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '"' {
			s := string(p.src[start:p.i])
			p.i++
			return s, true
		}
		if c == '\\' {
			break
		}
		if !stringByte(c) {
			return nil, false
		}
		p.i++
	}
	buf := append([]byte(nil), p.src[start:p.i]...)
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), true
		case c == '\\':
			if p.i+1 >= len(p.src) {
				return nil, false
			}
			e := p.src[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 't':
				buf = append(buf, '\t')
			case 'n':
				buf = append(buf, '\n')
			case 'f':
				buf = append(buf, '\f')
			case 'r':
				buf = append(buf, '\r')
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				if p.i+n > len(p.src) {
					return nil, false
				}
				r, err := strconv.ParseUint(string(p.src[p.i:p.i+n]), 16, 32)
				if err != nil || !utf8.ValidRune(rune(r)) || !allHex(p.src[p.i:p.i+n]) {
					return nil, false
				}
				buf = utf8.AppendRune(buf, rune(r))
				p.i += n
			default:
				return nil, false
			}
		case !stringByte(c):
			return nil, false
		default:
			buf = append(buf, c)
			p.i++
		}
	}
	return nil, false
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
func (p *fastParser) literalString() (any, bool) {
	if p.i+2 < len(p.src) && p.src[p.i+1] == '\'' && p.src[p.i+2] == '\'' {
		return nil, false
	}
	p.i++
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '\'' {
			s := string(p.src[start:p.i])
			p.i++
			return s, true
		}
		if !stringByte(c) {
			return nil, false
		}
		p.i++
	}
	return nil, false
}
