//go:build linux

// Package tmpfs mounts small tmpfs file systems for tests that must see a
// disk fill up (the full-disk tests of build and search). Mounting needs
// root; under CI (CI=true) a test that cannot mount fails, elsewhere it is
// skipped with the reason.
package tmpfs

import (
	"os"
	"strconv"
	"syscall"
	"testing"
)

// Mount mounts a tmpfs of size bytes at dir (which must exist) until the
// test ends, or until the returned function unmounts it.
func Mount(t testing.TB, dir string, size int64) (unmount func()) {
	t.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.FormatInt(size, 10)); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cannot mount a tmpfs at %s (the full-disk tests need root): %v", dir, err)
		}
		t.Skipf("cannot mount a tmpfs (the full-disk tests need root): %v", err)
	}
	done := false
	unmount = func() {
		if !done {
			done = true
			// MNT_DETACH: bleve keeps a segment mapped when its builder
			// fails late in Close; the mapping goes when the process ends.
			if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
				t.Errorf("unmount %s: %v", dir, err)
			}
		}
	}
	t.Cleanup(unmount)
	return unmount
}
