package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/loopback"
	"github.com/gleaner-news/gleaner/internal/netguard"
)

// site is a loopback test server with an access log and a concurrency gauge.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	log      []hit
	inFlight atomic.Int64
	maxSeen  atomic.Int64
}

type hit struct {
	at     time.Time
	host   string
	path   string
	header http.Header
}

func newSite(t *testing.T, h http.Handler) *site {
	t.Helper()
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxSeen.Load()
			if n <= m || s.maxSeen.CompareAndSwap(m, n) {
				break
			}
		}
		s.mu.Lock()
		s.log = append(s.log, hit{at: time.Now(), host: r.Host, path: r.URL.RequestURI(), header: r.Header.Clone()})
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// hits returns the log entries whose path starts with prefix.
func (s *site) hits(prefix string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.log {
		if strings.HasPrefix(h.path, prefix) {
			out = append(out, h)
		}
	}
	return out
}

// fakeClock is a settable clock for cache expiry and breaker cool-downs.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	f.now = f.now.Add(d)
	f.mu.Unlock()
}

// testOptions are fast options that reach loopback test servers only: the
// dialer fails the test on any address that is not loopback, so a broken
// guard can never send traffic off this machine.
func testOptions(t *testing.T) Options {
	return Options{
		Delay:       -1,
		RetryBase:   10 * time.Millisecond,
		Timeout:     5 * time.Second,
		AllowHosts:  []string{"127.0.0.1", "a.test", "b.test", "news.example.com.cn", "shop.other.com.cn"},
		DialContext: loopback.NewDialer(t, nil).DialContext,
		// Names resolve to loopback except the *.internal.test ones, which
		// resolve to addresses the policy must refuse before any dial.
		Resolve: func(ctx context.Context, host string) ([]netip.Addr, error) {
			switch host {
			case "metadata.internal.test":
				return []netip.Addr{netip.MustParseAddr("169.254.169.254")}, nil
			case "private.internal.test":
				return []netip.Addr{netip.MustParseAddr("10.0.0.1")}, nil
			}
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		},
	}
}

func newCrawler(t *testing.T, o Options) *Crawler {
	t.Helper()
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// recordDecisions returns an OnDialDecision hook and the list it fills.
func recordDecisions() (func(netguard.Decision), func() []netguard.Decision) {
	var mu sync.Mutex
	var list []netguard.Decision
	return func(d netguard.Decision) {
			mu.Lock()
			list = append(list, d)
			mu.Unlock()
		}, func() []netguard.Decision {
			mu.Lock()
			defer mu.Unlock()
			return append([]netguard.Decision(nil), list...)
		}
}
