package pipeline_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/pipeline"
	"github.com/gleaner-news/gleaner/internal/record"
	"github.com/gleaner-news/gleaner/internal/state"
)

// newsSite is a small portal: home → two sections → three articles.
func newsSite(t *testing.T) *testSite {
	s := newTestSite(t)
	s.html("/", listPage("Home", "/world/", "/tech/"))
	s.html("/world/", listPage("World", "/world/2024/03/05/a.html", "/world/2024/03/04/b.html"))
	s.html("/tech/", listPage("Tech", "/tech/2024/03/03/c.html"))
	s.html("/world/2024/03/05/a.html", story("Harbour reopens"))
	s.html("/world/2024/03/04/b.html", story("Wind farm approved"))
	s.html("/tech/2024/03/03/c.html", story("Battery plant opens"))
	return s
}

const newsJob = `
start_urls: ["{{BASE}}/"]
sources: {links: true, sitemaps: false, feeds: false}
article_patterns: ['/\d{4}/\d{2}/\d{2}/']
`

func isArticlePath(p string) bool { return strings.HasSuffix(p, ".html") }

// D4, P19: a second run on an unchanged site writes nothing and fetches only
// list pages, each with conditional headers; 304s count as not modified.
func TestSecondRunOnUnchangedSite(t *testing.T) {
	site := newsSite(t)
	job := newJob(t, site, newsJob)

	run1, run2 := time.Date(2026, 3, 7, 12, 0, 0, 0, time.UTC), time.Date(2026, 3, 7, 13, 0, 0, 0, time.UTC)
	first := runJob(t, job, pipeline.Options{Now: func() time.Time { return run1 }})
	if first.ArticlesWritten != 3 {
		t.Fatalf("run 1 wrote %d articles, want 3 (summary %+v)", first.ArticlesWritten, first)
	}
	if got := countPath(site.takeHits(), isArticlePath); got != 3 {
		t.Fatalf("run 1 fetched %d articles, want 3", got)
	}

	second := runJob(t, job, pipeline.Options{Now: func() time.Time { return run2 }})
	hits := site.takeHits()
	if second.ArticlesWritten != 0 {
		t.Errorf("run 2 wrote %d articles, want 0", second.ArticlesWritten)
	}
	if n := countPath(hits, isArticlePath); n != 0 {
		t.Errorf("run 2 fetched %d known articles, want 0: %+v", n, hits)
	}
	wantLists := map[string]bool{"/": true, "/world/": true, "/tech/": true}
	for _, h := range hits {
		if !wantLists[h.path] {
			t.Errorf("run 2 requested %s", h.path)
			continue
		}
		delete(wantLists, h.path)
		if h.ifNoneMatch == "" || h.ifModSince == "" {
			t.Errorf("run 2 request for %s lacks conditional headers: %+v", h.path, h)
		}
	}
	for p := range wantLists {
		// An unchanged home page (304) must still lead to its sections.
		t.Errorf("run 2 did not re-check list page %s", p)
	}
	if second.NotModified != 3 {
		t.Errorf("run 2 not_modified = %d, want 3", second.NotModified)
	}
	if recs := readRecords(t, job); len(recs) != 3 {
		t.Errorf("output holds %d records after two runs, want 3", len(recs))
	}
	// A 304 is a check: the page's last_seen moves to the second run.
	st, err := state.OpenBolt(filepath.Join(job.OutputDir, job.Name, "state.db"), state.BoltOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	home, ok, err := st.Page(t.Context(), site.URL()+"/")
	if err != nil || !ok || !home.LastSeen.Equal(run2) || !home.FirstSeen.Equal(run1) {
		t.Errorf("home page state after a 304: first seen %v, last seen %v (found %v, %v); want %v and %v",
			home.FirstSeen, home.LastSeen, ok, err, run1, run2)
	}
}

// A new article on a section page is found although the home page is unchanged.
func TestNewArticleBehindUnchangedHome(t *testing.T) {
	site := newsSite(t)
	job := newJob(t, site, newsJob)
	runJob(t, job, pipeline.Options{})
	site.takeHits()

	site.html("/tech/", listPage("Tech", "/tech/2024/03/06/d.html", "/tech/2024/03/03/c.html"))
	site.html("/tech/2024/03/06/d.html", story("Chip rules change"))
	sum := runJob(t, job, pipeline.Options{})
	hits := site.takeHits()
	if sum.ArticlesWritten != 1 {
		t.Fatalf("run 2 wrote %d, want 1 (the new article)", sum.ArticlesWritten)
	}
	if n := countPath(hits, isArticlePath); n != 1 {
		t.Errorf("run 2 fetched %d articles, want only the new one: %+v", n, hits)
	}
	recs := readRecords(t, job)
	if got := recordPaths(t, recs); got[len(got)-1] != "/tech/2024/03/06/d.html" {
		t.Errorf("last record is %s", got[len(got)-1])
	}
}

// D5: with recheck, a changed article gets version 2 under the same id and
// canonical URL; unchanged ones answer 304 and get nothing; the first
// record stays as it was.
func TestRecheckWritesNewVersionOfChangedArticle(t *testing.T) {
	site := newsSite(t)
	job := newJob(t, site, newsJob)
	runJob(t, job, pipeline.Options{})
	site.takeHits()
	before := readRecords(t, job)

	site.html("/world/2024/03/04/b.html", story("Wind farm approved", "Update: the approval was confirmed by the court on Friday after a short hearing."))
	job.Recheck = true
	sum := runJob(t, job, pipeline.Options{})
	hits := site.takeHits()
	if sum.ArticlesWritten != 1 {
		t.Fatalf("recheck run wrote %d, want 1", sum.ArticlesWritten)
	}
	if n := countPath(hits, isArticlePath); n != 3 {
		t.Errorf("recheck fetched %d articles, want all 3", n)
	}
	for _, h := range hits {
		if isArticlePath(h.path) && h.ifNoneMatch == "" {
			t.Errorf("recheck of %s was not conditional", h.path)
		}
	}
	recs := readRecords(t, job)
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	var v1, v2 *record.Record
	for i := range recs {
		if strings.HasSuffix(recs[i].URL, "/b.html") {
			if recs[i].Version == 1 {
				v1 = &recs[i]
			} else {
				v2 = &recs[i]
			}
		}
	}
	if v1 == nil || v2 == nil {
		t.Fatalf("want versions 1 and 2 of b.html, got %+v", recs)
	}
	if v2.Version != 2 || v2.ID != v1.ID || v2.CanonicalURL != v1.CanonicalURL || v2.ContentHash == v1.ContentHash {
		t.Errorf("v2 = {id %s v%d canon %s}, v1 = {id %s canon %s}", v2.ID, v2.Version, v2.CanonicalURL, v1.ID, v1.CanonicalURL)
	}
	if !strings.Contains(v2.Body, "confirmed by the court") {
		t.Errorf("v2 body lacks the update: %q", v2.Body)
	}
	for i := range before {
		if before[i].ContentHash != recs[i].ContentHash || before[i].Version != recs[i].Version {
			t.Errorf("record %d changed after the recheck run", i)
		}
	}
}

// P20: a server that ignores conditional requests (no validators, always 200
// with the same body) still yields no duplicate: the content hash decides.
func TestServerIgnoringConditionalsYieldsNoDuplicate(t *testing.T) {
	site := newsSite(t)
	site.ignoreConditionals = true
	job := newJob(t, site, newsJob)
	job.Recheck = true
	runJob(t, job, pipeline.Options{})
	site.takeHits()

	sum := runJob(t, job, pipeline.Options{})
	if n := countPath(site.takeHits(), isArticlePath); n != 3 {
		t.Fatalf("run 2 fetched %d articles, want 3 (recheck, no validators)", n)
	}
	if sum.ArticlesWritten != 0 || sum.Unchanged != 3 {
		t.Errorf("run 2: written %d unchanged %d, want 0 and 3", sum.ArticlesWritten, sum.Unchanged)
	}
	if recs := readRecords(t, job); len(recs) != 3 {
		t.Errorf("%d records, want 3", len(recs))
	}
}

// Two runs in the same second (a run killed at once and restarted) get
// files of their own: a record appended to a file already reconciled would
// be invisible to the next run's reconciliation and written twice.
func TestRunsInTheSameSecondDoNotShareFiles(t *testing.T) {
	site := newsSite(t)
	job := newJob(t, site, newsJob)
	job.Recheck = true
	now := func() time.Time { return pinnedNow }
	first := runJob(t, job, pipeline.Options{Now: now})
	site.html("/tech/2024/03/03/c.html", story("Battery plant opens", "A late change to the story that makes a second version."))
	second := runJob(t, job, pipeline.Options{Now: now})
	if first.RunID == second.RunID || first.SummaryFile == second.SummaryFile {
		t.Fatalf("both runs are named %s", first.RunID)
	}
	if second.ArticlesWritten != 1 || second.OutputFile == "" || second.OutputFile == first.OutputFile {
		t.Errorf("second run wrote %d to %q; first wrote to %q", second.ArticlesWritten, second.OutputFile, first.OutputFile)
	}
}
