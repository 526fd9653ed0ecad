package csvcell

import "testing"

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "=1+1": "'=1+1", "+86 571": "'+86 571", "-": "'-", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"0571-87000000": "0571-87000000", "a=b": "a=b", " =1": " =1", "'=1": "'=1", "＝1": "＝1", "证明": "证明",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}
