//go:build !unix

package main

// lowerPriority does nothing where processes have no nice value.
func lowerPriority(pid int) {}
