// Package memlimit sets the garbage collector's policy for a build: GOGC
// and a soft memory limit proportional to the number of guides.
package memlimit

import (
	"io/fs"
	"os"
	"runtime/debug"

	"zhinan/generator/internal/load"
)

// The garbage collector's policy for `generator build`, set once by the
// build command (ForBuild):
//
//   - A soft memory limit (debug.SetMemoryLimit) proportional to the site:
//     256 MiB plus 16 KiB a guide or 4 bytes a byte of the guide files,
//     whichever is more, at most 7 GiB: about 1.8 GiB at 100,000 guides
//     of `generator corpus` (2.4 kB a guide).
//   - GOGC off under that limit below its cap: the collector runs only
//     as the heap nears the limit, which is what bounds the build. The
//     heap the build may use anyway is used before collecting: with GOGC
//     200 (the heap free to grow to three times what is live) an edit's
//     build at 100,000 guides collected all the way up to its 1.4 GB and
//     took 4.8–5.7 s, with GOGC off 4.3–4.9 s (README, Performance,
//     "Memory policy").
//   - GOGC 200 instead of 100 at the cap, and under a GOMEMLIMIT the user
//     set without GOGC. At the cap the build is bound by memory: with
//     GOGC off a million guides took 793 s (104 collections, 501 s of
//     their CPU) where GOGC 200 took 749 s (120, 448 s), one run each.
//     Without a limit of ours, GOGC is what bounds the heap.
//
// 16 KiB a guide, not 8: an incremental build holds every guide (about
// 1 GB live at 100,000) while it remakes little, so under 8 KiB (1.1 GiB
// in all there) it collected nearly without pause; 16 KiB took 1–3 s of
// CPU and up to 1 s of wall time off an edit's build at 100,000 guides,
// for 0.3–0.5 GB more peak memory (README, Performance). A clean build
// there peaks at about 2.2 GB. At a million guides the cap decides, as
// before.
//
// The bytes count because the heap follows them: 10,000 guides of the
// long corpus shape (5.8 kB a guide) hold 346 MB live at the peak, those
// of the standard shape 232 MB. Under a limit of 8 KiB a guide alone
// (336 MiB) that build collected without pause and took 69 s of CPU
// instead of 26 s (#17).
//
// Sizing: the base covers what any build holds, the part a guide covers
// what a build keeps per guide while pages and the index are made, with
// room to spare (measured with `build --memprofile` and
// GODEBUG=gctrace=1; README, Performance, "Memory policy"). The peak RSS
// exceeds the limit by what the runtime does not manage (the search
// index's memory-mapped files, the program itself). The limit is soft: a
// build that needs more passes it rather than collect without end (the
// runtime caps the collector at half the CPU).
//
// GOGC or GOMEMLIMIT set in the environment win: the policy leaves the
// setting the user chose alone.
const (
	// GCPercent is GOGC under the policy's own limit below its cap
	// (off), GCPercentBounded under the cap or a limit the user set.
	GCPercent           = -1
	GCPercentBounded    = 200
	memoryLimitBase     = 256 << 20
	memoryLimitPerGuide = 16 << 10
	memoryLimitPerByte  = 4
	// memoryLimitMax caps the limit. At 1,000,000 guides of the standard
	// shape (#17 wants 8 GB at most) the peak RSS sits 0.2–0.3 GiB above
	// the limit: a cap of 8 GiB gave 8.60 GB in 911 s, one of 7 GiB
	// 7.66 GB in 1,072 s (112 collections instead of 86: the heap holds
	// 5.0–5.4 GB live while pages are made). A build that may use more
	// memory sets GOMEMLIMIT (README, Performance).
	memoryLimitMax = 7 << 30
	// sizeSample is how many guide files ForBuild looks at (evenly
	// spread) to estimate the size of them all.
	sizeSample = 1024
)

// GCPercentUnder is GOGC under the limit ForBuild set (-1: the user
// set one): off below the cap, else GCPercentBounded.
func GCPercentUnder(limit int64) int {
	if limit < 0 || limit >= memoryLimitMax {
		return GCPercentBounded
	}
	return GCPercent
}

// Limit is the soft memory limit of a build of so many guides whose
// files hold so many bytes in all, at most memoryLimitMax.
func Limit(guides int, bytes int64) int64 {
	return min(memoryLimitMax, memoryLimitBase+max(int64(guides)*memoryLimitPerGuide, bytes*memoryLimitPerByte))
}

// contentBytes estimates the bytes of the guide files (paths under fsys)
// from the sizes of at most sizeSample of them, evenly spread; files it
// cannot stat count as empty.
func contentBytes(fsys fs.FS, files []string) int64 {
	if len(files) == 0 {
		return 0
	}
	step := max(1, len(files)/sizeSample)
	var sum, seen int64
	for i := 0; i < len(files); i += step {
		if info, err := fs.Stat(fsys, files[i]); err == nil {
			sum += info.Size()
		}
		seen++
	}
	return sum * int64(len(files)) / seen
}

// ForBuild applies the policy above for a build of the site in
// source (it lists the guides under content/ and reads the size of
// sizeSample of them, which takes some 0.15 s at 100,000 guides) and
// returns a function that restores the previous
// settings.
func ForBuild(source string) (restore func()) {
	var undo []func()
	_, limitSet := os.LookupEnv("GOMEMLIMIT")
	limit := int64(-1) // the user's
	if !limitSet {
		fsys := os.DirFS(source)
		files, _ := load.ContentFiles(fsys)
		limit = Limit(len(files), contentBytes(fsys, files))
		old := debug.SetMemoryLimit(limit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		old := debug.SetGCPercent(GCPercentUnder(limit))
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}
