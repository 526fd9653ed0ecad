package load

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

// NestingLine returns the line of src (1 = its first line) on which TOML
// text src first nests deeper than MaxNesting levels, or 0 when it never
// does. It reads src once, in linear time and constant memory, and
// understands just enough TOML for that: [table] and [[array]] headers at
// the start of a top-level line, dotted keys, [ ] { } outside strings,
// basic strings with their escapes, 'literal' strings, multi-line strings
// of both kinds, and comments. Text that is not TOML is scanned all the
// same, without an error: the TOML parser that comes next reports it.
// Parse and Config call it before decoding; so must any other code that
// hands TOML from a site to a parser.
func NestingLine(src []byte) int {
	s := nestScan{src: src, line: 1}
	return s.run()
}

type nestScan struct {
	src  []byte
	i    int
	line int
	// open are the brackets not yet closed, innermost last; never more
	// than MaxNesting, since the scan stops when that is exceeded.
	open [MaxNesting]nestFrame
	n    int
	// table is the number of parts of the last header, the level of the
	// table that top-level keys go into.
	table int
}

type nestFrame struct {
	inline bool // { }; otherwise [ ]
	level  int
}

// base is the level of the table or array that holds what comes next.
func (s *nestScan) base() int {
	if s.n > 0 {
		return s.open[s.n-1].level
	}
	return s.table
}

const (
	nestStatement = iota // at the start of a top-level line
	nestKey              // reading a key (top level, or in an inline table)
	nestValue            // reading a value, or after one
)

func (s *nestScan) run() int {
	mode := nestStatement
	parts := 0 // parts of the key being read
	cur := 0   // level of the table or array the next value goes in
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch c {
		case '\n':
			s.line++
			s.i++
			if s.n == 0 {
				mode = nestStatement
			}
			continue
		case ' ', '\t', '\r':
			s.i++
			continue
		case '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
			continue
		}
		if mode == nestStatement {
			if c == '[' {
				if !s.header() {
					return s.line
				}
				mode, cur = nestValue, s.table // what follows a header is an error, but is scanned too
				continue
			}
			mode, parts = nestKey, 1
		}
		if mode == nestKey {
			switch c {
			case '"', '\'':
				s.skipString()
				continue
			case '.':
				parts++
				if s.base()+parts > MaxNesting {
					return s.line
				}
			case '=':
				mode, cur = nestValue, s.base()+parts
				if cur > MaxNesting {
					return s.line
				}
			case ',':
				parts = 1
			case '}':
				s.close()
				mode, cur = nestValue, s.base()
			case '[', '{', ']':
				// Not TOML; count it as a value would be counted.
				mode, cur = nestValue, s.base()
				continue
			}
			s.i++
			continue
		}
		switch c {
		case '"', '\'':
			s.skipString()
			continue
		case '[', '{':
			level := cur + 1
			if level > MaxNesting {
				return s.line
			}
			s.open[s.n] = nestFrame{inline: c == '{', level: level}
			s.n++
			cur = level
			if c == '{' {
				mode, parts = nestKey, 1
			}
		case ']', '}':
			s.close()
			cur = s.base()
		case ',':
			if s.n > 0 && s.open[s.n-1].inline {
				mode, parts = nestKey, 1
			} else {
				cur = s.base()
			}
		}
		s.i++
	}
	return 0
}

// close closes the innermost bracket, whichever kind it is: a mismatch is
// the TOML parser's to report.
func (s *nestScan) close() {
	if s.n > 0 {
		s.n--
	}
}

// header steps over a [table] or [[array]] header and sets s.table to its
// number of parts. It stops at the end of the line when the header is not
// closed. It reports false when the header has more than MaxNesting parts.
func (s *nestScan) header() bool {
	s.i++
	if s.i < len(s.src) && s.src[s.i] == '[' {
		s.i++
	}
	s.table = 1
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case '\n':
			return true
		case '"', '\'':
			s.skipString()
			continue
		case '.':
			s.table++
			if s.table > MaxNesting {
				return false
			}
		case ']':
			s.i++
			if s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
			}
			return true
		}
		s.i++
	}
	return true
}

// skipString steps over the string that starts at s.i: "basic" (with
// backslash escapes), 'literal', or multi-line of either kind, counting
// the lines inside. A one-line string not closed on its line ends there.
func (s *nestScan) skipString() {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
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
