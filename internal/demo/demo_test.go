package demo

import (
	"bytes"
	"context"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gleaner-news/gleaner/internal/config"
	nethtml "golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// fetch GETs path from srv and returns status, header and body.
func fetch(t *testing.T, client *http.Client, base, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := client.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", path, err)
	}
	return resp.StatusCode, resp.Header, body
}

// decode returns a page's text as UTF-8, reading GBK pages as GB18030 (a
// superset of GBK).
func decode(t *testing.T, path string, body []byte) string {
	t.Helper()
	if strings.HasPrefix(path, gbkPrefix) {
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
		if err != nil {
			t.Fatalf("%s: not GBK: %v", path, err)
		}
		return string(out)
	}
	if !utf8.Valid(body) {
		t.Fatalf("%s: not UTF-8", path)
	}
	return string(body)
}

// noRedirect lets tests see redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func allPaths(t *testing.T) []string {
	t.Helper()
	return pagePaths(t, Handler().(*handler))
}

func pagePaths(t *testing.T, h *handler) []string {
	t.Helper()
	var paths []string
	for p := range h.pages {
		paths = append(paths, p)
	}
	if len(paths) < 45 {
		t.Fatalf("only %d embedded files", len(paths))
	}
	return paths
}

func TestEveryPageHasTheRightContentType(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	gbkPages := 0
	for _, p := range allPaths(t) {
		status, hdr, body := fetch(t, srv.Client(), srv.URL, p)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", p, status)
			continue
		}
		ct := hdr.Get("Content-Type")
		switch {
		case strings.HasPrefix(p, gbkPrefix):
			gbkPages++
			if ct != "text/html" {
				t.Errorf("%s: Content-Type %q, want a bare text/html", p, ct)
			}
			if utf8.Valid(body) {
				t.Errorf("%s: body is valid UTF-8, want GBK bytes", p)
			}
			head := body[:min(len(body), 1024)]
			if !bytes.Contains(head, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`)) {
				t.Errorf("%s: no gb2312 meta in the first 1024 bytes", p)
			}
			if text := decode(t, p, body); !strings.Contains(text, "财经") || strings.ContainsRune(text, utf8.RuneError) {
				t.Errorf("%s: GBK text does not decode cleanly", p)
			}
		case p == "/robots.txt":
			if ct != "text/plain; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", p, ct)
			}
		case p == "/sitemap.xml":
			if ct != "application/xml; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", p, ct)
			}
		case p == "/feed.xml":
			if ct != "application/rss+xml; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", p, ct)
			}
		default:
			if ct != "text/html; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", p, ct)
			}
			if !utf8.Valid(body) {
				t.Errorf("%s: not UTF-8", p)
			}
		}
	}
	if gbkPages < 5 {
		t.Errorf("%d GBK pages, want several", gbkPages)
	}
}

func TestHTTPBehaviour(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	c := srv.Client()

	status, _, body := fetch(t, c, srv.URL, MissingPath)
	if status != http.StatusNotFound || !bytes.Contains(body, []byte("Page not found")) {
		t.Errorf("missing story: status %d", status)
	}
	resp, err := noRedirect.Get(srv.URL + "/world")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc, _ := resp.Location(); resp.StatusCode != http.StatusMovedPermanently || loc == nil || loc.Path != "/world/" {
		t.Errorf("/world: status %d location %v, want 301 to /world/", resp.StatusCode, loc)
	}
	resp, err = c.Post(srv.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", resp.StatusCode)
	}

	// Conditional GET: the ETag of a page answers 304.
	_, hdr, _ := fetch(t, c, srv.URL, "/guonei/20240106/1187.html")
	etag := hdr.Get("ETag")
	if etag == "" || hdr.Get("Last-Modified") == "" {
		t.Fatalf("no validators: %v", hdr)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/guonei/20240106/1187.html", nil)
	req.Header.Set("If-None-Match", etag)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", resp.StatusCode)
	}

	// robots.txt names the sitemap at this server's address.
	_, _, robots := fetch(t, c, srv.URL, "/robots.txt")
	if !bytes.Contains(robots, []byte("Disallow: /admin/")) || !bytes.Contains(robots, []byte("Sitemap: "+srv.URL+"/sitemap.xml")) {
		t.Errorf("robots.txt:\n%s", robots)
	}
}

// links returns the href, src and action targets of an HTML document.
func links(t *testing.T, page string, text string) []string {
	t.Helper()
	doc, err := nethtml.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	var out []string
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" || a.Key == "action" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func TestEveryLinkResolves(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	base, _ := url.Parse(srv.URL)
	checked := map[string]int{}
	var targets []string
	for _, p := range allPaths(t) {
		_, _, body := fetch(t, srv.Client(), srv.URL, p)
		var found []string
		switch {
		case p == "/sitemap.xml" || p == "/feed.xml":
			var doc struct {
				Locs  []string `xml:"url>loc"`
				Links []string `xml:"channel>item>link"`
			}
			if err := xml.Unmarshal(body, &doc); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			found = append(doc.Locs, doc.Links...)
			if len(found) < 15 {
				t.Errorf("%s lists only %d URLs", p, len(found))
			}
		case p == "/robots.txt":
			continue
		default:
			found = links(t, p, decode(t, p, body))
		}
		for _, l := range found {
			if strings.HasPrefix(l, "javascript:") || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "http://www.w3.org/") {
				continue
			}
			u, err := base.Parse(p)
			if err == nil {
				u, err = u.Parse(l)
			}
			if err != nil {
				t.Errorf("%s: bad link %q", p, l)
				continue
			}
			if u.Host != base.Host {
				t.Errorf("%s: link %q leaves the portal", p, l)
				continue
			}
			targets = append(targets, u.Path)
		}
	}
	for _, target := range targets {
		if _, done := checked[target]; done {
			continue
		}
		status, _, _ := fetch(t, srv.Client(), srv.URL, target)
		checked[target] = status
		switch {
		case target == MissingPath:
			if status != http.StatusNotFound {
				t.Errorf("%s: status %d, want the deliberate 404", target, status)
			}
		case status != http.StatusOK:
			t.Errorf("link to %s: status %d", target, status)
		}
	}
	for _, must := range []string{MissingPath, DisallowedPath, "/world/index_2.html", "/caijing/index_2.html", "/tags/energy.html", "/search.html", "/about.html", "/contact.html", "/feed.xml"} {
		if _, ok := checked[must]; !ok {
			t.Errorf("no page links to %s", must)
		}
	}
}

func TestExpectedMatchesPages(t *testing.T) {
	arts, nonArticles, err := Expected()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	_, _, sitemap := fetch(t, srv.Client(), srv.URL, "/sitemap.xml")
	zh, gbk := 0, 0
	seen := map[string]bool{}
	for _, a := range arts {
		if seen[a.Path] {
			t.Errorf("%s listed twice", a.Path)
		}
		seen[a.Path] = true
		status, _, body := fetch(t, srv.Client(), srv.URL, a.Path)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", a.Path, status)
			continue
		}
		page := html.UnescapeString(decode(t, a.Path, body))
		if a.Lang == "zh" {
			zh++
		}
		if a.Charset == "gbk" {
			gbk++
			if !strings.HasPrefix(a.Path, gbkPrefix) {
				t.Errorf("%s: charset gbk outside %s", a.Path, gbkPrefix)
			}
		}
		if !strings.Contains(page, "<h1>"+a.Title+"</h1>") && !strings.Contains(page, `<h1 class="headline">`+a.Title+"</h1>") {
			t.Errorf("%s: title %q is not the page's <h1>", a.Path, a.Title)
		}
		for _, s := range append([]string{a.SummaryStart, a.FirstParagraph, a.LastParagraph, a.Source, a.Editor}, a.Authors...) {
			if !strings.Contains(page, s) {
				t.Errorf("%s: %q not on the page", a.Path, s)
			}
		}
		// Every paragraph is its own <p>; first and last are those of the text.
		if !strings.Contains(page, "<p>"+a.FirstParagraph+"</p>") && !strings.Contains(page, "<p>　　"+a.FirstParagraph+"</p>") {
			t.Errorf("%s: first paragraph is not a <p> of its own", a.Path)
		}
		if strings.Count(page, "<p>") < a.Paragraphs {
			t.Errorf("%s: fewer <p> than %d paragraphs", a.Path, a.Paragraphs)
		}
		if a.Published == "" || len(a.NotInBody) < 5 || a.Paragraphs < 3 {
			t.Errorf("%s: thin truth: %+v", a.Path, a)
		}
		if a.Lang == "zh" && !strings.Contains(page, strings.ReplaceAll(a.Published[:10], "-", "")) && !strings.Contains(page, a.Published[:10]) &&
			!strings.Contains(page, a.Published[:4]+"年"+a.Published[5:7]+"月"+a.Published[8:10]+"日") {
			t.Errorf("%s: date %s not printed on the page", a.Path, a.Published)
		}
		// The forbidden strings must be on the page (outside the text), or
		// the check would prove nothing.
		text := pageText(t, a.Path, page)
		for _, s := range a.NotInBody {
			if !strings.Contains(page, s) && !strings.Contains(text, s) {
				t.Errorf("%s: not_in_body %q does not occur on the page", a.Path, s)
			}
			if strings.Contains(a.FirstParagraph, s) || strings.Contains(a.LastParagraph, s) {
				t.Errorf("%s: not_in_body %q occurs in the article text", a.Path, s)
			}
		}
		if !bytes.Contains(sitemap, []byte(a.Path+"</loc>")) {
			t.Errorf("%s: not in the sitemap", a.Path)
		}
	}
	if len(arts) < 30 || zh < len(arts)/2-2 || zh > len(arts)/2+2 || gbk < 4 {
		t.Errorf("%d articles, %d Chinese, %d GBK: want ≥30, about half Chinese, several GBK", len(arts), zh, gbk)
	}
	for _, p := range nonArticles {
		if seen[p] {
			t.Errorf("%s is both article and non-article", p)
		}
		if status, _, _ := fetch(t, srv.Client(), srv.URL, p); status != http.StatusOK {
			t.Errorf("non-article %s: status %d", p, status)
		}
	}
	// Every served HTML page is classified.
	for _, p := range allPaths(t) {
		if !seen[p] && !contains(nonArticles, p) && p != DisallowedPath && !strings.HasSuffix(p, ".txt") && !strings.HasSuffix(p, ".xml") {
			t.Errorf("%s is served but neither article nor non-article", p)
		}
	}
}

// pageText is the page's text content, as an extractor sees it.
func pageText(t *testing.T, path, page string) string {
	t.Helper()
	doc, err := nethtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b strings.Builder
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestStartServesOnLoopbackUntilContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(s.URL)
	if err != nil || u.Hostname() != "127.0.0.1" || u.Port() == "" || u.Port() == "0" {
		t.Fatalf("URL %q is not a loopback address with a port", s.URL)
	}
	client := &http.Client{Transport: &http.Transport{}}
	status, _, body := fetch(t, client, s.URL, "/")
	if status != http.StatusOK || !bytes.Contains(body, []byte("Harbourline")) {
		t.Fatalf("home page: status %d", status)
	}
	cancel()
	if err := s.Close(); err != nil { // waits for the ctx-triggered shutdown
		t.Errorf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	client.CloseIdleConnections()
	if resp, err := client.Get(s.URL + "/"); err == nil {
		resp.Body.Close()
		t.Errorf("server still answers after ctx ended: %d", resp.StatusCode)
	}
}

func TestConfigureDemoJob(t *testing.T) {
	path := "../../configs/demo.yaml"
	j, err := config.Load(path)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	s, err := Start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := Configure(j, s.URL); err != nil {
		t.Fatal(err)
	}
	if j.StartURLs[0] != s.URL+"/" || j.AllowedDomains[0] != "127.0.0.1" || !contains(j.AllowHosts, "127.0.0.1") {
		t.Errorf("configured job: start %v domains %v allow %v", j.StartURLs, j.AllowedDomains, j.AllowHosts)
	}
	if j.TimeZone.String() != "Asia/Shanghai" || j.Politeness.Parallelism != 4 || j.Politeness.Delay.D().Milliseconds() != 20 {
		t.Errorf("demo job settings: zone %v parallelism %d delay %v", j.TimeZone, j.Politeness.Parallelism, j.Politeness.Delay)
	}
	// The job's own patterns sort the portal's pages as the truth does.
	arts, nonArticles, err := Expected()
	if err != nil {
		t.Fatal(err)
	}
	matches := func(list []config.Regexp, p string) bool {
		for _, re := range list {
			if re.MatchString(s.URL + p) {
				return true
			}
		}
		return false
	}
	for _, a := range arts {
		if !matches(j.ArticlePatterns, a.Path) || matches(j.ListPatterns, a.Path) {
			t.Errorf("%s: not classified as an article by demo.yaml", a.Path)
		}
	}
	for _, p := range nonArticles {
		if matches(j.ArticlePatterns, p) {
			t.Errorf("%s: demo.yaml calls it an article", p)
		}
	}
	status, _, _ := fetch(t, http.DefaultClient, j.StartURLs[0], "")
	if status != http.StatusOK {
		t.Errorf("configured start URL: status %d", status)
	}
}
