package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/gleaner-news/gleaner/internal/config"
)

// Defaults for [Options].
const (
	DefaultAddr        = "127.0.0.1:8787"
	DefaultConfigDir   = "configs"
	DefaultGrace       = 30 * time.Second
	DefaultReloadEvery = 2 * time.Second
)

// Options configure a [Server]. The zero value serves configs/ on
// 127.0.0.1:8787 without a token.
type Options struct {
	// ConfigDir is the folder of job files. Default "configs".
	ConfigDir string
	// Addr is where ListenAndServe listens. Default "127.0.0.1:8787".
	Addr string
	// Token, when not empty, is the bearer token every route but /healthz
	// requires. It must be set for a listener beyond loopback.
	Token string
	// Grace is how long shutdown waits for cancelled runs to flush and for
	// HTTP requests to finish. Default 30s.
	Grace time.Duration
	// ReloadEvery is how often the job folder is polled for changed,
	// added or removed files. Default 2s; negative turns polling off
	// (Reload still works).
	ReloadEvery time.Duration
	// Logger receives the server's and the runs' log lines; nil discards.
	Logger *slog.Logger
}

// Server runs jobs on their schedules and answers the HTTP API. Create it
// with [New]; it is safe for concurrent use.
type Server struct {
	opts    Options
	log     *slog.Logger
	cron    *cron.Cron
	metrics *metrics
	handler http.Handler

	// runCtx is the parent of every run's context; cancelling it stops them all.
	runCtx    context.Context
	cancelRun context.CancelFunc
	runs      sync.WaitGroup

	reloadMu sync.Mutex // one Reload at a time

	mu       sync.Mutex
	jobs     map[string]*jobEntry // by job name
	files    map[string]fileStamp // what the last Reload saw
	stopping bool
}

// New checks opts, loads the job folder once and returns a Server that
// schedules nothing until Serve. A job folder that cannot be read is an
// error; broken job files are not (they show as config errors).
func New(opts Options) (*Server, error) {
	if opts.ConfigDir == "" {
		opts.ConfigDir = DefaultConfigDir
	}
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Grace <= 0 {
		opts.Grace = DefaultGrace
	}
	if opts.ReloadEvery == 0 {
		opts.ReloadEvery = DefaultReloadEvery
	}
	if opts.Token == "" && !IsLoopbackAddr(opts.Addr) {
		return nil, fmt.Errorf("listen on %s: %w", opts.Addr, ErrTokenRequired)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	s := &Server{
		opts: opts, log: log,
		cron:      cron.New(cron.WithParser(config.ScheduleParser()), cron.WithLogger(cronLogger{log})),
		metrics:   newMetrics(),
		runCtx:    runCtx,
		cancelRun: cancel,
		jobs:      map[string]*jobEntry{},
		files:     map[string]fileStamp{},
	}
	s.metrics.reg.MustRegister(liveCollector{s})
	if err := s.Reload(); err != nil {
		cancel()
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the HTTP API (see docs/serve.md), with the token check.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe listens on Options.Addr and calls [Server.Serve].
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve starts the schedules and the config polling, answers the API on ln
// and blocks until ctx ends. Then it stops the schedules, cancels running
// jobs, waits up to Options.Grace for them and for open requests, and
// returns nil (or the listener's error). Serve closes ln. It may be called
// once.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.opts.Token == "" && !isLoopbackNetAddr(ln.Addr()) {
		ln.Close()
		return fmt.Errorf("listen on %s: %w", ln.Addr(), ErrTokenRequired)
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	s.cron.Start()
	pollDone := make(chan struct{})
	go func() {
		defer close(pollDone)
		s.pollConfigs(ctx)
	}()
	s.log.Info("serving", "addr", ln.Addr().String(), "configs", s.opts.ConfigDir, "jobs", s.jobCount())

	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
		err = fmt.Errorf("serve http: %w", err)
	}
	s.shutdown(srv)
	<-pollDone
	return err
}

// shutdown stops schedules and runs and the HTTP server within the grace period.
func (s *Server) shutdown(srv *http.Server) {
	s.mu.Lock()
	s.stopping = true
	running := 0
	for _, e := range s.jobs {
		if e.active != nil {
			running++
		}
	}
	s.mu.Unlock()
	s.log.Info("shutting down", "running_jobs", running, "grace", s.opts.Grace)
	<-s.cron.Stop().Done() // our cron funcs only start goroutines; this is quick
	s.cancelRun()

	deadline := time.Now().Add(s.opts.Grace)
	runsDone := make(chan struct{})
	go func() {
		s.runs.Wait()
		close(runsDone)
	}()
	timer := time.NewTimer(s.opts.Grace)
	defer timer.Stop()
	select {
	case <-runsDone:
		s.log.Info("runs stopped")
	case <-timer.C:
		s.log.Warn("grace period over with runs still stopping; their next run resumes", "grace", s.opts.Grace)
	}
	// The API stays up while runs flush, so their status can be watched.
	shutCtx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("http shutdown", "err", err)
	}
	srv.Close()
}

func (s *Server) jobCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.jobs)
}

// cronLogger sends cron's own messages to slog at debug level (errors at error).
type cronLogger struct{ log *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.log.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.log.Error("cron: "+msg, append(kv, "err", err)...)
}
