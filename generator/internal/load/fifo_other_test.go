//go:build !unix

package load

import "testing"

// mkfifo skips the test: this system has no named pipes in the file
// system (Windows' pipes live under \\.\pipe\, not in a folder).
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skip("没有命名管道（mkfifo）的系统：跳过")
}
