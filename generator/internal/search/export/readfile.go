package export

import (
	"errors"
	"io"
	"os"
)

// errGrew reports a file that grew while ReadInto read it.
var errGrew = errors.New("文件在读取时被改动")

// ReadInto reads the file at path into buf, grown when too small, and
// returns the file's bytes, which share buf's array when they fit: the
// search build reads hundreds of cache and data files of a few MB each,
// one after another, into one buffer. want, when not nil, is asked
// first whether a file of that size is worth reading; when it says no,
// ReadInto returns nil bytes and no error. A file that grew since it was
// opened is an error, not read in part.
func ReadInto(path string, buf []byte, want func(size int64) bool) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New(path + " 不是普通文件")
	}
	size := int(info.Size())
	if want != nil && !want(info.Size()) {
		return nil, nil
	}
	if cap(buf) < size+1 {
		buf = make([]byte, size+1)
	}
	// one byte more than the size: a file that grew since reads longer
	n, err := io.ReadFull(f, buf[:size+1])
	switch {
	case err == nil:
		return nil, errGrew
	case err != io.ErrUnexpectedEOF && err != io.EOF: // EOF: an empty file
		return nil, err
	case n != size:
		return nil, io.ErrUnexpectedEOF // it shrank
	}
	return buf[:size], nil
}
