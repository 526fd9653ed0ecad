//go:build linux

package build

import (
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// fileIdentity is what the guide cache file compares besides size and
// modification time: the inode and the change time, which no tool can set
// back (git's index compares the same).
func fileIdentity(info fs.FileInfo) (ino uint64, ctime int64, ok bool) {
	switch st := info.Sys().(type) {
	case *syscall.Stat_t: // os.Root's
		return st.Ino, st.Ctim.Nano(), true
	case *unix.Stat_t: // load.StatFile's
		return st.Ino, st.Ctim.Nano(), true
	}
	return 0, 0, false
}

// mapFile maps the file read-only; unmap releases it. Records read from
// it are copied into the heap, so nothing outlives unmap.
func mapFile(f *os.File, size int64) (data []byte, unmap func(), err error) {
	if size == 0 {
		return nil, func() {}, nil
	}
	data, err = unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() { _ = unix.Munmap(data) }, nil
}

// lockFile takes an exclusive lock on f without waiting: false when
// another build holds it. The kernel drops it when f is closed.
func lockFile(f *os.File) bool {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}

const guideCacheOnDisk = true
