package export

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"sort"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/analysis"
)

// postingList is the export's postings of one term in one field: for each
// guide holding it, in export order, the varints of the guide number's
// gap, the term's frequency and the field's length.
type postingList struct {
	term string
	fid  int32
	df   int32
	prev int32
	// postings in arena
	postings arenaList
}

// Collector gathers the postings of the export from analysed
// guides, which arrive in export order.
type Collector struct {
	// the posting list of each term of each field: terms of up to 7 bytes
	// (nearly all) by packTerm, longer ones by the term
	short    [analysis.NumIndexed]map[uint64]int32
	long     [analysis.NumIndexed]map[string]int32
	lists    []postingList
	arena    byteArena // the lists' postings
	snippets []string  // by export number

	// listsOf remembers, for fields that guides share (see analyser), the
	// posting list of each of their terms, so that the next guide holding
	// the same field looks none of them up.
	listsOf map[*analysis.AnalysedField][]int32
	// rememberedTerms counts the terms of the fields in listsOf.
	rememberedTerms int

	// A merge by shard groups (WriteFragments) sets these: again reads
	// the fragments once more, counting is set while the first reading
	// counts, and inGroup marks the lists whose postings the current
	// reading copies.
	again    Fragments
	counting bool
	inGroup  []bool
	// groupBudget bounds the postings of a group of shards.
	groupBudget int64
}

// maxRemembered and maxRememberedTerms bound listsOf; past either, it
// starts over. Its keys keep their fields alive: the bound on terms keeps
// long fields that are all different from holding tens of kB each.
const (
	maxRemembered      = 1 << 13
	maxRememberedTerms = 1 << 19
)

func NewCollector() *Collector {
	pc := &Collector{listsOf: map[*analysis.AnalysedField][]int32{}}
	for i := range pc.short {
		pc.short[i] = map[uint64]int32{}
		pc.long[i] = map[string]int32{}
	}
	return pc
}

// list returns the posting list of a term of field fid, made if new.
func (pc *Collector) list(fid int, term []byte) int32 {
	var id int32
	var ok bool
	if len(term) <= 7 {
		key := analysis.PackTerm(term)
		if id, ok = pc.short[fid][key]; !ok {
			id = pc.newList(fid, term)
			pc.short[fid][key] = id
		}
	} else if id, ok = pc.long[fid][string(term)]; !ok {
		id = pc.newList(fid, term)
		pc.long[fid][pc.lists[id].term] = id
	}
	return id
}

func (pc *Collector) newList(fid int, term []byte) int32 {
	// a copy: term is a slice of the guide's text
	pc.lists = append(pc.lists, postingList{term: string(term), fid: int32(fid)})
	return int32(len(pc.lists) - 1)
}

// listsOfField returns the posting list of each of f's terms, in order.
func (pc *Collector) listsOfField(fid int, f *analysis.AnalysedField, buf []int32) []int32 {
	if f.Shared {
		if ids, ok := pc.listsOf[f]; ok {
			return ids
		}
	}
	ids := buf[:0]
	if f.Shared {
		ids = make([]int32, 0, len(f.Terms))
	}
	for _, tf := range f.Terms {
		ids = append(ids, pc.list(fid, tf.Term))
	}
	if f.Shared {
		if len(pc.listsOf) >= maxRemembered || pc.rememberedTerms+len(ids) > maxRememberedTerms {
			clear(pc.listsOf)
			pc.rememberedTerms = 0
		}
		pc.listsOf[f] = ids
		pc.rememberedTerms += len(ids)
	}
	return ids
}

// add appends the postings of a chunk of guides, the next in export order.
func (pc *Collector) Add(chunk []*analysis.GuideDoc) {
	var tmp [3 * binary.MaxVarintLen32]byte
	var buf []int32
	for _, g := range chunk {
		pc.snippets = append(pc.snippets, g.Snippet)
		doc := int32(g.Ord)
		for fid := range g.Fields {
			f := g.Fields[fid]
			ids := pc.listsOfField(fid, f, buf)
			if !f.Shared {
				buf = ids
			}
			for i, tf := range f.Terms {
				pl := &pc.lists[ids[i]]
				n := binary.PutUvarint(tmp[:], uint64(doc-pl.prev))
				n += binary.PutUvarint(tmp[n:], uint64(tf.Frequency()))
				n += binary.PutUvarint(tmp[n:], uint64(f.Length))
				pc.arena.append(&pl.postings, tmp[:n])
				pl.prev = doc
				pl.df++
			}
		}
	}
}

// Release lets go of what pc collected, its posting lists' pages for
// the next Collector to reuse. Call it when pc is no longer used (after
// Fragment, say); pc must not be used afterwards.
func (pc *Collector) Release() { pc.dropPostings() }

// dropPostings lets the posting lists go once they are written.
func (pc *Collector) dropPostings() {
	pc.lists = nil
	pc.arena.release()
	pc.short = [analysis.NumIndexed]map[uint64]int32{}
	pc.long = [analysis.NumIndexed]map[string]int32{}
	pc.listsOf = nil
}

// cardinality is the number of distinct terms of field fid: with the
// index in one segment, bleve's field cardinality.
func (pc *Collector) Cardinality(fid int) int {
	return len(pc.short[fid]) + len(pc.long[fid])
}

// AverageFieldLength is the average field length bleve's BM25 uses:
// ceil(field cardinality / document count).
func AverageFieldLength(cardinality int, count uint64) float64 {
	if count == 0 {
		return 0
	}
	return math.Ceil(float64(cardinality) / float64(count))
}

// recordSize is the size of a posting list's record in a shard.
func (pl *postingList) recordSize() int {
	return uvarintLen(len(pl.term)) + len(pl.term) + uvarintLen(int(pl.fid)) + uvarintLen(int(pl.df)) + int(pl.postings.length)
}

func uvarintLen(v int) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// writeShards lays the posting lists out into shard files p/<n>.bin and
// writes them with w, returning the shard count. A term goes to
// ShardOf(term); in a shard, records are ordered by shard key, then field,
// then term. Shards are made on every CPU (par.EachWorker) and written as
// soon as they are made; the first failed write, in shard order, stops
// it. The files do not depend on the number of CPUs. In a merge by shard
// groups (pc.again set) the postings are copied in a group of shards at a
// time first (collectGroup).
func (pc *Collector) writeShards(w *dataWriter) (int, error) {
	members := pc.shardMembers()
	bufs := make([][]byte, par.Workers(1)) // each goroutine's shard buffer
	for lo := 0; lo < len(members); {
		hi := len(members)
		if pc.again != nil {
			hi = pc.groupEnd(members, lo)
			if err := pc.collectGroup(members[lo:hi]); err != nil {
				return 0, err
			}
		}
		if err := pc.writeShardRange(w, members, lo, hi, bufs); err != nil {
			return 0, err
		}
		lo = hi
	}
	return len(members), nil
}

// shardEntry is a posting list in its shard, with its shard key.
type shardEntry struct {
	key string
	id  int32
}

// shardMembers returns the posting lists of each shard, the shard count
// set by the lists' total record size.
func (pc *Collector) shardMembers() [][]shardEntry {
	total := 0
	for i := range pc.lists {
		total += pc.lists[i].recordSize()
	}
	count := min(total/targetShardBytes+1, maxShards)
	members := make([][]shardEntry, count)
	for i := range pc.lists {
		key := shardKey(pc.lists[i].term)
		sh := ShardOf(pc.lists[i].term, count)
		members[sh] = append(members[sh], shardEntry{key, int32(i)})
	}
	return members
}

// writeShardRange makes and writes shards [lo, hi) of members, each on a
// worker with a buffer of bufs.
func (pc *Collector) writeShardRange(w *dataWriter, members [][]shardEntry, lo, hi int, bufs [][]byte) error {
	return par.EachWorker(context.Background(), hi-lo, len(bufs), func(k, i int) error {
		sh := lo + i
		es := members[sh]
		sort.Slice(es, func(i, j int) bool {
			a, b := es[i], es[j]
			if a.key != b.key {
				return a.key < b.key
			}
			la, lb := &pc.lists[a.id], &pc.lists[b.id]
			if la.fid != lb.fid {
				return la.fid < lb.fid
			}
			return la.term < lb.term
		})
		data := bufs[k][:0]
		for _, e := range es {
			pl := &pc.lists[e.id]
			data = binary.AppendUvarint(data, uint64(len(pl.term)))
			data = append(data, pl.term...)
			data = binary.AppendUvarint(data, uint64(pl.fid))
			data = binary.AppendUvarint(data, uint64(pl.df))
			data = pc.arena.appendTo(data, &pl.postings)
		}
		bufs[k] = data
		members[sh] = nil
		return w.write(fmt.Sprintf("p/%d.bin", sh), data)
	})
}
