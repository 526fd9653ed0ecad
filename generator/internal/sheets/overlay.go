package sheets

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"testing/fstest"
	"time"
)

// overlay is a site's file system with some files replaced or added: the
// site as it would be after an import, for the validator to read. Folders
// that only added files live in are made up.
type overlay struct {
	base  fs.FS
	files fstest.MapFS
	dirs  map[string]bool
}

func newOverlay(base fs.FS, files map[string][]byte) *overlay {
	o := &overlay{base: base, files: fstest.MapFS{}, dirs: map[string]bool{}}
	for name, data := range files {
		o.files[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			o.dirs[d] = true
		}
	}
	return o
}

// Open implements fs.FS.
func (o *overlay) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.base.Open(name)
}

// ReadFile implements fs.ReadFileFS.
func (o *overlay) ReadFile(name string) ([]byte, error) {
	if f, ok := o.files[name]; ok {
		return append([]byte(nil), f.Data...), nil
	}
	return fs.ReadFile(o.base, name)
}

// Stat implements fs.StatFS.
func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Stat(name)
	}
	info, err := fs.Stat(o.base, name)
	if errors.Is(err, fs.ErrNotExist) && o.dirs[name] {
		return dirInfo(path.Base(name)), nil
	}
	return info, err
}

// ReadDir implements fs.ReadDirFS: the base's entries and the added ones.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !(errors.Is(err, fs.ErrNotExist) && o.dirs[name]) {
		return nil, err
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Name()] = true
	}
	add := func(child string, info fs.FileInfo) {
		if path.Dir(child) == name && !seen[path.Base(child)] {
			seen[path.Base(child)] = true
			entries = append(entries, fs.FileInfoToDirEntry(info))
		}
	}
	for f := range o.files {
		info, _ := o.files.Stat(f)
		add(f, info)
	}
	for d := range o.dirs {
		add(d, dirInfo(path.Base(d)))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, nil
}

// dirInfo describes a made-up folder.
type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }
