package load

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// deep returns n opening brackets (or braces, or "{a = ", …) and what
// closes them.
func deep(open, close string, n int) string {
	return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
}

// dotted returns a key of n parts: a.a.a…
func dotted(n int) string {
	return "a" + strings.Repeat(".a", n-1)
}

func TestNestingLine(t *testing.T) {
	M := MaxNesting
	front, _, _, err := Split([]byte(contractExample))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string
		want int // line of the first level beyond MaxNesting; 0: none
	}{
		{"empty", "", 0},
		{"contract example", string(front), 0},
		{"special times", "[time]\nlegal_days = 20\n[[time.special]]\nname = \"x\"\ndays = [1, 2]\n", 0},
		{"array of inline tables", "locations = [{name = \"a\", hours = [\"9:00\"]}, {name = \"b\"}]\n", 0},
		// a = is level 1, so M-1 brackets reach level M.
		{"brackets at the limit", "a = " + deep("[", "]", M-1), 0},
		{"brackets beyond the limit", "a = " + deep("[", "]", M), 1},
		{"braces at the limit", "a = " + deep("{b = ", "}", M/2-1), 0},
		{"braces beyond the limit", "a = " + deep("{b = ", "}", M/2), 1},
		{"brackets over lines", "x = 1\na = [\n" + strings.Repeat("[\n", M-2) + "[\n1]]", M + 1},
		{"closed brackets do not add up", strings.Repeat("a = "+deep("[", "]", M-1)+"\n", 50), 0},
		{"array elements side by side", "a = [" + strings.Repeat(deep("[", "]", M-2)+", ", 50) + "1]", 0},
		{"brackets in a basic string", "a = \"" + strings.Repeat("[{", 100) + "\"", 0},
		{"escaped quote does not end a string", `a = "\"` + strings.Repeat("[", 100) + `"`, 0},
		{"escaped backslash ends a string", `a = ["\\", ` + deep("[", "]", M) + "]", 1},
		{"backslash in a literal string is not an escape", `a = ['\', '` + strings.Repeat("[", 100) + "']", 0},
		{"multi-line basic string", "a = \"\"\"\n" + strings.Repeat("[\n", 100) + "\"\"\"\nb = " + deep("[", "]", M), 103},
		{"multi-line basic string with escaped quotes", `a = """x\"""` + strings.Repeat("[", 100) + `"""`, 0},
		{"multi-line literal string", "a = '''\n" + strings.Repeat("{\n", 100) + "'''\nb = " + deep("[", "]", M), 103},
		{"closing quotes may be five", "a = '''x'''''\nb = " + deep("[", "]", M), 2},
		{"comment", "a = 1 # " + strings.Repeat("[", 100) + "\n# " + strings.Repeat("{", 100), 0},
		{"comment in a multi-line array", "a = [ # " + strings.Repeat("[", 100) + "\n 1,\n]", 0},
		{"many table headers do not nest", strings.Repeat("[a]\nx = 1\n[[b]]\ny = [1]\n", 100), 0},
		{"header at the limit", "[" + dotted(M) + "]\n", 0},
		{"header beyond the limit", "x = 1\n[" + dotted(M+1) + "]\n", 2},
		{"key under a header at the limit", "[" + dotted(M) + "]\nx = 1\n", 2},
		{"dots in a quoted header part", "[\"" + strings.Repeat(".", 100) + "\"]\n", 0},
		{"dotted key at the limit", dotted(M) + " = 1\n", 0},
		{"dotted key beyond the limit", dotted(M+1) + " = 1\n", 1},
		{"dots in a quoted key", "\"" + strings.Repeat("a.", 100) + "\" = 1\n", 0},
		{"dots in values", "a = [" + strings.Repeat("1.5, ", 100) + "1.5]\nb = 07:32:00.999\n", 0},
		{"dotted keys in inline tables add up", "a = {" + dotted(M/2) + " = {" + dotted(M/2) + " = 1}}", 1},
		{"braces without keys", strings.Repeat("{", 100), 1},
		{"brackets at the start of a line in an array", "a = [\n" + strings.Repeat("[\n", M), M},
		{"unclosed string ends at its line", "a = \"x\nb = " + deep("[", "]", M), 2},
		{"crlf", "a = 1\r\nb = " + deep("[", "]", M), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NestingLine([]byte(tt.src)); got != tt.want {
				t.Fatalf("NestingLine = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestMaxNestingIsValidTOML shows that the deepest text NestingLine lets
// through is valid TOML that BurntSushi/toml reads, so the limit refuses
// only what is beyond it.
func TestMaxNestingIsValidTOML(t *testing.T) {
	M := MaxNesting
	for _, src := range []string{
		"a = " + deep("[", "]", M-1),
		"a = " + deep("{b = ", "}", M/2-1),
		dotted(M) + " = 1",
		"[" + dotted(M-1) + "]\nx = 1",
	} {
		if l := NestingLine([]byte(src)); l != 0 {
			t.Fatalf("refused at line %d: %q", l, src)
		}
		var m map[string]any
		if _, err := toml.Decode(src, &m); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
	}
}

// TestParseRefusesDeepNesting: 50,000 levels, which would keep
// BurntSushi/toml busy for many minutes and gigabytes, are an R14 error at
// their line, whatever makes the levels.
func TestParseRefusesDeepNesting(t *testing.T) {
	const n = 50000
	for name, value := range map[string]string{
		"brackets":             "a = " + deep("[", "]", n),
		"inline tables":        "a = " + deep("{a = ", "}", n),
		"tables in arrays":     "a = " + deep("[{a = ", "}]", n),
		"dotted key":           dotted(n) + " = 1",
		"header":               "[" + dotted(n) + "]",
		"brackets, no closing": "a = " + strings.Repeat("[", n),
		"braces only":          strings.Repeat("{", n),
	} {
		t.Run(name, func(t *testing.T) {
			src := "+++\ncode = \"a\"\n\n" + value + "\n+++\n正文\n"
			doc, diags := Parse("content/deep.md", []byte(src))
			if doc != nil || len(diags) != 1 {
				t.Fatalf("doc %v diags %v, want nil and one diagnostic", doc, diags)
			}
			want := fmt.Sprintf("content/deep.md:4: [R14] 前置信息嵌套超过 %d 层", MaxNesting)
			if got := diags[0].String(); !strings.HasPrefix(got, want) {
				t.Fatalf("got %q, want prefix %q", got, want)
			}
		})
	}
}

// tomlEscape writes s as the inside of a TOML basic string.
func tomlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// depth is how many tables and arrays nest in a decoded TOML value.
func depth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	case []map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	case []any:
		for _, e := range v {
			d = max(d, depth(e))
		}
	default:
		return 0
	}
	return d + 1
}

// FuzzNestingLine checks NestingLine against BurntSushi/toml: whatever it
// lets through decodes no deeper than it could count, whatever it refuses
// that still parses is really deep, and no text inside a string or a
// comment ever counts.
func FuzzNestingLine(f *testing.F) {
	M := MaxNesting
	for _, s := range []string{
		"", "a = [[1], [2]]", "a = " + deep("[", "]", M-1), "a = " + deep("[", "]", M),
		"a = " + deep("{b = ", "}", M/2), dotted(M+1) + " = 1", "[" + dotted(M) + "]\nb = 1",
		"[[a]]\n[[a.b]]\nc = [{d = [1]}]", "a = \"\"\"\n[[[\"\"\"", "a = '''x'''''", `a = ["\\", '\']`,
		"a = [ # [[\n1]", "\"a.b\" = {c.d = 1}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		line := NestingLine([]byte(src))
		if line < 0 || line > strings.Count(src, "\n")+1 {
			t.Fatalf("line %d outside the text", line)
		}
		// BurntSushi/toml is slow on deep text, which is the point; the
		// comparison is made on short inputs, which keeps the fuzzer fast.
		var m map[string]any
		if len(src) <= 1024 {
			if _, err := toml.Decode(src, &m); err != nil {
				m = nil
			}
		}
		if m != nil {
			// A level is a table or an array, or the key or bracket that
			// opens it, so a value of depth d is counted as at most 2d+1
			// levels, and as at least d/2 (an array of tables and its
			// element are two tables for one level).
			switch d := depth(m) - 1; {
			case line == 0 && d > 2*M:
				t.Fatalf("let through a value %d deep", d)
			case line > 0 && 2*d+1 <= M:
				t.Fatalf("refused at line %d a value only %d deep", line, d)
			}
		}
		if !utf8.ValidString(src) {
			return
		}
		for _, wrapped := range []string{
			"a = \"" + tomlEscape(src) + "\"",
			"# " + strings.ReplaceAll(src, "\n", "\n# "),
		} {
			if l := NestingLine([]byte(wrapped)); l != 0 {
				t.Fatalf("counted text inside a string or comment (line %d): %q", l, wrapped)
			}
		}
	})
}
