package write

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"sync"

	"zhinan/generator/internal/site"
)

// Stream writes files into the stage as they are produced, on a few
// goroutines of its own, so that rendering (CPU) and writing (the kernel
// creating folders and files) overlap and no more than a small buffer of
// pages is held in memory. Create it with Stage.Stream; call Write from
// any goroutine; call Close once to wait for the writes and get the first
// error.
type Stream struct {
	stage *Stage
	queue chan site.File
	wg    sync.WaitGroup

	mu    sync.Mutex
	dirs  map[string]bool
	err   error
	count int
}

// Stream starts workers goroutines that write into the stage.
func (s *Stage) Stream(workers int) *Stream {
	st := &Stream{stage: s, queue: make(chan site.File, 4*workers), dirs: map[string]bool{".": true}}
	for range workers {
		st.wg.Add(1)
		go func() {
			defer st.wg.Done()
			for f := range st.queue {
				if err := st.write(f); err != nil {
					st.fail(err)
				}
			}
		}()
	}
	return st
}

// Write queues a file; it blocks while the queue is full, and returns the
// first error any write has met so far, so a producer can stop early.
func (st *Stream) Write(f site.File) error {
	if err := checkPath(f.Path); err != nil {
		st.fail(err)
		return err
	}
	if err := st.firstError(); err != nil {
		return err
	}
	st.queue <- f
	return nil
}

// Close waits for every queued file and returns the first error, if any,
// and how many files were written.
func (st *Stream) Close() (int, error) {
	close(st.queue)
	st.wg.Wait()
	return st.count, st.firstError()
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

func (st *Stream) write(f site.File) error {
	if err := st.mkdir(path.Dir(f.Path)); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(st.stage.dir, filepath.FromSlash(f.Path)), f.Data, 0o644); err != nil {
		return err
	}
	st.mu.Lock()
	st.count++
	st.mu.Unlock()
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
	err := os.Mkdir(filepath.Join(st.stage.dir, filepath.FromSlash(dir)), 0o755)
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
