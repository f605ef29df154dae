package pipeline

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gleaner-news/gleaner/internal/canon"
	"github.com/gleaner-news/gleaner/internal/discover"
	"github.com/gleaner-news/gleaner/internal/state"
)

// seed puts the job's start URLs, and its sitemaps when the job uses them,
// at the head of the frontier. Seeds are forced: a second run re-checks them
// (conditionally) even though they are known.
func (r *run) seed(ctx context.Context) error {
	var entries []state.Entry
	for _, raw := range r.job.StartURLs {
		u, err := canon.Canonicalize(raw)
		if err != nil {
			r.tally.fail(raw, "invalid_url", err)
			continue
		}
		entries = append(entries, state.Entry{URL: u, Depth: 0, Kind: r.scope.kindOf(u, state.KindList)})
		if r.job.Sources.Sitemaps {
			for _, p := range discover.CommonSitemapPaths {
				if sm, err := canon.Canonicalize(originOf(u) + p); err == nil {
					entries = append(entries, state.Entry{URL: sm, Depth: 0, Kind: state.KindSitemap})
				}
			}
		}
	}
	if _, err := r.store.Push(ctx, true, entries...); err != nil {
		return err
	}
	return nil
}

// crawlFrontier runs workers until the frontier is empty (nothing queued,
// nothing in flight) or ctx is cancelled.
func (r *run) crawlFrontier(ctx context.Context) {
	workers := r.job.Politeness.Parallelism * max(1, len(r.scope.domains))
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
// past this run, which ends without waiting for it.
func (r *run) park(ctx context.Context, e state.Entry) {
	e.Attempts++
	e.NotBefore = r.now().Add(nextRun)
	if err := r.store.Retry(ctx, e); err != nil {
		r.tally.fail(e.URL, "state", err)
		return
	}
	r.parked.Add(1)
}
