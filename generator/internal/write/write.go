// Package write is the only writer of the output folder.
//
// A build writes everything into a staging folder created beside the
// destination (same parent, so a rename never crosses file systems) and,
// only when every file is written, swaps the staging folder into place.
// A build that fails for any reason (bad content, a template error, a full
// disk, Ctrl-C) calls Abort instead, and the previous output stays exactly
// as it was.
package write

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"zhinan/generator/internal/par"
)

// Stage is a staging folder for one build's output.
type Stage struct {
	dest    string // the real folder replaced on Commit (a link's target)
	dir     string
	release func() // drops the lock on the staging folder's marker
	done    bool
	// keep is the record (KeptRecord) Commit writes into the previous
	// output when it keeps it as the kept folder (KeepPrevious); nil: the
	// previous output is removed. drop is what Commit removes from it
	// first.
	keep []byte
	drop []string
}

// stagingPrefix is how the staging folders of a destination begin: a dot,
// the destination's name and ".staging-". Leftovers of killed builds are
// recognised by it and by the Marker inside.
func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".staging-" }

// Begin checks dest against opts (see Options and DestError), removes the
// staging folders that killed builds left beside it, and creates an empty
// staging folder there holding the Marker (dest itself need not exist
// yet). When dest is a symbolic link, the stage publishes into the
// link's target and the link stays. Call Commit to publish the stage or
// Abort to throw it away.
func Begin(dest string, opts Options) (*Stage, error) {
	t, err := resolveTarget(dest, opts)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(t.real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建输出目录的上级目录 %s：%w", parent, err)
	}
	removeAbandoned(parent, stagingPrefix(t.real))
	dir, err := os.MkdirTemp(parent, stagingPrefix(t.real))
	if err != nil {
		return nil, fmt.Errorf("无法在 %s 中创建临时目录：%w", parent, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	release, err := holdMarker(filepath.Join(dir, Marker))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("无法在 %s 中写入标记文件：%w", dir, err)
	}
	return &Stage{dest: t.real, dir: dir, release: release}, nil
}

// removeAbandoned removes the staging folders beside a destination that
// builds killed before they could clean up left behind: folders whose
// name starts with prefix, that hold the Marker and that no running build
// holds, and empty ones (a build killed before it marked its folder).
// Anything else is left alone. Failures are ignored: the build
// goes on, and the next one tries again.
func removeAbandoned(parent, prefix string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if abandoned(filepath.Join(dir, Marker)) {
			removeTree(dir)
		} else {
			os.Remove(dir) // killed between creating it and marking it: empty
		}
	}
}

// Dir is the staging folder. Stages that must write files themselves (the
// search index, which bleve writes to disk) write below it.
func (s *Stage) Dir() string { return s.dir }

// Dest is the folder the stage will replace on Commit.
func (s *Stage) Dest() string { return s.dest }

// CopyFrom copies files from fsys (paths relative to fsys root, e.g.
// "static/forms/a.docx") to paths in the stage computed by target. Call it
// after every generated file is written: a file that would replace one
// already in the stage is not copied but reported as a *Collision, all of
// them in the returned error (errors.Join, in the order of paths). Any
// other error (reading, writing) stops the copy and is returned alone: the
// one of the first path, in order, that failed.
func (s *Stage) CopyFrom(fsys fs.FS, paths []string, target func(string) string) error {
	collisions := make([]error, len(paths))
	err := par.Each(context.Background(), len(paths), fileWorkers(), func(i int) error {
		data, err := fs.ReadFile(fsys, paths[i])
		if err != nil {
			return err
		}
		to := target(paths[i])
		if err := checkPath(to); err != nil {
			return err
		}
		full := filepath.Join(s.dir, filepath.FromSlash(to))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			if errors.Is(err, syscall.ENOTDIR) || errors.Is(err, fs.ErrExist) {
				collisions[i] = &Collision{Source: paths[i], Output: to}
				return nil
			}
			return err
		}
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			collisions[i] = &Collision{Source: paths[i], Output: to}
			return nil
		}
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return errors.Join(err, f.Close())
	})
	if err != nil {
		return err
	}
	return errors.Join(collisions...)
}

// fileWorkers is how many goroutines copy and remove files: two per core,
// since they wait on the disk more than on the CPU.
func fileWorkers() int { return par.Workers(2) }

// Collision is a copied file (a static file) whose output path a
// generated file, or a folder of generated files, already takes.
type Collision struct {
	Source string // the copied file, relative to the site: static/index.html
	Output string // the output path both want: index.html
}

func (c *Collision) Error() string {
	return fmt.Sprintf("%s 与生成的 %s 同名", c.Source, c.Output)
}

// Commit publishes the staging folder as the destination. The previous
// destination is swapped out atomically where the kernel allows it
// (renameat2 RENAME_EXCHANGE on Linux) and then kept as the kept folder
// (KeepPrevious) or removed.
func (s *Stage) Commit() error {
	if s.done {
		return errors.New("write: stage already finished")
	}
	s.done = true
	defer s.release()
	if err := syncDir(s.dir); err != nil {
		s.abort()
		return err
	}
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.dir, s.dest); err != nil {
			s.abort()
			return fmt.Errorf("无法发布输出目录 %s：%w", s.dest, err)
		}
		return nil
	}
	old, exchanged, err := swap(s.dir, s.dest)
	if err != nil {
		s.abort()
		return fmt.Errorf("无法发布输出目录 %s：%w", s.dest, err)
	}
	// The new output is in place; the old one (now at old) is kept for
	// the next build or goes.
	if exchanged && s.keep != nil && keepOld(old, KeptPath(s.dest), s.keep, s.drop) {
		return nil
	}
	return removeTree(old)
}

// Abort throws the staging folder away; the destination is untouched.
// It is safe to call after Commit (it then does nothing).
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	s.abort()
}

func (s *Stage) abort() {
	os.RemoveAll(s.dir)
	s.release()
}

func checkPath(p string) error {
	if p == "" || path.IsAbs(p) || strings.HasPrefix(path.Clean(p), "..") || path.Clean(p) != p {
		return fmt.Errorf("write: invalid output path %q", p)
	}
	return nil
}
