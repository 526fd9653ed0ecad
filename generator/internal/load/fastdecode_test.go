package load

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

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
		t.Fatalf("fastDecode accepted only %d seeds; it should take plain guides", accepted)
	}
	if _, ok := fastDecode([]byte(fastSeeds[0])); !ok {
		t.Fatal("fastDecode does not take the example guide")
	}
}

// checkFastDecode fails the test when fastDecode accepts src but
// BurntSushi/toml rejects it or decodes other values.
func checkFastDecode(t *testing.T, src []byte) bool {
	fast, ok := fastDecode(src)
	if !ok {
		return false
	}
	ref := map[string]any{}
	if _, err := toml.Decode(string(src), &ref); err != nil {
		t.Fatalf("fastDecode accepted %q, which BurntSushi/toml rejects: %v", src, err)
	}
	if !reflect.DeepEqual(fast, ref) {
		t.Fatalf("fastDecode(%q) =\n%#v\nBurntSushi/toml:\n%#v", src, fast, ref)
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
// and checks fastDecode against BurntSushi/toml on each.
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
	t.Logf("fastDecode took %d of the sequences", accepted)
}

// TestFastDecodeValues checks fastDecode against BurntSushi/toml on value
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
