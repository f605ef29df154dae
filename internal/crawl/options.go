package crawl

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"time"

	"github.com/gleaner-news/gleaner/internal/netguard"
)

// DefaultUserAgent is sent when Options.UserAgent is empty.
const DefaultUserAgent = "gleaner/0.1 (+https://github.com/gleaner-news/gleaner)"

// Limits that are policy, not options (see docs/hostile-web.md section 2).
const (
	dialTimeout      = 5 * time.Second
	tlsTimeout       = 10 * time.Second
	headerTimeout    = 15 * time.Second
	maxHeaderBytes   = 64 << 10
	minRateBytes     = 10 << 10 // 1 KiB/s over ...
	minRateWindow    = 10 * time.Second
	maxRedirects     = 5
	maxCrawlDelay    = 30 * time.Second
	maxAdaptiveDelay = 60 * time.Second
	retryAfterMin    = time.Second
	retryAfterMax    = time.Hour
	robotsTTL        = 24 * time.Hour
	robotsNegMin     = 10 * time.Minute
	robotsNegMax     = 24 * time.Hour
	robotsStaleAfter = 30 * 24 * time.Hour
	maxRobotsEntries = 10000
)

// HostPolicy is one host's politeness override: see Options.HostOverrides.
type HostPolicy struct {
	Delay       time.Duration
	Parallelism int
}

// Options configure a Crawler. Zero values mean the stated defaults.
type Options struct {
	// UserAgent is sent on every request; default DefaultUserAgent. Its
	// product token (the leading word, "gleaner") picks robots.txt groups.
	UserAgent string
	// Delay is the minimum gap between request starts to one host
	// (scheme+host+port); default 1s; negative means none. A larger
	// robots.txt Crawl-delay (capped at 30s) wins.
	Delay time.Duration
	// Parallelism is the number of concurrent requests per host; default 1.
	Parallelism int
	// HostOverrides replaces Delay and Parallelism for single hosts, keyed
	// by lower-case host name (no port). A zero field keeps the default;
	// a negative Delay means none. Default: none.
	HostOverrides map[string]HostPolicy
	// RootCAs, when set, are the certificate authorities HTTPS servers are
	// checked against instead of the system's (an intranet's private CA, a
	// test server's). Default: the system roots.
	RootCAs *x509.CertPool
	// GlobalParallelism caps requests in flight across all hosts; default 64.
	GlobalParallelism int
	// MaxBodyBytes limits the decompressed body; default 8 MiB. Beyond it
	// Fetch fails with ErrBodyTooLarge.
	MaxBodyBytes int64
	// ObeyRobots makes Fetch honour robots.txt. The config layer defaults it
	// to true; the zero value here means false.
	ObeyRobots bool
	// Timeout bounds one attempt of a fetch; default 30s. Dial (5s), TLS
	// (10s), response headers (15s) and a minimum rate (1 KiB/s over 10s)
	// are enforced as well.
	Timeout time.Duration
	// MaxRetries is the number of attempts after the first for 429, 5xx and
	// network errors; default 2; negative means none.
	MaxRetries int
	// RetryBase is the base of the exponential backoff (attempt n waits
	// between d/2 and d, d = RetryBase·2^(n-1), capped at 5 min); default 2s.
	// A 429/503 doubles the host's delay, from at least min(1s, RetryBase)
	// up to 60s, halving back on each success.
	RetryBase time.Duration
	// BreakerThreshold is the number of consecutive failed attempts to a host
	// that opens its circuit breaker; default 5.
	BreakerThreshold int
	// BreakerCooldown is how long an open breaker refuses requests before a
	// single probe is let through; default 2 min.
	BreakerCooldown time.Duration
	// AllowHosts lists hosts (name or IP, optional :port) that the address
	// policy lets through although they resolve to loopback or private
	// addresses: tests and the demo.
	AllowHosts []string
	// DialContext, when set, opens connections instead of a net.Dialer. With
	// Resolve set, it receives the checked "ip:port"; without, it receives
	// "name:port" and the policy checks the peer it connected to. Tests use
	// it to map names to loopback listeners.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	// Resolve, when set, replaces DNS lookups: the policy checks each
	// address it returns before anything is dialled.
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// OnDialDecision, when set, sees every address-policy verdict.
	OnDialDecision func(netguard.Decision)
	// AllowRedirect, when set, is asked about every redirect target before
	// it is requested; a non-nil error refuses the hop and Fetch fails with
	// ErrRedirectRefused wrapping it. The pipeline uses it to keep
	// redirects inside a job's domains. Default: every http(s) target the
	// address policy allows.
	AllowRedirect func(target *url.URL) error
	// Clock returns the time for cache expiry and breaker cool-downs
	// (tests use a fake one); default time.Now. Politeness waits always use
	// real time.
	Clock func() time.Time
	// Logger receives warnings (capped Crawl-delay, open breakers) and
	// debug lines; default a logger that discards.
	Logger *slog.Logger
}

// withDefaults validates opts and fills in the defaults.
func (o Options) withDefaults() (Options, error) {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	switch {
	case o.Delay == 0:
		o.Delay = time.Second
	case o.Delay < 0:
		o.Delay = 0
	}
	if o.Parallelism == 0 {
		o.Parallelism = 1
	}
	if o.GlobalParallelism == 0 {
		o.GlobalParallelism = 64
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 8 << 20
	}
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = 2
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	if o.RetryBase == 0 {
		o.RetryBase = 2 * time.Second
	}
	if o.BreakerThreshold == 0 {
		o.BreakerThreshold = 5
	}
	if o.BreakerCooldown == 0 {
		o.BreakerCooldown = 2 * time.Minute
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	var errs []error
	if o.Parallelism < 0 {
		errs = append(errs, fmt.Errorf("parallelism %d: must be positive", o.Parallelism))
	}
	if o.GlobalParallelism < 0 {
		errs = append(errs, fmt.Errorf("global parallelism %d: must be positive", o.GlobalParallelism))
	}
	if o.MaxBodyBytes < 0 {
		errs = append(errs, fmt.Errorf("max body bytes %d: must be positive", o.MaxBodyBytes))
	}
	if o.Timeout < 0 || o.RetryBase < 0 || o.BreakerCooldown < 0 {
		errs = append(errs, errors.New("timeout, retry base and breaker cooldown must not be negative"))
	}
	if o.BreakerThreshold < 0 {
		errs = append(errs, fmt.Errorf("breaker threshold %d: must be positive", o.BreakerThreshold))
	}
	if err := errors.Join(errs...); err != nil {
		return o, fmt.Errorf("crawl options: %w", err)
	}
	return o, nil
}
