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
	h   hash.Hash
	buf [8]byte
	// scratch carries strings into h in pieces instead of converting each
	// to a new []byte: those copies were a third of the fingerprints' CPU
	// and most of their allocations (build's BenchmarkFingerprints).
	scratch [256]byte
}

// New starts a key.
func New() *Hash { return &Hash{h: sha256.New()} }

// Uint hashes n.
func (k *Hash) Uint(n uint64) {
	binary.LittleEndian.PutUint64(k.buf[:], n)
	k.h.Write(k.buf[:])
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
			n := copy(k.scratch[:], s)
			k.h.Write(k.scratch[:n])
			s = s[n:]
		}
	}
}

// Bytes hashes b, its length first.
func (k *Hash) Bytes(b []byte) {
	k.Uint(uint64(len(b)))
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
func (k *Hash) Sum() string { return hex.EncodeToString(k.h.Sum(nil)) }
