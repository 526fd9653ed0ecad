//go:build !unix

package build

// lowerPriority does nothing where processes have no nice value.
func lowerPriority(pid int) {}
