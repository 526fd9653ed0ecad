package keyhash

import (
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
