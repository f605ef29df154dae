package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/loopback"
)

func TestRedirects(t *testing.T) {
	canary := loopback.NewCanary(t)
	canaryAddr := canary.Addr()
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/chain/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			if n == 0 {
				fmt.Fprint(w, "end")
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusMovedPermanently)
		case r.URL.Path == "/to-canary":
			http.Redirect(w, r, "http://"+canaryAddr+"/", http.StatusFound)
		case r.URL.Path == "/to-metadata":
			http.Redirect(w, r, "http://metadata.internal.test/latest/meta-data/", http.StatusFound)
		case r.URL.Path == "/to-private":
			http.Redirect(w, r, "http://10.0.0.1/", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/to-scheme/"):
			http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/to-scheme/"), http.StatusFound)
		}
	}))
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
	hook, decisions := recordDecisions()
	o := testOptions(t)
	o.AllowHosts = []string{"127.0.0.1:" + port} // the site, not the canary
	o.OnDialDecision = hook
	c := newCrawler(t, o)
	ctx := context.Background()

	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/loop"}); !errors.Is(err, ErrTooManyRedirects) || ErrorKind(err) != "too_many_redirects" {
		t.Errorf("loop: %v", err)
	}
	if n := len(s.hits("/loop")); n != 6 {
		t.Errorf("loop: %d requests, want 6 (first + 5 redirects)", n)
	}
	resp, err := c.Fetch(ctx, Request{URL: s.URL + "/chain/5"})
	if err != nil || resp.URL.Path != "/chain/0" {
		t.Errorf("5 hops: %v", err)
	}
	if _, err := c.Fetch(ctx, Request{URL: s.URL + "/chain/6"}); !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("6 hops: %v", err)
	}
	for _, p := range []string{"/to-canary", "/to-metadata", "/to-private"} {
		if _, err := c.Fetch(ctx, Request{URL: s.URL + p}); !errors.Is(err, ErrBlockedAddress) || ErrorKind(err) != "blocked_address" {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, target := range []string{"file:///etc/passwd", "gopher://a.test/", "ftp://a.test/x"} {
		if _, err := c.Fetch(ctx, Request{URL: s.URL + "/to-scheme/" + target}); !errors.Is(err, ErrBlockedScheme) {
			t.Errorf("redirect to %s: %v", target, err)
		}
	}
	if n := canary.Hits(); n != 0 {
		t.Errorf("canary received %d connections", n)
	}
	refused := 0
	for _, d := range decisions() {
		if !d.Allowed {
			refused++
		}
		if d.Allowed && !d.IP.IsLoopback() {
			t.Errorf("allowed a dial to %s", d.IP)
		}
	}
	if refused != 3 {
		t.Errorf("%d refusals recorded, want 3", refused)
	}
}

func TestBlockedDestinations(t *testing.T) {
	canary := loopback.NewCanary(t)
	canaryAddr, canaryPort := canary.Addr(), canary.Port()
	hook, decisions := recordDecisions()
	o := testOptions(t)
	o.AllowHosts = nil
	o.OnDialDecision = hook
	c := newCrawler(t, o)
	urls := []string{
		"http://" + canaryAddr + "/",
		"http://localhost:" + canaryPort + "/",
		"http://[::ffff:127.0.0.1]:" + canaryPort + "/",
		"http://0.0.0.0:" + canaryPort + "/",
		"http://2130706433:" + canaryPort + "/",
		"http://metadata.internal.test/",
		"http://private.internal.test/",
		"http://169.254.169.254/latest/",
		"http://10.0.0.1/", "http://100.64.0.1/", "http://[fd00::1]/",
	}
	for _, u := range urls {
		_, err := c.Fetch(context.Background(), Request{URL: u})
		if err == nil {
			t.Errorf("%s: fetched", u)
			continue
		}
		if k := ErrorKind(err); k != "blocked_address" && k != "dns" && k != "invalid_url" {
			t.Errorf("%s: kind %s (%v)", u, k, err)
		}
	}
	if n := canary.Hits(); n != 0 {
		t.Errorf("canary received %d connections", n)
	}
	for _, d := range decisions() {
		if d.Allowed {
			t.Errorf("allowed %s for %s", d.IP, d.Addr)
		}
	}
}

func TestCookiesStayOnTheirSite(t *testing.T) {
	s := newSite(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/set" {
			http.SetCookie(w, &http.Cookie{Name: "own", Value: "1", Path: "/"})
			w.Header().Add("Set-Cookie", "suffix=1; Domain=.com.cn; Path=/")
		}
		fmt.Fprint(w, "ok")
	}))
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
	c := newCrawler(t, testOptions(t))
	ctx := context.Background()
	a := "http://news.example.com.cn:" + port
	b := "http://shop.other.com.cn:" + port
	for _, u := range []string{a + "/set", a + "/again", b + "/other"} {
		if _, err := c.Fetch(ctx, Request{URL: u}); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	again := s.hits("/again")
	if len(again) != 1 || !strings.Contains(again[0].header.Get("Cookie"), "own=1") {
		t.Errorf("site A did not get its cookie back: %v", again)
	}
	if strings.Contains(again[0].header.Get("Cookie"), "suffix") {
		t.Error("public-suffix cookie accepted")
	}
	if other := s.hits("/other"); len(other) != 1 || other[0].header.Get("Cookie") != "" {
		t.Errorf("site B received cookies: %q", other[0].header.Get("Cookie"))
	}
}
