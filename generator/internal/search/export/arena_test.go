package export

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestByteArena appends pieces of random sizes to many interleaved lists
// (so that blocks of different lists alternate, fill exactly and split
// pieces) and compares each list with plain appending; then it releases
// the arena and does it again, on pages that held the first round's bytes.
func TestByteArena(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var a byteArena
	fillAndCompare(t, rng, &a)
	a.release()
	if len(a.pages) != 0 {
		t.Fatalf("released arena holds %d pages", len(a.pages))
	}
	fillAndCompare(t, rng, &a)
}

func fillAndCompare(t *testing.T, rng *rand.Rand, a *byteArena) {
	t.Helper()
	lists := make([]arenaList, 300)
	want := make([][]byte, len(lists))
	for i := 0; i < 200000; i++ {
		k := rng.Intn(len(lists))
		if k%3 == 0 { // some lists grow long: blocks reach maxBlock, pages fill
			k = 0
		}
		piece := make([]byte, 1+rng.Intn(15))
		rng.Read(piece)
		a.append(&lists[k], piece)
		want[k] = append(want[k], piece...)
	}
	if len(a.pages) < 2 {
		t.Fatalf("%d pages: the test should fill more than one", len(a.pages))
	}
	for k := range lists {
		got := a.appendTo([]byte("x"), &lists[k])
		if !bytes.Equal(got[1:], want[k]) || got[0] != 'x' || int(lists[k].length) != len(want[k]) {
			t.Fatalf("list %d: %d bytes, want %d", k, len(got)-1, len(want[k]))
		}
	}
	var empty arenaList
	if got := a.appendTo(nil, &empty); len(got) != 0 {
		t.Errorf("empty list gave %d bytes", len(got))
	}
}
