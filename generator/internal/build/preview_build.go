package build

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"zhinan/generator/internal/render"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/search"
	"zhinan/generator/internal/serve"
	"zhinan/generator/internal/site"
)

// preview is the build behind `serve`, its serve.Builder: pages are
// rendered in memory, when the browser asks for them, and served from
// there; the search index is written to a folder of its own for each
// build and answers /api/search until the next build replaces it.
//
// A save of guides is Checked incrementally (checkState.update): only the
// saved files are read again, inheritance and the rules run again only for
// the guides they can affect, and when no guide moved between groups,
// lists or links the previous resolved site is copied with the new guides
// (resolve.Patch). A layout change makes new templates only; new bytes in
// a static file need nothing but the reload. config.toml, static files
// that come or go, folders and anything unclear make a whole build, which
// still takes unchanged files from the decode cache. Every path is proven
// equal to a clean build by TestIncrementalEqualsClean and
// TestIncrementalRandomEdits.
//
// So that a save shows in the browser as fast as the pages render, only
// the first build waits for the search index; later builds serve the
// previous index's files and rebuild the index in the background (in a
// child process at the lowest priority, under `generator serve`), once
// the preview has been idle for searchIdle, swapping it in (files and
// API) when it is ready. The served search files are looked up at every
// request (previewPages), so the swap needs nothing from the server.
type preview struct {
	source  string
	today   time.Time // the build day of every build (SetToday)
	tempDir string
	builds  int
	cache   *guideCache // guides decoded by earlier rebuilds
	// background builds the search index after the first build: in this
	// process under NewPreviewServer, in a child process under `generator
	// serve` (IndexInChildProcess). When nil (a preview built without a
	// server, in tests), every build indexes before it returns.
	background indexer

	// What the next incremental rebuild starts from; nil after a failure
	// to patch, until a whole build makes it anew.
	state    *checkState
	renderer *render.Renderer // for the layouts of the last whole build
	// site is the last build's resolved site when that build succeeded
	// and nothing was Checked since; nil otherwise. pages is how many
	// files its render.Lazy has.
	site  *site.Site
	pages int
	// observe, when set (by tests, before the first build), is told what
	// each rebuild did beyond a whole build (previewEvent). Nil in
	// production.
	observe func(previewEvent)

	mu     sync.RWMutex
	index  *search.Index
	api    http.Handler
	dir    string            // the folder of the current index
	search map[string][]byte // the browser's files of the current index, by path

	queue     sync.Mutex
	pending   *site.Site     // the newest site still to index
	lastBuild time.Time      // when the last build ended
	running   bool           // an indexing goroutine is at work
	closed    bool           // close was called: index nothing more
	worker    sync.WaitGroup // the indexing goroutine, for close to wait on
}

// previewEvent is a shortcut a rebuild of the preview took, which tests
// count through preview.observe to see that the fast paths are used.
type previewEvent int

const (
	// checkedIncrementally: a rebuild updated the last check with the
	// changed guides (checkState.update) instead of checking all.
	checkedIncrementally previewEvent = iota
	// copiedSite: a rebuild copied the previous resolved site with the new
	// guides in it (resolve.Patch) instead of resolving anew.
	copiedSite
)

// note tells observe, if any, that a rebuild took shortcut e.
func (p *preview) note(e previewEvent) {
	if p.observe != nil {
		p.observe(e)
	}
}

// searchIdle is how long the preview waits after a build before it
// rebuilds the search index in the background, so that the index (seconds
// of CPU on a large site) does not compete with the rebuilds of an editor
// saving one change after another.
const searchIdle = 500 * time.Millisecond

func newPreview(source string) (*preview, error) {
	dir, err := os.MkdirTemp("", "zhinan-serve-search-")
	if err != nil {
		return nil, err
	}
	return &preview{source: source, tempDir: dir, cache: newGuideCache()}, nil
}

// Build is serve.Builder's: a whole build when changed is nil, else a
// rebuild after changes to those paths (buildChanged).
func (p *preview) Build(ctx context.Context, changed []string) serve.Result {
	if changed == nil {
		return p.build(ctx)
	}
	return p.buildChanged(ctx, changed)
}

// build checks the whole site (unchanged files come from the decode
// cache) and prepares it for rendering in memory, with new layouts.
func (p *preview) build(ctx context.Context) serve.Result {
	start := time.Now()
	p.state, p.renderer, p.site = nil, nil, nil
	st, err := checkAll(ctx, p.source, p.cache, func(Stage, int) {})
	if err != nil {
		return serve.Result{Err: err}
	}
	p.state = st
	return p.finish(st, start)
}

// buildChanged rebuilds after changes to the given paths (relative to the
// site folder): incrementally when they are all under content/ or
// layouts/, else as a whole.
func (p *preview) buildChanged(ctx context.Context, paths []string) serve.Result {
	start := time.Now()
	st := p.state
	if st == nil {
		return p.build(ctx)
	}
	// Guides are Checked incrementally; layouts need new templates, not a
	// new check; a static file that was there and still is needs nothing
	// (it is served from static/ as it is now); anything else (config.toml,
	// static files that come or go) checks whole.
	var guides []string
	for _, path := range paths {
		switch {
		case strings.HasPrefix(path, "content/"):
			guides = append(guides, path)
		case path == "layouts" || strings.HasPrefix(path, "layouts/"):
			p.renderer = nil
		case st.staticStillThere(path):
		default:
			return p.build(ctx)
		}
	}
	// Until update has succeeded, a panic in it leaves a whole build next.
	p.state = nil
	if err := st.update(guides); err != nil {
		return p.build(ctx)
	}
	p.state = st
	p.note(checkedIncrementally)
	return p.finish(st, start)
}

// finish resolves the Checked site and prepares it for rendering on
// demand: the diagnostics and result of Check, then what the pages
// need. Everything is served through res.OnDemand (previewPages); the
// result has no Files.
func (p *preview) finish(st *checkState, start time.Time) serve.Result {
	diags, resolved := st.result()
	res := serve.Result{Diagnostics: diags}
	prev := p.site
	p.site = nil
	if site.CountErrors(diags, false) > 0 {
		res.Err = ErrContent
		return res
	}
	// After a save that moved no guide between groups, lists or links,
	// the previous site is copied with the new guides in it, at a tenth
	// of the cost of resolving it anew.
	var s *site.Site
	patched := false
	if prev != nil && st.replaced != nil {
		s, patched = resolve.Patch(prev, st.replaced)
	}
	pages := p.pages // a patched site has the same pages
	if patched {
		p.note(copiedSite)
	} else {
		s = resolve.BuildOn(st.cfg, resolved, st.static, p.today)
	}
	// Pages render when the browser asks for them (render.Lazy), and so
	// do the pages other stages compute (figures, open data) and the data
	// files: an editor mostly looks at the guide just saved.
	var err error
	r := p.renderer
	if r == nil {
		r, err = newRenderer(st.fsys)
	}
	var lazy *render.Lazy
	if err == nil {
		p.renderer = r
		lazy, err = r.Lazy(s)
	}
	if err != nil {
		p.renderer = nil
		res.Err = fmt.Errorf("%w：%v", ErrTemplate, err)
		return res
	}
	extras := sync.OnceValues(func() (map[string][]byte, error) {
		out := map[string][]byte{}
		collect := func(f site.File) error { out[f.Path] = f.Data; return nil }
		if err := emitComputedPages(r, s, collect); err != nil {
			return nil, err
		}
		return out, emitDataFiles(s, collect)
	})
	// The first build indexes before it returns, so that /api/search
	// answers from this build when the pages are told to reload; later
	// ones index in the background and serve the last index meanwhile.
	p.mu.RLock()
	searchFiles := p.search
	p.mu.RUnlock()
	if searchFiles == nil || p.background == nil {
		if searchFiles, err = p.rebuildIndex(s, inProcessIndexer{}); err != nil {
			res.Err = fmt.Errorf("建立搜索索引失败：%w", err)
			return res
		}
	} else {
		p.indexLater(s)
	}
	// A patched site has the pages and static files of the last good
	// build, which had no collisions; listing every page's path costs as
	// much as the rest of a save.
	if !patched {
		if ds := previewCollisions(st.static, lazy.Paths(), searchFiles); ds != nil {
			res.Diagnostics = append(res.Diagnostics, ds...)
			site.SortDiagnostics(res.Diagnostics)
			res.Err = ErrContent
			return res
		}
		pages = len(lazy.Paths())
	}
	p.site, p.pages = s, pages
	res.OnDemand = &previewPages{p: p, lazy: lazy, extras: extras}
	res.Guides, res.Pages, res.Took = len(s.Guides), len(searchFiles)+pages, time.Since(start)
	return res
}

// previewPages is what one build of the preview serves (its
// serve.PageSource): the files of the current search index, then the
// pages, rendered on demand, then the pages other stages compute and the
// data files, made on the first request for one of them.
type previewPages struct {
	p      *preview
	lazy   *render.Lazy
	extras func() (map[string][]byte, error)
}

func (pp *previewPages) Page(name string) ([]byte, bool, error) {
	// The index is looked up at every request: one built in the
	// background replaces the last one's files at once.
	pp.p.mu.RLock()
	data, ok := pp.p.search[name]
	pp.p.mu.RUnlock()
	if ok {
		return data, true, nil
	}
	if data, ok, err := pp.lazy.Get(name); ok || err != nil {
		return data, ok, err
	}
	more, err := pp.extras()
	if err != nil {
		return nil, true, err
	}
	data, ok = more[name]
	return data, ok, nil
}

// previewCollisions is staticCollisions over what the preview serves: the
// pages and the search files.
func previewCollisions(static, pages []string, search map[string][]byte) []site.Diagnostic {
	return staticCollisions(static, func(yield func(string) bool) {
		for _, p := range pages {
			if !yield(p) {
				return
			}
		}
		for name := range search {
			if !yield(name) {
				return
			}
		}
	})
}

// rebuildIndex builds the search files into a new folder through ix,
// swaps the API and the served files over to its index and returns the
// browser's files (everything but the bleve index), by path.
func (p *preview) rebuildIndex(s *site.Site, ix indexer) (map[string][]byte, error) {
	p.builds++
	dir := filepath.Join(p.tempDir, fmt.Sprint(p.builds))
	if err := ix.index(context.Background(), s, dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && search.IsIndexFolder(name) {
				return fs.SkipDir
			}
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		files[path.Join("search", name)] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	opened, err := search.Open(dir)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	old, oldDir := p.index, p.dir
	p.index, p.api, p.dir, p.search = opened, search.Handler(opened), dir, files
	p.mu.Unlock()
	if old != nil {
		old.Close()
		os.RemoveAll(oldDir)
	}
	return files, nil
}

// indexLater rebuilds the search index for s in the background, once no
// build has ended for searchIdle, after any indexing already at work; of
// several sites waiting, only the newest is indexed. When an index is
// ready its files replace the served ones (rebuildIndex).
func (p *preview) indexLater(s *site.Site) {
	p.queue.Lock()
	p.pending, p.lastBuild = s, time.Now()
	if p.running || p.closed {
		p.queue.Unlock()
		return
	}
	p.running = true
	p.worker.Add(1)
	p.queue.Unlock()
	go func() {
		defer p.worker.Done()
		for {
			p.queue.Lock()
			if wait := searchIdle - time.Since(p.lastBuild); wait > 0 && p.pending != nil && !p.closed {
				p.queue.Unlock()
				time.Sleep(wait)
				continue
			}
			next := p.pending
			p.pending = nil
			if next == nil {
				p.running = false
				p.queue.Unlock()
				return
			}
			p.queue.Unlock()
			// On failure the last index stays; the next build tries again.
			p.rebuildIndex(next, p.background)
		}
	}()
}

// ServeHTTP answers /api/search from the current index.
func (p *preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.RLock()
	api := p.api
	p.mu.RUnlock()
	if api == nil {
		// JSON like every answer of the search API (the server's guard
		// adds nosniff).
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `{"error":"搜索索引尚未建立"}`+"\n")
		return
	}
	api.ServeHTTP(w, r)
}

func (p *preview) close() {
	p.queue.Lock()
	p.closed, p.pending = true, nil
	p.queue.Unlock()
	if child, ok := p.background.(*childIndexer); ok {
		child.stop()
	}
	p.worker.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.index != nil {
		p.index.Close()
	}
	os.RemoveAll(p.tempDir)
}

// NewPreviewServer creates the live-preview server of `serve` for
// opts.Source, built by a preview (its serve.Builder), which also answers
// /api/search. After the first build the search index is built in the
// background, in this process unless IndexInChildProcess says otherwise.
// The server's Run gives the builds their context.
func NewPreviewServer(opts serve.Options) (*serve.Server, *Preview, error) {
	p, err := newPreview(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	p.background = inProcessIndexer{}
	opts.Handlers = map[string]http.Handler{"/api/search": p}
	srv, err := serve.New(p, opts)
	if err != nil {
		p.close()
		return nil, nil, err
	}
	return srv, p, nil
}

// Preview is the build behind `serve` (see preview).
type Preview = preview

// Close stops background indexing and removes the preview's temporary
// folders.
func (p *preview) Close() { p.close() }

// SetToday fixes the build day of the preview's builds (`serve --today`,
// else the clock's local date as the command reads it), as
// Options.Today does for a build. Call it before the server runs.
func (p *preview) SetToday(today time.Time) { p.today = today }

// IndexInChildProcess makes the preview build its search index, after the
// first build, in a child process of the executable exe (`generator
// index`, see IndexCommand) at the lowest CPU priority.
func (p *preview) IndexInChildProcess(exe string) {
	p.background = &childIndexer{exe: exe, source: p.source}
}
