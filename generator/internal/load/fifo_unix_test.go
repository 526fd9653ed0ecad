//go:build unix

package load

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path, for the tests that prove the
// loader never opens one.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}
