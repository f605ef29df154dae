package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gleaner-news/gleaner/internal/chaossite"
	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/loopback"
	"github.com/gleaner-news/gleaner/internal/output"
)

// ssrfTargets are S1's URLs; port is the canary's.
func ssrfTargets(port string) []string {
	return []string{
		"http://127.0.0.1:" + port + "/",
		"http://localhost:" + port + "/",
		"http://[::1]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
		"http://2130706433:" + port + "/",
		"http://0x7f.0.0.1:" + port + "/",
		"http://[::ffff:127.0.0.1]:" + port + "/",
		"http://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/",
		"http://100.64.0.1/",
		"http://[fd00::1]/",
		"http://metadata.internal/",
		"http://private.internal/",
		"http://rfc1918-b.internal/",
		"http://mapped-lo.internal:" + port + "/",
	}
}

// guardedOptions allow only the chaos site's exact address, so every
// other loopback port (the canary's) is refused, and record every verdict.
func guardedOptions(t *testing.T, site *chaossite.Site, dl *loopback.Dialer, dec *decisions) crawl.Options {
	o := crawlOptions(t, site, dl)
	o.AllowHosts = []string{site.Addr()}
	o.OnDialDecision = dec.add
	o.MaxRetries = -1
	return o
}

func TestS1InternalAddressesBlockedAtDial(t *testing.T) {
	site := newSite(t)
	canary := newCanary(t)
	dl, dec := loopback.NewDialer(t, nil), &decisions{}
	c := newCrawler(t, guardedOptions(t, site, dl, dec))
	for _, u := range ssrfTargets(canary.Port()) {
		_, err := fetch(t, c, u)
		if kind := crawl.ErrorKind(err); kind != "blocked_address" {
			t.Errorf("%s: kind %q (%v), want blocked_address", u, kind, err)
		}
	}
	if got := dl.Addrs(); len(got) != 0 {
		t.Errorf("dialled %v", got)
	}
	if len(dec.all()) < len(ssrfTargets("1")) {
		t.Errorf("%d policy decisions for %d URLs: some were not checked at dial time", len(dec.all()), len(ssrfTargets("1")))
	}
	for _, d := range dec.all() {
		if d.Allowed {
			t.Errorf("policy allowed %s (%s)", d.Addr, d.IP)
		}
	}
	// Through the pipeline, as links of an allowed page: each is refused.
	var links []string
	for _, u := range ssrfTargets(canary.Port()) {
		if strings.Contains(u, ".internal") || strings.Contains(u, "localhost") {
			continue // names: the pipeline has no resolver hook (see the results table)
		}
		links = append(links, "to="+chaossite.QueryEscape(u))
	}
	start := site.HostURL("site.test", "/links?"+strings.Join(links, "&"))
	// Robots off: with it on, the robots.txt fetch to each internal host is
	// refused first and the page is counted as a robots skip (nothing dialled).
	yaml := fastJob(1, "politeness: {delay: 0, obey_robots: false}\nallowed_domains: [site.test, 127.0.0.1, '::1', 0.0.0.0, 169.254.169.254, 10.0.0.1, 100.64.0.1, 'fd00::1', '::ffff:127.0.0.1']\n", start)
	pdl := jobDialer(t)
	sum := runJob(t, job(t, yaml), site, pdl)
	for _, a := range pdl.Addrs() {
		if !strings.HasPrefix(a, "site.test:") {
			t.Errorf("pipeline dialled %s", a)
		}
	}
	t.Logf("pipeline: errors %v, skipped %v", sum.ErrorsByKind, sum.Skipped)
	if sum.ErrorsByKind["blocked_address"] == 0 {
		t.Errorf("no blocked_address entries: %v", sum.ErrorsByKind)
	}
}

func TestS2DNSRebinding(t *testing.T) {
	site := newSite(t)
	canary := newCanary(t)
	var lookups atomic.Int64
	public := netip.MustParseAddr("203.0.113.10") // TEST-NET-3: stands for a public site
	// The "public" address is never dialled: the dialer maps it to the chaos
	// site; loopback addresses other than that would reach the canary.
	dl, dec := loopback.NewDialer(t, map[string]string{public.String() + ":" + canary.Port(): site.Addr()}), &decisions{}
	o := guardedOptions(t, site, dl, dec)
	o.AllowHosts = nil
	o.Resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
		if host != "rebind.test" {
			return nil, errors.New("no such host")
		}
		if lookups.Add(1) == 1 {
			return []netip.Addr{public}, nil
		}
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	c := newCrawler(t, o)
	u := "http://rebind.test:" + canary.Port() + "/page/a"
	if _, err := fetch(t, c, u); err != nil {
		t.Fatalf("first (public) answer: %v", err)
	}
	c.Close() // drop the pooled connection: the next fetch must resolve again
	c = newCrawler(t, o)
	_, err := fetch(t, c, "http://rebind.test:"+canary.Port()+"/page/b")
	if crawl.ErrorKind(err) != "blocked_address" {
		t.Errorf("rebound answer: %v, want blocked_address", err)
	}
}

func TestS3RedirectsToInternalAndOtherSchemes(t *testing.T) {
	site := newSite(t)
	canary := newCanary(t)
	dl, dec := loopback.NewDialer(t, nil), &decisions{}
	c := newCrawler(t, guardedOptions(t, site, dl, dec))
	cases := map[string]string{
		"http://127.0.0.1:" + canary.Port() + "/":   "blocked_address",
		"http://169.254.169.254/":                   "blocked_address",
		"file:///etc/passwd":                        "blocked_scheme",
		"gopher://127.0.0.1:" + canary.Port() + "/": "blocked_scheme",
		"ftp://127.0.0.1:" + canary.Port() + "/":    "blocked_scheme",
		"data:text/html,<h1>hi</h1>":                "blocked_scheme",
	}
	for to, want := range cases {
		_, err := fetch(t, c, site.URL("/redirect?to="+chaossite.QueryEscape(to)))
		if kind := crawl.ErrorKind(err); kind != want {
			t.Errorf("302 → %s: kind %q (%v), want %s", to, kind, err, want)
		}
	}
	for _, a := range dl.Addrs() {
		if a != site.Addr() {
			t.Errorf("dialled %s", a)
		}
	}
}

func TestS4EnvironmentProxyIgnored(t *testing.T) {
	var proxied atomic.Int64
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		http.Error(w, "proxy", http.StatusBadGateway)
	}))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("HTTPS_PROXY", proxy.URL)
	t.Setenv("http_proxy", proxy.URL)
	t.Setenv("NO_PROXY", "")
	site := newSite(t)
	canary := newCanary(t)
	dl, dec := loopback.NewDialer(t, nil), &decisions{}
	c := newCrawler(t, guardedOptions(t, site, dl, dec))
	for _, u := range ssrfTargets(canary.Port()) {
		if _, err := fetch(t, c, u); crawl.ErrorKind(err) != "blocked_address" {
			t.Errorf("%s: %v", u, err)
		}
	}
	if _, err := fetch(t, c, site.URL("/page/direct")); err != nil {
		t.Errorf("direct fetch: %v", err)
	}
	if len(site.Hits("/page/direct")) != 1 || proxied.Load() != 0 {
		t.Errorf("proxy saw %d requests; site saw %d", proxied.Load(), len(site.Hits("/page/direct")))
	}
}

func TestS5CredentialsNotSentCrossOrigin(t *testing.T) {
	site := newSite(t)
	c := newCrawler(t, crawlOptions(t, site, nil))
	hdr := http.Header{"Authorization": {"Bearer secret"}, "Cookie": {"session=secret"}}
	for _, to := range []string{
		site.HostURL("b.test", "/page/other-host"),
		site.HostURL("sub.a.test", "/page/subdomain"),
	} {
		from := site.HostURL("a.test", "/redirect?to="+chaossite.QueryEscape(to))
		if _, err := c.Fetch(t.Context(), crawl.Request{URL: from, Header: hdr.Clone()}); err != nil {
			t.Fatalf("%s: %v", from, err)
		}
	}
	for _, h := range site.Log() {
		if h.Host == "a.test" {
			continue
		}
		if h.Header.Get("Authorization") != "" || strings.Contains(h.Header.Get("Cookie"), "secret") {
			t.Errorf("credentials sent to %s%s: %v", h.Host, h.Target, h.Header)
		}
	}
	if len(site.HostHits("b.test")) != 1 || len(site.HostHits("sub.a.test")) != 1 {
		t.Errorf("redirect targets not reached: %d, %d", len(site.HostHits("b.test")), len(site.HostHits("sub.a.test")))
	}
	// The https → http downgrade half needs an https origin the fetcher
	// trusts; crawl.Options has no way to add a test root CA (see the table).
}

func TestS6CookiesPerSiteAndPublicSuffix(t *testing.T) {
	site := newSite(t)
	site.HandleFunc("GET /set-cookies", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "own", Value: "a", Path: "/"})
		w.Header().Add("Set-Cookie", "psl=bad; Domain=com.cn; Path=/")
		fmt.Fprint(w, chaossite.Page("cookies", "set"))
	})
	c := newCrawler(t, crawlOptions(t, site, nil))
	for _, u := range []string{
		site.HostURL("news.example.com.cn", "/set-cookies"),
		site.HostURL("shop.other.com.cn", "/page/b"),
		site.HostURL("news.example.com.cn", "/page/a"),
	} {
		if _, err := fetch(t, c, u); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range site.HostHits("shop.other.com.cn") {
		if h.Header.Get("Cookie") != "" {
			t.Errorf("site B received cookies %q", h.Header.Get("Cookie"))
		}
	}
	back := site.HostHits("news.example.com.cn")
	last := back[len(back)-1].Header.Get("Cookie")
	if !strings.Contains(last, "own=a") || strings.Contains(last, "psl=") {
		t.Errorf("site A's own cookie %q: want own=a and no public-suffix cookie", last)
	}
}

func TestS7HeaderInjection(t *testing.T) {
	site := newSite(t)
	raw := []string{"/x%0d%0aX-Injected:%201", "/x%0D%0AX-Injected: 1", "/x\r\nX-Injected: 1", "/x\nX-Injected: 1", "/x\x00y"}
	c := newCrawler(t, crawlOptions(t, site, nil))
	for _, p := range raw {
		_, err := fetch(t, c, site.URL(p))
		if strings.ContainsAny(p, "\r\n\x00") && crawl.ErrorKind(err) != "invalid_url" {
			t.Errorf("%q: kind %q, want invalid_url", p, crawl.ErrorKind(err))
		}
	}
	// The same strings as links of a page, through the pipeline.
	var links []string
	for _, p := range raw {
		links = append(links, "to="+chaossite.QueryEscape(p))
	}
	sum := runJob(t, job(t, fastJob(1, "", site.HostURL("site.test", "/links?"+strings.Join(links, "&")))), site, nil)
	for _, h := range site.Log() {
		if _, ok := h.Header["X-Injected"]; ok {
			t.Errorf("server saw an injected header on %q", h.Target)
		}
	}
	t.Logf("pipeline: skipped %v, errors %v", sum.Skipped, sum.ErrorsByKind)
}

func TestS8OutputPathsFromHashes(t *testing.T) {
	site := newSite(t)
	for _, p := range []string{"/evil/{name...}"} {
		site.HandleFunc("GET "+p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Disposition", `attachment; filename="../../.bashrc"`)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, chaossite.Page("Evil "+r.URL.Path, strings.Repeat("Hostile file name test text. ", 20)))
		})
	}
	var links []string
	for _, p := range []string{"/evil/..%2f..%2fetc%2fcron.d%2fx", "/evil/%2e%2e%2f%2e%2e%2fx", "/evil/..%5c..%5cx", "/evil//abs/path", "/evil/../../etc/cron.d/x"} {
		links = append(links, "to="+chaossite.QueryEscape(p))
	}
	j := job(t, fastJob(1, "article_patterns: ['/evil/']\n", site.HostURL("site.test", "/links?"+strings.Join(links, "&"))))
	// A symlink planted in the job's folder must not be followed.
	outside := t.TempDir()
	jobDir := filepath.Join(j.OutputDir, j.Name)
	if err := os.MkdirAll(jobDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(jobDir, "evil")); err != nil {
		t.Fatal(err)
	}
	sum := runJob(t, j, site, nil)
	if sum.ArticlesWritten == 0 {
		t.Fatalf("no records written: %v %v", sum.ErrorsByKind, sum.Skipped)
	}
	root, _ := filepath.EvalSymlinks(j.OutputDir)
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		real, _ := filepath.EvalSymlinks(path)
		if rel, rerr := filepath.Rel(root, real); rerr != nil || strings.HasPrefix(rel, "..") {
			if d.Type()&fs.ModeSymlink == 0 {
				t.Errorf("file outside the output root: %s", path)
			}
		}
		name := d.Name()
		if strings.Contains(name, "evil") && d.Type()&fs.ModeSymlink == 0 || strings.Contains(name, "bashrc") || strings.Contains(name, "cron") {
			t.Errorf("file named after the page: %s", path)
		}
		return nil
	})
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("planted symlink followed: %d entries in its target", len(entries))
	}
}

func TestS9StoredHTMLSanitised(t *testing.T) {
	site := newSite(t)
	site.HandleFunc("GET /xss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>XSS article</title><script>alert(1)</script></head><body><article><h1>XSS article</h1>
<p>First paragraph of real text that the extractor keeps, long enough to count as an article body for the test.</p>
<p onclick="steal()">Second paragraph <img src=x onerror="alert(2)"> with an image that carries an onerror handler.</p>
<p>Third paragraph with <a href="javascript:alert(3)">a javascript link</a> and <a href="/page/ok">a normal one</a>.</p>
<svg onload="alert(4)"><circle r="1"/></svg><iframe srcdoc="<script>alert(5)</script>"></iframe>
<script>document.write('<p>injected</p>')</script>
<p>Fourth paragraph closes the article with more ordinary words so the body is long enough.</p></article></body></html>`)
	})
	sum := runJob(t, job(t, fastJob(0, "article_patterns: ['/xss']\n", site.HostURL("site.test", "/xss"))), site, nil)
	lines := outputLines(t, sum)
	if len(lines) != 1 {
		t.Fatalf("%d records, want 1 (errors %v)", len(lines), sum.ErrorsByKind)
	}
	var rec map[string]any
	if err := json.Unmarshal(lines[0], &rec); err != nil {
		t.Fatal(err)
	}
	stored := fmt.Sprint(rec["body_html"])
	for _, bad := range []string{"<script", "onerror=", "onclick=", "javascript:", "onload=", "<iframe", "srcdoc", "alert(", "<svg"} {
		if strings.Contains(strings.ToLower(stored), bad) {
			t.Errorf("stored html contains %q:\n%s", bad, stored)
		}
	}
	if text := fmt.Sprint(rec["body"]); strings.Contains(text, "<") || !strings.Contains(text, "First paragraph") {
		t.Errorf("text is not plain or lost content: %q", text)
	}
}

func TestS10HostileStringsStayValidJSON(t *testing.T) {
	site := newSite(t)
	titles := map[string]string{
		"ls":      "Line\u2028separator\u2029title",
		"surr":    "Lone &#xD800; surrogate &#xDFFF;",
		"invalid": "Invalid \xff\xfe bytes \xc3",
		"ctrl":    "Control \x01\x02\x1b[31m chars",
		"huge":    strings.Repeat("長", 700_000), // 2.1 MB of UTF-8, three times in the page (8 MiB body limit)
	}
	for name, title := range titles {
		site.HandleFunc("GET /s10/"+name, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p><p>%s</p></article></body></html>",
				title, title, strings.Repeat("Ordinary words of a paragraph. ", 20), title)
		})
	}
	var starts []string
	for name := range titles {
		starts = append(starts, site.HostURL("site.test", "/s10/"+name))
	}
	sum := runJob(t, job(t, fastJob(0, "article_patterns: ['/s10/']\n", starts...)), site, nil)
	lines := outputLines(t, sum)
	if len(lines) == 0 {
		t.Fatalf("no records: %v", sum.ErrorsByKind)
	}
	t.Logf("%d records of %d pages; errors %v", len(lines), len(titles), sum.ErrorsByKind)
	n := 0
	err := output.ReadLines(sum.OutputFile, func(line []byte) error {
		n++
		if !json.Valid(line) {
			t.Errorf("line %d is not JSON: %.200q", n, line)
		}
		if bytes.ContainsAny(line, "\u2028\u2029") {
			t.Errorf("line %d has raw U+2028/U+2029 (breaks JavaScript consumers)", n)
		}
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			t.Errorf("line %d: %v", n, err)
		}
		if title := fmt.Sprint(rec["title"]); len(title) > 4<<10 {
			t.Logf("line %d: title of %d bytes stored (no field limits or truncated_fields yet)", n, len(title))
		}
		return nil
	})
	if err != nil || n != len(lines) {
		t.Errorf("read back %d lines (%v), want %d", n, err, len(lines))
	}
	_ = net.IPv4len
}
