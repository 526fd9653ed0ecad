//go:build !unix

package build

import "time"

// processCPU is not measured where getrusage is missing.
func processCPU() time.Duration { return 0 }
