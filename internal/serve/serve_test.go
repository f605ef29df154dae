package serve

import (
	"bufio"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func TestManualTriggerStatusSummaryRecordsAndMetrics(t *testing.T) {
	portal := startPortal(t, nil)
	cfg, out := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(cfg, "news.yaml"), jobYAML("news", portal, out, ""))
	ts := startServer(t, Options{ConfigDir: cfg})

	var health map[string]string
	if code := ts.do(t, "GET", "/healthz", &health); code != 200 || health["status"] != "ok" {
		t.Fatalf("healthz: %d %v", code, health)
	}
	js := ts.jobStatus(t, "news")
	if js == nil || js.Schedule != "" || js.NextRun != nil || js.Running || js.ConfigError != "" {
		t.Fatalf("job before any run: %+v", js)
	}

	var started map[string]string
	if code := ts.do(t, "POST", "/v1/jobs/news/runs", &started); code != http.StatusAccepted {
		t.Fatalf("trigger: status %d %v", code, started)
	}
	id := started["run_id"]
	if !ValidRunID(id) {
		t.Fatalf("run id %q", id)
	}
	st := ts.waitRun(t, "news", id)
	if st.Status != StatusFinished || st.Summary == nil || st.Error != "" || st.Trigger != TriggerAPI {
		t.Fatalf("run ended as %+v", st)
	}
	sum := st.Summary
	if sum.Interrupted || sum.ArticlesWritten < 10 || sum.PagesFetched < sum.ArticlesWritten || sum.OutputFile == "" {
		t.Fatalf("summary: %+v", sum)
	}
	if _, err := os.Stat(sum.SummaryFile); err != nil {
		t.Fatalf("summary file: %v", err)
	}

	// History lists it; the job shows it as its last run.
	var runs RunsPage
	if code := ts.do(t, "GET", "/v1/jobs/news/runs", &runs); code != 200 || runs.Total != 1 || runs.Runs[0].RunID != sum.RunID {
		t.Fatalf("runs: %d %+v", code, runs)
	}
	if js := ts.jobStatus(t, "news"); js.LastRun == nil || js.LastRun.Summary.ArticlesWritten != sum.ArticlesWritten {
		t.Fatalf("job after run: %+v", js)
	}

	// Records, paged: every record once, in file order.
	var all []json.RawMessage
	for offset := 0; ; {
		var page RecordsPage
		path := "/v1/jobs/news/runs/" + id + "/records?limit=7&offset=" + itoa(offset)
		if code := ts.do(t, "GET", path, &page); code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		all = append(all, page.Records...)
		if page.NextOffset == nil {
			break
		}
		if len(page.Records) != 7 || *page.NextOffset != offset+7 {
			t.Fatalf("page at %d: %d records, next %v", offset, len(page.Records), *page.NextOffset)
		}
		offset = *page.NextOffset
	}
	if int64(len(all)) != sum.ArticlesWritten {
		t.Fatalf("paged %d records, summary says %d", len(all), sum.ArticlesWritten)
	}
	urls := map[string]bool{}
	for _, raw := range all {
		var rec struct {
			URL   string `json:"url"`
			Title string `json:"title"`
		}
		if err := json.Unmarshal(raw, &rec); err != nil || rec.URL == "" || rec.Title == "" {
			t.Fatalf("record %s: %v", raw, err)
		}
		urls[rec.URL] = true
	}
	if len(urls) != len(all) {
		t.Fatalf("%d records but %d distinct URLs", len(all), len(urls))
	}

	// The same records as a stream.
	req, _ := http.NewRequest("GET", ts.url+"/v1/jobs/news/runs/"+id+"/records", nil)
	req.Header.Set("Accept", "application/x-ndjson")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	streamed := 0
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct{ URL string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || !urls[rec.URL] {
			t.Fatalf("streamed line %q: %v", sc.Text(), err)
		}
		streamed++
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-ndjson" || streamed != len(all) {
		t.Fatalf("stream: %s, %d lines, want %d", ct, streamed, len(all))
	}

	// Metrics count what the run did.
	fams := scrape(t, ts)
	if got := value(t, fams, "gleaner_articles_written_total", "job", "news"); got != float64(sum.ArticlesWritten) {
		t.Errorf("articles metric %v, summary %d", got, sum.ArticlesWritten)
	}
	if got := value(t, fams, "gleaner_pages_fetched_total", "job", "news"); got != float64(sum.PagesFetched) {
		t.Errorf("pages metric %v, summary %d", got, sum.PagesFetched)
	}
	if got := value(t, fams, "gleaner_runs_total", "result", "ok"); got != 1 {
		t.Errorf("runs ok %v", got)
	}
	if got := value(t, fams, "gleaner_last_success_timestamp_seconds", "job", "news"); got < float64(sum.Started.Unix()) {
		t.Errorf("last success %v before the run started %v", got, sum.Started.Unix())
	}
	if h := histogram(t, fams, "gleaner_request_duration_seconds", "host", strings.TrimPrefix(portal, "http://")); h.GetSampleCount() < uint64(sum.PagesFetched) {
		t.Errorf("latency histogram has %d samples, run fetched %d", h.GetSampleCount(), sum.PagesFetched)
	}
	if h := histogram(t, fams, "gleaner_run_duration_seconds", "job", "news"); h.GetSampleCount() != 1 {
		t.Errorf("run duration samples %d", h.GetSampleCount())
	}
	for kind, n := range sum.ErrorsByKind {
		if got := value(t, fams, "gleaner_page_errors_total", "kind", kind); got != float64(n) {
			t.Errorf("errors %s: metric %v, summary %d", kind, got, n)
		}
	}
	if got := value(t, fams, "gleaner_job_running", "job", "news"); got != 0 {
		t.Errorf("running gauge %v after the run", got)
	}

	// Unknown things are 404 with a JSON error.
	var apiErr apiError
	if code := ts.do(t, "POST", "/v1/jobs/nope/runs", &apiErr); code != 404 || apiErr.Code != "unknown_job" {
		t.Errorf("unknown job: %d %+v", code, apiErr)
	}
	if code := ts.do(t, "GET", "/v1/jobs/news/runs/20000101T000000Z", &apiErr); code != 404 || apiErr.Code != "run_not_found" {
		t.Errorf("unknown run: %d %+v", code, apiErr)
	}
	if code := ts.do(t, "GET", "/v1/jobs/news/runs/..%2f..%2fetc/records", &apiErr); code != 404 {
		t.Errorf("traversal-shaped run id: %d", code)
	}
	if code := ts.do(t, "GET", "/v1/jobs/news/runs?limit=0", &apiErr); code != 400 {
		t.Errorf("limit=0: %d", code)
	}
	if err := ts.stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
}

// A run held by the portal: a second trigger is refused with 409, the
// @every 1s schedule that comes due is skipped and counted, the live
// counters show, and the run then ends normally.
func TestRunInProgressRefusesTriggerAndSkipsSchedule(t *testing.T) {
	g := newGate()
	portal := startPortal(t, g)
	cfg, out := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(cfg, "slow.yaml"), jobYAML("slow", portal, out, "@every 1s"))
	ts := startServer(t, Options{ConfigDir: cfg})

	// The schedule fires on its own; the portal then holds the run.
	<-g.hit
	js := ts.jobStatus(t, "slow")
	if !js.Running || js.RunID == "" || js.NextRun == nil || js.Schedule != "@every 1s" {
		t.Fatalf("job while held: %+v", js)
	}
	first := js.RunID

	var refused apiError
	if code := ts.do(t, "POST", "/v1/jobs/slow/runs", &refused); code != http.StatusConflict {
		t.Fatalf("second trigger: status %d", code)
	}
	if refused.Code != "run_in_progress" || refused.RunID != first || !strings.Contains(refused.Error, "in progress") {
		t.Fatalf("409 body: %+v", refused)
	}
	var live RunStatus
	if code := ts.do(t, "GET", "/v1/jobs/slow/runs/"+first, &live); code != 200 || live.Status != StatusRunning || live.Live == nil || live.Trigger != TriggerSchedule {
		t.Fatalf("running run: %d %+v", code, live)
	}
	if code := ts.do(t, "GET", "/v1/jobs/slow/runs/"+first+"/records", &refused); code != http.StatusConflict {
		t.Fatalf("records of a running run: %d", code)
	}
	eventually(t, "a scheduled run to be skipped", func() bool { return ts.jobStatus(t, "slow").SkippedRuns > 0 })
	if got := value(t, scrape(t, ts), "gleaner_runs_skipped_total", "job", "slow"); got < 1 {
		t.Fatalf("skipped metric %v", got)
	}
	if got := value(t, scrape(t, ts), "gleaner_job_running", "job", "slow"); got != 1 {
		t.Fatalf("running gauge %v", got)
	}

	g.release()
	st := ts.waitRun(t, "slow", first)
	if st.Status != StatusFinished || st.Summary.ArticlesWritten == 0 || st.Summary.Interrupted {
		t.Fatalf("held run ended as %+v", st.Summary)
	}
	// The schedule keeps going: a later run starts and ends.
	eventually(t, "a second scheduled run to end", func() bool {
		var runs RunsPage
		ts.do(t, "GET", "/v1/jobs/slow/runs", &runs)
		for _, r := range runs.Runs {
			if r.RunID != st.RunID && r.Status == StatusFinished {
				return true
			}
		}
		return false
	})
}

// A file that breaks on reload is reported while the version that loaded
// keeps working; fixing it clears the error; removing it drops the job.
func TestBrokenConfigOnReloadKeepsOldJob(t *testing.T) {
	portal := startPortal(t, nil)
	cfg, out := t.TempDir(), t.TempDir()
	path := filepath.Join(cfg, "news.yaml")
	good := jobYAML("news", portal, out, "")
	writeFile(t, path, good)
	ts := startServer(t, Options{ConfigDir: cfg, ReloadEvery: 20e6}) // poll every 20ms

	// An invalid delay (a bare number) on a known line.
	broken := strings.Replace(good, "delay: 5ms", "delay: 5", 1)
	writeFile(t, path, broken)
	// A second broken file that never loaded shows up too.
	writeFile(t, filepath.Join(cfg, "other.yaml"), "name: other\nstart_urls: [42\n")
	eventually(t, "the poll to notice the broken file", func() bool {
		js := ts.jobStatus(t, "news")
		return js != nil && js.ConfigError != ""
	})
	js := ts.jobStatus(t, "news")
	wantLine := lineOf(broken, "delay: 5")
	if !strings.Contains(js.ConfigError, path+":"+itoa(wantLine)) || !strings.Contains(js.ConfigError, "politeness.delay") {
		t.Fatalf("config_error %q does not name %s:%d politeness.delay", js.ConfigError, path, wantLine)
	}
	other := ts.jobStatus(t, "other")
	if other == nil || !strings.Contains(other.ConfigError, "other.yaml") {
		t.Fatalf("never-loaded file: %+v", other)
	}
	var refused apiError
	if code := ts.do(t, "POST", "/v1/jobs/other/runs", &refused); code != http.StatusConflict || refused.Code != "config_error" {
		t.Fatalf("trigger of a job that never loaded: %d %+v", code, refused)
	}
	if got := value(t, scrape(t, ts), "gleaner_job_config_error", "job", "news"); got != 1 {
		t.Fatalf("config error gauge %v", got)
	}

	// The old version still runs.
	var started map[string]string
	if code := ts.do(t, "POST", "/v1/jobs/news/runs", &started); code != http.StatusAccepted {
		t.Fatalf("trigger with a broken file: %d", code)
	}
	if st := ts.waitRun(t, "news", started["run_id"]); st.Status != StatusFinished || st.Summary.ArticlesWritten == 0 {
		t.Fatalf("old version's run: %+v", st)
	}

	// Fixed, with a schedule now: the error goes and the job is scheduled.
	writeFile(t, path, jobYAML("news", portal, out, "@hourly"))
	if err := ts.Reload(); err != nil {
		t.Fatal(err)
	}
	js = ts.jobStatus(t, "news")
	if js.ConfigError != "" || js.Schedule != "@hourly" || js.NextRun == nil || js.LastRun == nil {
		t.Fatalf("after the fix: %+v", js)
	}

	// Removed: gone from the list and from the API.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := ts.Reload(); err != nil {
		t.Fatal(err)
	}
	if js := ts.jobStatus(t, "news"); js != nil {
		t.Fatalf("removed job still listed: %+v", js)
	}
	if code := ts.do(t, "POST", "/v1/jobs/news/runs", &refused); code != 404 {
		t.Fatalf("trigger of a removed job: %d", code)
	}
}

func TestTokenIsEnforced(t *testing.T) {
	cfg := t.TempDir()
	ts := startServer(t, Options{ConfigDir: cfg, Token: "s3cret-token"})
	cases := []struct {
		path, auth string
		want       int
	}{
		{"/healthz", "", 200},
		{"/v1/jobs", "", 401},
		{"/v1/jobs", "Bearer wrong", 401},
		{"/v1/jobs", "s3cret-token", 401},
		{"/metrics", "", 401},
		{"/v1/jobs", "Bearer s3cret-token", 200},
		{"/metrics", "Bearer s3cret-token", 200},
	}
	for _, c := range cases {
		req, _ := http.NewRequest("GET", ts.url+c.path, nil)
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s with %q: %d, want %d", c.path, c.auth, resp.StatusCode, c.want)
		}
		if c.want == 401 && resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", c.path)
		}
	}
	for _, addr := range []string{"0.0.0.0:8787", ":8787", "192.0.2.1:80", "[::]:80"} {
		if _, err := New(Options{ConfigDir: cfg, Addr: addr}); !errors.Is(err, ErrTokenRequired) {
			t.Errorf("New on %s without a token: %v", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:8787", "localhost:8787", "127.5.6.7:1"} {
		if _, err := New(Options{ConfigDir: cfg, Addr: addr}); err != nil {
			t.Errorf("New on %s: %v", addr, err)
		}
	}
	if _, err := New(Options{ConfigDir: cfg, Addr: "0.0.0.0:8787", Token: "t"}); err != nil {
		t.Errorf("New beyond loopback with a token: %v", err)
	}
}

func TestMissingConfigFolderIsAnError(t *testing.T) {
	if _, err := New(Options{ConfigDir: filepath.Join(t.TempDir(), "none")}); err == nil {
		t.Fatal("New with a missing folder succeeded")
	}
}

// Cancelling Serve's context during a run stops it: the summary says
// interrupted and the next run resumes.
func TestShutdownInterruptsRunsAndTheNextResumes(t *testing.T) {
	g := newGate()
	portal := startPortal(t, g)
	cfg, out := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(cfg, "news.yaml"), jobYAML("news", portal, out, ""))
	ts := startServer(t, Options{ConfigDir: cfg})
	var started map[string]string
	if code := ts.do(t, "POST", "/v1/jobs/news/runs", &started); code != http.StatusAccepted {
		t.Fatalf("trigger: %d", code)
	}
	<-g.hit
	if err := ts.stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	sums, err := ListRuns(filepath.Join(out, "news", "runs"))
	if err != nil || len(sums) != 1 || !sums[0].Interrupted {
		t.Fatalf("after shutdown: %v %+v", err, sums)
	}

	g.release()
	ts2 := startServer(t, Options{ConfigDir: cfg})
	if code := ts2.do(t, "POST", "/v1/jobs/news/runs", &started); code != http.StatusAccepted {
		t.Fatalf("trigger after restart: %d", code)
	}
	st := ts2.waitRun(t, "news", started["run_id"])
	if st.Summary == nil || !st.Summary.Resumed || st.Summary.Interrupted || st.Summary.ArticlesWritten == 0 {
		t.Fatalf("second run: %+v", st.Summary)
	}
	var runs RunsPage
	if ts2.do(t, "GET", "/v1/jobs/news/runs?limit=1", &runs); runs.Total != 2 || len(runs.Runs) != 1 || runs.NextOffset == nil || runs.Runs[0].RunID != st.RunID {
		t.Fatalf("history page: %+v", runs)
	}
}

func TestListenerBeyondLoopbackNeedsToken(t *testing.T) {
	s, err := New(Options{ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ln := fakeListener{addr: &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 80}}
	if err := s.Serve(t.Context(), ln); !errors.Is(err, ErrTokenRequired) {
		t.Fatalf("Serve on a public address: %v", err)
	}
}

// fakeListener reports an address without listening; Serve must refuse it
// before accepting anything.
type fakeListener struct{ addr net.Addr }

func (f fakeListener) Accept() (net.Conn, error) { return nil, errors.New("not listening") }
func (f fakeListener) Close() error              { return nil }
func (f fakeListener) Addr() net.Addr            { return f.addr }

func scrape(t *testing.T, ts *testServer) map[string]*dto.MetricFamily {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.url+"/metrics", nil)
	if ts.token != "" {
		req.Header.Set("Authorization", "Bearer "+ts.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.LegacyValidation) // our names are all legacy-valid
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("metrics do not parse: %v", err)
	}
	return fams
}

// find returns the metric of family name with label=val.
func find(t *testing.T, fams map[string]*dto.MetricFamily, name, label, val string) *dto.Metric {
	t.Helper()
	f := fams[name]
	if f == nil {
		t.Fatalf("no metric %s", name)
	}
	for _, m := range f.GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == label && l.GetValue() == val {
				return m
			}
		}
	}
	t.Fatalf("no %s{%s=%q}", name, label, val)
	return nil
}

func value(t *testing.T, fams map[string]*dto.MetricFamily, name, label, val string) float64 {
	t.Helper()
	m := find(t, fams, name, label, val)
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	}
	t.Fatalf("%s is neither counter nor gauge", name)
	return 0
}

func histogram(t *testing.T, fams map[string]*dto.MetricFamily, name, label, val string) *dto.Histogram {
	t.Helper()
	m := find(t, fams, name, label, val)
	if m.Histogram == nil {
		t.Fatalf("%s is not a histogram", name)
	}
	return m.Histogram
}

func itoa(n int) string { return strconv.Itoa(n) }

func lineOf(text, sub string) int {
	i := strings.Index(text, sub)
	return strings.Count(text[:i], "\n") + 1
}
