package write

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync/atomic"

	"zhinan/generator/internal/par"
)

// Manifest is the file at the root of the output folder in which a build
// records what each output file was made from (build's manifest), so that
// the next build can take unchanged files from this output instead of
// making them again. It lives inside the output so that it is swapped in
// with the files it describes: after a kill the published folder and its
// manifest always belong together. Change lists (Stage.Changes) leave it
// out; deploys may skip it (it is not served, and it changes with every
// build).
const Manifest = ".zhinan-build.json"

// LinkFrom makes each file of paths (slash paths relative to the output)
// in the stage a hard link to the same file of the published destination,
// creating folders as needed. A link shares the file with the live site,
// so nothing may write through it: every writer of the stage creates
// files with O_EXCL (a path already linked fails instead of being
// overwritten), and a file that must change is made anew. It returns,
// for each path, whether it was linked; a file that is missing in the
// destination (or cannot be linked) is left for the caller to make, and
// the error is only returned when the stage itself cannot be written.
func (s *Stage) LinkFrom(paths []string) ([]bool, int, error) {
	if err := s.makeParents(paths); err != nil {
		return nil, 0, err
	}
	linked := make([]bool, len(paths))
	var n atomic.Int64
	err := par.Each(context.Background(), len(paths), fileWorkers(), func(i int) error {
		p := paths[i]
		if checkPath(p) != nil {
			return nil
		}
		err := os.Link(filepath.Join(s.dest, filepath.FromSlash(p)), filepath.Join(s.dir, filepath.FromSlash(p)))
		if err != nil {
			return nil // not in the destination, or not linkable: made anew by the caller
		}
		linked[i] = true
		n.Add(1)
		return nil
	})
	return linked, int(n.Load()), err
}

// makeParents creates the folders of paths in the stage, each once, in
// order (a parent before its children): one mkdir a folder, where making
// them on a failed link would cost four system calls a file.
func (s *Stage) makeParents(paths []string) error {
	made := map[string]bool{".": true}
	var mk func(dir string) error
	mk = func(dir string) error {
		if made[dir] {
			return nil
		}
		if err := mk(path.Dir(dir)); err != nil {
			return err
		}
		made[dir] = true
		err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(dir)), 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		return nil
	}
	for _, p := range paths {
		if checkPath(p) == nil {
			if err := mk(path.Dir(p)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Remove removes a file or folder of the stage (a slash path relative to
// it) and all it holds, such as the links of a LinkFrom the caller does
// not keep. The published file stays.
func (s *Stage) Remove(dir string) error {
	if err := checkPath(dir); err != nil {
		return err
	}
	return os.RemoveAll(filepath.Join(s.dir, filepath.FromSlash(dir)))
}

// ReadPublished reads a file of the published destination (a slash path
// relative to it), such as the Manifest of the previous build.
func (s *Stage) ReadPublished(name string) ([]byte, error) {
	if err := checkPath(name); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(s.dest, filepath.FromSlash(name)))
}

// WriteManifest writes the build's Manifest into the stage, once, as a
// new file.
func (s *Stage) WriteManifest(data []byte) error {
	f, err := os.OpenFile(filepath.Join(s.dir, Manifest), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}
