package api

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"zhinan/generator/internal/search"
)

// Options configure a Server. Zero values take the defaults below.
type Options struct {
	Sites         []string // published output folders, each with search/
	Bind          string   // default 127.0.0.1: only this computer
	Port          int      // 0 picks a free port
	Limits        search.Limits
	MaxConcurrent int           // searches at once; more get 503 (default 2 × CPUs, at least 4)
	Poll          time.Duration // how often to look for a republished site (default 2 s)
	Log           *slog.Logger  // access log and events (JSON on stderr by default)
}

// Server answers the search API from the sites' indexes.
type Server struct {
	opts Options
	dirs []string
	cur  atomic.Pointer[generation]
	sem  chan struct{}
	ln   net.Listener
	srv  *http.Server
}

// New opens the sites' indexes and listens; Run serves. An index that
// cannot be opened, or an address that cannot be bound, is an error in
// Chinese.
func New(o Options) (*Server, error) {
	if len(o.Sites) == 0 {
		return nil, errors.New("请用 --site 给出至少一个已生成的站点输出目录（例如 public/）")
	}
	o = withDefaults(o)
	s := &Server{opts: o, dirs: searchDirs(o.Sites), sem: make(chan struct{}, o.MaxConcurrent)}
	g, err := openGeneration(s.dirs)
	if err != nil {
		return nil, err
	}
	s.cur.Store(g)
	s.ln, err = net.Listen("tcp", net.JoinHostPort(o.Bind, strconv.Itoa(o.Port)))
	if err != nil {
		g.retire()
		return nil, err
	}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      o.Limits.Timeout + 10*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(o.Log.Handler(), slog.LevelWarn),
	}
	return s, nil
}

// Addr is the address the server listens on, host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Run serves until ctx ends, then stops taking connections, lets the
// requests in flight finish (at most 10 seconds), closes the indexes and
// returns nil. It looks for republished sites every Options.Poll.
func (s *Server) Run(ctx context.Context) error {
	s.opts.Log.Info("api listening", "addr", s.Addr(), "sites", s.opts.Sites)
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(s.ln) }()
	pollCtx, stopPoll := context.WithCancel(ctx)
	polled := make(chan struct{})
	go func() { defer close(polled); s.poll(pollCtx) }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		s.opts.Log.Info("api shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = s.srv.Shutdown(sctx)
		cancel()
	}
	stopPoll()
	<-polled
	if cerr := s.cur.Load().retire(); err == nil {
		err = cerr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	s.opts.Log.Info("api stopped")
	return err
}

// withDefaults fills o's zero values.
func withDefaults(o Options) Options {
	if o.Bind == "" {
		o.Bind = "127.0.0.1"
	}
	d := search.DefaultLimits
	if o.Limits.MaxQueryRunes <= 0 || o.Limits.MaxQueryRunes > d.MaxQueryRunes {
		o.Limits.MaxQueryRunes = d.MaxQueryRunes
	}
	if o.Limits.MaxSize <= 0 {
		o.Limits.MaxSize = d.MaxSize
	}
	if o.Limits.Timeout <= 0 {
		o.Limits.Timeout = d.Timeout
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = defaultConcurrency()
	}
	if o.Poll <= 0 {
		o.Poll = 2 * time.Second
	}
	if o.Log == nil {
		o.Log = defaultLogger()
	}
	return o
}

// poll swaps in a republished site's index until ctx ends.
func (s *Server) poll(ctx context.Context) {
	t := time.NewTicker(s.opts.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.reloadIfChanged()
		}
	}
}

// reloadIfChanged opens the sites again when one of their search/ folders
// is not the one being served, swaps the new indexes in, and retires the
// old ones once no search uses them. While a folder is missing (between
// the two renames of a swap) or the new index does not open, it keeps
// serving the old one and tries at the next poll.
func (s *Server) reloadIfChanged() {
	old := s.cur.Load()
	ids, err := identities(s.dirs)
	if err != nil || sameIdentities(old.ids, ids) {
		return
	}
	g, err := openGeneration(s.dirs)
	if err != nil {
		s.opts.Log.Warn("api reload failed; serving the previous index", "error", err.Error())
		return
	}
	s.cur.Store(g)
	if err := old.retire(); err != nil {
		s.opts.Log.Warn("api closing the previous index", "error", err.Error())
	}
	s.opts.Log.Info("api reloaded", "sites", s.opts.Sites)
}

// current is the generation to search, read-locked; release it after.
func (s *Server) current() *generation {
	for {
		if g := s.cur.Load(); g.acquire() {
			return g
		}
	}
}
