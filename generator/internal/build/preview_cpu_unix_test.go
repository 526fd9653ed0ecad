//go:build unix

package build

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) this process has used, its
// children not counted: a figure that other processes on the machine do
// not inflate, unlike wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
