//go:build !unix

package build

// peakRSS is not measured on this system.
func peakRSS() int64 { return 0 }
