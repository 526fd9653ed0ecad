//go:build linux

package write

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges staged and dest atomically with renameat2(RENAME_EXCHANGE):
// readers of dest see either the old folder or the new one, never none.
// It returns where the old folder now is (the staging path) and whether
// the exchange was atomic (false: the fallback swapByRename moved it).
func swap(staged, dest string) (string, bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, staged, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err == nil {
		return staged, true, nil
	}
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EXDEV) {
		old, err := swapByRename(staged, dest)
		return old, false, err
	}
	return "", false, err
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
