//go:build linux

package load

import (
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// readFileAt reads dir/name with open, fstat, read and close.
func readFileAt(_ fs.FS, dir, name string) ([]byte, error) {
	full := filepath.Join(dir, filepath.FromSlash(name))
	fd, err := unix.Open(full, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unix.EISDIR}
	}
	// Room for one byte more than the size: a read that fills the size
	// exactly ends the loop without a last read returning 0; one that
	// returns more (the file grew) reads on to the end.
	data := make([]byte, 0, st.Size+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) < cap(data) && int64(len(data)) == st.Size {
			return data, nil // all of it, without a read that returns 0
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // grow
		}
	}
}
