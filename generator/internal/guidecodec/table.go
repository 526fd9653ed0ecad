package guidecodec

import (
	"encoding/binary"
	"sync"
	"sync/atomic"

	"zhinan/generator/internal/site"
)

// Table numbers the strings that records name instead of holding: the
// values the validator interns (departments, hours, material names …),
// list elements and key paths. A site's guides write the same few
// thousand of them again and again, so a record read back costs a number
// where it would cost a string, and the table's strings are interned
// once, when it is read, in one piece.
//
// A table read from a file (ReadTable) answers the records written with
// it; numbers given after that (by Append, for records of guides parsed
// again) follow the loaded ones, so the records of both stay valid with
// the table Bytes writes.
type Table struct {
	loaded []string // read-only after ReadTable: what Decode answers
	kp     []atomic.Uint32

	mu    sync.Mutex
	index map[string]int
	all   []string // loaded, then the strings numbered since
}

// NewTable returns an empty table.
func NewTable() *Table { return &Table{} }

// number returns the number of s, giving it the next one if it has none.
// The index is made when first needed: a build that parses few guides
// again numbers few strings.
func (t *Table) number(s string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.index == nil {
		t.index = make(map[string]int, len(t.all))
		for i, s := range t.all {
			if _, ok := t.index[s]; !ok {
				t.index[s] = i
			}
		}
	}
	if id, ok := t.index[s]; ok {
		return id
	}
	id := len(t.all)
	t.index[s] = id
	t.all = append(t.all, s)
	return id
}

// Len is how many strings the table numbers.
func (t *Table) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.all)
}

// keyPath returns the key path numbered id, giving it its process number
// the first time it is asked.
func (t *Table) keyPath(id int) site.KeyPath {
	if v := t.kp[id].Load(); v != 0 {
		return site.KeyPath(v - 1)
	}
	k := site.KeyPathOf([]byte(t.loaded[id]))
	t.kp[id].Store(uint32(k) + 1)
	return k
}

// Bytes returns the table's strings, to be read back with ReadTable.
func (t *Table) Bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, s := range t.all {
		n += len(s) + binary.MaxVarintLen32
	}
	b := binary.AppendUvarint(make([]byte, 0, n+binary.MaxVarintLen64), uint64(len(t.all)))
	for _, s := range t.all {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// ReadTable reads a table Bytes wrote. Its strings are copied out of b
// in one piece, which they then share.
func ReadTable(b []byte) (*Table, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, ErrCorrupt
	}
	rest := b[k:]
	text := string(rest) // one copy for all the strings
	t := &Table{all: make([]string, n)}
	at := 0
	for i := range t.all {
		l, k := binary.Uvarint(rest[at:])
		if k <= 0 || l > uint64(len(text)-at-k) {
			return nil, ErrCorrupt
		}
		at += k
		t.all[i] = text[at : at+int(l)]
		at += int(l)
	}
	if at != len(text) {
		return nil, ErrCorrupt
	}
	t.loaded = t.all[:len(t.all):len(t.all)]
	t.kp = make([]atomic.Uint32, len(t.all))
	return t, nil
}
