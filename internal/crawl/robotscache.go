package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gleaner-news/gleaner/internal/robots"
)

// robotsCache holds one robots.txt verdict per scheme+host+port and fetches
// each at most once at a time (single flight).
type robotsCache struct {
	c  *Crawler
	mu sync.Mutex
	m  map[string]*robotsEntry
}

type robotsEntry struct {
	rules    *robots.Rules
	sitemaps []string
	expires  time.Time // Clock time; zero: never fetched
	fetching chan struct{}

	failures     int       // consecutive unreachable fetches
	failingSince time.Time // first of them
	lastGood     *robots.Rules
	lastSitemaps []string
}

func newRobotsCache(c *Crawler) *robotsCache {
	return &robotsCache{c: c, m: make(map[string]*robotsEntry)}
}

// lookup returns the rules for the host of origin ("scheme://host:port"),
// fetching robots.txt when there is no fresh copy.
func (rc *robotsCache) lookup(ctx context.Context, origin string) (*robots.Rules, []string, error) {
	for {
		rc.mu.Lock()
		e, ok := rc.m[origin]
		if !ok {
			rc.evictLocked()
			e = &robotsEntry{}
			rc.m[origin] = e
		}
		now := rc.c.opts.Clock()
		if e.rules != nil && now.Before(e.expires) {
			rules, sitemaps := e.rules, e.sitemaps
			rc.mu.Unlock()
			return rules, sitemaps, nil
		}
		if e.fetching != nil {
			wait := e.fetching
			rc.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, nil, context.Cause(ctx)
			}
		}
		e.fetching = make(chan struct{})
		rc.mu.Unlock()

		res := rc.c.fetchRobots(ctx, origin)

		rc.mu.Lock()
		if res.canceled != nil {
			// The caller gave up: learn nothing, let the next caller fetch.
			close(e.fetching)
			e.fetching = nil
			rc.mu.Unlock()
			return nil, nil, res.canceled
		}
		rc.storeLocked(origin, e, res)
		close(e.fetching)
		e.fetching = nil
		rc.mu.Unlock()
	}
}

// evictLocked keeps the cache bounded: past maxRobotsEntries, expired
// entries go (colly's map grows forever).
func (rc *robotsCache) evictLocked() {
	if len(rc.m) < maxRobotsEntries {
		return
	}
	now := rc.c.opts.Clock()
	for k, e := range rc.m {
		if e.fetching == nil && !now.Before(e.expires) {
			delete(rc.m, k)
		}
	}
}

type robotsResult struct {
	rules       *robots.Rules
	sitemaps    []string
	ttl         time.Duration
	unreachable bool
	canceled    error
}

func (rc *robotsCache) storeLocked(origin string, e *robotsEntry, res robotsResult) {
	now := rc.c.opts.Clock()
	if !res.unreachable {
		e.rules, e.sitemaps, e.expires = res.rules, res.sitemaps, now.Add(res.ttl)
		e.failures, e.failingSince = 0, time.Time{}
		e.lastGood, e.lastSitemaps = res.rules, res.sitemaps
		return
	}
	// Unreachable: disallow everything for a while, growing the wait from
	// 10 min to 24 h; never cached forever.
	if e.failures == 0 {
		e.failingSince = now
	}
	e.failures++
	ttl := robotsNegMin
	for i := 1; i < e.failures && ttl < robotsNegMax; i++ {
		ttl *= 2
	}
	ttl = min(ttl, robotsNegMax)
	e.rules, e.sitemaps, e.expires = robots.DisallowAll(), nil, now.Add(ttl)
	if e.lastGood != nil && now.Sub(e.failingSince) >= robotsStaleAfter {
		// RFC 9309 2.3.1.4: after 30 days unreachable, a cached copy may be used.
		e.rules, e.sitemaps = e.lastGood, e.lastSitemaps
	}
	rc.c.opts.Logger.Warn("robots.txt unreachable: disallowing host", "origin", origin, "failures", e.failures, "retry_in", ttl)
}

// fetchRobots gets and parses origin's robots.txt through the same client,
// guard and politeness gate as pages.
func (c *Crawler) fetchRobots(ctx context.Context, origin string) robotsResult {
	release, err := c.gate.acquire(ctx, origin, false)
	if err != nil {
		return robotsResult{canceled: err}
	}
	status, header, body, err := c.getRobots(ctx, origin+"/robots.txt")
	release(outcomeNeutral, 0)
	if err != nil && ctx.Err() != nil {
		return robotsResult{canceled: context.Cause(ctx)}
	}
	switch {
	case errors.Is(err, ErrTooManyRedirects):
		// RFC 9309 2.3.1.2: past five redirects the file is unavailable.
		c.opts.Logger.Info("robots.txt redirects too often: treating as unavailable", "origin", origin)
		return robotsResult{rules: robots.AllowAll(), ttl: robotsTTL}
	case err != nil:
		c.opts.Logger.Debug("robots.txt fetch failed", "origin", origin, "err", err)
		return robotsResult{unreachable: true}
	case status >= 200 && status < 300:
		parsed := robots.Parse(body)
		rules := parsed.ForAgent(c.opts.UserAgent)
		if d, ok := rules.CrawlDelay(); ok {
			if d > maxCrawlDelay {
				c.opts.Logger.Warn("robots.txt Crawl-delay capped", "origin", origin, "crawl_delay", d, "cap", maxCrawlDelay)
				d = maxCrawlDelay
			}
			c.gate.setCrawlDelay(origin, d)
		}
		return robotsResult{rules: rules, sitemaps: parsed.Sitemaps(), ttl: cacheTTL(header)}
	case status == http.StatusTooManyRequests || status >= 500:
		return robotsResult{unreachable: true}
	case status >= 400:
		return robotsResult{rules: robots.AllowAll(), ttl: robotsTTL}
	default:
		// 1xx, or a 3xx that was not followed: unavailable.
		return robotsResult{rules: robots.AllowAll(), ttl: robotsTTL}
	}
}

// getRobots reads at most robots.MaxBytes of the body; the rest is dropped.
func (c *Crawler) getRobots(ctx context.Context, rawURL string) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, nil, nil, normaliseError(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robots.MaxBytes))
	if err != nil {
		return resp.StatusCode, resp.Header, nil, normaliseError(err)
	}
	return resp.StatusCode, resp.Header, body, nil
}

// cacheTTL is 24 h, or less when Cache-Control max-age says so (at least a minute).
func cacheTTL(h http.Header) time.Duration {
	for _, directive := range strings.Split(h.Get("Cache-Control"), ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(directive), "=")
		if !ok || !strings.EqualFold(k, "max-age") {
			continue
		}
		if secs, err := strconv.Atoi(strings.Trim(v, `"`)); err == nil {
			return min(max(time.Duration(secs)*time.Second, time.Minute), robotsTTL)
		}
	}
	return robotsTTL
}
