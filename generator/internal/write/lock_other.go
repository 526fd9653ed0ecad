//go:build !unix

package write

import (
	"os"
	"time"
)

// holdMarker writes the marker at path. Without flock, staging folders
// are told apart by age (see abandoned).
func holdMarker(path string) (release func(), err error) {
	if err := os.WriteFile(path, []byte(markerText), 0o644); err != nil {
		return nil, err
	}
	return func() {}, nil
}

// abandonedAfter is how old a staging folder's marker must be before a
// later build takes it for the leftover of a killed build, where no lock
// can tell.
const abandonedAfter = 24 * time.Hour

func abandoned(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && time.Since(fi.ModTime()) > abandonedAfter
}

// lockMarker checks that the marker at path exists. Where no lock can
// tell two builds apart, the kept folder is never made (swap never
// exchanges), so there is nothing to guard.
func lockMarker(path string) (release func(), err error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return func() {}, nil
}
