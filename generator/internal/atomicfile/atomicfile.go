// Package atomicfile writes a file whole or not at all: through a
// temporary file beside it, renamed over it once complete. The exports
// (workbook, CSV, national items) use it, so that a failed export leaves
// the previous file as it was.
package atomicfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// Write writes the file path with fill through a temporary file beside
// it, renamed over path only once it is complete, so that a reader never
// sees half a file and a failure leaves the previous file as it was. The
// file is readable by all (0644), as a file for people. A temporary file
// that cannot be made (no such folder, no permission) fails with a
// *CreateError: nothing was written.
func Write(path string, fill func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return &CreateError{err}
	}
	bw := bufio.NewWriter(f)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes it private
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// CreateError is Write's error when the temporary file could not be made.
type CreateError struct{ Err error }

func (e *CreateError) Error() string { return e.Err.Error() }

// Unwrap is the error of os.CreateTemp.
func (e *CreateError) Unwrap() error { return e.Err }
