package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"zhinan/generator/internal/site"
)

// Builder builds the site the server serves. The server calls Build for
// the first build and after every burst of changes, never concurrently,
// and serves what it returns from memory.
type Builder interface {
	// Build builds the site after changes to the given paths (relative to
	// Options.Source, slash-separated; a folder that appeared or vanished
	// is one path). changed == nil means anything may have changed: the
	// first build, and a rebuild after the watcher lost events. Build may
	// redo only what the changes affect, but it must return what a whole
	// build would. On failure it returns a Result with Err set, and the
	// server keeps serving the previous build.
	//
	// Whatever the builder serves besides the site (Options.Handlers,
	// such as a search API) must show the new build when Build returns:
	// the server tells the pages to reload only then.
	Build(ctx context.Context, changed []string) Result
}

// Result is what one build gives the server.
type Result struct {
	// Files are the built files, by path relative to the site root as
	// the writer would write them ("guide/x/index.html"). The server
	// serves them from memory and, for paths not among them, asks
	// OnDemand, then serves the files under Source/static/ (which a build copies to
	// the site root unchanged): nothing is written to disk.
	Files []site.File
	// OnDemand, when not nil, gives the pages that are not among Files
	// (rendered when asked for), so that a build can end before every
	// page is rendered.
	OnDemand PageSource
	// Diagnostics are every error and warning of the build.
	Diagnostics []site.Diagnostic
	// Err is non-nil when the build failed (content errors, a template
	// error). Files and OnDemand are then ignored.
	Err error
	// Guides and Pages count what was built, for the terminal.
	Guides, Pages int
	// Took is how long the build took; the server measures it itself when
	// zero.
	Took time.Duration
}

// PageSource gives the pages of a build that are not among its files.
type PageSource interface {
	// Page returns the file at name (a path relative to the site root:
	// "guide/x/index.html"); ok is false for a file the site does not
	// have. It is called for every request the build's Files do not
	// answer, concurrently, until the next successful build replaces it;
	// so it may also answer from state that the builder changes between
	// builds (the preview's search index, rebuilt in the background).
	Page(name string) (data []byte, ok bool, err error)
}

// Options configure a Server.
type Options struct {
	// Source is the site folder: config.toml, content/, layouts/, static/.
	Source string
	// Bind is the address to listen on; default 127.0.0.1 (this computer
	// only). Use 0.0.0.0 to let other computers on the network see it
	// (by this computer's IP address: see hostPolicy for the Host headers
	// the server answers).
	Bind string
	// Port is the TCP port; 0 picks a free one (see Server.Addr).
	Port int
	// Handlers are extra endpoints served beside the site, registered on
	// the server's http.ServeMux under their patterns (e.g. "/api/search").
	// Like every path of the server, they receive only GET and HEAD
	// requests with an accepted Host, and their responses carry
	// X-Content-Type-Options: nosniff (see guard). One that depends on the
	// current build must be up to date when Builder.Build returns.
	Handlers map[string]http.Handler
	// Editor, when not nil, is the form editor served under /edit/ (see
	// Editor): the only path that accepts POST.
	Editor Editor
	// Logf prints a line on the terminal; default: discard.
	Logf func(format string, args ...any)

	// Quiet is how long the sources must stay unchanged before a rebuild
	// starts; default 20 ms (80 ms once a burst holds 10 files or more):
	// an editor's save (write, or write a temporary file and rename it)
	// is over within a millisecond or two, and a rebuild that does start
	// on a half-written file is followed by one more.
	// MaxDelay bounds how long a steady stream of changes can postpone it;
	// default 2 s.
	Quiet, MaxDelay time.Duration
}

// Editor is a form editor served under EditPrefix, beside the preview.
// New calls Handler once, with the write token of this server process
// (random, never sent to another origin): the editor embeds it in its
// forms and scripts. The server answers POST only under EditPrefix, and
// only when the request carries that token (form field TokenField or
// header TokenHeader) and passes the same-origin check (see guard); the
// editor itself need not check either.
type Editor interface {
	Handler(token string) http.Handler
}

// EditPrefix is the path of the form editor; TokenField and TokenHeader
// carry the write token of a POST.
const (
	EditPrefix  = "/edit/"
	TokenField  = "_token"
	TokenHeader = "X-Edit-Token"
)

// Status is the state of the last build, as /_serve/status reports it.
type Status struct {
	// Build identifies the last finished build; pages compare it with the
	// build they were served from.
	Build string `json:"build"`
	// OK is false when the last build failed.
	OK bool `json:"ok"`
	// Building is true while a build runs.
	Building bool `json:"building"`
	// Builds counts finished builds since the server started.
	Builds int   `json:"builds"`
	Guides int   `json:"guides"`
	Pages  int   `json:"pages"`
	TookMS int64 `json:"took_ms"`
	// Error is the build error in words, when the build failed.
	Error string `json:"error,omitempty"`
	// Diagnostics are the last build's errors and warnings.
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Latency of the last rebuild caused by a change, in milliseconds:
	// first file event to build start (the debounce), and build end to the
	// reload being sent to the pages.
	EventToBuildMS  float64 `json:"event_to_build_ms"`
	BuildToReloadMS float64 `json:"build_to_reload_ms"`
}

// Diagnostic is a site.Diagnostic as the pages and tools receive it.
type Diagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	// Text is the whole line as the terminal prints it:
	// "path:line: [rule] message".
	Text string `json:"text"`
}

// Server is a running live preview. Create it with New, then call Run.
type Server struct {
	opts     Options
	builder  Builder
	listener net.Listener
	runID    string
	hosts    hostPolicy // which Host headers are answered (guard)
	broker   *broker
	token    string       // the write token of this process (guard)
	edit     http.Handler // Options.Editor's handler, or nil
	// files is the last good build in memory.
	files atomic.Pointer[memSite]

	mu     sync.Mutex
	status Status
}

// New checks the options and opens the listening socket (so a port
// already in use is reported before any build); b builds the site. The
// socket is closed when Run returns.
func New(b Builder, opts Options) (*Server, error) {
	if b == nil {
		return nil, errors.New("serve: 没有给出 Builder")
	}
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 20 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = 2 * time.Second
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	opts.Source = src
	if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("站点目录 %s 不存在或不是文件夹", opts.Source)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		return nil, fmt.Errorf("无法监听 %s:%d：%v（端口可能已被占用，可用 --port 换一个）", opts.Bind, opts.Port, err)
	}
	token, err := newToken()
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{
		opts:     opts,
		builder:  b,
		listener: ln,
		runID:    strconv.FormatInt(time.Now().UnixNano(), 36),
		hosts:    newHostPolicy(opts.Bind, ln.Addr()),
		broker:   newBroker(),
		status:   Status{Diagnostics: []Diagnostic{}},
		token:    token,
	}
	if opts.Editor != nil {
		s.edit = opts.Editor.Handler(token)
	}
	return s, nil
}

// Close releases a server that was never run, or whose Run returned: its
// socket. Run releases it itself; Close is for servers made only to be
// built through (tests, benchmarks).
func (s *Server) Close() error {
	err := s.listener.Close()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// Addr is the address the server listens on, e.g. "127.0.0.1:1313".
func (s *Server) Addr() string { return s.listener.Addr().String() }

// URL is the address as a link to open in a browser.
func (s *Server) URL() string { return "http://" + s.Addr() + "/" }

// Status returns a copy of the state of the last build.
func (s *Server) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.status
	// A copy that is never nil, so that JSON says "diagnostics": [] and
	// not null when the build had none.
	st.Diagnostics = make([]Diagnostic, len(s.status.Diagnostics))
	copy(st.Diagnostics, s.status.Diagnostics)
	return st
}

// Run builds the site once, starts watching the sources and serves HTTP
// until ctx is done; then it stops and returns nil. ctx is also the
// builds' context. It returns an error only when serving or watching
// cannot start or fails. A failed build does not stop the server.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	w, err := newWatcher(s.opts.Source, s.opts.Logf)
	if err != nil {
		s.listener.Close()
		return fmt.Errorf("无法监视文件变化：%w（Linux 上可调大 fs.inotify.max_user_watches / max_user_instances）", err)
	}
	defer w.close()

	// Watch first, so a change saved during the first build is not lost.
	s.rebuild(ctx, batch{})

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(s.listener) }()
	s.opts.Logf("正在监视 %s 下的 content/、layouts/、static/ 和 config.toml，保存后自动重建并刷新页面。", s.opts.Source)
	s.opts.Logf("预览地址：%s （按 Ctrl+C 停止）", s.URL())
	if s.edit != nil {
		s.opts.Logf("表单编辑器：%sedit/ （只有本页面带会话令牌的请求才能保存）", s.URL())
	}

	triggers := make(chan batch, 1)
	go debounce(ctx, w.changes, triggers, s.opts.Quiet, s.opts.MaxDelay)

	var result error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case err := <-serveErr:
			result = err
			break loop
		case err := <-w.failures:
			result = fmt.Errorf("监视文件变化失败：%w", err)
			break loop
		case b := <-triggers:
			s.rebuild(ctx, b)
		}
	}
	s.broker.closeAll()
	shutdownCtx, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	srv.Shutdown(shutdownCtx)
	if errors.Is(result, http.ErrServerClosed) {
		result = nil
	}
	return result
}

// rebuild runs one build and tells the pages and the terminal about it.
// b is the burst of changes that caused it: b.first is the time of its
// first file event (zero for the initial build), b.paths the changed
// files.
func (s *Server) rebuild(ctx context.Context, b batch) {
	first, paths := b.first, b.paths
	if len(paths) > 0 {
		paths = slices.Sorted(slices.Values(paths))
		shown := paths
		more := ""
		if len(shown) > 3 {
			shown, more = shown[:3], fmt.Sprintf(" 等 %d 个文件", len(paths))
		}
		s.opts.Logf("文件有变化：%s%s，重新构建……", joinPaths(shown), more)
	}
	start := time.Now()
	s.mu.Lock()
	s.status.Building = true
	// Builds run one at a time, so this build's id is known before it
	// runs: its files carry it (memSite.build).
	id := s.runID + "-" + strconv.Itoa(s.status.Builds+1)
	s.mu.Unlock()
	s.broker.send("building", "{}")

	var changed []string // nil: build everything
	if len(b.paths) > 0 && !b.all {
		changed = b.paths
	}
	res := s.build(ctx, changed, id)
	if res.Took == 0 {
		res.Took = time.Since(start)
	}
	end := time.Now()

	s.mu.Lock()
	st := &s.status
	st.Building = false
	st.Builds++
	st.Build = id
	st.OK = res.Err == nil
	st.Error = ""
	if res.Err != nil {
		st.Error = res.Err.Error()
	} else {
		st.Guides, st.Pages = res.Guides, res.Pages
	}
	st.TookMS = res.Took.Milliseconds()
	st.Diagnostics = toDiagnostics(res.Diagnostics)
	if !first.IsZero() {
		st.EventToBuildMS = ms(start.Sub(first))
	}
	build, ok, diags := st.Build, st.OK, st.Diagnostics
	s.mu.Unlock()

	if ok {
		s.broker.send("reload", mustJSON(map[string]any{"build": build}))
	} else {
		s.broker.send("errors", mustJSON(map[string]any{"build": build, "error": res.Err.Error(), "diagnostics": diags}))
	}
	sent := time.Now()
	s.mu.Lock()
	s.status.BuildToReloadMS = ms(sent.Sub(end))
	s.mu.Unlock()

	s.logResult(res)
}

// build calls the Builder and, when the build succeeded, swaps its files
// in; a panic in it becomes a failed build, so that a bug in a template
// function does not stop the preview.
func (s *Server) build(ctx context.Context, changed []string, id string) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			res = Result{Err: fmt.Errorf("构建时程序出错（panic）：%v", p)}
		}
	}()
	res = s.builder.Build(ctx, changed)
	if res.Err == nil {
		s.files.Store(newMemSite(res.Files, res.OnDemand, time.Now(), id))
	}
	return res
}

// logResult prints the build's outcome and diagnostics on the terminal, the
// same lines the overlay shows.
func (s *Server) logResult(res Result) {
	ds := append([]site.Diagnostic(nil), res.Diagnostics...)
	site.SortDiagnostics(ds)
	for _, d := range ds {
		s.opts.Logf("%s", d.String())
	}
	if res.Err != nil {
		n := site.CountErrors(ds, false)
		if n > 0 {
			s.opts.Logf("构建失败：%d 个错误。页面保持上一次成功构建的内容；改正后保存，页面会自动刷新。", n)
		} else {
			s.opts.Logf("构建失败：%v。页面保持上一次成功构建的内容。", res.Err)
		}
		return
	}
	s.opts.Logf("构建完成：%d 个指南，%d 个页面，用时 %d 毫秒。", res.Guides, res.Pages, res.Took.Milliseconds())
}

func toDiagnostics(ds []site.Diagnostic) []Diagnostic {
	sorted := append([]site.Diagnostic(nil), ds...)
	site.SortDiagnostics(sorted)
	out := make([]Diagnostic, 0, len(sorted))
	for _, d := range sorted {
		out = append(out, Diagnostic{
			File: d.File, Line: d.Line, Rule: d.Rule,
			Severity: d.Severity.String(), Message: d.Message, Text: d.String(),
		})
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func joinPaths(ps []string) string {
	out := ""
	for i, p := range ps {
		if i > 0 {
			out += "、"
		}
		out += p
	}
	return out
}
