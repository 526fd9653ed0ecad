package par

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderKept(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 3, 8, 1000} {
		const n = 1000
		out := make([]int, n)
		err := Each(context.Background(), n, workers, func(i int) error {
			if i%7 == 0 {
				time.Sleep(10 * time.Microsecond) // uneven items
			}
			out[i] = i * i
			return nil
		})
		if err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		for i, v := range out {
			if v != i*i {
				t.Fatalf("workers %d: out[%d] = %d", workers, i, v)
			}
		}
	}
}

func TestEveryItemOnce(t *testing.T) {
	const n = 5000
	var calls [n]atomic.Int32
	if err := Each(context.Background(), n, 4, func(i int) error {
		calls[i].Add(1)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range calls {
		if c := calls[i].Load(); c != 1 {
			t.Fatalf("item %d ran %d times", i, c)
		}
	}
}

func TestZeroItems(t *testing.T) {
	for _, workers := range []int{-1, 0, 4} {
		if err := Each(context.Background(), 0, workers, func(int) error {
			t.Fatal("fn called for n = 0")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// More workers than items: only n goroutines, each w below n.
func TestMoreWorkersThanItems(t *testing.T) {
	var maxW atomic.Int32
	seen := make([]bool, 3)
	if err := EachWorker(context.Background(), 3, 64, func(w, i int) error {
		for {
			m := maxW.Load()
			if int32(w) <= m || maxW.CompareAndSwap(m, int32(w)) {
				break
			}
		}
		seen[i] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if m := maxW.Load(); m >= 3 {
		t.Fatalf("worker %d for 3 items", m)
	}
	for i, ok := range seen {
		if !ok {
			t.Fatalf("item %d not run", i)
		}
	}
}

// No two calls with the same w run at once, and w < workers.
func TestWorkerSlots(t *testing.T) {
	const workers = 4
	var busy [workers]atomic.Int32
	err := EachWorker(context.Background(), 2000, workers, func(w, i int) error {
		if w < 0 || w >= workers {
			return fmt.Errorf("w = %d", w)
		}
		if busy[w].Add(1) != 1 {
			return fmt.Errorf("worker %d used twice at once", w)
		}
		runtime.Gosched()
		busy[w].Add(-1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The error of the lowest failing index, whatever the timing: later
// failures that happen to come first do not win.
func TestLowestIndexError(t *testing.T) {
	for round := range 50 {
		err := Each(context.Background(), 200, 4, func(i int) error {
			switch {
			case i == 40:
				time.Sleep(200 * time.Microsecond) // fails last
				return fmt.Errorf("item %d", i)
			case i > 40 && i%3 == 0:
				return fmt.Errorf("item %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "item 40" {
			t.Fatalf("round %d: %v, want item 40", round, err)
		}
	}
}

// After an error, no new items start (beyond those already handed out).
func TestErrorStopsEarly(t *testing.T) {
	var ran atomic.Int32
	stop := errors.New("stop")
	err := Each(context.Background(), 100000, 2, func(i int) error {
		ran.Add(1)
		if i == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err = %v", err)
	}
	if r := ran.Load(); r > 1000 {
		t.Fatalf("%d items ran after the error at 10", r)
	}
}

func TestCancelStopsEarly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ran atomic.Int32
	err := Each(ctx, 100000, 2, func(i int) error {
		if ran.Add(1) == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if r := ran.Load(); r > 1000 {
		t.Fatalf("%d items ran after cancel", r)
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Each(ctx, 10, 2, func(int) error {
		t.Error("fn called after cancel")
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

// An fn error wins over the context's.
func TestErrorBeforeCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bad := errors.New("bad")
	err := Each(ctx, 1000, 2, func(i int) error {
		if i == 5 {
			cancel()
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v, want bad", err)
	}
}

// Every item ran: nil, even if ctx is done by the end.
func TestAllRanBeforeCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := Each(ctx, 3, 3, func(i int) error {
		if i == 2 {
			time.Sleep(time.Millisecond)
		}
		return nil
	})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWorkers(t *testing.T) {
	p := runtime.GOMAXPROCS(0)
	if Workers(1) != p || Workers(2) != 2*p || Workers(0) != 1 {
		t.Fatalf("Workers: %d %d %d with GOMAXPROCS %d", Workers(1), Workers(2), Workers(0), p)
	}
}

func BenchmarkEach(b *testing.B) {
	out := make([]int, 10000)
	for b.Loop() {
		Each(context.Background(), len(out), 0, func(i int) error {
			out[i] = i
			return nil
		})
	}
}
