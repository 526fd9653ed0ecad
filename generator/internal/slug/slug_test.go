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

// TestHeteronyms: names are read by phrase, not by each character's
// first reading, and the legacy slug keeps the first readings.
func TestHeteronyms(t *testing.T) {
	for in, want := range map[string][2]string{
		"乐清市":         {"yue-qing-shi", "le-qing-shi"},
		"中国人民银行舟山市分行": {"zhong-guo-ren-min-yin-hang-zhou-shan-shi-fen-hang", "zhong-guo-ren-min-yin-xing-zhou-shan-shi-fen-xing"},
		"长兴县":         {"chang-xing-xian", "zhang-xing-xian"},
		"重新申领":        {"chong-xin-shen-ling", "zhong-xin-shen-ling"},
		"人民调解":        {"ren-min-tiao-jie", "ren-min-diao-jie"},
		"省司法厅":        {"sheng-si-fa-ting", "sheng-si-fa-ting"},
	} {
		if got := ASCII(in); got != want[0] {
			t.Errorf("ASCII(%q) = %q, want %q", in, got, want[0])
		}
		if got := Legacy(in); got != want[1] {
			t.Errorf("Legacy(%q) = %q, want %q", in, got, want[1])
		}
	}
}

// TestOverridesWin: a site's pinyin_overrides come before the phrase
// table, longest phrase first; bad readings are refused.
func TestOverridesWin(t *testing.T) {
	r, err := NewReadings(map[string]string{"乐清": "le qing", "行政": "xing zheng", "行政服务中心": "xing zheng fu wu zhong xin"})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.ASCII("乐清市银行"); got != "le-qing-shi-yin-hang" {
		t.Errorf("override: got %q", got)
	}
	for _, bad := range [][2]string{{"乐清", "yue"}, {"乐清a", "yue qing a"}, {"乐清", "yuè qing"}} {
		phrase, reading := bad[0], bad[1]
		if _, err := NewReadings(map[string]string{phrase: reading}); err == nil {
			t.Errorf("NewReadings(%q = %q) accepted", phrase, reading)
		}
	}
}
