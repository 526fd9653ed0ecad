//go:build linux

package load

import (
	"errors"
	"io/fs"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// errNoFastPath sends a read to os.Root (a kernel without openat2).
var errNoFastPath = errors.New("no openat2")

// fastDir is an O_PATH descriptor of a scope's folder, closed when the
// last fastDir holding it is collected. fd is 0 where none could be opened.
type fastDir struct{ h *fdHandle }

type fdHandle struct{ fd int }

func newFastDir(fd int) fastDir {
	h := &fdHandle{fd: fd}
	runtime.AddCleanup(h, func(fd int) { unix.Close(fd) }, fd)
	return fastDir{h: h}
}

func openFastDir(dir string) fastDir {
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return fastDir{}
	}
	return newFastDir(fd)
}

// sub opens a folder of d, refusing (by leaving the fast path off) one
// that leads outside d; os.Root makes the same check.
func (d fastDir) sub(name string) fastDir {
	if d.h == nil {
		return fastDir{}
	}
	fd, err := unix.Openat2(d.h.fd, name, &unix.OpenHow{
		Flags:   unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	})
	if err != nil {
		return fastDir{}
	}
	return newFastDir(fd)
}

// read reads name below d with openat2(RESOLVE_BENEATH), so that no link
// leads out of d, and O_NONBLOCK, so that a named pipe does not block the
// open; fstat then refuses anything but a regular file, and a file over
// max bytes (max < 0: no limit) before it is read.
func (d fastDir) read(name string, max int64) ([]byte, error) {
	if d.h == nil {
		return nil, errNoFastPath
	}
	fd, err := unix.Openat2(d.h.fd, name, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NONBLOCK | unix.O_NOCTTY,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	})
	runtime.KeepAlive(d.h)
	if errors.Is(err, unix.ENOSYS) {
		return nil, errNoFastPath
	}
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, err
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
	case unix.S_IFDIR:
		return nil, unix.EISDIR
	default:
		return nil, ErrNotRegular
	}
	if max >= 0 && st.Size > max {
		return nil, &SizeError{Size: st.Size}
	}
	return readAll(fd, st.Size, max)
}

// readAll reads an open regular file of the given size to its end (the
// file may have grown since fstat), at most max bytes when max >= 0.
func readAll(fd int, size, max int64) ([]byte, error) {
	// Room for one byte more than the size: a read that fills the size
	// exactly ends the loop without a last read returning 0; one that
	// returns more (the file grew) reads on to the end.
	data := make([]byte, 0, size+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
		if max >= 0 && int64(len(data)) > max {
			return nil, &SizeError{Size: int64(len(data))}
		}
		if len(data) < cap(data) && int64(len(data)) == size {
			return data, nil // all of it, without a read that returns 0
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // grow
		}
	}
}

func isCrossDevice(err error) bool { return errors.Is(err, unix.EXDEV) }

// lstat stats name, a name directly in d (no slash), without following a
// final link: one fstatat. errNoFastPath when there is no fast path, name
// is a link or the call fails, so that os.Root answers instead.
func (d fastDir) lstat(name string) (fs.FileInfo, error) {
	if d.h == nil {
		return nil, errNoFastPath
	}
	var st unix.Stat_t
	err := unix.Fstatat(d.h.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	runtime.KeepAlive(d.h)
	if err != nil || st.Mode&unix.S_IFMT == unix.S_IFLNK {
		return nil, errNoFastPath
	}
	return &statInfo{name: name, st: st}, nil
}

// statInfo is an fs.FileInfo from fstatat, as os.Stat would give it; Sys
// is the *unix.Stat_t.
type statInfo struct {
	name string
	st   unix.Stat_t
}

func (fi *statInfo) Name() string       { return fi.name }
func (fi *statInfo) Size() int64        { return fi.st.Size }
func (fi *statInfo) ModTime() time.Time { return time.Unix(fi.st.Mtim.Unix()) }
func (fi *statInfo) IsDir() bool        { return fi.Mode().IsDir() }
func (fi *statInfo) Sys() any           { return &fi.st }

func (fi *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(fi.st.Mode & 0o777)
	switch fi.st.Mode & unix.S_IFMT {
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if fi.st.Mode&unix.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if fi.st.Mode&unix.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if fi.st.Mode&unix.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
