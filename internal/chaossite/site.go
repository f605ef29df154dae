package chaossite

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Hit is one request in a Site's access log.
type Hit struct {
	// Time is when the request arrived.
	Time time.Time
	// Host is the Host header without the port, lower-case.
	Host string
	// Method and Target are the request's method and request-URI (path and query).
	Method string
	Target string
	// Header is a copy of the request header.
	Header http.Header
}

// Path returns the target without its query.
func (h Hit) Path() string {
	p, _, _ := strings.Cut(h.Target, "?")
	return p
}

// Site is a fault-injecting HTTP server on 127.0.0.1. Create it with New or
// NewTLS and Close it when done (tests: t.Cleanup(site.Close)). All methods
// are safe for concurrent use.
type Site struct {
	srv  *httptest.Server
	mux  *http.ServeMux
	quit chan struct{}

	mu       sync.Mutex
	log      []Hit
	inFlight map[string]int
	maxSeen  map[string]int
	allIn    int // requests in flight over all hosts
	allMax   int
	robots   map[string]Robots
	counts   map[string]int // per-URL counters for /flaky and /retry-after
	closed   bool
	bombs    bombCache
}

// New starts a plain-HTTP Site on 127.0.0.1.
func New() *Site {
	s := newSite()
	s.srv = httptest.NewServer(s)
	return s
}

// NewTLS starts an HTTPS Site on 127.0.0.1 with httptest's self-signed
// certificate; Client returns a client that trusts it.
func NewTLS() *Site {
	s := newSite()
	s.srv = httptest.NewTLSServer(s)
	return s
}

func newSite() *Site {
	s := &Site{
		mux:      http.NewServeMux(),
		quit:     make(chan struct{}),
		inFlight: map[string]int{},
		maxSeen:  map[string]int{},
		robots:   map[string]Robots{},
		counts:   map[string]int{},
	}
	s.routes()
	return s
}

// URL returns the site's base URL ("http://127.0.0.1:PORT") joined with path.
func (s *Site) URL(path string) string { return s.srv.URL + path }

// HostURL returns "http://host:PORT" + path: the site under another name,
// for tests whose dialer maps host to 127.0.0.1.
func (s *Site) HostURL(host, path string) string {
	scheme, _, _ := strings.Cut(s.srv.URL, "://")
	return scheme + "://" + net.JoinHostPort(host, s.Port()) + path
}

// Addr returns the listener's "127.0.0.1:PORT".
func (s *Site) Addr() string { return s.srv.Listener.Addr().String() }

// Port returns the listener's port.
func (s *Site) Port() string {
	_, port, _ := net.SplitHostPort(s.Addr())
	return port
}

// Client returns an http.Client that trusts the site's certificate (TLS
// sites) and dials the site directly.
func (s *Site) Client() *http.Client { return s.srv.Client() }

// Certificate returns the TLS site's certificate chain in DER form, nil for
// a plain site.
func (s *Site) Certificate() [][]byte {
	if s.srv.TLS == nil || len(s.srv.TLS.Certificates) == 0 {
		return nil
	}
	return s.srv.TLS.Certificates[0].Certificate
}

// Handle adds a test's own handler under pattern (http.ServeMux syntax); its
// requests are logged and gauged like the built-in endpoints.
func (s *Site) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// HandleFunc is Handle for a function.
func (s *Site) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	s.mux.HandleFunc(pattern, h)
}

// Close stops the site: hanging and trickling handlers return, connections close.
func (s *Site) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.quit)
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// ServeHTTP logs and gauges the request, then routes it.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := hostOnly(r.Host)
	s.mu.Lock()
	s.log = append(s.log, Hit{Time: time.Now(), Host: host, Method: r.Method, Target: r.URL.RequestURI(), Header: r.Header.Clone()})
	s.inFlight[host]++
	s.maxSeen[host] = max(s.maxSeen[host], s.inFlight[host])
	s.allIn++
	s.allMax = max(s.allMax, s.allIn)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.allIn--
		s.inFlight[host]--
		s.mu.Unlock()
	}()
	s.mux.ServeHTTP(w, r)
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		hostport = h
	}
	return strings.ToLower(strings.Trim(hostport, "[]"))
}

// Log returns a copy of the access log, in arrival order.
func (s *Site) Log() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Hit(nil), s.log...)
}

// TakeLog returns the access log, in arrival order, and empties it (the
// concurrency gauges are kept): long runs tally hits as they go, so the log
// does not grow for the whole run.
func (s *Site) TakeLog() []Hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	return out
}

// Hits returns the logged requests whose path starts with prefix.
func (s *Site) Hits(prefix string) []Hit {
	var out []Hit
	for _, h := range s.Log() {
		if strings.HasPrefix(h.Target, prefix) {
			out = append(out, h)
		}
	}
	return out
}

// HostHits returns the logged requests to host (name without port).
func (s *Site) HostHits(host string) []Hit {
	var out []Hit
	for _, h := range s.Log() {
		if h.Host == strings.ToLower(host) {
			out = append(out, h)
		}
	}
	return out
}

// MaxInFlight returns the most requests to host that were ever served at
// once (host without port; "127.0.0.1" for URL's host).
func (s *Site) MaxInFlight(host string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxSeen[strings.ToLower(host)]
}

// MaxInFlightAll returns the most requests ever served at once over all hosts.
func (s *Site) MaxInFlightAll() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.allMax
}

// ResetLog clears the access log and the concurrency gauge.
func (s *Site) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
	s.maxSeen = map[string]int{}
	s.allMax = 0
}

// count increments and returns the per-key counter (1 on the first call).
func (s *Site) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[key]++
	return s.counts[key]
}
