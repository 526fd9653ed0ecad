package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"zhinan/generator/internal/feeds"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/render"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/search"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/stats"
	"zhinan/generator/internal/write"
)

// Options says what one build reads, where it writes and how strict
// it is.
type Options struct {
	Source string // the site folder: config.toml, content/, layouts/, static/
	Dest   string // the output folder, replaced as a whole on success
	Strict bool   // warnings fail the build
	Search bool   // also build the search index and its browser export
	Force  bool   // replace a non-empty Dest that this tool did not write
	// Changes, when set, is the file the build writes its change list to
	// (write.Stage.Changes: what publishing changed in Dest), outside Dest,
	// put in place only once the build is published.
	Changes string
	// Today is the build day (`--today`, else the clock's local date as
	// the command reads it): the one value that decides whether an item
	// with `effective` is in force yet, for its page and the figures, and against which a page says how old
	// its guide is (stale notice). It
	// becomes site.Site.Today; zero judges no effective date.
	Today time.Time
	// Clean makes a whole build: nothing is taken from the previous output
	// (`--clean`). Without it, files whose inputs did not change are
	// taken from it (see manifest).
	Clean bool
	// Progress, when set, is told each stage as it starts.
	Progress func(stage Stage, count int)
}

// Result is what a build found and made.
type Result struct {
	Diagnostics []site.Diagnostic
	Guides      int // published guides
	Pages       int // files written (pages, assets, data, search files)
	// Reused is how many of those files were taken unchanged from the
	// previous output (guide pages and sheets, browsing pages, as hard
	// links), Rebuilt how many were made anew. The search folder is
	// counted in neither. ReusedLists is how many of Reused are browsing
	// pages (department, region, topic, list).
	Reused, Rebuilt, ReusedLists int
	// Parsed is how many guide files were read and parsed, FromCache how
	// many guides were taken from the guide cache (GuideCacheFile)
	// instead; both are 0 where no cache file is kept.
	Parsed, FromCache int
	// ChecksFromCache is how many guides' rule findings were taken from
	// the check cache (CheckCacheFile) instead of checked again.
	ChecksFromCache int
	// DataParts is how many guides' parts of the per-guide open-data files
	// (guides.json, guides.csv, materials.csv; three a guide) were taken
	// from the published files instead of made anew.
	DataParts int
	// SearchReused is true when the search folder was taken whole from
	// the previous output (its inputs did not change).
	SearchReused bool
	// FromKept is true when the build started from the kept folder (the
	// output before the live one, see kept.go) instead of an empty
	// staging folder.
	FromKept bool
	Took     time.Duration
}

// ErrContent is returned when the content (guides, config, layouts) is
// wrong; the diagnostics say where. Nothing was published.
var ErrContent = errors.New("内容有误，未发布任何文件")

// ErrTemplate marks a layout that does not parse or execute: it is the
// site's content too, so the build exits with the content exit code.
var ErrTemplate = errors.New("模板有误")

// Checked is the outcome of the first half of a build: the site read,
// judged and resolved, before anything is rendered.
type Checked struct {
	FS          fs.FS
	Site        *site.Site    // nil when there are errors
	Guides      []*site.Guide // every guide incl. drafts, inheritance resolved
	Diagnostics []site.Diagnostic
}

// Check runs load → validate → resolve. It is the whole of `check`
// and the first half of `build`, and it is the preview's whole check too:
// checkAll makes the state a preview later updates after each save, and
// Check takes what that state holds (checkState.result), so the build and
// the incremental path share one first half. The returned site is nil when
// there are errors (or warnings, with strict). cache, when not nil, lets
// the live preview skip decoding files that did not change (see
// guideCache).
//
// It stops with ctx's error, between stages and between files, when ctx
// is done (Ctrl-C).
//
// Check fixes no build day (site.Site.Today is zero); CheckOn does.
func Check(ctx context.Context, source string, strict bool, progress func(Stage, int), cache *guideCache) (*Checked, error) {
	return CheckOn(ctx, source, strict, time.Time{}, progress, cache)
}

// CheckOn is Check for the build day today (Options.Today), which the
// resolved site keeps as site.Site.Today.
func CheckOn(ctx context.Context, source string, strict bool, today time.Time, progress func(Stage, int), cache *guideCache) (*Checked, error) {
	if progress == nil {
		progress = func(Stage, int) {}
	}
	st, err := checkAll(ctx, source, cache, progress)
	if err != nil {
		return nil, err
	}
	return checked(ctx, st, strict, today, progress)
}

// CheckFS is Check over a site read through fsys instead of a folder:
// `generator import` runs it on the site as it would be after the import
// (the files it would write laid over the real ones), so that the
// would-be files are judged by the build's own rules before anything is
// written.
func CheckFS(ctx context.Context, fsys fs.FS, strict bool) (*Checked, error) {
	st, err := checkAllFS(ctx, "", fsys, nil, func(Stage, int) {})
	if err != nil {
		return nil, err
	}
	return checked(ctx, st, strict, time.Time{}, func(Stage, int) {})
}

// checked finishes Check from the checked state, on the build day today
// (zero: none fixed).
func checked(ctx context.Context, st *checkState, strict bool, today time.Time, progress func(Stage, int)) (*Checked, error) {
	diags, resolved := st.result()
	c := &Checked{FS: st.fsys, Guides: resolved, Diagnostics: diags}
	if site.CountErrors(diags, strict) > 0 {
		return c, ErrContent
	}
	if err := ctx.Err(); err != nil {
		return c, err
	}
	progress(StageResolve, len(resolved))
	c.Site = resolve.BuildOn(st.cfg, resolved, st.static, today)
	return c, nil
}

// Run runs the whole pipeline: load → validate → resolve → render →
// index → write. Output is written to a staging folder and swapped in only
// when everything succeeded; on any error (or ctx cancelled) the previous
// output is untouched.
func Run(ctx context.Context, opts Options) (Result, error) {
	start := time.Now()
	progress := opts.Progress
	if progress == nil {
		progress = func(Stage, int) {}
	}
	res := Result{}
	stage, err := write.Begin(opts.Dest, write.Options{Source: opts.Source, Force: opts.Force, Changes: opts.Changes})
	if err != nil {
		return res, err
	}
	defer stage.Abort() // does nothing once committed
	cache := newDiskGuideCache(stage.Dest(), opts.Source, opts.Clean)
	defer cache.abort() // does nothing once committed
	// The layouts are compiled while the guides are checked: the check
	// leaves a core idle now and then, and the incremental plan needs the
	// renderer (render.ListPageKeys).
	renderer := make(chan rendererResult, 1)
	go func() {
		r, err := newRenderer(load.DirFS(opts.Source))
		renderer <- rendererResult{r, err}
	}()
	c, err := CheckOn(ctx, opts.Source, opts.Strict, opts.Today, progress, cache)
	if cache != nil {
		res.Parsed, res.FromCache = cache.parsed, cache.taken
		if cache.checks != nil {
			res.ChecksFromCache = int(cache.checks.hits.Load())
		}
	}
	if c != nil {
		res.Diagnostics = c.Diagnostics
	}
	if err != nil {
		return res, err
	}
	s := c.Site
	res.Guides = len(s.Guides)
	dropDiagnosticData(c.Guides)

	rr := <-renderer
	if rr.err != nil {
		return res, fmt.Errorf("%w：%v", ErrTemplate, rr.err)
	}
	inc, err := planIncrement(c, stage, opts, opts.Clean)
	if err != nil {
		return res, err
	}
	inc.sums = cache.knownSums()
	// The search index needs only the resolved site: it is built while
	// the rest of the build fingerprints, links and renders.
	ix := inc.startSearch(ctx, s, stage)
	if err := inc.reuseFiles(c, rr.r, stage); err != nil {
		ix.stop() // before Abort removes the stage
		return res, err
	}
	// the search has its own reference to them as long as it needs it
	inc.sums = nil
	if cache != nil {
		cache.sums = nil
	}
	if inc.files > 0 {
		progress(StageReuse, inc.files)
	}
	written, err := renderAndIndex(ctx, c, rr.r, stage, inc, ix, progress)
	if err != nil {
		return res, err
	}
	copied, collisions, err := copyStatic(c, stage, inc)
	if collisions != nil {
		res.Diagnostics = append(res.Diagnostics, collisions...)
		site.SortDiagnostics(res.Diagnostics)
		return res, ErrContent
	}
	if err != nil {
		return res, err
	}
	res.Rebuilt = written + copied
	res.Reused, res.SearchReused, res.FromKept = inc.files, inc.search, inc.fromKept
	res.ReusedLists = len(inc.pages)
	res.DataParts = inc.data.taken
	res.Pages = res.Rebuilt + res.Reused
	if err := writeManifest(stage, s, inc); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	progress(StagePublish, res.Pages)
	if err := publish(stage, opts.Changes); err != nil {
		return res, err
	}
	_ = cache.commit() // without it the next build parses every guide, no more
	progress(StageDone, 0)
	res.Took = time.Since(start)
	return res, nil
}

// rendererResult is what newRenderer returned.
type rendererResult struct {
	r   *render.Renderer
	err error
}

// publish commits the stage and, when changes names a file, writes there
// the change list of this publication (write.Stage.Changes): into a
// temporary file before the commit, renamed into place after it, so that
// a build that fails before it publishes leaves the previous list as it
// was.
func publish(stage *write.Stage, changes string) error {
	if changes == "" {
		return stage.Commit()
	}
	lines, err := stage.Changes()
	if err != nil {
		return fmt.Errorf("无法比较新旧输出：%w", err)
	}
	var buf bytes.Buffer
	for _, l := range lines {
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	list, err := write.WritePending(changes, buf.Bytes())
	if err != nil {
		return err
	}
	if err := stage.Commit(); err != nil {
		list.Abort()
		return err
	}
	return list.Commit()
}

// renderAndIndex renders and writes every page and data file of the
// checked site into the stage, while the search build ix (startSearch)
// goes on beside it, and waits for that too; it returns how many files it
// wrote.
//
// Render and write at once: pages stream to the writer as they are
// rendered, and the guide folders are created (by the kernel, one parent
// at a time) while the CPU renders. The search index is built at the same
// time: rendering leaves a core idle whenever its workers wait on the
// disk, and the index needs only the resolved site.
func renderAndIndex(ctx context.Context, c *Checked, r *render.Renderer, stage *write.Stage, inc *increment, ix *indexing, progress func(Stage, int)) (int, error) {
	s := c.Site
	if inc.withSearch {
		progress(StageRenderAndIndex, len(s.Guides)-len(inc.reused))
	} else {
		progress(StageRender, len(s.Guides)-len(inc.reused))
	}
	out := stage.Stream()
	dirsMade := make(chan error, 1)
	go func() { dirsMade <- out.MakeDirs(guideDirs(s, inc.skip)) }()
	renderErr := renderSite(r, s, inc.reuse(), inc.data, cancellable{ctx, out})
	dirErr := <-dirsMade
	written, writeErr := out.Close()
	inc.written = append(inc.written, out.Paths()...)
	searchErr := ix.wait() // before anything returns: Abort removes the stage
	// A failed write, or Ctrl-C, also stops rendering; report it as what
	// it is.
	if err := errors.Join(dirErr, writeErr); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if renderErr != nil {
		return 0, fmt.Errorf("%w：%v", ErrTemplate, renderErr)
	}
	if searchErr != nil {
		return 0, fmt.Errorf("建立搜索索引失败：%w", searchErr)
	}
	return written, ctx.Err()
}

// indexing is a search build running beside the rest of a build
// (startSearch).
type indexing struct {
	done   chan error
	cancel context.CancelFunc
}

// startSearch starts, with search, building the search folder of the
// resolved site into the stage (search.Update, taking what it can from
// the published search folder and the batch cache planIncrement chose);
// without, it starts nothing.
func (inc *increment) startSearch(ctx context.Context, s *site.Site, stage *write.Stage) *indexing {
	ctx, cancel := context.WithCancel(ctx)
	ix := &indexing{done: make(chan error, 1), cancel: cancel}
	if !inc.withSearch {
		ix.done <- nil
		return ix
	}
	// the options go as an argument, not captured: Update lets go of
	// the sums once it has hashed its inputs, and so can the collector
	go func(opts search.Options) {
		dir := filepath.Join(stage.Dir(), "search")
		_, rebuilt, err := search.Update(ctx, s, inc.prevSearch, dir, opts)
		inc.search = err == nil && rebuilt == 0 && inc.prevSearch != ""
		ix.done <- err
	}(search.Options{Cache: inc.searchCache, ContentSum: inc.sums.content})
	return ix
}

// wait waits for the search build to end and returns its error.
func (ix *indexing) wait() error {
	err := <-ix.done
	ix.cancel()
	return err
}

// stop cancels the search build and waits for it to end.
func (ix *indexing) stop() {
	ix.cancel()
	<-ix.done
}

// copyStatic copies the site's static files into the stage after every
// generated file is written. A static file at the path of a generated one
// is not copied: it comes back as a diagnostic (see collisionDiagnostics).
func copyStatic(c *Checked, stage *write.Stage, inc *increment) (copied int, collisions []site.Diagnostic, err error) {
	static := make([]string, len(c.Site.Static))
	for i, p := range c.Site.Static {
		static[i] = path.Join(load.StaticDir, p)
		inc.written = append(inc.written, p)
	}
	err = stage.CopyFrom(c.FS, static, func(p string) string { return p[len(load.StaticDir)+1:] })
	if err != nil {
		return 0, collisionDiagnostics(err), err
	}
	return len(static), nil, nil
}

// collisionDiagnostics turns the static files that collide with generated
// files into diagnostics, or returns nil when err holds other errors too
// (a full disk is not the content's fault).
func collisionDiagnostics(err error) []site.Diagnostic {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var ds []site.Diagnostic
	for _, e := range errs {
		var c *write.Collision
		if !errors.As(e, &c) {
			return nil
		}
		ds = append(ds, collisionDiagnostic(c.Source, c.Output))
	}
	return ds
}

func collisionDiagnostic(source, output string) site.Diagnostic {
	return rules.Static.Atf(source, 0, "%s 会覆盖生成器生成的 /%s：static/ 里的文件不能与生成的页面或数据同名。请改名或移到别的文件夹（例如 static/files/）", source, output)
}

// staticCollisions finds, for the live preview, the static files (paths
// relative to static/) that a build would refuse because a generated file
// (a path of generated, or a data file) has their path or lies below it.
// The build finds the same ones as it copies (write.Collision).
func staticCollisions(static []string, generated func(yield func(string) bool)) []site.Diagnostic {
	if len(static) == 0 {
		return nil
	}
	hit := map[string]bool{}
	set := make(map[string]bool, len(static))
	for _, p := range static {
		set[p] = true
		hit[p] = dataFilePath(p)
	}
	for g := range generated {
		for p := g; p != "."; p = path.Dir(p) {
			if set[p] {
				hit[p] = true
			}
		}
	}
	var ds []site.Diagnostic
	for _, p := range static {
		if hit[p] {
			ds = append(ds, collisionDiagnostic(path.Join(load.StaticDir, p), p))
		}
	}
	return ds
}

// statsPagePath is where the reform figures are rendered.
const statsPagePath = "stats/index.html"

// dataFilePath tells whether p is one of the data files the build writes
// beside the pages (open data, robots.txt, sitemaps, the feed, the pages
// other stages compute).
func dataFilePath(p string) bool {
	for _, f := range feeds.OpenDataFiles {
		if p == f.Path {
			return true
		}
	}
	return p == feeds.RobotsPath || p == feeds.SitemapPath || p == feeds.AtomPath ||
		p == feeds.DataPagePath || p == statsPagePath || feeds.IsSitemapPart(p)
}

// dropDiagnosticData frees what only diagnostics need (where each value
// was written, which keys a file set) once validation is over: at 10,000
// guides it is a third of the memory the render stage would otherwise
// carry. Nothing after validation reads it.
func dropDiagnosticData(guides []*site.Guide) {
	for _, g := range guides {
		g.Positions = site.Positions{}
	}
}

// guideDirs lists the folder of every guide page (guide/<code>) but the
// skipped ones', which the writer can create before the pages are
// rendered.
func guideDirs(s *site.Site, skip func(*site.Page) bool) []string {
	dirs := make([]string, 0, len(s.Guides))
	for _, g := range s.Guides {
		if !skip(g) {
			dirs = append(dirs, strings.Trim(g.URL, "/"))
		}
	}
	return dirs
}

// fileSink takes the files of a build, from several goroutines at once:
// most whole (Write, which keeps no reference to the data), the large
// data files as they are written (WriteFrom). write.Stream is one.
type fileSink interface {
	Write(site.File) error
	WriteFrom(path string, fill func(io.Writer) error) error
}

// renderSite renders with r every page and every data file of the site,
// handing each to out (from several goroutines) as soon as it is ready,
// but the pages reuse names (taken from the previous output).
func renderSite(r *render.Renderer, s *site.Site, reuse render.Reuse, data *dataParts, out fileSink) error {
	emit := out.Write
	// The data files need no templates: make them on their own goroutine
	// while the pages render.
	dataDone := make(chan error, 1)
	go func() { dataDone <- writeDataFiles(s, data, out) }()
	if err := r.RenderReusing(s, reuse, emit); err != nil {
		<-dataDone
		return err
	}
	if err := <-dataDone; err != nil {
		return err
	}
	return emitComputedPages(r, s, emit)
}

// newRenderer returns the renderer of a site: the built-in layouts with
// the site's own layouts/ folder over them.
func newRenderer(fsys fs.FS) (*render.Renderer, error) {
	var layouts fs.FS
	if fi, err := fs.Stat(fsys, "layouts"); err == nil && fi.IsDir() {
		layouts, _ = fs.Sub(fsys, "layouts")
	}
	return render.New(layouts)
}

// emitComputedPages renders the pages whose data other stages compute: the
// reform figures and the open-data schema page.
func emitComputedPages(r *render.Renderer, s *site.Site, emit func(site.File) error) error {
	for _, p := range []struct {
		tmpl, path, title string
		data              any
	}{
		{"stats.html", statsPagePath, "改革数据", stats.Compute(s)},
		{"data.html", feeds.DataPagePath, "开放数据", feeds.Schema(s)},
	} {
		f, err := r.Page(p.tmpl, p.path, p.title, s, p.data)
		if err != nil {
			return err
		}
		if err := emit(f); err != nil {
			return err
		}
	}
	return nil
}

// emitDataFiles makes the machine-readable files, as writeDataFiles does,
// each whole in memory (the live preview serves them from memory).
func emitDataFiles(s *site.Site, emit func(site.File) error) error {
	return writeDataFiles(s, &dataParts{}, memorySink(emit))
}

// writeDataFiles makes the machine-readable files: open data (streamed to
// out: guides.json alone is ~200 MB at 100,000 guides; data takes what it
// can from the published files), robots.txt, and
// (with base_url) the sitemaps and the Atom feed, each handed over as soon
// as it is made.
func writeDataFiles(s *site.Site, data *dataParts, out fileSink) error {
	for _, f := range feeds.OpenDataFiles {
		if err := out.WriteFrom(f.Path, func(w io.Writer) error { return data.write(f, w, s) }); err != nil {
			return err
		}
	}
	if err := out.Write(feeds.Robots(s)); err != nil {
		return err
	}
	// Sitemaps and the feed need absolute URLs: without base_url they are
	// left out (load warns about the missing key).
	if s.Config.BaseURL == "" {
		return nil
	}
	sitemaps, err := feeds.Sitemaps(s, []string{"/stats/", "/search/", "/data/"})
	if err != nil {
		return err
	}
	for _, f := range sitemaps {
		if err := out.Write(f); err != nil {
			return err
		}
	}
	atom, err := feeds.Atom(s)
	if err != nil {
		return err
	}
	return out.Write(atom)
}

// cancellable stops a build at the next file once ctx is done (Ctrl-C):
// the error stops the renderer, and the stage is thrown away.
type cancellable struct {
	ctx context.Context
	fileSink
}

func (c cancellable) Write(f site.File) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	return c.fileSink.Write(f)
}

func (c cancellable) WriteFrom(path string, fill func(io.Writer) error) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	return c.fileSink.WriteFrom(path, fill)
}

// memorySink hands every file whole to a function.
type memorySink func(site.File) error

func (m memorySink) Write(f site.File) error { return m(f) }

func (m memorySink) WriteFrom(path string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return err
	}
	return m(site.File{Path: path, Data: buf.Bytes()})
}

// compact drops nil guides (files that could not be decoded at all).
func compact(gs []*site.Guide) []*site.Guide {
	out := gs[:0]
	for _, g := range gs {
		if g != nil {
			out = append(out, g)
		}
	}
	return out
}
