package export

import (
	"errors"

	"zhinan/generator/internal/site"
)

// Fragments calls fn with each fragment of a site's batches, in export
// order, and stops at the first error; a fragment's bytes are valid only
// during its call. It may be called more than once and must give the
// same fragments each time.
type Fragments func(fn func(fragment []byte) error) error

// MergeBudget is how many bytes of fragments WriteFragments merges in one
// reading: postings beyond it are merged a group of shards at a time.
// Below it (about 290 MB at 100,000 guides of `generator corpus`) the
// fragments are read once, as before; at 1,000,000 guides (2.9 GB) the
// postings held at once fall from all of them to about a fifth.
const MergeBudget = 640 << 20

// WriteFragments writes the export (Write) from the fragments of every
// batch of a site of order's guides, whose sizes total size bytes, and
// returns meta.json. With size over budget (MergeBudget, but for tests)
// it holds the postings of a group of shards at a time: a first reading
// counts every posting list, and each group of shards (postings of up to
// budget bytes) reads the fragments again for its own lists. The files
// are the same either way (TestWriteFragmentsInGroups).
func WriteFragments(frags Fragments, size, budget int64, order []*site.Page, synonyms [][]string, dir, prev string) (*Meta, error) {
	pc := NewCollector()
	if size > budget {
		pc.again, pc.counting, pc.groupBudget = frags, true, budget
	}
	if err := frags(pc.AddFragment); err != nil {
		return nil, err
	}
	pc.counting = false
	meta := NewMeta(pc, len(order), synonyms)
	return meta, Write(pc, order, meta, dir, prev)
}

// groupEnd returns the end of the group of shards that starts at lo:
// shards whose postings total at most the group budget, at least one.
func (pc *Collector) groupEnd(members [][]shardEntry, lo int) int {
	var sum int64
	hi := lo
	for ; hi < len(members); hi++ {
		var n int64
		for _, e := range members[hi] {
			n += int64(pc.lists[e.id].postings.length)
		}
		if hi > lo && sum+n > pc.groupBudget {
			break
		}
		sum += n
	}
	return hi
}

// errChanged reports fragments that did not read the same twice.
var errChanged = errors.New("搜索缓存片段在构建期间被改动")

// collectGroup reads the fragments again and copies the postings of the
// lists of group (shards of members) into the arena, which it empties
// first. The counted lengths are checked: fragments that changed since
// the first reading are an error.
func (pc *Collector) collectGroup(group [][]shardEntry) error {
	pc.arena.release()
	if pc.inGroup == nil {
		pc.inGroup = make([]bool, len(pc.lists))
	}
	clear(pc.inGroup)
	var want int64
	for _, es := range group {
		for _, e := range es {
			pl := &pc.lists[e.id]
			want += int64(pl.postings.length)
			pc.inGroup[e.id] = true
			pl.postings, pl.prev = arenaList{}, 0
		}
	}
	n := len(pc.lists)
	if err := pc.again(pc.AddFragment); err != nil {
		return err
	}
	var got int64
	for _, es := range group {
		for _, e := range es {
			got += int64(pc.lists[e.id].postings.length)
		}
	}
	if len(pc.lists) != n || got != want {
		return errChanged
	}
	return nil
}
