// Package binread reads the binary files a build keeps beside its output
// (the guide cache, the check cache, the search cache's fragments): runs
// of bytes, varints and byte strings with their length first, from a
// slice. The first read that runs short or meets a malformed varint makes
// the reader bad, and every read after it returns zero values, so that a
// decoder reads a whole record and checks once (Bad) at the end.
package binread

import "encoding/binary"

// Reader reads from the front of a slice; its zero value has nothing to
// read. It keeps no copy: what it returns are slices of the data.
type Reader struct {
	rest []byte
	bad  bool
}

// Make returns a Reader of data.
func Make(data []byte) Reader { return Reader{rest: data} }

// Fail makes r bad: a decoder's own check found the data wrong.
func (r *Reader) Fail() { r.bad, r.rest = true, nil }

// Bad tells whether a read ran short or found the data wrong.
func (r *Reader) Bad() bool { return r.bad }

// Len is the number of bytes left to read.
func (r *Reader) Len() int { return len(r.rest) }

// Peek returns the next byte without reading it; false when none is
// left.
func (r *Reader) Peek() (byte, bool) {
	if len(r.rest) == 0 {
		return 0, false
	}
	return r.rest[0], true
}

// Next reads the next n bytes.
func (r *Reader) Next(n int) []byte {
	if n < 0 || n > len(r.rest) {
		r.Fail()
		return nil
	}
	v := r.rest[:n]
	r.rest = r.rest[n:]
	return v
}

// Uvarint reads an unsigned varint. One byte, most of a record's
// numbers, is read inline.
func (r *Reader) Uvarint() uint64 {
	if b := r.rest; len(b) > 0 && b[0] < 0x80 {
		r.rest = b[1:]
		return uint64(b[0])
	}
	return r.uvarint()
}

// uvarint is Uvarint of more than one byte.
func (r *Reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.rest)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.rest = r.rest[n:]
	return v
}

// Varint reads a signed varint: an unsigned one, zig-zag encoded, as
// binary.AppendVarint writes it.
func (r *Reader) Varint() int64 {
	u := r.Uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

// Bytes reads a byte string: its length as an unsigned varint, then its
// bytes.
func (r *Reader) Bytes() []byte {
	n := r.Uvarint()
	if n > uint64(len(r.rest)) {
		r.Fail()
		return nil
	}
	return r.Next(int(n))
}
