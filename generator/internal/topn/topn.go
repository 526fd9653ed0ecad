// Package topn picks the first few items of a large set in some order
// without sorting the whole set: the ten newest guides of a hundred
// thousand for the home page, the fifty for the Atom feed.
package topn

import "slices"

// First returns the n first items of items in the order cmp gives (cmp
// as for slices.SortStableFunc), in that order. Items that compare equal
// keep their order in items, so the result is what sorting items stably
// and keeping n would give. It takes time proportional to len(items)
// times log n, and never changes items. It returns nil when it picks
// nothing (n ≤ 0, or no items).
func First[T any](items []T, n int, cmp func(a, b T) int) []T {
	if n <= 0 || len(items) == 0 {
		return nil
	}
	out := make([]T, 0, min(n, len(items)))
	for _, it := range items {
		if len(out) == n && cmp(it, out[n-1]) >= 0 {
			continue // no earlier than the last kept, and later in items
		}
		// after every kept item that is not later than it: stable
		i, _ := slices.BinarySearchFunc(out, it, func(kept, it T) int {
			if cmp(kept, it) <= 0 {
				return -1
			}
			return 1
		})
		if len(out) == n {
			out = out[:n-1]
		}
		out = slices.Insert(out, i, it)
	}
	return out
}
