package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/demo"
)

// waitLimit is how long a test waits for something that should happen in
// a second or two; generous so a loaded machine does not fail the test.
const waitLimit = 90 * time.Second

// gate holds every request but robots.txt until it is opened, so a run can
// be kept going for as long as a test needs.
type gate struct {
	open    chan struct{}
	hit     chan struct{} // closed on the first held request
	hitOnce sync.Once
	closeMu sync.Once
}

func newGate() *gate { return &gate{open: make(chan struct{}), hit: make(chan struct{})} }

// release lets held and later requests through; safe to call twice.
func (g *gate) release() { g.closeMu.Do(func() { close(g.open) }) }

func (g *gate) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			g.hitOnce.Do(func() { close(g.hit) })
			select {
			case <-g.open:
			case <-r.Context().Done():
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// startPortal serves the demo portal on loopback, held by g when not nil.
func startPortal(t *testing.T, g *gate) string {
	t.Helper()
	var h http.Handler = demo.Handler()
	if g != nil {
		h = g.wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	if g != nil {
		t.Cleanup(g.release) // runs before srv.Close, so held requests end
	}
	return srv.URL
}

// jobYAML is a job on the demo portal at portalURL writing under outDir.
func jobYAML(name, portalURL, outDir, schedule string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name: %s\nstart_urls:\n  - %s/\nallowed_domains:\n  - 127.0.0.1\n", name, portalURL)
	b.WriteString(`max_depth: 4
article_patterns:
  - '/\d{4}/\d{2}/\d{2}/[a-z0-9-]+\.html$'
  - '/\d{8}/\d+\.html$'
list_patterns:
  - '/index(_\d+)?\.html$'
  - '/tags/'
politeness:
  delay: 5ms
  parallelism: 4
  max_retries: 0
  timeout: 60s
time_zone: Asia/Shanghai
allow_hosts:
  - 127.0.0.1
`)
	fmt.Fprintf(&b, "output_dir: %s\n", outDir)
	if schedule != "" {
		fmt.Fprintf(&b, "schedule: %q\n", schedule)
	}
	return b.String()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testServer is a Server answering on a loopback port.
type testServer struct {
	*Server
	url   string
	token string
	stop  func() error // cancels Serve and returns its error
}

func startServer(t *testing.T, opts Options) *testServer {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	if opts.ReloadEvery == 0 {
		opts.ReloadEvery = -1 // tests call Reload unless they test polling
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	var serveErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			serveErr = <-done
		})
		return serveErr
	}
	t.Cleanup(func() { _ = stop() })
	return &testServer{Server: s, url: "http://" + ln.Addr().String(), token: opts.Token, stop: stop}
}

// testWriter sends log lines to t.Log, dropping them once the test ended.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	defer func() { _ = recover() }() // a run may log after the test returned
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// do sends a request and decodes a JSON answer into out (when not nil).
func (ts *testServer) do(t *testing.T, method, path string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ts.token != "" {
		req.Header.Set("Authorization", "Bearer "+ts.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && len(body) > 0 {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s %s: status %d, body not JSON: %v\n%s", method, path, resp.StatusCode, err, body)
		}
	}
	return resp.StatusCode
}

// eventually polls cond until it holds, failing the test after waitLimit.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitRun polls a run until it is no longer running and returns it.
func (ts *testServer) waitRun(t *testing.T, job, id string) *RunStatus {
	t.Helper()
	var st RunStatus
	eventually(t, "run "+id+" to end", func() bool {
		st = RunStatus{}
		code := ts.do(t, "GET", "/v1/jobs/"+job+"/runs/"+id, &st)
		return code == http.StatusOK && st.Status != StatusRunning
	})
	return &st
}

// jobStatus returns the named job from GET /v1/jobs.
func (ts *testServer) jobStatus(t *testing.T, name string) *JobStatus {
	t.Helper()
	var list struct{ Jobs []*JobStatus }
	if code := ts.do(t, "GET", "/v1/jobs", &list); code != http.StatusOK {
		t.Fatalf("GET /v1/jobs: %d", code)
	}
	for _, j := range list.Jobs {
		if j.Name == name {
			return j
		}
	}
	return nil
}
