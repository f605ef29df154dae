package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestFetchReturnsBytesAsSent(t *testing.T) {
	gbk := []byte("<html><head><title>\xd6\xd0\xce\xc4</title></head><body>\xd0\xc2\xce\xc5</body></html>")
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=gbk")
		w.Write(gbk)
	}))
	c := newCrawler(t, testOptions(t))
	resp, err := c.Fetch(context.Background(), Request{URL: s.URL + "/a#frag"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, gbk) {
		t.Errorf("body changed: %q", resp.Body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=gbk" {
		t.Errorf("Content-Type = %q", ct)
	}
	if resp.Status != 200 || resp.Attempts != 1 || resp.URL.Path != "/a" {
		t.Errorf("status %d attempts %d url %s", resp.Status, resp.Attempts, resp.URL)
	}
	h := s.hits("/a")
	if len(h) != 1 || h[0].header.Get("User-Agent") != DefaultUserAgent {
		t.Fatalf("hits %+v", h)
	}
	if h[0].header.Get(callHeader) != "" {
		t.Error("internal call header leaked to the server")
	}
}

func TestRobotsDisallow(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\nSitemap: http://x.test/sitemap.xml\n\nUser-agent: otherbot\nDisallow: /\n")
			return
		}
		fmt.Fprint(w, "ok")
	}))
	o := testOptions(t)
	o.ObeyRobots = true
	c := newCrawler(t, o)
	ctx := context.Background()
	_, err := c.Fetch(ctx, Request{URL: s.URL + "/private/x"})
	if !errors.Is(err, ErrRobotsDisallowed) || ErrorKind(err) != "robots" {
		t.Fatalf("private: %v", err)
	}
	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/public/y"}); err != nil {
		t.Fatalf("public: %v", err)
	}
	if n := len(s.hits("/private")); n != 0 {
		t.Errorf("%d requests to /private", n)
	}
	if n := len(s.hits("/robots.txt")); n != 1 {
		t.Errorf("%d robots.txt fetches, want 1", n)
	}
	if got := c.RobotsSitemaps(ctx, s.URL); len(got) != 1 || got[0] != "http://x.test/sitemap.xml" {
		t.Errorf("sitemaps = %v", got)
	}
}

func TestRobots4xxAllowsAll(t *testing.T) {
	for _, code := range []int{401, 403, 404, 410} {
		s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.WriteHeader(code)
				fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
				return
			}
			fmt.Fprint(w, "ok")
		}))
		o := testOptions(t)
		o.ObeyRobots = true
		c := newCrawler(t, o)
		if _, err := c.Fetch(context.Background(), Request{URL: s.URL + "/page"}); err != nil {
			t.Errorf("robots %d: %v", code, err)
		}
	}
}

func TestRobotsUnreachableDisallowsThenRecovers(t *testing.T) {
	for _, code := range []int{500, 503, 429} {
		var status atomic.Int64
		status.Store(int64(code))
		s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				if st := int(status.Load()); st != 200 {
					w.Header().Set("Retry-After", "60")
					w.WriteHeader(st)
					return
				}
				fmt.Fprint(w, "User-agent: *\nDisallow: /no\n")
				return
			}
			fmt.Fprint(w, "ok")
		}))
		clock := newFakeClock()
		o := testOptions(t)
		o.ObeyRobots = true
		o.Clock = clock.Now
		c := newCrawler(t, o)
		ctx := context.Background()
		for range 3 {
			if _, err := c.Fetch(ctx, Request{URL: s.URL + "/page"}); !errors.Is(err, ErrRobotsDisallowed) {
				t.Fatalf("robots %d: got %v, want disallowed", code, err)
			}
		}
		if n := len(s.hits("/robots.txt")); n != 1 {
			t.Errorf("robots %d: %d fetches inside the negative TTL, want 1", code, n)
		}
		if n := len(s.hits("/page")); n != 0 {
			t.Errorf("robots %d: %d page requests while robots.txt failed", code, n)
		}
		// Not cached forever: after 10 minutes it is asked again.
		status.Store(200)
		clock.Advance(10*time.Minute + time.Second)
		if _, err := c.Fetch(ctx, Request{URL: s.URL + "/page"}); err != nil {
			t.Errorf("robots %d: after recovery: %v", code, err)
		}
		if _, err := c.Fetch(ctx, Request{URL: s.URL + "/no"}); !errors.Is(err, ErrRobotsDisallowed) {
			t.Errorf("robots %d: recovered rules not applied: %v", code, err)
		}
		if n := len(s.hits("/robots.txt")); n != 2 {
			t.Errorf("robots %d: %d fetches, want 2", code, n)
		}
		// A good copy is kept 24 h.
		clock.Advance(23 * time.Hour)
		c.Fetch(ctx, Request{URL: s.URL + "/page"})
		if n := len(s.hits("/robots.txt")); n != 2 {
			t.Errorf("robots %d: refetched inside 24 h", code)
		}
		clock.Advance(2 * time.Hour)
		c.Fetch(ctx, Request{URL: s.URL + "/page"})
		if n := len(s.hits("/robots.txt")); n != 3 {
			t.Errorf("robots %d: not refetched after 24 h", code)
		}
	}
}

func TestRobotsSingleFlight(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			time.Sleep(50 * time.Millisecond) // keep the 50 callers waiting on one fetch
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
			return
		}
		fmt.Fprint(w, "ok")
	}))
	o := testOptions(t)
	o.ObeyRobots = true
	o.Parallelism = 8
	c := newCrawler(t, o)
	var wg sync.WaitGroup
	var failures atomic.Int64
	for i := range 50 {
		wg.Go(func() {
			if _, err := c.Fetch(context.Background(), Request{URL: fmt.Sprintf("%s/p%d", s.URL, i)}); err != nil {
				failures.Add(1)
			}
		})
	}
	wg.Wait()
	if n := len(s.hits("/robots.txt")); n != 1 {
		t.Errorf("%d robots.txt fetches for 50 concurrent first requests, want 1", n)
	}
	if failures.Load() != 0 || len(s.hits("/p")) != 50 {
		t.Errorf("%d failures, %d pages fetched", failures.Load(), len(s.hits("/p")))
	}
}

func TestCrawlDelayGaps(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: gleaner\nCrawl-delay: 0.25\nAllow: /\n")
			return
		}
		fmt.Fprint(w, "ok")
	}))
	o := testOptions(t)
	o.ObeyRobots = true
	o.Parallelism = 4 // the delay, not the slot count, must space the requests
	c := newCrawler(t, o)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if _, err := c.Fetch(context.Background(), Request{URL: fmt.Sprintf("%s/p%d", s.URL, i)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	log := s.hits("/")
	if len(log) != 5 {
		t.Fatalf("%d requests, want 5", len(log))
	}
	for i := 2; i < len(log); i++ { // robots.txt is fetched before the delay is known
		if gap := log[i].at.Sub(log[i-1].at); gap < 250*time.Millisecond-50*time.Millisecond {
			t.Errorf("gap %d = %s, want ≥ 250ms", i, gap)
		}
	}
}

func TestDelayOptionGaps(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	o := testOptions(t)
	o.Delay = 100 * time.Millisecond
	c := newCrawler(t, o)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() { c.Fetch(context.Background(), Request{URL: fmt.Sprintf("%s/p%d", s.URL, i)}) })
	}
	wg.Wait()
	log := s.hits("/p")
	for i := 1; i < len(log); i++ {
		if gap := log[i].at.Sub(log[i-1].at); gap < 50*time.Millisecond {
			t.Errorf("gap %d = %s, want ≥ 100ms", i, gap)
		}
	}
}

func TestPerHostParallelism(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		fmt.Fprint(w, "ok")
	}))
	o := testOptions(t)
	o.Parallelism = 2
	c := newCrawler(t, o)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if _, err := c.Fetch(context.Background(), Request{URL: fmt.Sprintf("%s/p%d", s.URL, i)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := s.maxSeen.Load(); m > 2 {
		t.Errorf("server saw %d concurrent requests, limit 2", m)
	}
	if n := len(s.hits("/p")); n != 20 {
		t.Errorf("%d requests", n)
	}
}

// gzipOf returns a gzip stream of mib MiB of zeros: one compressed member
// of 1 MiB repeated (gzip readers read concatenated members as one stream),
// which keeps building the bomb cheap under the race detector.
func gzipOf(t testing.TB, mib int) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), mib)
}

func TestGzipBomb(t *testing.T) {
	bomb := gzipOf(t, 256) // 256 MiB of zeros in about 260 KB
	var sent atomic.Int64
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html")
		case "/ct-gzip", "/sitemap.xml.gz":
			w.Header().Set("Content-Type", "application/x-gzip")
		}
		n, _ := io.Copy(w, bytes.NewReader(bomb))
		sent.Add(n)
	}))
	o := testOptions(t)
	o.MaxBodyBytes = 1 << 20
	c := newCrawler(t, o)
	for _, tc := range []struct {
		name   string
		header http.Header
	}{
		{"transport decodes", nil},
		{"caller asks for gzip", http.Header{"Accept-Encoding": {"gzip, deflate"}}},
	} {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		resp, err := c.Fetch(context.Background(), Request{URL: s.URL + "/bomb", Header: tc.header})
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrBodyTooLarge) || ErrorKind(err) != "body_too_large" || resp != nil {
			got := -1
			if resp != nil {
				got = len(resp.Body)
			}
			t.Errorf("%s: got a %d-byte body and %v; want ErrBodyTooLarge", tc.name, got, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
			t.Errorf("%s: allocated %d MiB reading a bomb with a 1 MiB limit", tc.name, grew>>20)
		}
	}
	// colly gunzips these paths without a limit; here they arrive as sent.
	for _, path := range []string{"/ct-gzip", "/sitemap.xml.gz"} {
		small := gzipOf(t, 4)
		s2 := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-gzip")
			w.Write(small)
		}))
		resp, err := c.Fetch(context.Background(), Request{URL: s2.URL + path})
		if err != nil || !bytes.Equal(resp.Body, small) {
			t.Errorf("%s: body not passed through compressed (err %v)", path, err)
		}
		// The bomb as x-gzip: 250 KB compressed is under the limit, so it is
		// returned compressed and never inflated.
		resp, err = c.Fetch(context.Background(), Request{URL: s.URL + path})
		if err != nil || len(resp.Body) != len(bomb) {
			t.Errorf("%s bomb: %v", path, err)
		}
	}
}

func TestEncodingsAndSizes(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/br":
			w.Header().Set("Content-Encoding", "br")
		case "/zstd":
			w.Header().Set("Content-Encoding", "zstd")
		case "/nested":
			w.Header().Set("Content-Encoding", "gzip, gzip")
		case "/declared-huge":
			w.Header().Set("Content-Length", "2147483648")
			w.WriteHeader(200)
			w.Write(make([]byte, 1024))
			return
		case "/streamed-huge":
			chunk := bytes.Repeat([]byte("a"), 64<<10)
			for range 64 { // 4 MiB, no Content-Length
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
			return
		case "/deflate":
			w.Header().Set("Content-Encoding", "deflate")
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, 9) // wrong on purpose below
			zw.Close()
			w.Write([]byte{0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15}) // zlib("hello")
			return
		}
		w.Write(bytes.Repeat([]byte("x"), 100))
	}))
	o := testOptions(t)
	o.MaxBodyBytes = 1 << 20
	c := newCrawler(t, o)
	ctx := context.Background()
	for _, p := range []string{"/br", "/zstd", "/nested"} {
		if _, err := c.Fetch(ctx, Request{URL: s.URL + p}); !errors.Is(err, ErrUnsupportedEncoding) {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"/declared-huge", "/streamed-huge"} {
		if _, err := c.Fetch(ctx, Request{URL: s.URL + p}); !errors.Is(err, ErrBodyTooLarge) {
			t.Errorf("%s: %v", p, err)
		}
	}
	resp, err := c.Fetch(ctx, Request{URL: s.URL + "/deflate", Header: http.Header{"Accept-Encoding": {"deflate"}}})
	if err != nil || string(resp.Body) != "hello" {
		t.Errorf("deflate: %v %+v", err, resp)
	}
}

func TestTruncatedBodyIsDataLoss(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>partial")
		buf.Flush()
	}))
	o := testOptions(t)
	o.MaxRetries = 1
	c := newCrawler(t, o)
	resp, err := c.Fetch(context.Background(), Request{URL: s.URL + "/cut"})
	if ErrorKind(err) != "data_loss" || resp != nil {
		t.Fatalf("got %v, %v; want data_loss and no page", resp, err)
	}
	if n := len(s.hits("/cut")); n != 2 {
		t.Errorf("%d requests, want 2 (one retry)", n)
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, "body")
	}))
	c := newCrawler(t, testOptions(t))
	resp, err := c.Fetch(context.Background(), Request{URL: s.URL + "/a"})
	if err != nil || resp.Header.Get("ETag") != `"v1"` {
		t.Fatal(err)
	}
	resp, err = c.Fetch(context.Background(), Request{URL: s.URL + "/a", Header: http.Header{"If-None-Match": {`"v1"`}}})
	if err != nil || resp.Status != 304 || len(resp.Body) != 0 {
		t.Fatalf("conditional: %v %+v", err, resp)
	}
}

func TestRetries(t *testing.T) {
	var n atomic.Int64
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/flaky":
			if n.Add(1) <= 2 {
				w.WriteHeader(503)
				return
			}
			fmt.Fprint(w, "ok")
		case "/down":
			w.WriteHeader(502)
		case "/gone":
			w.WriteHeader(404)
		}
	}))
	c := newCrawler(t, testOptions(t))
	ctx := context.Background()
	resp, err := c.Fetch(ctx, Request{URL: s.URL + "/flaky"})
	if err != nil || resp.Attempts != 3 || string(resp.Body) != "ok" {
		t.Fatalf("flaky: %v %+v", err, resp)
	}
	resp, err = c.Fetch(ctx, Request{URL: s.URL + "/down"})
	if !errors.Is(err, ErrHTTPStatus) || ErrorKind(err) != "http_502" || resp == nil || resp.Status != 502 || resp.Attempts != 3 {
		t.Fatalf("down: %v %+v", err, resp)
	}
	if k := len(s.hits("/down")); k != 3 {
		t.Errorf("/down: %d requests, want 3", k)
	}
	resp, err = c.Fetch(ctx, Request{URL: s.URL + "/gone"})
	if ErrorKind(err) != "http_404" || resp == nil || resp.Status != 404 {
		t.Fatalf("gone: %v", err)
	}
	if k := len(s.hits("/gone")); k != 1 {
		t.Errorf("/gone: %d requests, want 1 (no retry)", k)
	}
}

func TestRetryAfter(t *testing.T) {
	var n atomic.Int64
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/later":
			if n.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(429)
				return
			}
			fmt.Fprint(w, "ok")
		case "/tomorrow":
			w.Header().Set("Retry-After", "86400")
			w.WriteHeader(429)
		}
	}))
	c := newCrawler(t, testOptions(t))
	ctx := context.Background()
	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/later"}); err != nil {
		t.Fatal(err)
	}
	h := s.hits("/later")
	if len(h) != 2 {
		t.Fatalf("%d requests", len(h))
	}
	if gap := h[1].at.Sub(h[0].at); gap < time.Second-50*time.Millisecond {
		t.Errorf("retried after %s, Retry-After said 1s", gap)
	}
	resp, err := c.Fetch(ctx, Request{URL: s.URL + "/tomorrow"})
	if !errors.Is(err, ErrDeferred) || ErrorKind(err) != "deferred" || resp == nil || resp.Status != 429 {
		t.Fatalf("tomorrow: %v", err)
	}
	if k := len(s.hits("/tomorrow")); k != 1 {
		t.Errorf("/tomorrow: %d requests, want 1", k)
	}
}

func TestCircuitBreaker(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
	clock := newFakeClock()
	o := testOptions(t)
	o.MaxRetries = -1
	o.BreakerThreshold = 3
	o.BreakerCooldown = time.Minute
	o.Clock = clock.Now
	c := newCrawler(t, o)
	ctx := context.Background()
	for i := range 3 {
		if _, err := c.Fetch(ctx, Request{URL: fmt.Sprintf("%s/p%d", s.URL, i)}); ErrorKind(err) != "http_500" {
			t.Fatalf("fetch %d: %v", i, err)
		}
	}
	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/p3"}); !errors.Is(err, ErrDeferred) {
		t.Fatalf("breaker not open: %v", err)
	}
	if n := len(s.hits("/p")); n != 3 {
		t.Fatalf("%d requests with the breaker open", n)
	}
	clock.Advance(61 * time.Second)
	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/probe"}); ErrorKind(err) != "http_500" {
		t.Fatalf("half-open probe: %v", err)
	}
	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/p4"}); !errors.Is(err, ErrDeferred) {
		t.Fatalf("breaker not reopened after a failed probe: %v", err)
	}
	if n := len(s.hits("/")); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}

func TestTimeout(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	o := testOptions(t)
	o.Timeout = 200 * time.Millisecond
	o.MaxRetries = -1
	c := newCrawler(t, o)
	_, err := c.Fetch(context.Background(), Request{URL: s.URL + "/hang"})
	if !errors.Is(err, ErrTimeout) || ErrorKind(err) != "timeout" {
		t.Fatalf("got %v, want timeout", err)
	}
	// The caller's own cancellation is not a timeout.
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	o.Timeout = 5 * time.Second
	c2 := newCrawler(t, o)
	if _, err := c2.Fetch(ctx, Request{URL: s.URL + "/hang"}); ErrorKind(err) != "canceled" {
		t.Errorf("cancelled fetch: kind %q (%v)", ErrorKind(err), err)
	}
}

func TestErrorKindAndHelpers(t *testing.T) {
	cases := map[error]string{
		nil:                                      "",
		fmt.Errorf("x: %w", ErrRobotsDisallowed): "robots",
		&StatusError{Code: 451}:                  "http_451",
		fmt.Errorf("w: %w", ErrDeferred):         "deferred",
		context.DeadlineExceeded:                 "timeout",
		errors.New("something else"):             "other",
		fmt.Errorf("%w", ErrNotHTML):             "not_html",
	}
	for err, want := range cases {
		if got := ErrorKind(err); got != want {
			t.Errorf("ErrorKind(%v) = %q, want %q", err, got, want)
		}
	}
	for n := 1; n <= 12; n++ {
		d := min(2*time.Second<<(n-1), maxBackoff)
		for range 20 {
			if b := backoff(2*time.Second, n); b < d/2 || b > d {
				t.Fatalf("backoff(%d) = %s, want in [%s, %s]", n, b, d/2, d)
			}
		}
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if d, ok := parseRetryAfter("7", now); !ok || d != 7*time.Second {
		t.Errorf("seconds: %s %v", d, ok)
	}
	if d, ok := parseRetryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now); !ok || d != 90*time.Second {
		t.Errorf("date: %s %v", d, ok)
	}
	for _, bad := range []string{"", "soon", "-3"} {
		if _, ok := parseRetryAfter(bad, now); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := New(Options{Parallelism: -3}); err == nil {
		t.Error("negative parallelism accepted")
	}
	c := newCrawler(t, testOptions(t))
	for _, u := range []string{"ftp://a.test/x", "file:///etc/passwd", "javascript:alert(1)"} {
		if _, err := c.Fetch(context.Background(), Request{URL: u}); !errors.Is(err, ErrBlockedScheme) {
			t.Errorf("%s: %v", u, err)
		}
	}
	if _, err := c.Fetch(context.Background(), Request{URL: "http://a b.test/%zz"}); ErrorKind(err) != "invalid_url" {
		t.Errorf("bad url: %v", err)
	}
	c.Close()
	if _, err := c.Fetch(context.Background(), Request{URL: "http://a.test/"}); !errors.Is(err, ErrClosed) {
		t.Errorf("after close: %v", err)
	}
	_ = strings.TrimSpace
}
