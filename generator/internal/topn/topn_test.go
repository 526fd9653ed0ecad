package topn

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

type item struct{ key, order int }

// TestFirstIsStableSortPrefix compares First with a stable sort of the
// whole set cut to n, on random sets with many equal keys.
func TestFirstIsStableSortPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	byKey := func(a, b item) int { return cmp.Compare(a.key, b.key) }
	for round := range 500 {
		items := make([]item, r.IntN(200))
		for i := range items {
			items[i] = item{key: r.IntN(1 + round%40), order: i}
		}
		orig := slices.Clone(items)
		for _, n := range []int{0, 1, 2, 7, 50, 250} {
			want := slices.Clone(items)
			slices.SortStableFunc(want, byKey)
			want = want[:min(n, len(want))]
			got := First(items, n, byKey)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, n %d:\n got %v\nwant %v", round, n, got, want)
			}
		}
		if !slices.Equal(items, orig) {
			t.Fatalf("round %d: First changed its input", round)
		}
	}
}

func BenchmarkFirst(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	items := make([]item, 100_000)
	for i := range items {
		items[i] = item{key: r.IntN(3650), order: i}
	}
	byKey := func(a, b item) int { return cmp.Compare(b.key, a.key) }
	b.Run("First", func(b *testing.B) {
		for b.Loop() {
			First(items, 50, byKey)
		}
	})
	b.Run("SortStable", func(b *testing.B) {
		for b.Loop() {
			s := slices.Clone(items)
			slices.SortStableFunc(s, byKey)
			_ = s[:50]
		}
	})
}
