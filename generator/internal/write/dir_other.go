//go:build !linux

package write

import (
	"io"
	"os"
	"path/filepath"
)

// dirHandle creates folders and files below one folder with the os
// package (see dir_linux.go for the faster Linux version).
type dirHandle struct{ root string }

func openDir(root string) (*dirHandle, error) { return &dirHandle{root: root}, nil }

func (d *dirHandle) full(rel string) string { return filepath.Join(d.root, filepath.FromSlash(rel)) }

func (d *dirHandle) writeFile(rel string, data []byte) error {
	f, err := os.OpenFile(d.full(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (d *dirHandle) create(rel string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(d.full(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (d *dirHandle) mkdir(rel string) error { return os.Mkdir(d.full(rel), 0o755) }

func (d *dirHandle) close() error { return nil }
