package rules

import "testing"

func TestCreditCodeProblem(t *testing.T) {
	for _, tc := range []struct {
		code string
		ok   bool
	}{
		{"113300000024820088", true}, // the contract's example
		{"113300000024820085", false},
		{"91330000MA27U0A52B", false},
		{"91110108551385082Q", true}, // a published company code
		{"11100000000013127D", true}, // 国务院办公厅
		{"11100000000013127E", false},
		{"1110000000001312", false},
		{"11100000000O13127D", false},
	} {
		if got := CreditCodeProblem(tc.code); (got == "") != tc.ok {
			t.Errorf("CreditCodeProblem(%q) = %q, want ok=%v", tc.code, got, tc.ok)
		}
	}
}
