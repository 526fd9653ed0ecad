// Package keyhash hashes values into a key unambiguously: SHA-256 over
// numbers in eight bytes and strings with their length first, so that no
// two different sequences of values give the same bytes. The incremental
// build's fingerprints (package build) and the browsing pages' keys
// (render.ListPageKeys) are made with it.
package keyhash

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"time"
)

// Hash is a key being hashed. The zero value is not usable: use New.
type Hash struct {
	h hash.Hash
	// buf gathers what is hashed and hands it to h a few hundred bytes at
	// a time: a fingerprint is mostly numbers and short strings, each of
	// which would otherwise be a call through the interface and a copy
	// into h's block of its own. It also carries strings into h without
	// converting each to a new []byte, whose copies were a third of the
	// fingerprints' CPU (BenchmarkFingerprints in package build).
	buf [256]byte
	n   int // bytes of buf in use
}

// New starts a key.
func New() *Hash { return &Hash{h: sha256.New()} }

// flush hands what buf holds to h.
func (k *Hash) flush() {
	k.h.Write(k.buf[:k.n])
	k.n = 0
}

// Uint hashes n.
func (k *Hash) Uint(n uint64) {
	if k.n+8 > len(k.buf) {
		k.flush()
	}
	binary.LittleEndian.PutUint64(k.buf[k.n:], n)
	k.n += 8
}

// Int hashes each of ns.
func (k *Hash) Int(ns ...int) {
	for _, n := range ns {
		k.Uint(uint64(n))
	}
}

// Str hashes each of ss, its length first.
func (k *Hash) Str(ss ...string) {
	for _, s := range ss {
		k.Uint(uint64(len(s)))
		for len(s) > 0 {
			if k.n == len(k.buf) {
				k.flush()
			}
			c := copy(k.buf[k.n:], s)
			k.n += c
			s = s[c:]
		}
	}
}

// Bytes hashes b, its length first.
func (k *Hash) Bytes(b []byte) {
	k.Uint(uint64(len(b)))
	if k.n+len(b) <= len(k.buf) {
		k.n += copy(k.buf[k.n:], b)
		return
	}
	k.flush()
	k.h.Write(b)
}

// Bool hashes each of bs.
func (k *Hash) Bool(bs ...bool) {
	for _, b := range bs {
		if b {
			k.Uint(1)
		} else {
			k.Uint(0)
		}
	}
}

// Time hashes each of ts: the instant and the location.
func (k *Hash) Time(ts ...time.Time) {
	for _, t := range ts {
		b, _ := t.MarshalBinary()
		k.Bytes(b)
	}
}

// Sum is the key so far, in hex.
func (k *Hash) Sum() string {
	k.flush()
	return hex.EncodeToString(k.h.Sum(nil))
}
