package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/joblock"
	"github.com/gleaner-news/gleaner/internal/output"
	"github.com/gleaner-news/gleaner/internal/state"
)

// ErrLocked is returned by [Run] when another run of the same job holds the
// job's lock. The command maps it to exit code 75.
var ErrLocked = joblock.ErrLocked

// Observer receives per-fetch events, for metrics. Methods are called from
// many goroutines and must not block.
type Observer interface {
	// Fetched reports one request sent: the host (with its port, if any),
	// the HTTP status (0 when it failed before a response) and how long it
	// took, politeness waits included. Requests never sent (robots, address
	// policy, a host deferring us) are not reported.
	Fetched(host string, status int, elapsed time.Duration)
}

// Options are a run's collaborators. The zero value is usable.
type Options struct {
	// Logger receives the run's log lines; nil discards them.
	Logger *slog.Logger
	// Counters, when set, are updated live so the caller can show progress.
	Counters *Counters
	// Observer, when set, is told about every fetch.
	Observer Observer
	// DialContext, when set, replaces the network dialer (tests map names to
	// loopback with it). The address policy still applies.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	// Resolve, when set, replaces DNS lookups; the address policy checks
	// every address it returns before anything is dialled (tests map names).
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// Now returns the current time; nil means time.Now. Tests pin it.
	Now func() time.Time
	// ExtractTimeout bounds extraction of one page; default 5s. A page that
	// takes longer becomes an extract_timeout error and the run goes on.
	// Extract, when set, replaces the job's extractor (tests inject one that
	// panics or never returns, to prove a page's failure stays on its page).
	Extract        func(*htmldoc.Document) (*extract.Result, error)
	ExtractTimeout time.Duration
}

// JobDir returns the folder a job's output and state live in.
func JobDir(job *config.Job) string {
	return filepath.Join(job.OutputDir, job.Name)
}

// extractSlots bounds concurrent extractions, stuck ones included.
const extractSlots = 8

// StampFormat names a run (its id) and its files: UTC, sortable, no colons
// (safe on every filesystem).
const StampFormat = "20060102T150405Z"

// Run crawls job once and returns what it did. It returns an error only when
// the run could not start or its state or output failed (ErrLocked when
// another run holds the job); failed pages are counted in the Summary.
func Run(ctx context.Context, job *config.Job, opts Options) (*Summary, error) {
	r, err := newRun(job, opts)
	if err != nil {
		return nil, err
	}
	return r.execute(ctx)
}

// run is one execution of a job: its collaborators and its tallies.
type run struct {
	job      *config.Job
	opts     Options
	log      *slog.Logger
	now      func() time.Time
	dir      string
	counters *Counters
	tally    *tally
	scope    *scope
	extract  func(*htmldoc.Document) (*extract.Result, error)

	store   state.Store
	crawler *crawl.Crawler

	// writeMu serialises the record decision (new, changed or unchanged), the
	// write and the state update, so two URLs of one article cannot both
	// write version 1.
	writeMu   sync.Mutex
	out       *output.Writer
	outPath   string
	stamp     string
	hostPages hostBudget
	// parked counts entries this run put back for a later run.
	parked     atomic.Int64
	extractCap chan struct{}
}

func newRun(job *config.Job, opts Options) (*run, error) {
	if err := job.Validate(); err != nil {
		return nil, err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	counters := opts.Counters
	if counters == nil {
		counters = &Counters{}
	}
	if opts.ExtractTimeout <= 0 {
		opts.ExtractTimeout = 5 * time.Second
	}
	ex, err := extract.New(extract.Options{
		Location: job.TimeZone.Loc(),
		Selectors: extract.Selectors{
			Title: job.Selectors.Title, Authors: job.Selectors.Authors,
			Published: job.Selectors.Published, Modified: job.Selectors.Modified,
			Body: job.Selectors.Body, Drop: job.Selectors.Drop,
		},
		Logger: log,
	})
	if err != nil {
		return nil, fmt.Errorf("job %s: selectors: %w", job.Name, err)
	}
	extractPage := ex.Extract
	if opts.Extract != nil {
		extractPage = opts.Extract
	}
	sc, err := newScope(job)
	if err != nil {
		return nil, err
	}
	return &run{
		job: job, opts: opts, log: log.With("job", job.Name), now: now,
		dir: JobDir(job), counters: counters, tally: newTally(counters),
		scope: sc, extract: extractPage, hostPages: hostBudget{perHost: job.Limits.MaxPagesPerHost, total: job.Limits.MaxPages, seen: map[string]int{}},
		extractCap: make(chan struct{}, extractSlots),
	}, nil
}

func (r *run) execute(ctx context.Context) (sum *Summary, err error) {
	started := r.now().UTC()
	if err := os.MkdirAll(filepath.Join(r.dir, "runs"), 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	lock, err := joblock.Acquire(filepath.Join(r.dir, ".lock"))
	if err != nil {
		return nil, fmt.Errorf("job %s: %w", r.job.Name, err)
	}
	defer lock.Release()
	r.stamp = r.freeStamp(started)

	st, err := state.OpenBolt(filepath.Join(r.dir, "state.db"), state.BoltOptions{})
	if err != nil {
		return nil, fmt.Errorf("open crawl state: %w", err)
	}
	r.store = st
	defer st.Close()

	// Stores and files are closed with a context that outlives cancellation:
	// a SIGTERM must still flush what was done.
	bg := context.WithoutCancel(ctx)
	if err := r.reconcile(bg); err != nil {
		return nil, err
	}
	resumed, err := st.BeginRun(bg, r.stamp)
	if err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}

	cr, err := crawl.New(crawl.Options{
		UserAgent:        r.job.Politeness.UserAgent,
		Delay:            crawlDelay(r.job.Politeness.Delay.D()),
		Parallelism:      r.job.Politeness.Parallelism,
		MaxBodyBytes:     int64(r.job.Limits.MaxBodyBytes),
		ObeyRobots:       r.job.Politeness.Robots(),
		Timeout:          r.job.Politeness.Timeout.D(),
		MaxRetries:       crawlRetries(r.job.Politeness.MaxRetries),
		BreakerThreshold: r.job.Politeness.BreakerFailures,
		BreakerCooldown:  r.job.Politeness.BreakerCooldown.D(),
		HostOverrides:    hostOverrides(r.job.Politeness.Hosts),
		AllowHosts:       r.job.AllowHosts,
		DialContext:      r.opts.DialContext,
		Resolve:          r.opts.Resolve,
		AllowRedirect: func(target *url.URL) error {
			if !r.scope.allowedDomain(target.Host) {
				return errOffsiteRedirect
			}
			return nil
		},
		Logger: r.log,
	})
	if err != nil {
		return nil, fmt.Errorf("start fetcher: %w", err)
	}
	r.crawler = cr
	defer cr.Close()

	r.log.Info("run started", "run", r.stamp, "resumed", resumed, "dir", r.dir)
	if err := r.seed(ctx); err != nil {
		return nil, err
	}
	r.crawlFrontier(ctx)

	interrupted := ctx.Err() != nil
	closeErr := r.closeOutput()
	queued, inFlight, _ := st.Len(bg)
	// Entries parked for a later run (budget, deferred host, transient
	// failure) do not make the run incomplete: an incomplete run would keep
	// its done set, and the next run would then skip the start pages and
	// find nothing new.
	complete := !interrupted && inFlight == 0 && int64(queued) <= r.parked.Load()
	if err := st.EndRun(bg, complete); err != nil {
		return nil, fmt.Errorf("end run: %w", err)
	}
	if closeErr == nil {
		closeErr = r.markReconciled()
	}

	finished := r.now().UTC()
	sum = &Summary{
		Job: r.job.Name, RunID: r.stamp, Started: started, Finished: finished,
		DurationSeconds: finished.Sub(started).Seconds(), Resumed: resumed, Interrupted: interrupted,
		PagesFetched: r.counters.Fetched.Load(), NotModified: r.counters.NotModified.Load(),
		ArticlesWritten: r.counters.Articles.Load(), Unchanged: r.counters.Unchanged.Load(),
		Queued: queued + inFlight, OutputFile: r.outPath,
	}
	r.tally.fill(sum)
	sum.SummaryFile = filepath.Join(r.dir, "runs", r.stamp+".json")
	data, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode summary: %w", err)
	}
	if err := output.WriteFileAtomic(sum.SummaryFile, append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write summary: %w", err)
	}
	r.log.Info("run finished", "fetched", sum.PagesFetched, "articles", sum.ArticlesWritten,
		"errors", len(sum.Errors)+sum.ErrorsDropped, "interrupted", interrupted)
	return sum, closeErr
}

// freeStamp names this run: t in StampFormat, moved on by a second while an
// earlier run's output or summary has that name. Runs a second apart (a run
// killed at once and restarted) must not share a file: a record appended to
// an output file already in reconciled.json would never be reconciled, and
// would be written again. Called with the job's lock held.
func (r *run) freeStamp(t time.Time) string {
	for {
		stamp := t.Format(StampFormat)
		_, errOut := os.Lstat(filepath.Join(r.dir, "articles-"+stamp+".jsonl"))
		_, errSum := os.Lstat(filepath.Join(r.dir, "runs", stamp+".json"))
		if errors.Is(errOut, os.ErrNotExist) && errors.Is(errSum, os.ErrNotExist) {
			return stamp
		}
		t = t.Add(time.Second)
	}
}

// IsLocked reports whether err means another run holds the job.
func IsLocked(err error) bool { return errors.Is(err, joblock.ErrLocked) }

// hostOverrides maps a job's per-host politeness to the fetcher's.
func hostOverrides(hosts []config.HostPoliteness) map[string]crawl.HostPolicy {
	if len(hosts) == 0 {
		return nil
	}
	m := make(map[string]crawl.HostPolicy, len(hosts))
	for _, h := range hosts {
		m[strings.ToLower(h.Host)] = crawl.HostPolicy{Delay: h.Delay.D(), Parallelism: h.Parallelism}
	}
	return m
}

// errOffsiteRedirect refuses a redirect that leaves the job's domains.
var errOffsiteRedirect = errors.New("redirect target outside allowed_domains")

// crawlRetries maps a job's max_retries to the fetcher's option, where 0
// means the default and a negative value means none.
func crawlRetries(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// crawlDelay maps a job's delay to the fetcher's option, where 0 means the
// default and a negative value means none.
func crawlDelay(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}
