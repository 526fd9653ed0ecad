//go:build !linux

package load

import (
	"io"
	"io/fs"
)

// readFileAt reads name from fsys (os.DirFS) as fs.ReadFile does.
func readFileAt(fsys fs.FS, _, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
