package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"zhinan/generator/internal/corpus"
)

// scanValues is what the scanner decodes of src, ok = false when it gives
// the values up.
func scanValues(src []byte) (map[string]any, bool) {
	sc := scanTOML(src, 1)
	return sc.values, sc.values != nil
}

var fastSeeds = []string{
	example[4 : len(example)-len("+++\n\n## 申请条件\n")],
	"a = 1\nb = \"x\"\nc = 'y'\nd = true\ne = false\nf = 2017-03-01\ng = [\"a\", 'b', 1, 2017-03-01, true]\n",
	"[s]\nx = -5\n[[m]]\nn = \"1\"\n[[m]]\nn = \"2\"\n[m.sub]\nq = 0\n[[m.parts]]\np = 1\n",
	"k = [\n  \"a\", # c\n  \"b\",\n]\n# comment\n\n[t] # c\n",
	"a = \"esc \\\" \\\\ \\n \\t \\u00e9 \\U0001F600\"\n",
	"[a.b]\nx = 1\n[a]\ny = 2\n",
	"[a]\n[a]\n", "a = 1\na = 2\n", "[[a]]\n[a]\n", "a = 1\n[a]\n", "a = []\n[[a]]\n",
	"d = 2017-02-30\n", "d = 2017-03-01 07:00:00\n", "n = 01\n", "n = 9223372036854775808\n", "n = -0\n",
	"s = \"\\x41\"\n", "s = \"\\e\"\n", "s = \"a\tb\"\n", "s = \"a\x01\"\n", "# \x7f\n", "a = 1 # ok\nb = 2 #\x01\n",
	"[ a ]\n", "a.b = 1\n", "\"q\" = 1\n", "f = 1.5\n", "t = {a = 1}\n", "m = \"\"\"x\"\"\"\n", "é = 1\n",
}

func TestFastDecodeMatchesBurntSushi(t *testing.T) {
	accepted := 0
	for _, s := range fastSeeds {
		if checkFastDecode(t, []byte(s)) {
			accepted++
		}
	}
	if accepted < 6 {
		t.Fatalf("the scanner accepted only %d seeds; it should take plain guides", accepted)
	}
	if _, ok := scanValues([]byte(fastSeeds[0])); !ok {
		t.Fatal("the scanner does not take the example guide")
	}
}

// checkFastDecode fails the test when the scanner accepts src but
// BurntSushi/toml rejects it or decodes other values.
func checkFastDecode(t *testing.T, src []byte) bool {
	fast, ok := scanValues(src)
	if !ok {
		return false
	}
	ref := map[string]any{}
	if _, err := toml.Decode(string(src), &ref); err != nil {
		t.Fatalf("the scanner accepted %q, which BurntSushi/toml rejects: %v", src, err)
	}
	if !reflect.DeepEqual(fast, ref) {
		t.Fatalf("scanValues(%q) =\n%#v\nBurntSushi/toml:\n%#v", src, fast, ref)
	}
	return true
}

func FuzzFastDecode(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkFastDecode(t, src) })
}

// TestFastDecodeTableRules tries every sequence of up to four statements
// from a small set of headers and keys, where TOML's rules on defining
// tables twice, implicit tables and arrays of tables all come into play,
// and checks the scanner against BurntSushi/toml on each.
func TestFastDecodeTableRules(t *testing.T) {
	stmts := []string{"[a]", "[a.b]", "[[a]]", "[[a.b]]", "[b]", "a = 1", "b = 1", "[a.c]", "[[a.b.c]]", "[b.a]", "c = []"}
	accepted := 0
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		if checkFastDecode(t, []byte(prefix)) {
			accepted++
		}
		if depth == 4 {
			return
		}
		for _, s := range stmts {
			walk(prefix+s+"\n", depth+1)
		}
	}
	walk("", 0)
	t.Logf("the scanner took %d of the sequences", accepted)
}

// TestFastDecodeValues checks the scanner against BurntSushi/toml on value
// literals at the edges of the subset it takes, alone, in arrays and
// followed by comments.
func TestFastDecodeValues(t *testing.T) {
	values := []string{
		"0", "-0", "00", "1_000", "+1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"999999999999999999", "-1", "1e3", "0x1F", "true", "True", "truex", "false#c",
		"2017-03-01", "2017-3-01", "2017-02-29", "2016-02-29", "0000-01-01", "2017-03-01T00:00:00", "2017-03-01 00:00:00",
		"2017-03-01Z", "12:00:00", `"\u0000"`, `"\uD800"`, `"\U00110000"`, `"\u00E9"`, `"\UFFFFFFFF"`, `"\u12"`,
		`'a"b'`, `"a'b"`, `""`, `''`, `"\/"`, `"\a"`, `"a\"`, "inf", "nan", "[]", "[ ]", "[,]", "[1,,2]", "[1 2]",
		"[\n]", "[1,]", "[[1]]", "[1,\n# c\n2]", "['x' , \"y\"]", "\"tab\there\"", "\"\x7f\"", "'\x7f'", "\"é\"",
	}
	for _, v := range values {
		for _, src := range []string{"k = " + v + "\n", "k = " + v, "k = [" + v + "]\n", "k = " + v + " # c\n", "k=" + v + "\nj = 1\n"} {
			checkFastDecode(t, []byte(src))
		}
	}
}

// linesSeeds are TOML texts with every construct the old IndexLines knew:
// they and the other seeds of this package's tests are the corpus on which
// the scanner's lines are held to refIndexLines.
var linesSeeds = []string{
	numbered(
		`code = "A-1"`, `title = 'x' # comment`, `"quoted key" = 1`, `'lit key' = 2`, `"esc\"key" = 3`,
		`site.name.first = "dotted"`, `site . "a.b" . c = 1`, `keywords = [`, `  "a", # first`, `  "b",`, `]`,
		`note = """`, `fake = "not a key"`, `[not.a.table]`, `"""`, `lit = '''`, `[[nope]]'''`,
		`[service]`, `star = 5`, `  visits = 0 # inline comment`, ``,
		`[[materials]]`, `name = "申请书"`, `[[materials]]`, `name = "身份证"`, `copies = 2`,
		`[materials.extra]`, `deep = true`, `[[materials.parts]]`, `p = 1`, `[[materials.parts]]`, `p = 2`,
		`[ contact ]`, `consult = ["0571-1", "12345"]`, `inline = { a = 1, b.c = [1, 2] }`,
		`when = 1979-05-27 07:32:00Z`, `after = 1`, `[[ steps ]]`, `name = "受理"`, `days = 1`,
		`[steps.x]`, `y = [[1, 2], [3, [4]], []]`, `z = [{a = [{b = 1}]}, {}]`, `[a."b.c".d]`, `e = 1.5`,
	),
	numbered(
		`materials = [`, `  { name = "a" },`, `  { name = "b", copies = 2,`, `    note = "n" },`, `]`,
		`s = "esc \" [x] = 1"`, `m = """a \"" b"""`, `x = 1`, `y = '''a''''' # c`, `z = 2`,
	),
	"[[a]]\n[[a.b]]\nx = 1\n[[a]]\n[[a.b]]\nx = 2\n[a.b.c]\ny = 3\n",
	"[x.y]\nz = 1\n[x]\nw = 2\n",
	"a = [\n  1, # [[\n  2\n]\nb = 3\n",
	"a = { b = 1 }\nc = \"\"\"\nx\\\n  y\"\"\"\nd = 1\n",
	"[\"t\"]\n'k' = \"\"\n",
}

// scanCorpus is every TOML text the tests of this package hand the scanner.
func scanCorpus(t testing.TB) []string {
	var out []string
	out = append(out, linesSeeds...)
	out = append(out, fastSeeds...)
	front, _, _, err := Split([]byte(contractExample))
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, string(front))
	M := MaxNesting
	out = append(out,
		"a = "+deep("[", "]", M-1), "a = "+deep("{b = ", "}", M/2-1), dotted(M)+" = 1", "["+dotted(M-1)+"]\nx = 1",
		"[[a]]\n[[a.b]]\nc = [{d = [1]}]", "a = \"\"\"\n[[[\"\"\"", "a = '''x'''''", `a = ["\\", '\']`,
		"a = [ # [[\n1]", "\"a.b\" = {c.d = 1}",
	)
	stmts := []string{"[a]", "[a.b]", "[[a]]", "[[a.b]]", "[b]", "a = 1", "b = [1]", "[a.c]", "[[a.b.c]]", "[b.a]", "c = {d = 1}"}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		out = append(out, prefix)
		if depth == 3 {
			return
		}
		for _, s := range stmts {
			walk(prefix+s+"\n", depth+1)
		}
	}
	walk("", 0)
	return out
}

// checkScanLines fails the test when, on TOML text that BurntSushi/toml
// reads and that is not nested too deep (the only text whose lines are
// ever used), the scanner's lines differ from refIndexLines', or when the
// lines the plain-subset decoder records differ from those of the
// machine alone. It reports whether src was such text.
func checkScanLines(t *testing.T, src []byte) bool {
	sc := scanTOML(src, 3)
	// The machine alone, values given up from the start.
	m := scanner{src: src, line: 1, off: 2, lines: map[string]int{}}
	if deep := m.run(); deep != sc.deep {
		t.Fatalf("nesting line %d with the plain decoder, %d without, in %q", sc.deep, deep, src)
	}
	if sc.deep == 0 && !reflect.DeepEqual(sc.lines, m.lines) {
		t.Fatalf("lines with the plain decoder\n%v\nwithout\n%v\nin %q", sc.lines, m.lines, src)
	}
	var v map[string]any
	if sc.deep > 0 || len(src) > 4096 {
		return false
	}
	if _, err := toml.Decode(string(src), &v); err != nil {
		return false
	}
	if ref := refIndexLines(src, 3); !reflect.DeepEqual(sc.lines, ref) {
		t.Fatalf("lines of %q\n%v\nrefIndexLines:\n%v", src, sc.lines, ref)
	}
	return true
}

func TestScanLinesMatchReference(t *testing.T) {
	valid := 0
	for _, src := range scanCorpus(t) {
		if checkScanLines(t, []byte(src)) {
			valid++
		}
		checkFastDecode(t, []byte(src))
	}
	if valid < 100 {
		t.Fatalf("only %d texts of the corpus are valid TOML", valid)
	}
	t.Logf("%d valid texts", valid)
}

// TestScanCorpusSite: the guides of a synthetic site, as benchmarks load
// them, are all decoded by the scanner, with the lines refIndexLines gives.
func TestScanCorpusSite(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 300, 1, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		front, _, _, err := Split(data)
		if err != nil {
			return err
		}
		if _, ok := scanValues(front); !ok {
			t.Errorf("%s is not decoded by the scanner", path)
		}
		checkFastDecode(t, front)
		if !checkScanLines(t, front) {
			t.Errorf("%s: not valid TOML", path)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 300 {
		t.Fatalf("read %d guides", n)
	}
}

// FuzzScanLines holds the scanner's lines to refIndexLines on whatever
// BurntSushi/toml reads, and the plain decoder's lines and nesting to the
// machine's on everything.
func FuzzScanLines(f *testing.F) {
	for _, s := range scanCorpus(f) {
		if len(s) < 2000 {
			f.Add([]byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkScanLines(t, src) })
}

// TestRestOfLineAfterValue: what follows a complete top-level value on its
// line is not counted (the old IndexLines skipped it too), which is safe
// because BurntSushi/toml refuses it at once, however deep it would nest.
func TestRestOfLineAfterValue(t *testing.T) {
	const n = 50000
	for _, v := range []string{`1`, `"x"`, `'x'`, `"""x"""`, `'''x'''`, `[1]`, `{b = 1}`, `true`, `1979-05-27`, `1979-05-27 07:32:00`, `1.5`} {
		for _, rest := range []string{strings.Repeat("[", n), strings.Repeat("{", n), " " + strings.Repeat("[", n), "\"\"\"\n" + strings.Repeat("[", n)} {
			src := "a = " + v + rest + "\n"
			if l := NestingLine([]byte(src)); l != 0 && !strings.HasPrefix(rest, "\"\"\"") {
				t.Fatalf("%.40q…: nesting line %d", src, l)
			}
			// BurntSushi refuses such a line at its first wrong
			// character, in linear time (about 2 ms for 800,000
			// brackets); the test asserts the refusal, not a time, which
			// other processes on the machine would make flaky.
			var m map[string]any
			if _, err := toml.Decode(src, &m); err == nil {
				t.Fatalf("%.40q… decodes", src)
			}
		}
	}
}
