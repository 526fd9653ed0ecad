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
