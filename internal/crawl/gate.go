package crawl

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"
)

// outcome is what one request taught the gate about its host.
type outcome int

const (
	outcomeSuccess  outcome = iota // the host answered (2xx, 3xx, 4xx other than 429)
	outcomeSlowDown                // 429 or 503: back off harder
	outcomeFailure                 // other 5xx, network errors
	outcomeNeutral                 // nothing learnt (blocked, robots, too large)
)

// gate is the per-host scheduler: a host (scheme+host+port) gets at most
// parallelism requests in flight and at least its delay between request
// starts, waits out Retry-After, slows down on 429/503 and is cut off by a
// circuit breaker after consecutive failures. A global semaphore caps all
// hosts together.
type gate struct {
	parallelism int
	baseDelay   time.Duration
	// slowDownFloor is the delay a 429/503 sets on a host that had none:
	// min(1s, RetryBase), so tests with short backoffs stay short.
	slowDownFloor time.Duration
	threshold     int
	cooldown      time.Duration
	clock         func() time.Time
	logger        *slog.Logger
	global        chan struct{}
	overrides     map[string]HostPolicy // by lower-case host name

	mu    sync.Mutex
	hosts map[string]*hostState
}

type hostState struct {
	parallelism  int           // requests in flight allowed (the job's, or the host's override)
	baseDelay    time.Duration // the job's delay, or the host's override
	inFlight     int
	nextStart    time.Time     // earliest start of the next request (real time)
	blockedUntil time.Time     // Retry-After (real time)
	crawlDelay   time.Duration // from robots.txt, capped
	delay        time.Duration // current delay, ≥ the base, raised on 429/503
	failures     int           // consecutive failed attempts
	openUntil    time.Time     // breaker open until (Clock time)
	probing      bool          // a half-open probe is in flight
	changed      chan struct{} // closed and replaced whenever a slot frees
}

func newGate(o Options) *gate {
	return &gate{
		parallelism:   o.Parallelism,
		baseDelay:     o.Delay,
		slowDownFloor: min(time.Second, o.RetryBase),
		threshold:     o.BreakerThreshold,
		cooldown:      o.BreakerCooldown,
		clock:         o.Clock,
		logger:        o.Logger,
		global:        make(chan struct{}, o.GlobalParallelism),
		overrides:     o.HostOverrides,
		hosts:         make(map[string]*hostState),
	}
}

func (g *gate) host(key string) *hostState {
	h, ok := g.hosts[key]
	if !ok {
		h = &hostState{parallelism: g.parallelism, baseDelay: g.baseDelay, changed: make(chan struct{})}
		if u, err := url.Parse(key); err == nil {
			if o, ok := g.overrides[strings.ToLower(u.Hostname())]; ok {
				if o.Parallelism > 0 {
					h.parallelism = o.Parallelism
				}
				if o.Delay != 0 {
					h.baseDelay = max(o.Delay, 0)
				}
			}
		}
		h.delay = h.baseDelay
		g.hosts[key] = h
	}
	return h
}

func (h *hostState) base(g *gate) time.Duration {
	return max(h.baseDelay, h.crawlDelay)
}

// setCrawlDelay records a host's robots.txt Crawl-delay (already capped).
func (g *gate) setCrawlDelay(key string, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := g.host(key)
	h.crawlDelay = d
	h.delay = max(h.delay, h.base(g))
}

// acquire waits for the host's turn. useBreaker=false is for robots.txt
// fetches, which are polite but neither blocked by nor counted in the
// breaker. The returned release must be called exactly once.
func (g *gate) acquire(ctx context.Context, key string, useBreaker bool) (func(outcome, time.Duration), error) {
	for {
		g.mu.Lock()
		h := g.host(key)
		now := time.Now()
		probe := false
		if useBreaker && g.threshold > 0 && h.failures >= g.threshold {
			if g.clock().Before(h.openUntil) || h.probing {
				until := h.openUntil
				g.mu.Unlock()
				return nil, fmt.Errorf("%w: circuit breaker open for %s until %s", ErrDeferred, key, until.Format(time.RFC3339))
			}
			probe = true
		}
		var wait time.Duration
		switch {
		case h.inFlight >= h.parallelism:
			wait = -1 // until a slot frees
		case now.Before(h.blockedUntil) || now.Before(h.nextStart):
			wait = max(h.blockedUntil.Sub(now), h.nextStart.Sub(now))
		}
		if wait == 0 {
			h.inFlight++
			h.nextStart = now.Add(h.delay)
			if probe {
				h.probing = true
			}
			g.mu.Unlock()
			select {
			case g.global <- struct{}{}:
			case <-ctx.Done():
				g.release(key, outcomeNeutral, 0, probe)
				return nil, context.Cause(ctx)
			}
			var once sync.Once
			return func(o outcome, retryAfter time.Duration) {
				once.Do(func() {
					<-g.global
					g.release(key, o, retryAfter, probe)
				})
			}, nil
		}
		changed := h.changed
		g.mu.Unlock()
		if err := waitFor(ctx, wait, changed); err != nil {
			return nil, err
		}
	}
}

func (g *gate) release(key string, o outcome, retryAfter time.Duration, probe bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := g.host(key)
	h.inFlight--
	if probe {
		h.probing = false
	}
	if retryAfter > 0 {
		h.blockedUntil = time.Now().Add(retryAfter)
	}
	switch o {
	case outcomeSuccess:
		h.failures = 0
		h.delay = max(h.base(g), h.delay/2) // decay back after a slow-down
	case outcomeSlowDown, outcomeFailure:
		if o == outcomeSlowDown {
			h.delay = min(max(2*h.delay, g.slowDownFloor), maxAdaptiveDelay)
		}
		h.failures++
		if g.threshold > 0 && h.failures >= g.threshold {
			h.openUntil = g.clock().Add(g.cooldown)
			g.logger.Warn("circuit breaker open", "host", key, "failures", h.failures, "cooldown", g.cooldown)
		}
	}
	close(h.changed)
	h.changed = make(chan struct{})
}

// waitFor blocks until d passes (d < 0: forever), changed is closed, or ctx ends.
func waitFor(ctx context.Context, d time.Duration, changed <-chan struct{}) error {
	var timer <-chan time.Time
	if d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-changed:
	case <-timer:
	}
	return nil
}
