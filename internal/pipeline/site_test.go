package pipeline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/output"
	"github.com/gleaner-news/gleaner/internal/pipeline"
	"github.com/gleaner-news/gleaner/internal/record"
)

// testPage is one resource of a testSite.
type testPage struct {
	body        []byte
	contentType string
	etag        string
	modified    time.Time
	status      int // 0: 200
}

// hit is one request the site saw.
type hit struct {
	path        string
	query       string
	ifNoneMatch string
	ifModSince  string
}

// testSite is a loopback web site whose pages tests change between runs. It
// logs every request and, unless ignoreConditionals is set, answers
// If-None-Match / If-Modified-Since with 304.
type testSite struct {
	t   *testing.T
	srv *httptest.Server

	mu                 sync.Mutex
	pages              map[string]*testPage
	hits               []hit
	ignoreConditionals bool
	fallback           http.HandlerFunc // for paths not in pages; nil: 404
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{t: t, pages: map[string]*testPage{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *testSite) URL() string { return s.srv.URL }

// set serves body at path with a content type; ETag and Last-Modified are
// derived from the body, so changing it changes them.
func (s *testSite) set(path, contentType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = &testPage{
		body:        []byte(body),
		contentType: contentType,
		etag:        fmt.Sprintf(`"%x"`, record.HashContent(path, body)[:16]),
		modified:    time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(len(body)) * time.Minute),
	}
}

func (s *testSite) html(path, body string) { s.set(path, "text/html; charset=utf-8", body) }

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits = append(s.hits, hit{path: r.URL.Path, query: r.URL.RawQuery,
		ifNoneMatch: r.Header.Get("If-None-Match"), ifModSince: r.Header.Get("If-Modified-Since")})
	p, ok := s.pages[r.URL.Path]
	ignore := s.ignoreConditionals
	fallback := s.fallback
	s.mu.Unlock()
	if !ok {
		if fallback != nil {
			fallback(w, r)
			return
		}
		http.NotFound(w, r)
		return
	}
	if p.status != 0 {
		w.WriteHeader(p.status)
		return
	}
	w.Header().Set("Content-Type", p.contentType)
	if !ignore {
		w.Header().Set("ETag", p.etag)
		w.Header().Set("Last-Modified", p.modified.Format(http.TimeFormat))
		if r.Header.Get("If-None-Match") == p.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Write(p.body)
}

// takeHits returns the requests seen since the last call, robots.txt excluded.
func (s *testSite) takeHits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.hits {
		if h.path != "/robots.txt" {
			out = append(out, h)
		}
	}
	s.hits = nil
	return out
}

func countPath(hits []hit, pred func(string) bool) int {
	n := 0
	for _, h := range hits {
		if pred(h.path) {
			n++
		}
	}
	return n
}

// listPage is an HTML list page linking to hrefs.
func listPage(title string, hrefs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body><h1>%s</h1><ul>\n", title, title)
	for _, h := range hrefs {
		fmt.Fprintf(&b, "<li><a href=%q>%s</a></li>\n", h, h)
	}
	b.WriteString("</ul></body></html>")
	return b.String()
}

// articlePage is an HTML news article with a title and paragraphs.
func articlePage(title string, paragraphs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
<meta property="og:type" content="article"><meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head><body><article><h1>%s</h1>`, title, title)
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// story gives an article page enough text to be one.
func story(title string, extra ...string) string {
	paras := []string{
		title + " was reported on Tuesday by officials who spoke at length about the matter and its consequences for the region.",
		"Residents said the change had been expected for several months, and many had already made plans to adapt to the new situation.",
		"The council will meet again next week to discuss the details, according to a statement released late in the afternoon.",
	}
	return articlePage(title, append(paras, extra...)...)
}

// newJob builds a job from YAML, with the site's address filled in for
// {{BASE}} and {{HOST}}, its output in a fresh temporary folder, no delay
// and loopback allowed.
func newJob(t *testing.T, site *testSite, yamlBody string) *config.Job {
	t.Helper()
	host := strings.TrimPrefix(site.URL(), "http://")
	hostname := host[:strings.LastIndex(host, ":")]
	y := "name: t\nallow_hosts: [" + hostname + "]\noutput_dir: " + t.TempDir() + "\n" + yamlBody
	if !strings.Contains(yamlBody, "politeness:") {
		y += "\npoliteness: {delay: 0s, parallelism: 2, max_retries: 0, timeout: 10s}\n"
	}
	y = strings.ReplaceAll(y, "{{BASE}}", site.URL())
	job, err := config.Parse([]byte(y), "job.yaml")
	if err != nil {
		t.Fatalf("job: %v\n%s", err, y)
	}
	return job
}

func runJob(t *testing.T, job *config.Job, opts pipeline.Options) *pipeline.Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum, err := pipeline.Run(ctx, job, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// readRecords reads every record in the job's output files, failing the
// test on a malformed line.
func readRecords(t *testing.T, job *config.Job) []record.Record {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(pipeline.JobDir(job), "articles-*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []record.Record
	for _, f := range files {
		err := output.ReadLines(f, func(line []byte) error {
			var rec record.Record
			if err := json.Unmarshal(line, &rec); err != nil {
				return err
			}
			recs = append(recs, rec)
			return nil
		})
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
	}
	return recs
}

// paths returns the URL paths of recs, sorted as written.
func recordPaths(t *testing.T, recs []record.Record) []string {
	t.Helper()
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		i := strings.Index(r.URL[len("http://"):], "/")
		out = append(out, r.URL[len("http://")+i:])
	}
	return out
}
