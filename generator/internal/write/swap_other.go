//go:build !linux

package write

func swap(staged, dest string) (string, bool, error) {
	old, err := swapByRename(staged, dest)
	return old, false, err
}

func syncDir(string) error { return nil }
