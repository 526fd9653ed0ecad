package search

import "testing"

// TestStoredRoundTrip: decodeStored gives back what encodeStored joined,
// empty values and bytes of any kind included, and a damaged value never
// panics.
func TestStoredRoundTrip(t *testing.T) {
	in := [len(storedValues)]string{"标题", "", "/guide/a/", "\x00\xff", "5", "0", "摘要<mark>", "12"}
	enc := string(encodeStored(in[:]...))
	if got := decodeStored(enc); got != in {
		t.Errorf("decodeStored = %q, want %q", got, in)
	}
	for cut := 0; cut < len(enc); cut++ {
		decodeStored(enc[:cut])
	}
	if got := decodeStored("\xff\xff\xff"); got != ([len(storedValues)]string{}) {
		t.Errorf("damaged value decoded as %q", got)
	}
}
