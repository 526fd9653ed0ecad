// Package memlimit sets the garbage collector's policy for a build: GOGC
// and a soft memory limit proportional to the number of guides.
package memlimit

import (
	"os"
	"runtime/debug"

	"zhinan/generator/internal/load"
)

// The garbage collector's policy for `generator build`, set once by the
// build command (ForBuild):
//
//   - GOGC 200 instead of 100: the heap may grow to three times what is
//     live before the collector runs, so a small or middling site is
//     collected half as often: some CPU saved for some peak memory
//     (README, Performance, "Memory policy" gives the figures).
//   - A soft memory limit (debug.SetMemoryLimit) proportional to the site:
//     256 MiB plus 8 KiB a guide, about 1 GiB at 100,000 guides. It is
//     what bounds a large build: with GOGC alone the heap grows to two
//     (GOGC 100) or three times the live data. Near the limit the
//     collector runs sooner, whatever GOGC says.
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
	GCPercent           = 200
	memoryLimitBase     = 256 << 20
	memoryLimitPerGuide = 8 << 10
)

// Limit is the soft memory limit of a build of so many guides.
func Limit(guides int) int64 {
	return memoryLimitBase + int64(guides)*memoryLimitPerGuide
}

// ForBuild applies the policy above for a build of the site in
// source (it counts the guides under content/, which takes some 0.15 s at
// 100,000 guides) and returns a function that restores the previous
// settings.
func ForBuild(source string) (restore func()) {
	var undo []func()
	if _, set := os.LookupEnv("GOGC"); !set {
		old := debug.SetGCPercent(GCPercent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		files, _ := load.ContentFiles(os.DirFS(source))
		old := debug.SetMemoryLimit(Limit(len(files)))
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}
