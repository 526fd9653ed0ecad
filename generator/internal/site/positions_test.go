package site

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestNewPositionsLaterLinesWin(t *testing.T) {
	p := NewPositions("content/a.md",
		map[string]int{"code": 2, "service": 5, "service.star": 6},
		map[string]int{"service.star": 7, "body": 12})
	want := map[string]Pos{
		"code":         {File: "content/a.md", Line: 2},
		"service":      {File: "content/a.md", Line: 5},
		"service.star": {File: "content/a.md", Line: 7},
		"body":         {File: "content/a.md", Line: 12},
	}
	if got := p.Map(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Map() = %v, want %v", got, want)
	}
	if p.Len() != 4 || !p.Has("service.star") || p.Has("service.visits") || p.Has("never.seen.anywhere.x9") {
		t.Fatalf("Len %d, Has wrong", p.Len())
	}
	if got := p.Files(); !reflect.DeepEqual(got, []string{"content/a.md"}) {
		t.Fatalf("Files() = %v", got)
	}
	var zero Positions
	if zero.Has("code") || zero.Len() != 0 || len(zero.Files()) != 0 {
		t.Fatal("the zero Positions must be empty")
	}
}

func TestPositionsOfRoundTrips(t *testing.T) {
	m := map[string]Pos{"code": {File: "l.md", Line: 2}, "title": {File: "p.md", Line: 3}, "materials.0.name": {File: "p.md", Line: 9}}
	p := PositionsOf(m)
	if got := p.Map(); !reflect.DeepEqual(got, m) {
		t.Fatalf("Map() = %v, want %v", got, m)
	}
	if got := p.Files(); !reflect.DeepEqual(got, []string{"l.md", "p.md"}) {
		t.Fatalf("Files() = %v (files are numbered in path order)", got)
	}
}

func TestPositionsInherit(t *testing.T) {
	own := NewPositions("l.md", map[string]int{"code": 2, "service": 4, "service.star": 5, "time.legal_days": 7})
	base := PositionsOf(map[string]Pos{
		"code": {File: "p.md", Line: 2}, "title": {File: "p.md", Line: 3},
		"service": {File: "p.md", Line: 5}, "service.online_url": {File: "p.md", Line: 6},
		"time": {File: "c.md", Line: 8}, "time.legal_days": {File: "c.md", Line: 9},
	})
	takes := map[string]bool{"title": true, "time": true}
	got := own.Inherit(base, func(top string) bool { return takes[top] })
	want := map[string]Pos{
		"code": {File: "l.md", Line: 2}, "service": {File: "l.md", Line: 4}, "service.star": {File: "l.md", Line: 5},
		"title": {File: "p.md", Line: 3},
		"time":  {File: "c.md", Line: 8}, "time.legal_days": {File: "c.md", Line: 9}, // the base's wins
	}
	if m := got.Map(); !reflect.DeepEqual(m, want) {
		t.Fatalf("Inherit = %v, want %v", m, want)
	}
	if len(got.Files()) != 3 {
		t.Fatalf("Files() = %v", got.Files())
	}
	// Neither input changed.
	if own.Len() != 4 || own.Has("title") || base.Len() != 6 {
		t.Fatalf("Inherit changed its input: own %v base %v", own.Map(), base.Map())
	}
	if nothing := own.Inherit(base, func(string) bool { return false }); !reflect.DeepEqual(nothing.Map(), own.Map()) {
		t.Fatalf("taking nothing = %v", nothing.Map())
	}
}

func TestGuidePosAndDefines(t *testing.T) {
	g := &Guide{File: "l.md", Positions: PositionsOf(map[string]Pos{
		"code": {File: "l.md", Line: 2}, "materials": {File: "p.md", Line: 10}, "materials.0": {File: "p.md", Line: 10},
	})}
	if got := g.Pos("materials.0.name"); got != (Pos{File: "p.md", Line: 10}) {
		t.Errorf("Pos falls back to the enclosing table: got %v", got)
	}
	if got := g.Pos("service.star"); got != (Pos{File: "l.md", Line: 1}) {
		t.Errorf("Pos of an unwritten key = %v, want line 1 of the guide's file", got)
	}
	if !g.Defines("code") || g.Defines("materials") || g.Defines("title") {
		t.Error("Defines: only keys with a position in the guide's own file")
	}
}

// TestPositionsConcurrent numbers new paths from many goroutines at once
// (run with -race): every guide must read back what it recorded.
func TestPositionsConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				lines := map[string]int{}
				for k := range 5 {
					lines[fmt.Sprintf("concurrent%d.%d.k%d", w, i, k)] = i + k
				}
				lines["code"] = 2
				p := NewPositions("f.md", lines)
				for path, line := range lines {
					if got, ok := p.Lookup(path); !ok || got.Line != line {
						errs <- fmt.Sprintf("%s: got %v %v, want line %d", path, got, ok, line)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	var all []string
	for e := range errs {
		all = append(all, e)
	}
	if len(all) > 0 {
		t.Fatal(strings.Join(all, "\n"))
	}
}

// PositionsOf returns positions holding exactly m.
func PositionsOf(m map[string]Pos) Positions {
	var p Positions
	paths := make([]string, 0, len(m))
	for path := range m {
		paths = append(paths, path)
	}
	sort.Strings(paths) // files are numbered in a stable order
	for i, id := range keyPaths.ids(paths) {
		pos := m[paths[i]]
		p.entries = append(p.entries, position{path: id, line: int32(pos.Line), file: p.fileIndex(pos.File)})
	}
	p.entries = sortUnique(p.entries)
	return p
}

// TestAppendKeyIgnoresPathNumbers: path numbers are given in the order a
// process first meets the paths, so two processes may keep the same
// positions in another order of entries; AppendKey gives the same bytes
// for both, and other bytes for other positions.
func TestAppendKeyIgnoresPathNumbers(t *testing.T) {
	p := NewPositions("content/a.md", map[string]int{"title": 2, "code": 1, "materials.0.name": 9, "service.star": 5})
	reversed := Positions{files: p.files, entries: slices.Clone(p.entries)}
	slices.Reverse(reversed.entries)
	if !bytes.Equal(p.AppendKey(nil), reversed.AppendKey(nil)) {
		t.Fatal("the same positions in another order of path numbers gave other bytes")
	}
	for _, other := range []Positions{
		NewPositions("content/b.md", map[string]int{"title": 2, "code": 1, "materials.0.name": 9, "service.star": 5}),
		NewPositions("content/a.md", map[string]int{"title": 3, "code": 1, "materials.0.name": 9, "service.star": 5}),
		NewPositions("content/a.md", map[string]int{"summary": 2, "code": 1, "materials.0.name": 9, "service.star": 5}),
		NewPositions("content/a.md", map[string]int{"code": 1, "materials.0.name": 9, "service.star": 5}),
	} {
		if bytes.Equal(p.AppendKey(nil), other.AppendKey(nil)) {
			t.Errorf("positions %v and %v gave the same bytes", p.Map(), other.Map())
		}
	}
}

// TestPositionsFromAnyOrder: PositionsFrom takes Export's entries as they
// come, and sorts entries in any other order, a later entry of a path
// winning over an earlier one.
func TestPositionsFromAnyOrder(t *testing.T) {
	p := NewPositions("content/a.md", map[string]int{"code": 3, "title": 4, "summary": 9, "fee.charged": 20})
	files, seq := p.Export()
	var es []PositionEntry
	for e := range seq {
		es = append(es, e)
	}
	from := func(es []PositionEntry) Positions {
		i := 0
		return PositionsFrom(files, len(es), func() PositionEntry { i++; return es[i-1] })
	}
	if got := from(es); !reflect.DeepEqual(got.Map(), p.Map()) {
		t.Fatalf("in Export's order: %v, want %v", got.Map(), p.Map())
	}
	shuffled := slices.Clone(es)
	slices.Reverse(shuffled)
	later := shuffled[0]
	later.Line = 99
	shuffled = append(shuffled, later)
	want := p.Map()
	for path, pos := range want {
		if pos.Line == shuffled[0].Line {
			pos.Line = 99
			want[path] = pos
		}
	}
	if got := from(shuffled); !reflect.DeepEqual(got.Map(), want) {
		t.Fatalf("reversed, a path twice: %v, want %v", got.Map(), want)
	}
}
