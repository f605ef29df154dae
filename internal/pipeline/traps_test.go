package pipeline_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/pipeline"
)

const linksOnly = "sources: {links: true, sitemaps: false, feeds: false}\npoliteness: {obey_robots: false, delay: 0s, parallelism: 4, max_retries: 0, timeout: 10s}\n"

// P25: MaxDepth 3 on a linear chain of 10 pages fetches exactly depths 0-3,
// and the link out of depth 3 is counted as a max_depth skip.
func TestMaxDepthOnLinearChain(t *testing.T) {
	site := newTestSite(t)
	for i := range 10 {
		site.html("/c/"+strconv.Itoa(i), listPage("Chain "+strconv.Itoa(i), "/c/"+strconv.Itoa(i+1)))
	}
	job := newJob(t, site, "start_urls: [\"{{BASE}}/c/0\"]\nmax_depth: 3\n"+linksOnly)
	sum := runJob(t, job, pipeline.Options{})
	var got []string
	for _, h := range site.takeHits() {
		got = append(got, h.path)
	}
	slices.Sort(got)
	if want := []string{"/c/0", "/c/1", "/c/2", "/c/3"}; !slices.Equal(got, want) {
		t.Errorf("fetched %v, want %v", got, want)
	}
	if sum.Skipped["max_depth"] != 1 {
		t.Errorf("skipped %v, want max_depth=1", sum.Skipped)
	}
}

// P25: a per-host budget of 100 on a 1,000-page site fetches exactly 100
// pages; the rest wait in the frontier for the next run, which fetches the
// next 100 (none twice) and still counts as complete.
func TestHostBudget(t *testing.T) {
	site := newTestSite(t)
	hrefs := make([]string, 0, 999)
	for i := range 999 {
		hrefs = append(hrefs, "/p/"+strconv.Itoa(i))
	}
	site.html("/", listPage("Home", hrefs...))
	site.fallback = func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/p/") {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, listPage("Page "+r.URL.Path))
			return
		}
		http.NotFound(w, r)
	}
	job := newJob(t, site, "start_urls: [\"{{BASE}}/\"]\nlimits: {max_pages_per_host: 100}\n"+linksOnly)
	sum := runJob(t, job, pipeline.Options{})
	first := site.takeHits()
	if len(first) != 100 {
		t.Fatalf("run 1 made %d requests, want exactly 100", len(first))
	}
	if sum.Skipped["host_budget"] != 900 || sum.Queued != 900 {
		t.Errorf("run 1: skipped %v, queued_left %d; want host_budget=900 and 900 left", sum.Skipped, sum.Queued)
	}
	sum2 := runJob(t, job, pipeline.Options{})
	second := site.takeHits()
	if len(second) != 100 {
		t.Fatalf("run 2 made %d requests, want 100", len(second))
	}
	seen := map[string]bool{}
	for _, h := range first {
		seen[h.path] = true
	}
	for _, h := range second {
		if seen[h.path] && h.path != "/" {
			t.Errorf("run 2 fetched %s again", h.path)
		}
	}
	if sum2.Resumed {
		t.Errorf("run 2 resumed: a run that only parked pages for later must count as complete")
	}
}

// P22: a calendar that links each day to the next and previous one is
// bounded by the crawl depth and does not use up the host's budget: the
// real articles are all fetched.
func TestCalendarTrapIsBounded(t *testing.T) {
	site := newTestSite(t)
	day0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	site.fallback = func(w http.ResponseWriter, r *http.Request) {
		d, err := time.Parse("/cal/2006/01/02", r.URL.Path)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, listPage("Day", d.AddDate(0, 0, -1).Format("/cal/2006/01/02"), d.AddDate(0, 0, 1).Format("/cal/2006/01/02")))
	}
	arts := []string{day0.Format("/cal/2006/01/02")}
	for i := range 20 {
		p := fmt.Sprintf("/news/2024/03/%02d/story.html", i+1)
		arts = append(arts, p)
		site.html(p, story(fmt.Sprintf("Story number %d", i)))
	}
	site.html("/", listPage("Home", arts...))
	job := newJob(t, site, "start_urls: [\"{{BASE}}/\"]\nmax_depth: 5\nlimits: {max_pages_per_host: 60}\narticle_patterns: ['/news/']\n"+linksOnly)
	sum := runJob(t, job, pipeline.Options{})
	hits := site.takeHits()
	cal := countPath(hits, func(p string) bool { return strings.HasPrefix(p, "/cal/") })
	// Depth 1 is the first day; each further level adds one day either side.
	if cal > 1+2*4 {
		t.Errorf("calendar pages fetched: %d, want at most 9", cal)
	}
	if sum.ArticlesWritten != 20 || sum.Skipped["host_budget"] != 0 {
		t.Errorf("articles %d, skipped %v: the trap must not crowd out the 20 articles", sum.ArticlesWritten, sum.Skipped)
	}
}

// P23: repeated segments, deep paths, over-long URLs and too many outlinks
// are skipped by rule and counted; rotating session ids collapse to one
// fetch per page (canon drops them).
func TestTrapRules(t *testing.T) {
	site := newTestSite(t)
	deep := "/d" + strings.Repeat("/x"+"y", 1) + strings.Repeat("/seg", 0)
	for i := range 30 {
		deep += "/s" + strconv.Itoa(i)
	}
	// htmldoc drops links over 2,083 bytes before the pipeline sees them, so
	// the job's own limit is set lower to exercise the rule.
	long := "/long/" + strings.Repeat("a", 500)
	links := []string{
		"/loop/a/b/a/b/a/b/page.html",
		deep,
		long,
		"/sid-page?sid=111",
		"/sid-page?sid=222",
		"/sid-page?jsessionid=333&PHPSESSID=9",
		"/sid-page",
		"/many",
	}
	site.html("/", listPage("Home", links...))
	site.html("/sid-page", listPage("Session page"))
	many := make([]string, 0, 1500)
	for i := range 1500 {
		many = append(many, "/m/"+strconv.Itoa(i))
	}
	site.html("/many", listPage("Many", many...))
	job := newJob(t, site, "start_urls: [\"{{BASE}}/\"]\nmax_depth: 1\nlimits: {max_url_length: 300}\n"+linksOnly)
	sum := runJob(t, job, pipeline.Options{})
	hits := site.takeHits()
	for _, h := range hits {
		switch {
		case strings.HasPrefix(h.path, "/loop/"), strings.HasPrefix(h.path, "/d/"), strings.HasPrefix(h.path, "/long/"):
			t.Errorf("trap URL requested: %.60s", h.path)
		case h.path == "/sid-page" && h.query != "":
			t.Errorf("session id sent: %s", h.query)
		}
	}
	if n := countPath(hits, func(p string) bool { return p == "/sid-page" }); n != 1 {
		t.Errorf("/sid-page fetched %d times, want 1", n)
	}
	for _, reason := range []string{"trap:repeated_segment", "trap:path_depth", "trap:url_length", "trap:outlinks"} {
		if sum.Skipped[reason] != 1 {
			t.Errorf("skipped[%s] = %d, want 1 (all: %v)", reason, sum.Skipped[reason], sum.Skipped)
		}
	}
	// /many is at depth 1 = max_depth: its links are not followed but
	// counted, at most max_outlinks (1,000) of them.
	if got := sum.Skipped["max_depth"]; got != 1000 {
		t.Errorf("skipped[max_depth] = %d, want 1000 (outlinks capped first)", got)
	}
}

// P21: equivalent spellings of one URL are fetched once; distinct ones each once.
func TestCanonicalEquivalentsFetchedOnce(t *testing.T) {
	site := newTestSite(t)
	host := strings.TrimPrefix(site.URL(), "http://")
	site.html("/", listPage("Home",
		"HTTP://"+strings.ToUpper(strings.Split(host, ":")[0])+":"+strings.Split(host, ":")[1]+"/a#x",
		"/a?utm_source=feed&utm_medium=rss",
		"/./b/../a",
		"/a",
		"/%7euser/",
		"/~user/",
		"/q?id=1",
		"/q?id=2",
		"/q?b=2&a=1",
		"/q?a=1&b=2",
		"/A",
	))
	for _, p := range []string{"/a", "/A", "/~user/", "/q"} {
		site.html(p, listPage(p))
	}
	job := newJob(t, site, "start_urls: [\"{{BASE}}/\"]\nmax_depth: 1\n"+linksOnly)
	runJob(t, job, pipeline.Options{})
	count := map[string]int{}
	for _, h := range site.takeHits() {
		k := h.path
		if h.query != "" {
			k += "?" + h.query
		}
		count[k]++
	}
	want := map[string]int{"/": 1, "/a": 1, "/A": 1, "/~user/": 1, "/q?id=1": 1, "/q?id=2": 1, "/q?a=1&b=2": 1}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s fetched %d times, want %d (all: %v)", k, count[k], n, count)
		}
	}
	if len(count) != len(want) {
		t.Errorf("fetched %v, want exactly %v", count, want)
	}
}
