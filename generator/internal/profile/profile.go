// Package profile writes the CPU and heap profiles `generator build`
// takes on request (--cpuprofile, --memprofile), for developers who
// measure where a build spends its time and memory.
package profile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"zhinan/generator/internal/build"
)

// StartCPU writes a CPU profile of the rest of the command to path; with
// no path it does nothing.
func StartCPU(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// HeapAtStages wraps a progress reporter (which may be nil) so that a
// heap profile of what is live is written when validation is over
// (path + ".validated", the peak of the first half of a build, before the
// site is resolved) and when the stage after resolving starts
// (path + ".resolved", what rendering carries from the first half).
// With no path it returns progress as it is.
func HeapAtStages(path string, progress func(build.Stage, int), stderr io.Writer) func(build.Stage, int) {
	if path == "" {
		return progress
	}
	resolving := false
	return func(stage build.Stage, count int) {
		switch {
		case stage == build.StageResolve:
			WriteHeap(path+".validated", stderr)
			resolving = true
		case resolving:
			WriteHeap(path+".resolved", stderr)
			resolving = false
		}
		if progress != nil {
			progress(stage, count)
		}
	}
}

// WriteHeap collects garbage, so that the profile shows only what is
// live, and writes a heap profile to path. A failure is reported on
// stderr and does not stop the build. With no path it does nothing.
func WriteHeap(path string, stderr io.Writer) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		runtime.GC()
		err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
	}
	if err != nil {
		fmt.Fprintln(stderr, "无法写入内存剖析：", err)
	}
}
