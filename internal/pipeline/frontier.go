package pipeline

import (
	"context"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gleaner-news/gleaner/internal/canon"
	"github.com/gleaner-news/gleaner/internal/discover"
	"github.com/gleaner-news/gleaner/internal/state"
)

// seed puts the job's start URLs, and its sitemaps when the job uses them,
// at the head of the frontier. Seeds are forced: a second run re-checks them
// (conditionally) even though they are known. Sitemaps are those named by
// each start host's robots.txt (Sitemap: lines) and the common paths; a
// common path that is not there is a no_sitemap skip, not an error.
func (r *run) seed(ctx context.Context) error {
	bg := context.WithoutCancel(ctx)
	var entries []state.Entry
	origins := map[string]bool{}
	for _, raw := range r.job.StartURLs {
		u, err := canon.Canonicalize(raw)
		if err != nil {
			r.tally.fail(raw, "invalid_url", err)
			continue
		}
		entries = append(entries, state.Entry{URL: u, Depth: 0, Kind: r.scope.kindOf(u, state.KindList)})
		origin := originOf(u)
		if !r.job.Sources.Sitemaps || origins[origin] {
			continue
		}
		origins[origin] = true
		named := r.crawler.RobotsSitemaps(ctx, origin)
		for _, sm := range named {
			c, err := canon.Canonicalize(sm)
			if err != nil {
				r.tally.skip("invalid_url")
				continue
			}
			if pu, err := url.Parse(c); err != nil || !r.scope.allowedDomain(pu.Host) {
				// robots.txt may name a sitemap on another host; it is not ours to fetch.
				r.tally.skip("offsite")
				continue
			}
			entries = append(entries, state.Entry{URL: c, Depth: 0, Kind: state.KindSitemap})
		}
		for _, p := range discover.CommonSitemapPaths {
			if sm, err := canon.Canonicalize(origin + p); err == nil {
				entries = append(entries, state.Entry{URL: sm, Depth: 0, Kind: state.KindSitemap})
			}
		}
		r.log.Debug("sitemaps seeded", "origin", origin, "from_robots", len(named))
	}
	if _, err := r.store.Push(bg, true, entries...); err != nil {
		return err
	}
	return nil
}

// crawlFrontier runs workers until the frontier is empty (nothing queued,
// nothing in flight) or ctx is cancelled.
func (r *run) crawlFrontier(ctx context.Context) {
	workers := r.job.Politeness.Parallelism * max(1, len(r.scope.domains))
	for _, h := range r.job.Politeness.Hosts {
		workers += max(0, h.Parallelism-r.job.Politeness.Parallelism)
	}
	workers = min(max(workers, 1), 32)

	var active atomic.Int64 // workers holding an entry
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.worker(ctx, &active)
		}()
	}
	wg.Wait()
}

func (r *run) worker(ctx context.Context, active *atomic.Int64) {
	bg := context.WithoutCancel(ctx)
	idle := 10 * time.Millisecond
	for ctx.Err() == nil {
		active.Add(1)
		e, ok, err := r.store.Pop(bg, r.now())
		if err != nil {
			active.Add(-1)
			r.log.Error("frontier", "err", err)
			r.tally.fail("", "state", err)
			return
		}
		if !ok {
			active.Add(-1)
			queued, inFlight, err := r.store.Len(bg)
			if err != nil {
				r.tally.fail("", "state", err)
				return
			}
			r.counters.Queued.Store(int64(queued))
			// Done when nothing is in flight and all that is queued waits for
			// a later run.
			if inFlight == 0 && active.Load() == 0 && int64(queued) <= r.parked.Load() {
				return
			}
			// Entries are in flight elsewhere (they may add links) or wait for
			// their NotBefore: look again shortly.
			select {
			case <-ctx.Done():
				return
			case <-time.After(idle):
			}
			idle = min(idle*2, 500*time.Millisecond)
			continue
		}
		idle = 10 * time.Millisecond
		r.visit(ctx, e)
		active.Add(-1)
	}
}

// park puts e back in the frontier for the next run: its NotBefore lies
// past this run, which ends without waiting for it. failed counts the
// attempt (a page over the run's budget was not attempted).
func (r *run) park(ctx context.Context, e state.Entry, failed bool) {
	if failed {
		e.Attempts++
	}
	e.NotBefore = r.now().Add(nextRun)
	if err := r.store.Retry(ctx, e); err != nil {
		r.tally.fail(e.URL, "state", err)
		return
	}
	r.parked.Add(1)
}
