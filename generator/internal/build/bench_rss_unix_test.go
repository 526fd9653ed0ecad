//go:build unix

package build

import "syscall"

// peakRSS is the most memory (resident set) this process has held, in
// bytes; Linux reports kilobytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return int64(ru.Maxrss) * 1024
}
