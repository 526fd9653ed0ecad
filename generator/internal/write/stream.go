package write

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path"
	"slices"
	"sync"
	"sync/atomic"

	"zhinan/generator/internal/site"
)

// Stream writes files into the stage as they are produced, from any number
// of goroutines, each file on the goroutine that hands it over. Writing on
// the producer's goroutine lets a renderer reuse one page buffer per
// worker instead of copying every page for a writer goroutine: at 10,000
// guides the copies were 500 MB of garbage, a third of what a build
// allocates. The CPU cost is the same, since creating a file is kernel
// work on the core that asks for it. Create it with Stage.Stream; call
// Close once at the end to get the first error and the count.
type Stream struct {
	stage *Stage
	dir   *dirHandle
	count atomic.Int64

	mu    sync.Mutex
	dirs  map[string]bool
	err   error
	paths []string // every file written, in no order
}

// Stream returns a writer into the stage.
func (s *Stage) Stream() *Stream {
	st := &Stream{stage: s, dirs: map[string]bool{".": true}}
	st.dir, st.err = openDir(s.dir)
	return st
}

// Write writes f now and does not keep f.Data: the caller may reuse the
// buffer as soon as Write returns. It returns the first error any write
// has met so far, so that producers stop early.
func (st *Stream) Write(f site.File) error {
	if err := checkPath(f.Path); err != nil {
		st.fail(err)
		return err
	}
	if err := st.firstError(); err != nil {
		return err
	}
	if err := st.mkdir(path.Dir(f.Path)); err != nil {
		st.fail(err)
		return err
	}
	if err := st.dir.writeFile(f.Path, f.Data); err != nil {
		st.fail(err)
		return err
	}
	st.wrote(f.Path)
	return nil
}

// WriteFrom creates file name (a slash path) and lets fill write its content through a
// buffer, for files too large to hold in memory (the open data at 100,000
// guides). Like Write, it returns the first error so far.
func (st *Stream) WriteFrom(name string, fill func(io.Writer) error) error {
	if err := checkPath(name); err != nil {
		st.fail(err)
		return err
	}
	if err := st.firstError(); err != nil {
		return err
	}
	err := st.mkdir(path.Dir(name))
	if err == nil {
		err = st.dir.create(name, func(f io.Writer) error {
			b := bufio.NewWriterSize(f, 256<<10)
			if err := fill(b); err != nil {
				return err
			}
			return b.Flush()
		})
	}
	if err != nil {
		st.fail(err)
		return err
	}
	st.wrote(name)
	return nil
}

func (st *Stream) wrote(name string) {
	st.count.Add(1)
	st.mu.Lock()
	st.paths = append(st.paths, name)
	st.mu.Unlock()
}

// Paths lists every file the stream wrote (slash paths, in no order), for
// the build's record of what it made itself. Call it after Close.
func (st *Stream) Paths() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.paths)
}

// Close returns how many files were written and the first error, if any.
func (st *Stream) Close() (int, error) {
	err := st.firstError()
	if cerr := st.dir.close(); err == nil {
		err = cerr
	}
	return int(st.count.Load()), err
}

// MakeDirs creates folders (slash paths relative to the stage) ahead of
// the files that will go in them; the pipeline calls it while pages are
// still being rendered.
func (st *Stream) MakeDirs(dirs []string) error {
	for _, d := range dirs {
		if err := st.mkdir(d); err != nil {
			st.fail(err)
			return err
		}
	}
	return nil
}

// mkdir creates a folder and its parents once, remembering what exists so
// that no file costs an extra stat.
func (st *Stream) mkdir(dir string) error {
	st.mu.Lock()
	done := st.dirs[dir]
	st.mu.Unlock()
	if done {
		return nil
	}
	if err := st.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	err := st.dir.mkdir(dir)
	if err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	st.mu.Lock()
	st.dirs[dir] = true
	st.mu.Unlock()
	return nil
}

func (st *Stream) fail(err error) {
	st.mu.Lock()
	if st.err == nil {
		st.err = err
	}
	st.mu.Unlock()
}

func (st *Stream) firstError() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.err
}
