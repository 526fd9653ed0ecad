package site

import (
	"cmp"
	"encoding/binary"
	"iter"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Positions tells where each value of a guide was written: key paths (as in
// Document.Lines: "service.visits", "materials.0.name") mapped to a file and
// a line. After inheritance some values point into the base guide's file.
//
// It is kept small because a build holds one per guide until validation is
// over: each path is a number shared by every guide (see keyPaths), each
// entry twelve bytes without pointers, so that the garbage collector has
// nothing to scan. At 100,000 guides this is about 110 MB where a
// map[string]Pos per guide took 650 MB. The zero value has no positions.
// A Positions is never changed in place; Inherit returns new ones.
type Positions struct {
	files   []string   // the files entries point into, in order of first use
	entries []position // sorted by path id, one per path
}

type position struct {
	path uint32 // id in keyPaths
	line int32
	file uint32 // index into files
}

// NewPositions returns the positions of the key paths of file: the line of
// each path in lines, a later map winning over an earlier one for the same
// path. It is how a decoder records a document's Lines.
func NewPositions(file string, lines ...map[string]int) Positions {
	n := 0
	for _, m := range lines {
		n += len(m)
	}
	paths := make([]string, 0, n)
	entries := make([]position, 0, n)
	for _, m := range lines {
		for path, line := range m {
			paths = append(paths, path)
			entries = append(entries, position{line: int32(line)})
		}
	}
	for i, id := range keyPaths.ids(paths) {
		entries[i].path = id
	}
	return Positions{files: []string{file}, entries: sortUnique(entries)}
}

// sortUnique sorts entries by path and keeps the last of entries with the
// same path.
func sortUnique(es []position) []position {
	slices.SortStableFunc(es, func(a, b position) int { return int(a.path) - int(b.path) })
	out := es[:0]
	for i, e := range es {
		if i+1 < len(es) && es[i+1].path == e.path {
			continue
		}
		out = append(out, e)
	}
	return out
}

func (p *Positions) fileIndex(file string) uint32 {
	for i, f := range p.files {
		if f == file {
			return uint32(i)
		}
	}
	p.files = append(p.files, file)
	return uint32(len(p.files) - 1)
}

// Lookup returns where path was written, if it was.
func (p Positions) Lookup(path string) (Pos, bool) {
	id, ok := keyPaths.find(path)
	if !ok {
		return Pos{}, false
	}
	i, found := slices.BinarySearchFunc(p.entries, id, func(e position, id uint32) int { return int(e.path) - int(id) })
	if !found {
		return Pos{}, false
	}
	e := p.entries[i]
	return Pos{File: p.files[e.file], Line: int(e.line)}, true
}

// Has reports whether path was written (in any file).
func (p Positions) Has(path string) bool {
	_, ok := p.Lookup(path)
	return ok
}

// Len is the number of key paths with a position.
func (p Positions) Len() int { return len(p.entries) }

// Files lists the files the positions point into (a guide's own file, and
// after inheritance the files of its bases), in order of first use.
func (p Positions) Files() []string {
	used := make([]bool, len(p.files))
	for _, e := range p.entries {
		used[e.file] = true
	}
	var out []string
	for i, f := range p.files {
		if used[i] {
			out = append(out, f)
		}
	}
	return out
}

// Map returns the positions as a map from key path (tests, debugging).
func (p Positions) Map() map[string]Pos {
	m := make(map[string]Pos, len(p.entries))
	for _, e := range p.entries {
		m[keyPaths.name(e.path)] = Pos{File: p.files[e.file], Line: int(e.line)}
	}
	return m
}

// Inherit returns p with the positions of base added for every path whose
// top-level key take accepts ("materials" for "materials.0.name"); those
// replace p's own positions for the same path. Inheritance uses it to
// point inherited values into the file that wrote them. Neither p nor base
// changes.
func (p Positions) Inherit(base Positions, take func(top string) bool) Positions {
	taken := make([]position, 0, len(base.entries))
	out := Positions{files: slices.Clip(p.files)}
	remap := make([]int64, len(base.files)) // base file index → out index + 1
	for _, e := range base.entries {
		if !take(keyPaths.top(e.path)) {
			continue
		}
		if remap[e.file] == 0 {
			remap[e.file] = int64(out.fileIndex(base.files[e.file])) + 1
		}
		e.file = uint32(remap[e.file] - 1)
		taken = append(taken, e)
	}
	// Both lists are sorted by path: merge them, base entries winning.
	out.entries = make([]position, 0, len(p.entries)+len(taken))
	i, j := 0, 0
	for i < len(p.entries) || j < len(taken) {
		switch {
		case j == len(taken) || i < len(p.entries) && p.entries[i].path < taken[j].path:
			out.entries = append(out.entries, p.entries[i])
			i++
		case i == len(p.entries) || taken[j].path < p.entries[i].path:
			out.entries = append(out.entries, taken[j])
			j++
		default: // the same path: the base's wins
			out.entries = append(out.entries, taken[j])
			i++
			j++
		}
	}
	return out
}

// keyPaths numbers the key paths of every guide the process has read, so
// that Positions can store a path as a number. The same few hundred paths
// ("code", "materials.0.name", …) recur in every guide, so the table stays
// small; it only grows. Safe for concurrent use: reading takes no lock (the
// table is replaced, not changed, when paths are added).
var keyPaths = &pathTable{}

type pathTable struct {
	current atomic.Pointer[pathSnapshot]
	mu      sync.Mutex // held while adding paths
}

type pathSnapshot struct {
	ids   map[string]uint32
	names []string // id → path
	// rank is, by id, the place of the path's name among all names in
	// sorted order (ranks).
	rankOnce sync.Once
	rank     []uint32
}

// ranks returns, by id, the place of each path's name in the sorted names
// of the snapshot: numbers are given in the order paths are first met,
// which differs from process to process, and ranks do not.
func (s *pathSnapshot) ranks() []uint32 {
	s.rankOnce.Do(func() {
		order := make([]uint32, len(s.names))
		for i := range order {
			order[i] = uint32(i)
		}
		slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(s.names[a], s.names[b]) })
		s.rank = make([]uint32, len(s.names))
		for r, id := range order {
			s.rank[id] = uint32(r)
		}
	})
	return s.rank
}

func (t *pathTable) snapshot() *pathSnapshot {
	if s := t.current.Load(); s != nil {
		return s
	}
	return &pathSnapshot{}
}

// ids returns the number of each path, giving numbers to the paths that
// have none (all at once, so that a guide full of new paths copies the
// table once).
func (t *pathTable) ids(paths []string) []uint32 {
	out := make([]uint32, len(paths))
	s := t.snapshot()
	missing := false
	for i, p := range paths {
		id, ok := s.ids[p]
		out[i], missing = id, missing || !ok
	}
	if !missing {
		return out
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s = t.snapshot()
	next := &pathSnapshot{ids: make(map[string]uint32, len(s.ids)+len(paths)), names: slices.Clip(s.names)}
	for p, id := range s.ids {
		next.ids[p] = id
	}
	for i, p := range paths {
		id, ok := next.ids[p]
		if !ok {
			p = strings.Clone(p) // do not keep the caller's memory alive
			id = uint32(len(next.names))
			next.names = append(next.names, p)
			next.ids[p] = id
		}
		out[i] = id
	}
	t.current.Store(next)
	return out
}

// find returns the number of path without giving it one: a path that has
// none was never recorded anywhere.
func (t *pathTable) find(path string) (uint32, bool) {
	id, ok := t.snapshot().ids[path]
	return id, ok
}

func (t *pathTable) name(id uint32) string { return t.snapshot().names[id] }

// top returns the top-level key of the path numbered id.
func (t *pathTable) top(id uint32) string {
	top, _, _ := strings.Cut(t.name(id), ".")
	return top
}

// KeyPath is the number of a key path in this process (keyPaths): it is
// valid only in the process that gave it. String gives the path back.
type KeyPath uint32

// KeyPathOf returns the number of the key path written in b, numbering it
// if it has none. It does not keep b.
func KeyPathOf(b []byte) KeyPath {
	if id, ok := keyPaths.snapshot().ids[string(b)]; ok {
		return KeyPath(id)
	}
	return KeyPath(keyPaths.ids([]string{string(b)})[0])
}

// String is the key path ("materials.0.name").
func (k KeyPath) String() string { return keyPaths.name(uint32(k)) }

// scratchEntries lend AppendKey its copy of the entries to sort.
var scratchEntries = sync.Pool{New: func() any { return new([]position) }}

// AppendKey appends to b every position, the same bytes in every process
// for the same positions: the files, then each entry's path (by name),
// file and line, in the order of the paths' names (path numbers, and so
// the entries' own order, differ between processes). It is what the
// rules can read of the positions; the build's check cache hashes it.
func (p Positions) AppendKey(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(p.files)))
	for _, f := range p.files {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	s := keyPaths.snapshot()
	rank := s.ranks()
	sp := scratchEntries.Get().(*[]position)
	es := append((*sp)[:0], p.entries...)
	slices.SortFunc(es, func(x, y position) int { return cmp.Compare(rank[x.path], rank[y.path]) })
	b = binary.AppendUvarint(b, uint64(len(es)))
	for _, e := range es {
		name := s.names[e.path]
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = binary.AppendUvarint(b, uint64(e.file))
		b = binary.AppendVarint(b, int64(e.line))
	}
	*sp = es
	scratchEntries.Put(sp)
	return b
}

// PositionEntry is one position with its file given by index into the
// Positions' files. The guide codec (package guidecodec) writes positions
// as entries, their paths by name.
type PositionEntry struct {
	Path KeyPath
	File int
	Line int
}

// Export returns the files the positions point into and yields one entry
// per key path (Len of them); PositionsFrom makes the same Positions back.
// Nothing is copied: a cache of 100,000 guides' positions is written and
// read without a slice of entries for each.
func (p Positions) Export() (files []string, entries iter.Seq[PositionEntry]) {
	return p.files, func(yield func(PositionEntry) bool) {
		for _, e := range p.entries {
			if !yield(PositionEntry{Path: KeyPath(e.path), File: int(e.file), Line: int(e.line)}) {
				return
			}
		}
	}
}

// PositionsFrom is the inverse of Export: the positions of n entries, each
// returned by next in turn, whose File indexes files. A later entry wins
// over an earlier one with the same path. Entries in Export's order (by
// path, each once) are taken as they come; others are sorted.
func PositionsFrom(files []string, n int, next func() PositionEntry) Positions {
	if n == 0 && len(files) == 0 {
		return Positions{}
	}
	out := make([]position, n)
	sorted := true // as Export gives them: no sort needed
	for i := range out {
		e := next()
		out[i] = position{path: uint32(e.Path), line: int32(e.Line), file: uint32(e.File)}
		sorted = sorted && (i == 0 || out[i-1].path < out[i].path)
	}
	if sorted {
		return Positions{files: files, entries: out}
	}
	return Positions{files: files, entries: sortUnique(out)}
}
