//go:build unix

package build

import "syscall"

// lowerPriority gives process pid the lowest CPU priority (nice 19), so
// that it runs on what the other processes leave.
func lowerPriority(pid int) { syscall.Setpriority(syscall.PRIO_PROCESS, pid, 19) }
