// Package par is the build's one way of spreading independent items over
// goroutines. Every stage that runs work in parallel (decoding guides,
// checking rules, rendering pages, analysing guides for search, writing
// posting shards, copying static files, removing an old output) calls
// Each or EachWorker, so they share one scheduling scheme and one error
// policy:
//
//   - Scheduling is dynamic: goroutines take the next index from a shared
//     counter, so items of uneven cost balance themselves. Indexes are
//     handed out in increasing order.
//   - Results keep input order: fn(i) writes only slot i of the caller's
//     slices, so the output does not depend on which goroutine ran what.
//   - No new index is handed out once ctx is done or a call returned an
//     error; calls already running finish, and Each waits for them.
//   - The error returned is that of the lowest index whose call failed.
//     Because indexes are handed out in order, every index below a failed
//     one has run, so for a deterministic fn this is the same error on
//     every run whatever the number of goroutines. When no call failed but
//     items were left out because ctx was done, it is ctx.Err(). When every
//     item ran without error it is nil, even if ctx is done by then.
//   - Panics are not recovered: fn always runs on a goroutine of par's, so
//     a panic in it crashes the program with its own stack, wherever the
//     caller sits (a recover in the caller does not catch it half-way,
//     with other calls still writing to its slices). A caller that must
//     turn a panic into an error recovers inside fn.
package par

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers returns perCore goroutines for each of GOMAXPROCS, at least one.
// Stages whose items wait on the disk (rendering writes each page on its
// own goroutine, copying and removing files) use two per core, so that
// while one goroutine waits another keeps the core busy; CPU-bound stages
// use one.
func Workers(perCore int) int {
	return max(1, perCore*runtime.GOMAXPROCS(0))
}

// Each calls fn(i) for every i in [0, n) on up to workers goroutines
// (workers <= 0 means Workers(1)) and returns when every call it started
// has returned. See the package comment for the order, cancellation and
// error policy.
func Each(ctx context.Context, n, workers int, fn func(i int) error) error {
	return EachWorker(ctx, n, workers, func(_, i int) error { return fn(i) })
}

// EachWorker is Each that also tells fn which goroutine calls it: w is in
// [0, workers) and no two calls with the same w run at once, so fn may use
// per-goroutine state (buffers, analysers) kept in slot w of a slice of
// length workers. workers <= 0 means Workers(1); a caller that sizes such a
// slice should pass the count explicitly.
func EachWorker(ctx context.Context, n, workers int, fn func(w, i int) error) error {
	if workers <= 0 {
		workers = Workers(1)
	}
	workers = min(workers, n)
	if workers <= 0 {
		return nil
	}
	done := ctx.Done()
	var (
		next    atomic.Int64 // the next index to hand out
		stopped atomic.Bool  // a call failed: hand out nothing more
		mu      sync.Mutex
		errAt   = n // lowest failed index so far; n when none
		firstEr error
		wg      sync.WaitGroup
	)
	run := func(w int) {
		defer wg.Done()
		for !stopped.Load() {
			if done != nil {
				select {
				case <-done:
					return
				default:
				}
			}
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			if err := fn(w, i); err != nil {
				stopped.Store(true)
				mu.Lock()
				if i < errAt {
					errAt, firstEr = i, err
				}
				mu.Unlock()
			}
		}
	}
	wg.Add(workers)
	for w := range workers {
		go run(w)
	}
	wg.Wait()
	if firstEr != nil {
		return firstEr
	}
	if next.Load() < int64(n) {
		// Nothing failed, yet items were left out: ctx is done.
		return ctx.Err()
	}
	return nil
}
