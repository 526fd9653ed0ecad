package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the folders of a site whose changes cause a rebuild,
// watched recursively; watchedFiles are the files at the site's root that
// do.
var (
	watchedDirs  = []string{"content", "layouts", "static"}
	watchedFiles = []string{"config.toml"}
)

// change is one relevant file event: the path relative to the site folder,
// with forward slashes, and when it arrived. all marks events that were
// lost (the kernel's queue overflowed): anything may have changed.
type change struct {
	path string
	at   time.Time
	all  bool
}

// watcher turns fsnotify events under a site folder into changes. It
// watches the site folder itself (for config.toml, which editors often save
// by renaming a temporary file over it, and for content/ etc. appearing
// later) and every folder below content/, layouts/ and static/, adding
// folders as they are created.
type watcher struct {
	root     string
	fsw      *fsnotify.Watcher
	logf     func(string, ...any)
	changes  chan change
	failures chan error
	done     chan struct{}
}

func newWatcher(root string, logf func(string, ...any)) (*watcher, error) {
	// A large buffer keeps a `git checkout` of thousands of files from
	// overflowing the kernel queue before the loop drains it.
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &watcher{
		root:     root,
		fsw:      fsw,
		logf:     logf,
		changes:  make(chan change, 1024),
		failures: make(chan error, 1),
		done:     make(chan struct{}),
	}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		w.addTree(filepath.Join(root, d))
	}
	go w.loop()
	return w, nil
}

func (w *watcher) close() {
	w.fsw.Close()
	<-w.done
}

// addTree watches dir and every folder below it. Files that were created in
// a new folder before its watch was added need no event of their own: the
// folder's creation already schedules a full rebuild, which reads them.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished meanwhile, or unreadable: nothing to watch
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && isHidden(d.Name()) {
			return filepath.SkipDir
		}
		if err := w.fsw.Add(path); err != nil {
			w.logf("无法监视文件夹 %s：%v", path, err)
		}
		return nil
	})
}

func (w *watcher) loop() {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch every folder again and rebuild
				// everything, which is always correct.
				for _, d := range watchedDirs {
					w.addTree(filepath.Join(w.root, d))
				}
				w.changes <- change{path: "（文件变化过多，全部重建）", at: time.Now(), all: true}
				continue
			}
			w.logf("监视文件变化时出错：%v", err)
		}
	}
}

func (w *watcher) handle(ev fsnotify.Event) {
	if ev.Op == fsnotify.Chmod {
		return // touch, permission changes: content unchanged
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return
	}
	rel = filepath.ToSlash(rel)
	if !relevant(rel) {
		return
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			w.addTree(ev.Name)
		}
	}
	w.emit(rel)
}

func (w *watcher) emit(rel string) {
	w.changes <- change{path: rel, at: time.Now()}
}

// relevant tells whether a change to rel (relative to the site folder,
// slash-separated) can change the built site.
func relevant(rel string) bool {
	parts := strings.Split(rel, "/")
	top := parts[0]
	if len(parts) == 1 {
		for _, f := range watchedFiles {
			if top == f {
				return true
			}
		}
	}
	inWatched := false
	for _, d := range watchedDirs {
		if top == d {
			inWatched = true
		}
	}
	if !inWatched {
		return false
	}
	for _, p := range parts[1:] {
		if isHidden(p) {
			return false
		}
	}
	return !isEditorTemp(parts[len(parts)-1])
}

// isHidden reports names starting with a dot (.git, .DS_Store, vim's
// .file.md.swp): never content.
func isHidden(name string) bool { return strings.HasPrefix(name, ".") }

// editorTempSuffixes and editorTempPrefixes are the temporary and backup
// files editors write beside the file being saved.
var (
	editorTempSuffixes = []string{".swp", ".swo", ".swx", ".swpx", "~", ".tmp", ".bak", "___jb_tmp___", "___jb_old___", ".crswap"}
	editorTempPrefixes = []string{".#", "~$", ".goutputstream-"}
)

// isEditorTemp reports names editors use for swap, lock and backup files:
// vim's *.swp and its 4913 write test, *~ backups, Emacs's .#lock and
// #autosave#, JetBrains' safe-write files, Office's ~$ locks.
func isEditorTemp(name string) bool {
	if name == "4913" || (strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")) {
		return true
	}
	for _, s := range editorTempSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	for _, p := range editorTempPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// bulkPaths is the size from which a burst counts as a bulk operation,
// whose quiet window bulkQuiet is longer.
const bulkPaths = 10

func bulkQuiet(quiet time.Duration) time.Duration { return 4 * quiet }

// batch is a burst of changes that one rebuild answers. all is set when
// events were lost, so the paths do not tell everything that changed.
type batch struct {
	first time.Time
	paths []string
	all   bool
}

// debounce gathers changes into bursts: a burst ends after quiet without a
// change (4×quiet once it holds bulkPaths files), or maxDelay after its first change when changes keep coming. A
// finished burst waits while the builder is busy and absorbs the changes
// that arrive meanwhile, so a build never starts for a half-written
// checkout and changes during a build cause exactly one more build.
func debounce(ctx interface{ Done() <-chan struct{} }, in <-chan change, out chan<- batch, quiet, maxDelay time.Duration) {
	var (
		pending  *batch
		seen     map[string]bool
		deadline time.Time
		ready    bool
		timer    = time.NewTimer(time.Hour)
	)
	timer.Stop()
	for {
		var send chan<- batch
		var next batch
		if ready {
			send = out
			next = *pending
		}
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case c := <-in:
			if pending == nil {
				pending = &batch{first: c.at}
				seen = map[string]bool{}
				deadline = c.at.Add(maxDelay)
			}
			pending.all = pending.all || c.all
			if !seen[c.path] {
				seen[c.path] = true
				pending.paths = append(pending.paths, c.path)
			}
			// A burst of many files (a checkout, a copy, a search and
			// replace) is not someone waiting for one saved page: wait
			// longer for it to end, so it costs one rebuild.
			q := quiet
			if len(pending.paths) >= bulkPaths {
				q = bulkQuiet(quiet)
			}
			wait := min(q, time.Until(deadline))
			if wait <= 0 {
				ready = true
				timer.Stop()
				continue
			}
			ready = false
			timer.Reset(wait)
		case <-timer.C:
			ready = true
		case send <- next:
			pending, seen, ready = nil, nil, false
		}
	}
}
