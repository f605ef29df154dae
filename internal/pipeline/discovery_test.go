package pipeline_test

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// pinnedNow is "now" for the since-window tests.
var pinnedNow = time.Date(2024, 3, 7, 12, 0, 0, 0, time.UTC)

func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Issue 4 §1: sitemaps named by robots.txt (not at a common path), a sitemap
// index, a gzipped Google News sitemap with publication dates, the since
// window, a broken sitemap (an error entry whose good part is still used)
// and guessed paths that 404 (skips, not errors).
func TestSitemapDiscovery(t *testing.T) {
	site := newTestSite(t)
	base := site.URL()
	site.set("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n\nSitemap: "+base+"/maps/index.xml\nSitemap: http://elsewhere.example/sitemap.xml\n")
	site.html("/", listPage("Home"))
	site.set("/maps/index.xml", "application/xml", `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>`+base+`/maps/news.xml.gz</loc></sitemap>
  <sitemap><loc>`+base+`/maps/broken.xml</loc></sitemap>
</sitemapindex>`)
	site.set("/maps/news.xml.gz", "application/gzip", gz(t, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>`+base+`/world/2024/03/05/a.html</loc>
    <news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication>
    <news:publication_date>2024-03-05T08:00:00+00:00</news:publication_date><news:title>A</news:title></news:news></url>
  <url><loc>`+base+`/world/2023/01/02/old.html</loc>
    <news:news><news:publication_date>2023-01-02</news:publication_date></news:news></url>
  <url><loc>`+base+`/private/2024/03/05/p.html</loc></url>
</urlset>`))
	site.set("/maps/broken.xml", "application/xml", `<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>`+base+`/world/2024/03/06/e.html</loc></url>
  <url><loc>`+base+`/world/2024/03/06/f.html</loc`)
	site.html("/world/2024/03/05/a.html", story("Harbour reopens"))
	site.html("/world/2024/03/06/e.html", story("Ferry returns"))
	site.html("/world/2023/01/02/old.html", story("Old news"))
	site.html("/private/2024/03/05/p.html", story("Private"))

	job := newJob(t, site, `
start_urls: ["{{BASE}}/"]
since: 7d
sources: {links: false, sitemaps: true, feeds: false}
article_patterns: ['/\d{4}/\d{2}/\d{2}/']
`)
	sum := runJob(t, job, pipeline.Options{Now: func() time.Time { return pinnedNow }})
	hits := site.takeHits()

	got := recordPaths(t, readRecords(t, job))
	slices.Sort(got)
	want := []string{"/world/2024/03/05/a.html", "/world/2024/03/06/e.html"}
	if !slices.Equal(got, want) {
		t.Errorf("records %v, want %v", got, want)
	}
	if sum.ErrorsByKind["sitemap"] != 1 {
		t.Errorf("errors_by_kind = %v, want one sitemap error (broken.xml)", sum.ErrorsByKind)
	}
	if sum.Skipped["no_sitemap"] != 4 {
		t.Errorf("skipped = %v, want no_sitemap=4 (the guessed paths)", sum.Skipped)
	}
	if sum.Skipped["too_old"] != 1 {
		t.Errorf("skipped = %v, want too_old=1", sum.Skipped)
	}
	if sum.Skipped["robots"] != 1 || countPath(hits, func(p string) bool { return strings.HasPrefix(p, "/private/") }) != 0 {
		t.Errorf("robots: skipped %v; the disallowed page must never be requested", sum.Skipped)
	}
	if sum.Skipped["offsite"] != 1 {
		t.Errorf("skipped = %v, want offsite=1 (the other host's sitemap)", sum.Skipped)
	}
	if n := countPath(hits, func(p string) bool { return p == "/world/2023/01/02/old.html" }); n != 0 {
		t.Errorf("the article outside the window was fetched")
	}
	if sum.Failed() && len(sum.ErrorsByKind) != 1 {
		t.Errorf("unexpected errors: %+v", sum.Errors)
	}
}

// Issue 4 §1: RSS and Atom feeds announced by <link rel=alternate>, a broken
// feed as an error entry, and a job that uses feeds only: no sitemap is
// requested and the home page's own links are not followed.
func TestFeedDiscoveryAndSourceChoice(t *testing.T) {
	site := newTestSite(t)
	base := site.URL()
	site.set("/robots.txt", "text/plain", "User-agent: *\nAllow: /\nSitemap: "+base+"/maps/index.xml\n")
	site.html("/", `<!doctype html><html><head><title>Home</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="/atom.xml">
<link rel="alternate" type="application/rss+xml" href="/broken.xml">
</head><body><a href="/world/2024/03/01/linked.html">linked</a></body></html>`)
	site.set("/rss.xml", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>R</title><link>`+base+`/world/2024/03/06/rss.html</link><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>Old</title><link>`+base+`/world/2023/01/01/old.html</link><pubDate>Sun, 01 Jan 2023 10:00:00 GMT</pubDate></item>
</channel></rss>`)
	site.set("/atom.xml", "application/atom+xml", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link href="`+base+`/tech/2024/03/05/atom.html"/><updated>2024-03-05T10:00:00Z</updated></entry></feed>`)
	site.set("/broken.xml", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti`)
	site.html("/world/2024/03/06/rss.html", story("Feed story one"))
	site.html("/tech/2024/03/05/atom.html", story("Feed story two"))
	site.html("/world/2023/01/01/old.html", story("Old feed story"))
	site.html("/world/2024/03/01/linked.html", story("Linked story"))

	job := newJob(t, site, `
start_urls: ["{{BASE}}/"]
since: 7d
sources: {links: false, sitemaps: false, feeds: true}
article_patterns: ['/\d{4}/\d{2}/\d{2}/']
`)
	sum := runJob(t, job, pipeline.Options{Now: func() time.Time { return pinnedNow }})
	hits := site.takeHits()

	got := recordPaths(t, readRecords(t, job))
	slices.Sort(got)
	want := []string{"/tech/2024/03/05/atom.html", "/world/2024/03/06/rss.html"}
	if !slices.Equal(got, want) {
		t.Errorf("records %v, want %v", got, want)
	}
	if sum.ErrorsByKind["feed"] != 1 {
		t.Errorf("errors_by_kind = %v, want feed=1", sum.ErrorsByKind)
	}
	for _, h := range hits {
		if strings.Contains(h.path, "sitemap") || strings.HasPrefix(h.path, "/maps/") || h.path == "/world/2024/03/01/linked.html" {
			t.Errorf("requested %s although the job uses feeds only", h.path)
		}
	}
}

// Links only: neither sitemaps (robots-named or guessed) nor feeds are fetched.
func TestLinksOnlyJobFetchesNoSitemapOrFeed(t *testing.T) {
	site := newsSite(t)
	base := site.URL()
	site.set("/robots.txt", "text/plain", "User-agent: *\nSitemap: "+base+"/maps/index.xml\n")
	site.html("/", `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>
<a href="/world/">World</a> <a href="/tech/">Tech</a></body></html>`)
	job := newJob(t, site, newsJob)
	sum := runJob(t, job, pipeline.Options{})
	if sum.ArticlesWritten != 3 {
		t.Errorf("wrote %d, want 3", sum.ArticlesWritten)
	}
	for _, h := range site.takeHits() {
		if strings.Contains(h.path, "sitemap") || strings.HasPrefix(h.path, "/maps/") || h.path == "/rss.xml" {
			t.Errorf("requested %s although the job uses links only", h.path)
		}
	}
}
