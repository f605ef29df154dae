package hostile

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/chaossite"
	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/loopback"
)

func robotsOn(o crawl.Options) crawl.Options {
	o.ObeyRobots = true
	return o
}

func TestP1RobotsDisallow(t *testing.T) {
	site := newSite(t)
	site.SetRobots("", chaossite.Robots{Variant: "disallow-private"})
	start := site.HostURL("site.test", "/links?to=/private/x&to=/page/ok")
	sum := runJob(t, job(t, fastJob(1, "", start)), site, nil)
	if n := len(site.Hits("/private/")); n != 0 {
		t.Errorf("%d requests to /private/", n)
	}
	if len(site.Hits("/page/ok")) != 1 {
		t.Errorf("allowed page not fetched once: %v", site.Hits("/page/"))
	}
	if sum.Skipped["robots"] != 1 {
		t.Errorf("skipped = %v, want robots: 1", sum.Skipped)
	}
}

func TestP2RobotsClientErrorsAllowAll(t *testing.T) {
	for _, code := range []int{404, 410, 401, 403} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			site := newSite(t)
			site.SetRobots("", chaossite.Robots{Status: code, Body: "User-agent: *\nDisallow: /\n"})
			c := newCrawler(t, robotsOn(crawlOptions(t, site, nil)))
			for _, p := range []string{"/page/a", "/page/b"} {
				if _, err := fetch(t, c, site.URL(p)); err != nil {
					t.Errorf("%s: %v", p, err)
				}
			}
			if n := len(site.Hits("/page/")); n != 2 {
				t.Errorf("%d pages fetched, want 2", n)
			}
		})
	}
}

func TestP3RobotsServerErrorThenRecovery(t *testing.T) {
	for _, code := range []int{500, 503} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			site := newSite(t)
			site.SetRobots("", chaossite.Robots{Status: code})
			clock := newFakeClock()
			o := robotsOn(crawlOptions(t, site, nil))
			o.Clock = clock.Now
			c := newCrawler(t, o)
			mustDisallow := func(when string) {
				t.Helper()
				if _, err := fetch(t, c, site.URL("/page/a")); !errors.Is(err, crawl.ErrRobotsDisallowed) {
					t.Errorf("%s: err = %v, want robots disallow", when, err)
				}
			}
			mustDisallow("at 0")
			clock.Advance(9 * time.Minute)
			mustDisallow("at 9 min")
			if n := len(site.Hits("/robots.txt")); n != 1 {
				t.Errorf("robots fetched %d times within the first 10 min", n)
			}
			clock.Advance(2 * time.Minute) // 11 min: negative cache expired
			mustDisallow("at 11 min")
			if n := len(site.Hits("/robots.txt")); n != 2 {
				t.Errorf("robots fetched %d times by 11 min, want 2 (re-fetched after 10 min)", n)
			}
			site.SetRobots("", chaossite.Robots{Body: "User-agent: *\nAllow: /\n"}) // recovers at ~15 min
			clock.Advance(4 * time.Minute)
			// The second failure set a 20-min negative TTL (10 min doubling);
			// the crawl resumes once it expires.
			clock.Advance(17 * time.Minute)
			if _, err := fetch(t, c, site.URL("/page/a")); err != nil {
				t.Errorf("after recovery: %v", err)
			}
			if n := len(site.Hits("/page/")); n != 1 {
				t.Errorf("%d page requests, want 1 (none while robots failed)", n)
			}
		})
	}
}

func TestP4Robots429IsDisallowNotAllowAll(t *testing.T) {
	site := newSite(t)
	site.SetRobots("", chaossite.Robots{Status: 429, Header: http.Header{"Retry-After": {"60"}}})
	clock := newFakeClock()
	o := robotsOn(crawlOptions(t, site, nil))
	o.Clock = clock.Now
	c := newCrawler(t, o)
	for _, step := range []time.Duration{0, 30 * time.Second, 30 * time.Second} {
		clock.Advance(step)
		if _, err := fetch(t, c, site.URL("/page/a")); !errors.Is(err, crawl.ErrRobotsDisallowed) {
			t.Errorf("err = %v, want robots disallow", err)
		}
	}
	if n := len(site.Hits("/page/")); n != 0 {
		t.Errorf("%d page requests while robots.txt answered 429", n)
	}
	if n := len(site.Hits("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times in 60 s, want 1", n)
	}
}

func TestP5RobotsTimeoutOrResetNegativeCached(t *testing.T) {
	cases := map[string]chaossite.Robots{
		"reset":   {Reset: true},
		"timeout": {Delay: 3 * time.Second},
	}
	for name, rb := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			site := newSite(t)
			site.SetRobots("", rb)
			o := robotsOn(crawlOptions(t, site, nil))
			o.Timeout = 500 * time.Millisecond
			o.MaxRetries = -1
			c := newCrawler(t, o)
			var wg sync.WaitGroup
			errs := make(chan error, 10)
			for i := range 10 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := fetch(t, c, site.URL(fmt.Sprintf("/page/%d", i)))
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if !errors.Is(err, crawl.ErrRobotsDisallowed) {
					t.Errorf("err = %v, want robots disallow", err)
				}
			}
			if n := len(site.Hits("/robots.txt")); n != 1 {
				t.Errorf("robots.txt requested %d times, want 1 per negative-TTL window", n)
			}
			if n := len(site.Hits("/page/")); n != 0 {
				t.Errorf("%d page requests", n)
			}
		})
	}
}

// redirectHops builds a URL that redirects hops-1 times through the site
// before reaching target.
func redirectHops(site *chaossite.Site, host string, hops int, target string) string {
	u := target
	for range hops {
		u = site.HostURL(host, "/redirect?to="+chaossite.QueryEscape(u))
	}
	return u
}

func TestP6RobotsRedirects(t *testing.T) {
	for _, hops := range []int{1, 3, 5, 6} {
		t.Run(fmt.Sprintf("%d hops", hops), func(t *testing.T) {
			site := newSite(t)
			// The chain ends on another host (b.test) serving "Disallow: /private/".
			target := site.HostURL("b.test", "/robots/disallow-private")
			site.SetRobots("a.test", chaossite.Robots{RedirectTo: redirectHops(site, "a.test", hops-1, target)})
			logs := &logBuffer{}
			o := robotsOn(crawlOptions(t, site, nil))
			o.Logger = logs.logger()
			c := newCrawler(t, o)
			_, err := fetch(t, c, site.HostURL("a.test", "/private/x"))
			if hops <= 5 {
				if !errors.Is(err, crawl.ErrRobotsDisallowed) {
					t.Errorf("err = %v: the redirect target's rules were not applied to a.test", err)
				}
				return
			}
			if errors.Is(err, crawl.ErrRobotsDisallowed) {
				t.Errorf("6 hops: rules applied, want robots treated as unavailable (allow)")
			}
			if !strings.Contains(logs.String(), "redirects too often") {
				t.Errorf("6 hops not logged; log:\n%s", logs.String())
			}
		})
	}
}

func TestP7RobotsSizeCap(t *testing.T) {
	site := newSite(t)
	site.SetRobots("a.test", chaossite.Robots{Variant: "big-600k"})
	site.SetRobots("b.test", chaossite.Robots{Variant: "huge-50m"})
	site.SetRobots("c.test", chaossite.Robots{Variant: "wildcards-200k"})
	c := newCrawler(t, robotsOn(crawlOptions(t, site, nil)))
	if _, err := fetch(t, c, site.HostURL("a.test", "/x")); !errors.Is(err, crawl.ErrRobotsDisallowed) {
		t.Errorf("rule at 450 KiB not honoured: %v", err)
	}
	if _, err := fetch(t, c, site.HostURL("a.test", "/beyond")); errors.Is(err, crawl.ErrRobotsDisallowed) {
		t.Errorf("rule at 550 KiB honoured: more than 512 KiB was read")
	}
	var err error
	peak, _ := peakHeap(func() { _, err = fetch(t, c, site.HostURL("b.test", "/late")) })
	if errors.Is(err, crawl.ErrRobotsDisallowed) {
		t.Errorf("rule at the end of a 50 MiB robots.txt honoured")
	}
	if peak > 20<<20 {
		t.Errorf("50 MiB robots.txt: heap grew %d MiB, want < 20", peak>>20)
	}
	t.Logf("50 MiB robots.txt: peak heap growth %.1f MiB", float64(peak)/(1<<20))
	if _, err := fetch(t, c, site.HostURL("c.test", "/x.a5.bzc")); !errors.Is(err, crawl.ErrRobotsDisallowed) {
		t.Errorf("wildcard rule 5 not applied: %v", err)
	}
	if _, err := fetch(t, c, site.HostURL("c.test", "/page/plain")); err != nil {
		t.Errorf("wildcards: %v", err)
	}
}

func TestP8RobotsPrecedenceEndToEnd(t *testing.T) {
	site := newSite(t)
	// Equal-length tie: Allow wins (RFC 9309), whatever the order.
	site.SetRobots("a.test", chaossite.Robots{Body: "User-agent: *\nDisallow: /page/tie\nAllow: /page/tie\n"})
	// Longest match by octets, not by regexp length: the 11-octet Allow beats
	// the 8-octet wildcard Disallow (temoto gets this wrong).
	site.SetRobots("b.test", chaossite.Robots{Body: "User-agent: *\nDisallow: /*.a.b.c\nAllow: /abcdefghij\n"})
	// Query strings are part of the match.
	site.SetRobots("c.test", chaossite.Robots{Body: "User-agent: *\nDisallow: /*?sort=\n"})
	c := newCrawler(t, robotsOn(crawlOptions(t, site, nil)))
	check := func(url string, allowed bool) {
		t.Helper()
		_, err := fetch(t, c, url)
		if got := !errors.Is(err, crawl.ErrRobotsDisallowed); got != allowed {
			t.Errorf("%s: allowed=%v, want %v (err %v)", url, got, allowed, err)
		}
	}
	check(site.HostURL("a.test", "/page/tie"), true)
	check(site.HostURL("b.test", "/abcdefghij.a.b.c"), true)
	check(site.HostURL("b.test", "/x.a.b.c"), false)
	check(site.HostURL("c.test", "/page/list?sort=asc"), false)
	check(site.HostURL("c.test", "/page/list?page=2&sort=asc"), true) // "?sort=" must follow the path directly
}

func TestP9RobotsSingleFetch(t *testing.T) {
	site := newSite(t)
	site.SetRobots("", chaossite.Robots{Delay: 100 * time.Millisecond, Body: "User-agent: *\nAllow: /\n"})
	o := robotsOn(crawlOptions(t, site, nil))
	o.Parallelism = 50
	c := newCrawler(t, o)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := fetch(t, c, site.URL(fmt.Sprintf("/page/%d", i))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := len(site.Hits("/robots.txt")); n != 1 {
		t.Errorf("robots.txt requested %d times, want 1", n)
	}
}

func TestP10RobotsCacheTTL(t *testing.T) {
	site := newSite(t)
	site.SetRobots("a.test", chaossite.Robots{Body: "User-agent: *\nAllow: /\n"})
	site.SetRobots("b.test", chaossite.Robots{Body: "User-agent: *\nAllow: /\n", Header: http.Header{"Cache-Control": {"max-age=120"}}})
	clock := newFakeClock()
	o := robotsOn(crawlOptions(t, site, nil))
	o.Clock = clock.Now
	c := newCrawler(t, o)
	count := func(host string) int {
		n := 0
		for _, h := range site.HostHits(host) {
			if h.Path() == "/robots.txt" {
				n++
			}
		}
		return n
	}
	both := func() {
		for _, h := range []string{"a.test", "b.test"} {
			if _, err := fetch(t, c, site.HostURL(h, "/page/x")); err != nil {
				t.Fatal(err)
			}
		}
	}
	both()
	clock.Advance(119 * time.Second)
	both()
	if count("a.test") != 1 || count("b.test") != 1 {
		t.Errorf("robots fetches before 2 min: a=%d b=%d, want 1 and 1", count("a.test"), count("b.test"))
	}
	clock.Advance(2 * time.Second)
	both()
	if count("b.test") != 2 {
		t.Errorf("max-age=120 not honoured: b fetched %d times", count("b.test"))
	}
	clock.Advance(23 * time.Hour)
	both()
	if count("a.test") != 1 {
		t.Errorf("a re-fetched before 24 h: %d", count("a.test"))
	}
	clock.Advance(time.Hour)
	both()
	if count("a.test") != 2 {
		t.Errorf("a not re-fetched after 24 h: %d", count("a.test"))
	}
}

func TestP11CrawlDelay(t *testing.T) {
	t.Run("2s", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		site.SetRobots("", chaossite.Robots{Variant: "crawl-delay-2"})
		c := newCrawler(t, robotsOn(crawlOptions(t, site, nil)))
		for i := range 3 {
			if _, err := fetch(t, c, site.URL(fmt.Sprintf("/page/%d", i))); err != nil {
				t.Fatal(err)
			}
		}
		hits := site.Hits("/page/")
		for i := 1; i < len(hits); i++ {
			// Server-side times carry network and scheduling jitter: allow 50 ms.
			if gap := hits[i].Time.Sub(hits[i-1].Time); gap < 2*time.Second-50*time.Millisecond {
				t.Errorf("gap %d: %s, want ≥ 2 s", i, gap)
			}
		}
	})
	t.Run("120s capped", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		site.SetRobots("", chaossite.Robots{Variant: "crawl-delay-120"})
		logs := &logBuffer{}
		o := robotsOn(crawlOptions(t, site, nil))
		o.Logger = logs.logger()
		c := newCrawler(t, o)
		if _, err := fetch(t, c, site.URL("/page/0")); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(logs.String(), "Crawl-delay capped") || !strings.Contains(logs.String(), "cap=30s") {
			t.Errorf("cap not logged:\n%s", logs.String())
		}
		if !*long {
			return // the 30 s gap itself: -long
		}
		if _, err := fetch(t, c, site.URL("/page/1")); err != nil {
			t.Fatal(err)
		}
		hits := site.Hits("/page/")
		if gap := hits[1].Time.Sub(hits[0].Time); gap < 30*time.Second-50*time.Millisecond || gap > 35*time.Second {
			t.Errorf("capped gap %s, want 30 s", gap)
		}
	})
}

// P12: per-host limit 1 (2 via a per-site override), global cap 8, hosts in
// parallel. Wall time is not asserted (no timed assertions).
func TestP12PerHostConcurrency(t *testing.T) {
	for _, perHost := range []int{1, 2} {
		t.Run(fmt.Sprintf("per-host %d", perHost), func(t *testing.T) {
			site := newSite(t)
			site.HandleFunc("GET /slow/{n}", func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(10 * time.Millisecond)
				fmt.Fprint(w, chaossite.Page("slow", "text"))
			})
			o := crawlOptions(t, site, nil)
			o.Parallelism = perHost
			o.GlobalParallelism = 8
			// One host allows two at once through a per-site override.
			o.HostOverrides = map[string]crawl.HostPolicy{"c.test": {Parallelism: 2}}
			c := newCrawler(t, o)
			var wg sync.WaitGroup
			for _, host := range []string{"a.test", "b.test", "c.test"} {
				for i := range 50 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if _, err := fetch(t, c, site.HostURL(host, fmt.Sprintf("/slow/%d", i))); err != nil {
							t.Error(err)
						}
					}()
				}
			}
			wg.Wait()
			for _, host := range []string{"a.test", "b.test", "c.test"} {
				limit := perHost
				if host == "c.test" {
					limit = 2 // its override
				}
				if m := site.MaxInFlight(host); m > limit {
					t.Errorf("%s: %d requests at once, limit %d", host, m, limit)
				}
			}
			if m := site.MaxInFlight("c.test"); m != 2 {
				t.Errorf("c.test (override 2): at most %d requests at once, want 2", m)
			}
			// Hosts run side by side: more than one host in flight at once,
			// never more than the global cap.
			if m := site.MaxInFlightAll(); m < 2 || m > 8 {
				t.Errorf("max in flight over all hosts %d, want 2..8", m)
			}
		})
	}
}

func TestP13RetryAfter(t *testing.T) {
	t.Run("7s", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.MaxRetries = 1
		c := newCrawler(t, o)
		if _, err := fetch(t, c, site.URL("/retry-after/7")); err != nil {
			t.Fatal(err)
		}
		hits := site.Hits("/retry-after/")
		if len(hits) != 2 {
			t.Fatalf("%d requests, want 2", len(hits))
		}
		if gap := hits[1].Time.Sub(hits[0].Time); gap < 7*time.Second-50*time.Millisecond {
			t.Errorf("retried after %s, want ≥ 7 s", gap)
		}
	})
	t.Run("http-date", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.MaxRetries = 1
		c := newCrawler(t, o)
		if _, err := fetch(t, c, site.URL("/retry-after/date+3")); err != nil {
			t.Fatal(err)
		}
		hits := site.Hits("/retry-after/")
		// The date has one-second resolution: at least 2 s of the 3 remain.
		if len(hits) != 2 || hits[1].Time.Sub(hits[0].Time) < 2*time.Second {
			t.Errorf("HTTP-date not honoured: %d hits", len(hits))
		}
	})
	t.Run("86400 deferred", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		c := newCrawler(t, o)
		_, err := fetch(t, c, site.HostURL("a.test", "/retry-after/86400"))
		if !errors.Is(err, crawl.ErrDeferred) {
			t.Errorf("err = %v, want ErrDeferred", err)
		}
		if _, err := fetch(t, c, site.HostURL("b.test", "/page/x")); err != nil {
			t.Errorf("other host blocked: %v", err)
		}
		if n := len(site.Hits("/retry-after/")); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.MaxRetries = 1
		c := newCrawler(t, o)
		if _, err := fetch(t, c, site.URL("/retry-after/soon-ish")); err != nil {
			t.Errorf("garbage Retry-After: %v", err)
		}
		if n := len(site.Hits("/retry-after/")); n != 2 {
			t.Errorf("%d requests, want 2 (normal backoff)", n)
		}
	})
}

func TestP14RetriesWithBackoff(t *testing.T) {
	t.Run("503 503 200", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.RetryBase = 0 // the default, 2 s
		c := newCrawler(t, o)
		resp, err := fetch(t, c, site.URL("/flaky/2"))
		if err != nil || resp.Attempts != 3 {
			t.Fatalf("err %v, attempts %v; want success on attempt 3", err, resp)
		}
		hits := site.Hits("/flaky/")
		g1, g2 := hits[1].Time.Sub(hits[0].Time), hits[2].Time.Sub(hits[1].Time)
		if g1 < time.Second || g1 > 2*time.Second+500*time.Millisecond {
			t.Errorf("first gap %s, want [1, 2] s", g1)
		}
		if g2 < 2*time.Second || g2 > 4*time.Second+500*time.Millisecond {
			t.Errorf("second gap %s, want [2, 4] s", g2)
		}
		t.Logf("gaps %s, %s", g1, g2)
	})
	t.Run("503x3 then 200: parked for a later run", func(t *testing.T) {
		t.Parallel()
		site := newSite(t)
		j := job(t, fastJob(0, "", site.HostURL("site.test", "/flaky/3")))
		j.Politeness.MaxRetries = 2
		sum := runJob(t, j, site, nil)
		if n := len(site.Hits("/flaky/")); n != 3 {
			t.Errorf("%d requests, want 3", n)
		}
		if sum.ErrorsByKind["http_503"] != 1 || sum.Queued != 1 {
			t.Errorf("errors %v, queued %d; want http_503 and the URL re-queued", sum.ErrorsByKind, sum.Queued)
		}
	})
}

func TestP15ClientErrorsNotRetried(t *testing.T) {
	site := newSite(t)
	c := newCrawler(t, crawlOptions(t, site, nil))
	for _, code := range []int{404, 410, 451} {
		path := fmt.Sprintf("/status/%d", code)
		resp, err := fetch(t, c, site.URL(path))
		var se *crawl.StatusError
		if !errors.As(err, &se) || se.Code != code || resp == nil || resp.Status != code {
			t.Errorf("%d: err %v", code, err)
		}
		if n := len(site.Hits(path)); n != 1 {
			t.Errorf("%d: %d requests, want 1", code, n)
		}
	}
}

func TestP16CircuitBreaker(t *testing.T) {
	site := newSite(t)
	clock := newFakeClock()
	o := crawlOptions(t, site, nil)
	o.MaxRetries = -1
	o.Clock = clock.Now
	o.BreakerCooldown = 2 * time.Minute
	c := newCrawler(t, o)
	deferred := 0
	// Ten simulated minutes of one request a "second" to a dead host.
	for i := range 600 {
		if i%60 == 0 && i > 0 {
			clock.Advance(time.Minute)
		}
		_, err := fetch(t, c, site.URL(fmt.Sprintf("/status/500?i=%d", i)))
		if errors.Is(err, crawl.ErrDeferred) {
			deferred++
		}
	}
	n := len(site.Hits("/status/500"))
	// 5 to open, then one probe per 2-minute cool-down: ≤ 5 + 5.
	if n > 10 {
		t.Errorf("%d requests to a dead host in 10 min, want ≤ 10", n)
	}
	if n < 5 || deferred == 0 {
		t.Errorf("%d requests, %d deferred: breaker never opened", n, deferred)
	}
}

// The job file sets the breaker: politeness.breaker_failures reaches the
// fetcher, so a dead host gets that many requests in a run, then waits.
func TestP16BreakerFromJob(t *testing.T) {
	q := url.Values{}
	for i := range 20 {
		q.Add("to", fmt.Sprintf("/status/500?i=%d", i))
	}
	start := "/links?" + q.Encode()
	for _, c := range []struct {
		setting string
		want    int
	}{{"", 5}, {", breaker_failures: 2", 2}} {
		site := newSite(t)
		extra := "politeness: {delay: 0, timeout: 10s, max_retries: 0" + c.setting + "}\n"
		sum := runJob(t, job(t, fastJob(1, extra, site.HostURL("site.test", start))), site, nil)
		if n := len(site.Hits("/status/500")); n != c.want {
			t.Errorf("politeness {%s}: %d requests to a dead host, want %d (errors %v, skipped %v)",
				strings.TrimPrefix(c.setting, ", "), n, c.want, sum.ErrorsByKind, sum.Skipped)
		}
	}
}

func TestP17Timeouts(t *testing.T) {
	base := waitGoroutines(0)
	t.Run("hang and delay hit the total deadline", func(t *testing.T) {
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.Timeout = time.Second
		o.MaxRetries = -1
		c := newCrawler(t, o)
		for _, p := range []string{"/hang", "/delay/40000"} {
			if _, err := fetch(t, c, site.URL(p)); !errors.Is(err, crawl.ErrTimeout) {
				t.Errorf("%s: err = %v, want ErrTimeout", p, err)
			}
		}
	})
	t.Run("trickle under the minimum rate", func(t *testing.T) {
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.MaxRetries = -1
		o.Timeout = 40 * time.Second
		c := newCrawler(t, o)
		start := time.Now()
		_, err := fetch(t, c, site.URL("/trickle/100"))
		if !errors.Is(err, crawl.ErrTimeout) {
			t.Errorf("err = %v, want ErrTimeout from the minimum-rate rule", err)
		}
		if took := time.Since(start); took > 21*time.Second {
			t.Errorf("min-rate abort after %s, want ≤ 20 s", took)
		}
	})
	// The defaults: no header within 15 s ends the fetch, for a server that
	// hangs and for one that answers after 40 s. Both run at once, so the
	// case costs the suite 15 s rather than 30.
	t.Run("default header timeout", func(t *testing.T) {
		site := newSite(t)
		o := crawlOptions(t, site, nil)
		o.Timeout = 0 // the default, 30 s
		o.MaxRetries = -1
		paths := []string{"/hang", "/delay/40000"}
		took := make([]time.Duration, len(paths))
		errs := make([]error, len(paths))
		var wg sync.WaitGroup
		for i, p := range paths {
			// A crawler each: one host is fetched one page at a time.
			c := newCrawler(t, o)
			wg.Go(func() {
				start := time.Now()
				_, errs[i] = fetch(t, c, site.URL(p))
				took[i] = time.Since(start)
			})
		}
		wg.Wait()
		for i, p := range paths {
			if !errors.Is(errs[i], crawl.ErrTimeout) {
				t.Errorf("%s: err = %v, want ErrTimeout", p, errs[i])
			}
			if took[i] < 14*time.Second || took[i] > 16*time.Second {
				t.Errorf("%s aborted after %s, want 15 s ± 1 s (the header timeout)", p, took[i])
			}
		}
	})
	if n := waitGoroutines(base + 2); n > base+2 {
		t.Errorf("goroutines %d, baseline %d", n, base)
	}
}

func TestP18Redirects(t *testing.T) {
	site := newSite(t)
	newCanary(t) // nothing in this test may reach it
	c := newCrawler(t, crawlOptions(t, site, nil))
	if _, err := fetch(t, c, site.URL("/redirect-loop")); !errors.Is(err, crawl.ErrTooManyRedirects) {
		t.Errorf("loop: %v", err)
	}
	if n := len(site.Hits("/redirect-loop")); n > 6 {
		t.Errorf("loop: %d requests, want ≤ 6 (5 hops)", n)
	}
	if _, err := fetch(t, c, site.URL("/redirect-chain/5")); err != nil {
		t.Errorf("5 hops: %v", err)
	}
	if _, err := fetch(t, c, site.URL("/redirect-chain/6")); !errors.Is(err, crawl.ErrTooManyRedirects) {
		t.Errorf("6 hops: %v", err)
	}
	if crawl.ErrorKind(crawl.ErrTooManyRedirects) != "too_many_redirects" {
		t.Error("error kind")
	}
	t.Run("to a domain outside the job", func(t *testing.T) {
		// The job allows site.test only; b.test (let through by allow_hosts,
		// standing for some public site) leads to a listener of its own.
		offsite := loopback.NewCanary(t)
		site2 := newSite(t)
		start := site2.HostURL("site.test", "/redirect?to="+chaossite.QueryEscape("http://b.test:"+offsite.Port()+"/x"))
		j := job(t, fastJob(0, "allowed_domains: [site.test]\n", start))
		sum := runJob(t, j, site2, nil)
		if n := offsite.Hits(); n > 0 {
			t.Errorf("a redirect to a domain outside allowed_domains was followed (%d connections to b.test)", n)
		}
		if sum.Skipped["redirect_offsite"] != 1 {
			t.Errorf("skipped %v, errors %v: want the refused redirect counted as redirect_offsite", sum.Skipped, sum.ErrorsByKind)
		}
	})
}

func TestP24ManyOutlinks(t *testing.T) {
	site := newSite(t)
	j := job(t, fastJob(1, "exclude: ['/page/out-']\n", site.HostURL("site.test", "/outlinks/50000")))
	sum := runJob(t, j, site, nil)
	// The cap applies before the scope: exactly max_outlinks (1000) links
	// reach the frontier's filter, which excludes them all here.
	if sum.Skipped["excluded"] != 1000 || sum.Skipped["trap:outlinks"] != 1 {
		t.Errorf("skipped %v, want excluded: 1000 and trap:outlinks: 1", sum.Skipped)
	}
	if n := len(site.Hits("/page/")); n != 0 {
		t.Errorf("%d link targets fetched", n)
	}
	_ = context.Background
}
