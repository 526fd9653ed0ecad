package analysis

import "testing"

// TestStoredRoundTrip: DecodeStored gives back what EncodeStored joined,
// empty values and bytes of any kind included, and a damaged value never
// panics.
func TestStoredRoundTrip(t *testing.T) {
	in := [len(StoredValues)]string{"标题", "", "/guide/a/", "\x00\xff", "5", "0", "摘要<mark>", "12"}
	enc := string(EncodeStored(in[:]...))
	if got := DecodeStored(enc); got != in {
		t.Errorf("DecodeStored = %q, want %q", got, in)
	}
	for cut := 0; cut < len(enc); cut++ {
		DecodeStored(enc[:cut])
	}
	if got := DecodeStored("\xff\xff\xff"); got != ([len(StoredValues)]string{}) {
		t.Errorf("damaged value decoded as %q", got)
	}
}
