package hostile

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/chaossite"
	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/loopback"
	"github.com/gleaner-news/gleaner/internal/netguard"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

var long = flag.Bool("long", false, "run the full-length versions of slow cases (real 15-30 s timeouts)")

func newSite(t *testing.T) *chaossite.Site {
	t.Helper()
	s := chaossite.New()
	t.Cleanup(s.Close)
	return s
}

// newCanary returns a canary that fails the test at cleanup if anything
// connected to it.
func newCanary(t *testing.T) *loopback.Canary {
	t.Helper()
	c := loopback.NewCanary(t)
	t.Cleanup(func() {
		if n := c.Hits(); n != 0 {
			t.Errorf("canary received %d connections", n)
		}
	})
	return c
}

// jobNames are the test names the pipeline asks the dialer for (it has no
// resolver hook); each goes to the chaos site's loopback address.
var jobNames = map[string]string{"site.test": "127.0.0.1", "a.test": "127.0.0.1", "b.test": "127.0.0.1"}

// jobDialer is the only way out of a pipeline run: the job's test names go
// to loopback, and anything else fails the test without a packet sent.
func jobDialer(t *testing.T) *loopback.Dialer { return loopback.NewDialer(t, jobNames) }

// resolver answers like a hostile DNS: test names resolve to loopback, the
// *.internal names to addresses the policy must refuse, and numeric forms
// that libc's inet_aton accepts to 127.0.0.1.
func resolver(extra map[string][]netip.Addr) func(ctx context.Context, host string) ([]netip.Addr, error) {
	lo := []netip.Addr{netip.MustParseAddr("127.0.0.1")}
	fixed := map[string][]netip.Addr{
		"localhost":            {netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("::1")},
		"2130706433":           lo,
		"0x7f.0.0.1":           lo,
		"0177.0.0.1":           lo,
		"metadata.internal":    {netip.MustParseAddr("169.254.169.254")},
		"private.internal":     {netip.MustParseAddr("10.0.0.1")},
		"cgnat.internal":       {netip.MustParseAddr("100.64.0.1")},
		"ula.internal":         {netip.MustParseAddr("fd00::1")},
		"rfc1918-b.internal":   {netip.MustParseAddr("172.16.0.1")},
		"rfc1918-c.internal":   {netip.MustParseAddr("192.168.1.1")},
		"mapped-lo.internal":   {netip.MustParseAddr("::ffff:127.0.0.1")},
		"unspecified.internal": {netip.MustParseAddr("0.0.0.0")},
	}
	return func(ctx context.Context, host string) ([]netip.Addr, error) {
		if a, ok := extra[host]; ok {
			return a, nil
		}
		if a, ok := fixed[host]; ok {
			return a, nil
		}
		if strings.HasSuffix(host, ".test") || strings.HasSuffix(host, ".com.cn") {
			return lo, nil
		}
		return nil, fmt.Errorf("test resolver: no such host %q", host)
	}
}

// testHosts are the names the fast options let through to loopback.
var testHosts = []string{"a.test", "b.test", "c.test", "site.test", "news.example.com.cn", "shop.other.com.cn"}

// crawlOptions are fast options reaching loopback only: no delay, 10 ms
// retry base, 5 s timeout, robots off (cases that test robots turn it on).
// The fetcher resolves through resolver and hands dl "ip:port" addresses; a
// nil dl is a fresh loopback.Dialer without names.
func crawlOptions(t *testing.T, site *chaossite.Site, dl *loopback.Dialer) crawl.Options {
	if dl == nil {
		dl = loopback.NewDialer(t, nil)
	}
	allow := append([]string{site.Addr()}, testHosts...)
	return crawl.Options{
		Delay:       -1,
		RetryBase:   10 * time.Millisecond,
		Timeout:     5 * time.Second,
		AllowHosts:  allow,
		DialContext: dl.DialContext,
		Resolve:     resolver(nil),
	}
}

func newCrawler(t *testing.T, o crawl.Options) *crawl.Crawler {
	t.Helper()
	c, err := crawl.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func fetch(t *testing.T, c *crawl.Crawler, url string) (*crawl.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	return c.Fetch(ctx, crawl.Request{URL: url})
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

// logBuffer is a slog logger writing to a buffer tests can search.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// job builds a pipeline job from YAML; the output goes to a temp folder.
// The site is reached as site.test (allowed via allow_hosts), so that
// 127.0.0.1 itself — and the canary on it — stays refused.
func job(t *testing.T, yaml string) *config.Job {
	t.Helper()
	j, err := config.Parse([]byte(yaml), t.Name()+".yaml")
	if err != nil {
		t.Fatalf("job: %v\n%s", err, yaml)
	}
	j.Name = "j"
	j.OutputDir = t.TempDir()
	return j
}

// fastJob returns YAML for a quick job over the given start URLs.
func fastJob(maxDepth int, extra string, starts ...string) string {
	var b strings.Builder
	b.WriteString("name: j\nstart_urls:\n")
	for _, s := range starts {
		fmt.Fprintf(&b, "  - %q\n", s)
	}
	fmt.Fprintf(&b, "max_depth: %d\nallow_hosts: [site.test, a.test, b.test]\n", maxDepth)
	b.WriteString("sources: {links: true, sitemaps: false, feeds: false}\n")
	if !strings.Contains(extra, "politeness:") {
		b.WriteString("politeness: {delay: 0, timeout: 10s, max_retries: 1}\n")
	}
	b.WriteString(extra)
	return b.String()
}

// runJob runs j through the real pipeline with a loopback dialer that maps
// the test names to the site: dl, made by jobDialer, or a fresh one if nil.
func runJob(t *testing.T, j *config.Job, site *chaossite.Site, dl *loopback.Dialer) *pipeline.Summary {
	t.Helper()
	if dl == nil {
		dl = jobDialer(t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := pipeline.Run(ctx, j, pipeline.Options{DialContext: dl.DialContext})
	if err != nil {
		t.Fatalf("pipeline run: %v", err)
	}
	return sum
}

// outputLines reads the records a run wrote, one JSON document per line.
func outputLines(t *testing.T, sum *pipeline.Summary) [][]byte {
	t.Helper()
	if sum.OutputFile == "" {
		return nil
	}
	data, err := os.ReadFile(sum.OutputFile)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		if len(l) > 0 {
			lines = append(lines, l)
		}
	}
	return lines
}

// peakHeap runs fn while sampling live heap bytes and returns the peak
// growth over the baseline (after a GC) and fn's duration.
func peakHeap(fn func()) (peak uint64, took time.Duration) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var top atomic.Uint64
	top.Store(base)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(200 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if v := read(); v > top.Load() {
					top.Store(v)
				}
			}
		}
	}()
	start := time.Now()
	fn()
	took = time.Since(start)
	if v := read(); v > top.Load() {
		top.Store(v)
	}
	close(stop)
	<-done
	if top.Load() < base {
		return 0, took
	}
	return top.Load() - base, took
}

// waitGoroutines waits (up to 5 s) for the goroutine count to fall to at
// most want and returns the last count.
func waitGoroutines(want int) int {
	deadline := time.Now().Add(5 * time.Second)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// decisions records the address policy's verdicts.
type decisions struct {
	mu   sync.Mutex
	list []netguard.Decision
}

func (d *decisions) add(dec netguard.Decision) {
	d.mu.Lock()
	d.list = append(d.list, dec)
	d.mu.Unlock()
}

func (d *decisions) all() []netguard.Decision {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]netguard.Decision(nil), d.list...)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
