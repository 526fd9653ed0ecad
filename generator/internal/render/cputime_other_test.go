//go:build !unix

package render

import "time"

// cpuTime is not measured on this system (no getrusage): the benchmark
// reports 0 cpu-s/op.
func cpuTime() time.Duration { return 0 }
