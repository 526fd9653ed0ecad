//go:build !unix

package search

import "time"

// processUser is not measured on this system (no getrusage): the
// benchmarks report 0.
func processUser() time.Duration { return 0 }

// processCPU is not measured on this system (no getrusage).
func processCPU() time.Duration { return 0 }
