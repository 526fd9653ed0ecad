package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// postingList is the export's postings of one term in one field: for each
// guide holding it, in export order, the varints of the guide number's
// gap, the term's frequency and the field's length.
type postingList struct {
	term string
	fid  int32
	df   int32
	prev int32
	buf  []byte
}

// postingsCollector gathers the postings of the export from analysed
// guides, which arrive in export order.
type postingsCollector struct {
	ids      [numIndexed]map[string]int32
	lists    []postingList
	snippets []string // by export number
}

func newPostingsCollector() *postingsCollector {
	pc := &postingsCollector{}
	for i := range pc.ids {
		pc.ids[i] = map[string]int32{}
	}
	return pc
}

// add appends the postings of a chunk of guides, the next in export order.
func (pc *postingsCollector) add(chunk []*guideDoc) {
	var tmp [3 * binary.MaxVarintLen32]byte
	for _, g := range chunk {
		pc.snippets = append(pc.snippets, g.snippet)
		doc := int32(g.ord)
		for fid := range g.fields {
			f := g.fields[fid]
			ids := pc.ids[fid]
			for _, tf := range f.terms {
				id, ok := ids[string(tf.Term)]
				if !ok {
					id = int32(len(pc.lists))
					term := string(tf.Term) // a copy: Term is a slice of the guide's text
					ids[term] = id
					pc.lists = append(pc.lists, postingList{term: term, fid: int32(fid)})
				}
				pl := &pc.lists[id]
				n := binary.PutUvarint(tmp[:], uint64(doc-pl.prev))
				n += binary.PutUvarint(tmp[n:], uint64(tf.Frequency()))
				n += binary.PutUvarint(tmp[n:], uint64(f.length))
				pl.buf = append(pl.buf, tmp[:n]...)
				pl.prev = doc
				pl.df++
			}
		}
	}
}

// dropPostings lets the posting lists go once they are written.
func (pc *postingsCollector) dropPostings() {
	pc.lists = nil
	pc.ids = [numIndexed]map[string]int32{}
}

// cardinality is the number of distinct terms of field fid: with the
// index in one segment, bleve's field cardinality.
func (pc *postingsCollector) cardinality(fid int) int { return len(pc.ids[fid]) }

// averageFieldLength is the average field length bleve's BM25 uses:
// ceil(field cardinality / document count).
func averageFieldLength(cardinality int, count uint64) float64 {
	if count == 0 {
		return 0
	}
	return math.Ceil(float64(cardinality) / float64(count))
}

// recordSize is the size of a posting list's record in a shard.
func (pl *postingList) recordSize() int {
	return uvarintLen(len(pl.term)) + len(pl.term) + uvarintLen(int(pl.fid)) + uvarintLen(int(pl.df)) + len(pl.buf)
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
// shardOf(term); in a shard, records are ordered by shard key, then field,
// then term. Shards are made on every CPU and written as soon as they are
// made; each list's postings are dropped once written. The files do not
// depend on the number of CPUs.
func (pc *postingsCollector) writeShards(w *dataWriter) (int, error) {
	total := 0
	for i := range pc.lists {
		total += pc.lists[i].recordSize()
	}
	count := min(total/targetShardBytes+1, maxShards)
	type entry struct {
		key string
		id  int32
	}
	members := make([][]entry, count)
	for i := range pc.lists {
		key := shardKey(pc.lists[i].term)
		sh := shardOf(pc.lists[i].term, count)
		members[sh] = append(members[sh], entry{key, int32(i)})
	}
	var next atomic.Int64
	workers := runtime.GOMAXPROCS(0)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tmp [binary.MaxVarintLen64]byte
			put := func(b []byte, v int) []byte {
				n := binary.PutUvarint(tmp[:], uint64(v))
				return append(b, tmp[:n]...)
			}
			var data []byte
			for errs[k] == nil {
				sh := int(next.Add(1) - 1)
				if sh >= count {
					return
				}
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
				data = data[:0]
				for _, e := range es {
					pl := &pc.lists[e.id]
					data = put(data, len(pl.term))
					data = append(data, pl.term...)
					data = put(data, int(pl.fid))
					data = put(data, int(pl.df))
					data = append(data, pl.buf...)
					pl.buf = nil
				}
				members[sh] = nil
				errs[k] = w.write(fmt.Sprintf("p/%d.bin", sh), data)
			}
		}()
	}
	wg.Wait()
	return count, errors.Join(errs...)
}
