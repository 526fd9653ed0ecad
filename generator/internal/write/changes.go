package write

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"zhinan/generator/internal/par"
)

// Changes lists what publishing the stage changes in the destination, as
// a deploy needs it (build --changes): "+path" for every file of the
// stage that the destination does not hold with the same bytes (new or
// changed), "-path" for every file of the destination that the stage
// lacks. The build's Manifest is never listed. Paths are relative to the output folder, with forward slashes,
// sorted. Without a destination yet, every file is "+".
//
// Files of the same size are compared byte for byte (several at once);
// files of different sizes differ without being read, and a file that is
// the very same file in both (a hard link an incremental build made) is
// unchanged without being read.
func (s *Stage) Changes() ([]string, error) {
	next, err := fileSizes(s.dir)
	if err != nil {
		return nil, err
	}
	prev, err := fileSizes(s.dest)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var same []string // in both, with the same size: compare
	var lines []string
	for p, fi := range next {
		old, ok := prev[p]
		switch {
		case !ok || old.Size() != fi.Size():
			lines = append(lines, "+"+p)
		case os.SameFile(old, fi):
			// A file an incremental build took from the destination (a
			// hard link): the same bytes, without reading them.
		default:
			same = append(same, p)
		}
	}
	for p := range prev {
		if _, ok := next[p]; !ok {
			lines = append(lines, "-"+p)
		}
	}
	changed := make([]bool, len(same))
	err = par.Each(context.Background(), len(same), fileWorkers(), func(i int) error {
		eq, err := sameFile(filepath.Join(s.dir, same[i]), filepath.Join(s.dest, same[i]))
		changed[i] = !eq
		return err
	})
	if err != nil {
		return nil, err
	}
	for i, p := range same {
		if changed[i] {
			lines = append(lines, "+"+p)
		}
	}
	slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[1:], b[1:]) })
	return lines, nil
}

// fileSizes maps every regular file below root (slash-separated paths
// relative to it) to its size and identity (os.FileInfo).
func fileSizes(root string) (map[string]fs.FileInfo, error) {
	sizes := map[string]fs.FileInfo{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == Manifest {
			return nil // not served; changes with every build
		}
		sizes[filepath.ToSlash(rel)] = fi
		return nil
	})
	return sizes, err
}

// sameFile tells whether two files of the same size hold the same bytes.
func sameFile(a, b string) (bool, error) {
	da, err := os.ReadFile(a)
	if err != nil {
		return false, err
	}
	db, err := os.ReadFile(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(da, db), nil
}

// PendingFile is a file written beside its final path, put in place by
// Commit (a rename) or thrown away by Abort: a build writes its change
// list this way before it publishes and puts it in place after, so that
// a failed build leaves the previous list as it was.
type PendingFile struct {
	tmp, path string
}

// WritePending writes data to a temporary file in path's folder.
func WritePending(path string, data []byte) (*PendingFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("无法写入变更清单 %s：%w", path, err)
	}
	_, err = f.Write(data)
	err = errors.Join(err, f.Chmod(0o644), f.Close())
	if err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("无法写入变更清单 %s：%w", path, err)
	}
	return &PendingFile{tmp: f.Name(), path: path}, nil
}

// Commit renames the file into place.
func (p *PendingFile) Commit() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("无法写入变更清单 %s：%w", p.path, err)
	}
	return nil
}

// Abort removes the temporary file; the file at the final path, if any,
// stays as it was.
func (p *PendingFile) Abort() { os.Remove(p.tmp) }

// checkChangesFile refuses a change list (build --changes) the build could
// not keep: inside the output folder (publishing replaces that folder, and
// the list would list itself), a folder, or in a folder that does not
// exist.
func checkChangesFile(t target, file string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	real, err := realPath(abs)
	if err != nil {
		return err
	}
	if within(real, t.real) {
		return refuse("变更清单 %s 在输出目录 %s 里：发布会整体替换输出目录，清单也会被删除。请把它写到输出目录之外，例如 %s。",
			file, t.named, filepath.Join(filepath.Dir(t.named), "changes.txt"))
	}
	if fi, err := os.Stat(real); err == nil && fi.IsDir() {
		return refuse("变更清单 %s 是一个文件夹：请给出一个文件名，例如 %s。", file, filepath.Join(file, "changes.txt"))
	}
	if fi, err := os.Stat(filepath.Dir(real)); err != nil || !fi.IsDir() {
		return refuse("变更清单 %s 所在的文件夹不存在：请先创建它。", file)
	}
	return nil
}
