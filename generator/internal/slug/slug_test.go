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
