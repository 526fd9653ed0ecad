package write

import "os"

// swapByRename moves dest aside, then staged into place, and moves dest back
// if the second rename fails. There is a short moment without dest; it is
// the fallback where an atomic exchange is not available.
func swapByRename(staged, dest string) (string, error) {
	old := staged + ".old"
	if err := os.Rename(dest, old); err != nil {
		return "", err
	}
	if err := os.Rename(staged, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return "", rerr
		}
		return "", err
	}
	return old, nil
}
