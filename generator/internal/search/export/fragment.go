package export

import (
	"encoding/binary"
	"errors"

	"zhinan/generator/internal/binread"
)

// A fragment is what a Collector collected from one batch of guides,
// encoded so that a later build can add it (AddFragment) instead of
// analysing those guides again (search.Update keeps one per batch):
//
//	uvarint count of snippets, then each as uvarint length and bytes
//	uvarint count of posting lists, then each as
//	    uvarint field id, uvarint term length, term,
//	    uvarint document frequency, uvarint last guide number,
//	    uvarint postings length, postings
//
// The postings are those of a Collector that started empty, so the
// first guide number of each list is written whole (its gap from 0).

// Fragment encodes what pc collected. pc must have started empty. The
// result has room for FragmentSlack more bytes, for a checksum the caller
// appends without a copy.
func (pc *Collector) Fragment() []byte {
	b := make([]byte, 0, pc.fragmentSize()+FragmentSlack)
	b = binary.AppendUvarint(b, uint64(len(pc.snippets)))
	for _, s := range pc.snippets {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(pc.lists)))
	for i := range pc.lists {
		pl := &pc.lists[i]
		b = binary.AppendUvarint(b, uint64(pl.fid))
		b = binary.AppendUvarint(b, uint64(len(pl.term)))
		b = append(b, pl.term...)
		b = binary.AppendUvarint(b, uint64(pl.df))
		b = binary.AppendUvarint(b, uint64(pl.prev))
		b = binary.AppendUvarint(b, uint64(pl.postings.length))
		b = pc.arena.appendTo(b, &pl.postings)
	}
	return b
}

// FragmentSlack is the room Fragment leaves after its bytes.
const FragmentSlack = 4

// fragmentSize is the length of Fragment's encoding, computed first so
// that the fragment is made in one allocation: grown by appending, a
// batch's fragment (megabytes) left twice its size as garbage, 1.4 GB at
// 100,000 guides.
func (pc *Collector) fragmentSize() int {
	n := uvarintLen(len(pc.snippets))
	for _, s := range pc.snippets {
		n += uvarintLen(len(s)) + len(s)
	}
	n += uvarintLen(len(pc.lists))
	for i := range pc.lists {
		// A shard's record (term, field, df, postings) plus what only a
		// fragment holds: the last guide number and the postings' length.
		pl := &pc.lists[i]
		n += pl.recordSize() + uvarintLen(int(pl.prev)) + uvarintLen(int(pl.postings.length))
	}
	return n
}

// errFragment reports a fragment that does not decode.
var errFragment = errors.New("搜索缓存片段损坏")

// AddFragment adds the guides of a fragment (Fragment), which must be
// the next ones in export order, as Add would have added them. A
// fragment that does not decode leaves pc unusable and is an error.
//
// In a merge by shard groups (WriteFragments) it does part of that: the
// first reading counts (every list's document frequency, last guide
// number and postings length, and the snippets) and copies no postings;
// each later reading copies the postings of the lists in the current
// group only (pc.inGroup).
func (pc *Collector) AddFragment(data []byte) error {
	r := binread.Make(data)
	for n := r.Uvarint(); n > 0 && !r.Bad(); n-- {
		s := r.Bytes()
		if pc.inGroup == nil {
			pc.snippets = append(pc.snippets, string(s))
		}
	}
	var tmp [binary.MaxVarintLen32]byte
	for n := r.Uvarint(); n > 0 && !r.Bad(); n-- {
		fid := r.Uvarint()
		term := r.Bytes()
		df, last := r.Uvarint(), r.Uvarint()
		postings := r.Bytes()
		first, k := binary.Uvarint(postings)
		if r.Bad() || fid >= uint64(len(pc.short)) || k <= 0 {
			return errFragment
		}
		id := pc.list(int(fid), term)
		if pc.inGroup != nil && (int(id) >= len(pc.inGroup) || !pc.inGroup[id]) {
			continue
		}
		pl := &pc.lists[id]
		if int64(first) < int64(pl.prev) {
			return errFragment
		}
		// the first posting's gap is from the list's last guide
		gap := tmp[:binary.PutUvarint(tmp[:], first-uint64(pl.prev))]
		switch {
		case pc.counting:
			pl.postings.length += int32(len(gap) + len(postings) - k)
		default:
			pc.arena.append(&pl.postings, gap)
			pc.arena.append(&pl.postings, postings[k:])
		}
		pl.prev = int32(last)
		if pc.inGroup == nil {
			pl.df += int32(df)
		}
	}
	if r.Bad() || r.Len() != 0 {
		return errFragment
	}
	return nil
}
