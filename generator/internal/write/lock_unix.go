//go:build unix

package write

import (
	"os"

	"golang.org/x/sys/unix"
)

// holdMarker writes the marker at path and takes an exclusive lock on it
// for as long as the stage lives: the kernel drops the lock when the
// process dies, however it dies, which is how a later build tells a
// staging folder of a killed build from one a running build still fills.
func holdMarker(path string) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.WriteString(markerText); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// abandoned tells whether the staging folder whose marker is at path
// belongs to no running build: nobody holds the marker's lock.
func abandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}

// lockMarker takes the exclusive lock on an existing marker at path (the
// kept folder's, KeptPath) without waiting; an error when it is missing
// or another build holds it.
func lockMarker(path string) (release func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
