package keyhash

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"testing"
	"time"
)

// TestUnambiguous: values that would run together without their lengths
// give different keys, and the same values the same key.
func TestUnambiguous(t *testing.T) {
	key := func(f func(k *Hash)) string { k := New(); f(k); return k.Sum() }
	a := key(func(k *Hash) { k.Str("ab", "c") })
	if b := key(func(k *Hash) { k.Str("a", "bc") }); a == b {
		t.Error(`"ab","c" and "a","bc" give one key`)
	}
	if b := key(func(k *Hash) { k.Str("ab", "c") }); a != b {
		t.Error("the same strings give two keys")
	}
	long := string(make([]byte, 1000)) // longer than the scratch buffer
	if key(func(k *Hash) { k.Str(long) }) == key(func(k *Hash) { k.Str(long[:999]) }) {
		t.Error("strings of different lengths give one key")
	}
	if key(func(k *Hash) { k.Bool(true) }) == key(func(k *Hash) { k.Bool(false) }) {
		t.Error("true and false give one key")
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if key(func(k *Hash) { k.Time(t0) }) == key(func(k *Hash) { k.Time(t0.In(time.FixedZone("CST", 8*3600))) }) {
		t.Error("one instant in two locations gives one key")
	}
}

// TestHashesTheDocumentedBytes compares keys of random sequences of
// values, whose strings and byte slices are shorter and longer than the
// buffer, with SHA-256 over the bytes the package comment describes,
// written out by hand: what the key is must not depend on how it is
// buffered, or a build's fingerprints would change with the code.
func TestHashesTheDocumentedBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		k, plain := New(), sha256.New()
		word := func(n uint64) { plain.Write(binary.LittleEndian.AppendUint64(nil, n)) }
		for range r.IntN(60) {
			data := make([]byte, r.IntN(700))
			for i := range data {
				data[i] = byte(r.Uint32())
			}
			switch r.IntN(4) {
			case 0:
				n := r.Uint64()
				k.Uint(n)
				word(n)
			case 1:
				k.Str(string(data))
				word(uint64(len(data)))
				plain.Write(data)
			case 2:
				k.Bytes(data)
				word(uint64(len(data)))
				plain.Write(data)
			case 3:
				b := len(data)%2 == 0
				k.Bool(b)
				if b {
					word(1)
				} else {
					word(0)
				}
			}
		}
		if got, want := k.Sum(), hex.EncodeToString(plain.Sum(nil)); got != want {
			t.Fatalf("round %d: key %s, SHA-256 of the encoding %s", round, got, want)
		}
	}
}
