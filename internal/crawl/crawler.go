package crawl

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"golang.org/x/net/publicsuffix"

	"github.com/gleaner-news/gleaner/internal/netguard"
)

// Request is one URL to fetch.
type Request struct {
	// URL is the absolute http or https URL.
	URL string
	// Header holds extra request headers, e.g. If-None-Match and
	// If-Modified-Since for a conditional GET. User-Agent is always the
	// Crawler's. May be nil.
	Header http.Header
}

// Response is a fetched page. The Crawler keeps no reference to it.
type Response struct {
	// URL is the final URL, after redirects.
	URL *url.URL
	// Status is the final HTTP status code (304 for a conditional GET hit).
	Status int
	// Header is the final response's header, as the server sent it except
	// that Content-Encoding and Content-Length are dropped when the body was
	// decompressed.
	Header http.Header
	// Body is the decompressed body, exactly as sent otherwise (no charset
	// conversion), at most Options.MaxBodyBytes long.
	Body []byte
	// Elapsed is the time from the call of Fetch to its return, waits included.
	Elapsed time.Duration
	// Attempts is the number of requests made for this URL (1 without retries).
	Attempts int
}

// Crawler fetches pages politely and safely. Create it with New; it is safe
// for concurrent use. Close it to release idle connections.
type Crawler struct {
	opts      Options
	collector *colly.Collector
	client    *http.Client // colly's client, shared by the robots.txt fetches
	transport *http.Transport
	calls     sync.Map // call id → *call
	nextID    atomic.Uint64
	gate      *gate
	robots    *robotsCache
	closed    atomic.Bool
}

// New builds a Crawler. It fails only on invalid options.
func New(opts Options) (*Crawler, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Crawler{opts: opts}
	guard := &netguard.Dialer{
		Policy:     netguard.NewPolicy(opts.AllowHosts),
		Dial:       opts.DialContext,
		Timeout:    dialTimeout,
		OnDecision: opts.OnDialDecision,
	}
	if opts.Resolve != nil {
		guard.Resolve = opts.Resolve
	}
	c.transport = &http.Transport{
		Proxy:                  nil, // never a proxy from the environment
		DialContext:            guard.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    tlsTimeout,
		TLSClientConfig:        &tls.Config{RootCAs: opts.RootCAs, MinVersion: tls.VersionTLS12},
		ResponseHeaderTimeout:  headerTimeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		MaxIdleConns:           256,
		MaxIdleConnsPerHost:    max(opts.Parallelism, 2),
		IdleConnTimeout:        90 * time.Second,
		ExpectContinueTimeout:  time.Second,
	}
	jar, err := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	if err != nil {
		return nil, fmt.Errorf("cookie jar: %w", err)
	}

	col := colly.NewCollector()
	col.Async = false
	col.AllowURLRevisit = true // the pipeline deduplicates, after fetching
	col.IgnoreRobotsTxt = true // robots.txt is handled here, per RFC 9309
	col.MaxBodySize = 0        // the limit is enforced on the decompressed stream
	col.ParseHTTPErrorResponse = true
	col.DetectCharset = false
	col.UserAgent = opts.UserAgent
	col.SetCookieJar(jar)
	col.SetRequestTimeout(opts.Timeout + time.Second) // a backstop; each attempt has its own deadline
	col.WithTransport(&guardedTransport{base: c.transport, maxBody: opts.MaxBodyBytes, calls: &c.calls})
	col.SetRedirectHandler(c.checkRedirect)
	col.OnResponse(c.onResponse)
	c.collector = col

	c.client = &http.Client{
		Transport:     &guardedTransport{base: c.transport, maxBody: opts.MaxBodyBytes, calls: &c.calls},
		CheckRedirect: c.checkRedirect,
		Jar:           jar,
		Timeout:       opts.Timeout + time.Second,
	}
	c.gate = newGate(opts)
	c.robots = newRobotsCache(c)
	return c, nil
}

// checkRedirect allows at most maxRedirects hops, only to http or https,
// and drops caller-set credentials on any hop off the first origin. Addresses are
// checked again at dial time for every hop.
func (c *Crawler) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, maxRedirects)
	}
	if err := netguard.CheckURL(req.URL); err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)
	}
	if c.opts.AllowRedirect != nil {
		if err := c.opts.AllowRedirect(req.URL); err != nil {
			return fmt.Errorf("%w: to %s: %w", ErrRedirectRefused, req.URL.Redacted(), err)
		}
	}
	// Credentials the caller set are for the first URL's origin only: Go's
	// client keeps them on hops to subdomains, so drop them on any hop to
	// another scheme, host or port (https→http included). Cookies from the
	// jar are added after this, by their own domain rules.
	if origin(req.URL) != origin(via[0].URL) {
		req.Header.Del("Authorization")
		req.Header.Del("Cookie")
		req.Header.Del("Proxy-Authorization")
	}
	return nil
}

// onResponse hands colly's response to the waiting Fetch call.
func (c *Crawler) onResponse(r *colly.Response) {
	v, ok := c.calls.Load(r.Ctx.Get("call"))
	if !ok {
		return
	}
	cl := v.(*call)
	cl.mu.Lock()
	defer cl.mu.Unlock()
	cl.status = r.StatusCode
	cl.body = r.Body
	cl.finalURL = r.Request.URL
}

// Close releases idle connections. Fetch calls after Close fail with
// ErrClosed; calls in flight finish.
func (c *Crawler) Close() error {
	c.closed.Store(true)
	c.transport.CloseIdleConnections()
	return nil
}

// origin is the politeness and robots.txt key: scheme://host:port.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" {
		port = "80"
		if scheme == "https" {
			port = "443"
		}
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host + ":" + port
}

// pathQuery is what robots.txt rules are matched against.
func pathQuery(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" || u.ForceQuery {
		p += "?" + u.RawQuery
	}
	return p
}

// Fetch gets one URL: robots.txt first when Options.ObeyRobots, then the
// page, waiting for the host's turn and retrying 429, 5xx and network
// errors. It blocks until done and is safe for concurrent use.
//
// A 304 is a Response with Status 304 and a nil error. Any other status
// outside 2xx/3xx after the retries returns the Response and a *StatusError
// (errors.Is ErrHTTPStatus). Deferred hosts (Retry-After over an hour, open
// breaker) give ErrDeferred, with the Response when there was one.
func (c *Crawler) Fetch(ctx context.Context, req Request) (*Response, error) {
	start := time.Now()
	if c.closed.Load() {
		return nil, ErrClosed
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidURL, err)
	}
	if err := netguard.CheckURL(u); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	key := origin(u)
	if c.opts.ObeyRobots {
		rules, _, err := c.robots.lookup(ctx, key)
		if err != nil {
			return nil, err
		}
		if !rules.Allowed(pathQuery(u)) {
			if rules.DisallowsAll() {
				return nil, fmt.Errorf("%w: %s (robots.txt unreachable)", ErrRobotsDisallowed, u.Redacted())
			}
			return nil, fmt.Errorf("%w: %s", ErrRobotsDisallowed, u.Redacted())
		}
	}
	var last *Response
	for attempt := 1; ; attempt++ {
		release, err := c.gate.acquire(ctx, key, true)
		if err != nil {
			return last, err
		}
		resp, err := c.attempt(ctx, u, req.Header)
		o, retryAfter, deferErr := c.judge(resp, err)
		release(o, retryAfter)
		if resp != nil {
			resp.Attempts = attempt
			resp.Elapsed = time.Since(start)
			last = resp
		}
		if deferErr != nil {
			return resp, deferErr
		}
		retry := false
		switch {
		case err != nil:
			// A body cut short is retried once: a second failure means the
			// server (or something on the way) breaks it every time.
			retry = retryable(err) && !(errors.Is(err, ErrDataLoss) && attempt > 1)
		case resp.Status == http.StatusTooManyRequests || resp.Status >= 500:
			err = &StatusError{Code: resp.Status}
			retry = true
		case resp.Status >= 400:
			return resp, &StatusError{Code: resp.Status}
		default:
			return resp, nil
		}
		if !retry || attempt > c.opts.MaxRetries || ctx.Err() != nil {
			return resp, err
		}
		c.opts.Logger.Debug("retrying", "url", u.Redacted(), "attempt", attempt, "kind", ErrorKind(err))
		if retryAfter == 0 {
			if err := sleep(ctx, backoff(c.opts.RetryBase, attempt)); err != nil {
				return resp, err
			}
		}
		// With Retry-After the gate holds the whole host back until then.
	}
}

// judge classifies an attempt for the gate and reads Retry-After. deferErr
// is set when the server asks for more than an hour.
func (c *Crawler) judge(resp *Response, err error) (o outcome, retryAfter time.Duration, deferErr error) {
	switch {
	case err != nil && retryable(err):
		return outcomeFailure, 0, nil
	case err != nil:
		return outcomeNeutral, 0, nil
	}
	switch {
	case resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusServiceUnavailable:
		o = outcomeSlowDown
	case resp.Status >= 500:
		o = outcomeFailure
	default:
		return outcomeSuccess, 0, nil
	}
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), c.opts.Clock()); ok {
		if d > retryAfterMax {
			return o, 0, fmt.Errorf("%w: retry-after %s: %w", ErrDeferred, d, &StatusError{Code: resp.Status})
		}
		retryAfter = min(max(d, retryAfterMin), retryAfterMax)
	}
	return o, retryAfter, nil
}

// attempt makes one request through colly.
func (c *Crawler) attempt(ctx context.Context, u *url.URL, extra http.Header) (*Response, error) {
	actx, cancelTimeout := context.WithTimeoutCause(ctx, c.opts.Timeout, fmt.Errorf("%w: over %s", ErrTimeout, c.opts.Timeout))
	defer cancelTimeout()
	actx, cancel := context.WithCancelCause(actx)
	defer cancel(nil)
	id := strconv.FormatUint(c.nextID.Add(1), 10)
	cl := &call{ctx: actx, cancel: cancel}
	c.calls.Store(id, cl)
	defer c.calls.Delete(id)

	hdr := make(http.Header, len(extra)+2)
	for k, vs := range extra {
		hdr[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	hdr.Del("Host")
	hdr.Set("User-Agent", c.opts.UserAgent)
	hdr.Set(callHeader, id)
	cctx := colly.NewContext()
	cctx.Put("call", id)

	err := c.collector.Request(http.MethodGet, u.String(), nil, cctx, hdr)
	if err != nil {
		if ctx.Err() == nil && actx.Err() != nil && !errors.Is(err, ErrTimeout) {
			// Our own attempt deadline, not the caller's: say so.
			err = fmt.Errorf("%w: %w", context.Cause(actx), err)
		}
		return nil, normaliseError(err)
	}
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if cl.finalURL == nil {
		return nil, fmt.Errorf("fetch %s: no response", u.Redacted())
	}
	return &Response{URL: cl.finalURL, Status: cl.status, Header: cl.header, Body: cl.body}, nil
}

// RobotsSitemaps returns the Sitemap: lines of a host's robots.txt, fetched
// once and cached like the rules. host is "example.com", "example.com:8080"
// or an origin URL ("http://example.com:8080"); a bare host means https.
// Any failure gives nil.
func (c *Crawler) RobotsSitemaps(ctx context.Context, host string) []string {
	raw := host
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || netguard.CheckURL(u) != nil {
		return nil
	}
	_, sitemaps, err := c.robots.lookup(ctx, origin(u))
	if err != nil {
		return nil
	}
	return append([]string(nil), sitemaps...)
}
