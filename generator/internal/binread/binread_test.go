package binread

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestReader reads back what encoding/binary wrote, and checks that a
// record cut anywhere makes the reader bad with zero values after.
func TestReader(t *testing.T) {
	var b []byte
	b = binary.AppendUvarint(b, 300)
	b = binary.AppendVarint(b, -5)
	b = binary.AppendVarint(b, 1<<40)
	b = binary.AppendVarint(b, -1<<62)
	b = binary.AppendUvarint(b, 3)
	b = append(b, "abc"...)
	b = append(b, 7, 8)
	r := Make(b)
	if got := r.Uvarint(); got != 300 {
		t.Fatalf("Uvarint = %d, want 300", got)
	}
	for _, want := range []int64{-5, 1 << 40, -1 << 62} {
		if got := r.Varint(); got != want {
			t.Fatalf("Varint = %d, want %d", got, want)
		}
	}
	if got := r.Bytes(); string(got) != "abc" {
		t.Fatalf("Bytes = %q, want abc", got)
	}
	if c, ok := r.Peek(); !ok || c != 7 {
		t.Fatalf("Peek = %d, %v, want 7", c, ok)
	}
	if got := r.Next(2); !bytes.Equal(got, []byte{7, 8}) || r.Len() != 0 || r.Bad() {
		t.Fatalf("Next = %v, %d left, bad %v", got, r.Len(), r.Bad())
	}
	for cut := range len(b) - 2 {
		r := Make(b[:cut])
		r.Uvarint()
		r.Varint()
		r.Varint()
		r.Varint()
		s := r.Bytes()
		if !r.Bad() || s != nil || r.Uvarint() != 0 || r.Len() != 0 {
			t.Fatalf("cut at %d: bad %v, bytes %q", cut, r.Bad(), s)
		}
	}
	long := Make(binary.AppendUvarint(nil, 1<<40))
	if long.Bytes() != nil || !long.Bad() {
		t.Fatal("a length past the end was read")
	}
}
