package slug

import "testing"

func TestASCII(t *testing.T) {
	for in, want := range map[string]string{
		"省司法厅":    "sheng-si-fa-ting",
		"舟山市 ICP": "zhou-shan-shi-icp",
		"ＡＢ１２３":   "ab123", // full-width, as a Chinese input method types it
		"（）·":     "",      // nothing usable: the caller picks a fallback
	} {
		if got := ASCII(in); got != want {
			t.Errorf("ASCII(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	for in, want := range map[string]Fault{
		"330000-SF-XK-0001":   OK,
		"sheng-si-fa-ting":    OK,
		"a_b.c":               OK,
		"...":                 OK, // not a special name
		"":                    Empty,
		".":                   Dots,
		"..":                  Dots,
		"../../escape":        BadChar,
		`a\b`:                 BadChar,
		"a b":                 BadChar,
		"司法":                  BadChar,
		"a%2F":                BadChar,
		"a?b":                 BadChar,
		"330000-SF-XK-0001\n": BadChar,
	} {
		if got := Check(in); got != want {
			t.Errorf("Check(%q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzASCIIIsSafe: every non-empty slug made from a name is a safe
// segment, so render's last check never refuses a derived slug.
func FuzzASCIIIsSafe(f *testing.F) {
	for _, s := range []string{"省司法厅", "舟山市 ICP", "ＡＢ１２３", "../..", "a/b\\c", "（）·", "绿"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if s := ASCII(name); s != "" && !Safe(s) {
			t.Fatalf("ASCII(%q) = %q, not a safe segment (%d)", name, s, Check(s))
		}
	})
}
