//go:build !linux

package write

func swap(staged, dest string) (string, error) { return swapByRename(staged, dest) }

func syncDir(string) error { return nil }
