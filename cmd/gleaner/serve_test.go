package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/demo"
	"github.com/gleaner-news/gleaner/internal/serve"
)

// The helper process runs the real serve command with the process's own
// signal handling, as main does. It is a no-op in normal test runs.
func TestHelperServeProcess(t *testing.T) {
	if os.Getenv("GLEANER_SERVE_HELPER") != "1" {
		t.Skip("helper process for TestServeSIGTERM")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	args := strings.Split(os.Getenv("GLEANER_SERVE_ARGS"), "\x1f")
	os.Exit(dispatch(ctx, &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, args))
}

// heldPortal serves the demo portal on loopback; every request but
// robots.txt waits until release is called.
type heldPortal struct {
	url     string
	hit     chan struct{}
	hitOnce sync.Once
	open    chan struct{}
	relOnce sync.Once
}

func startHeldPortal(t *testing.T) *heldPortal {
	p := &heldPortal{hit: make(chan struct{}), open: make(chan struct{})}
	h := demo.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			p.hitOnce.Do(func() { close(p.hit) })
			select {
			case <-p.open:
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(p.release)
	p.url = srv.URL
	return p
}

func (p *heldPortal) release() { p.relOnce.Do(func() { close(p.open) }) }

func demoJobYAML(name, portalURL, outDir string) string {
	return fmt.Sprintf(`name: %s
start_urls: [%s/]
allowed_domains: [127.0.0.1]
allow_hosts: [127.0.0.1]
max_depth: 4
politeness: {delay: 5ms, parallelism: 4, max_retries: 0, timeout: 60s}
time_zone: Asia/Shanghai
output_dir: %s
`, name, portalURL, outDir)
}

// TestServeSIGTERM runs `gleaner serve` in a child process: SIGHUP reloads
// the job folder, a triggered run is held by the portal, and SIGTERM during
// it exits 0 leaving a summary that says interrupted, which the next run
// resumes from.
func TestServeSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	portal := startHeldPortal(t)
	cfg, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(cfg, "news.yaml"), []byte(demoJobYAML("news", portal.url, out)), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"serve", "--configs", cfg, "--addr", "127.0.0.1:0", "--log-format", "json", "--poll", "0", "--grace", "60s"}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServeProcess$")
	cmd.Env = append(os.Environ(), "GLEANER_SERVE_HELPER=1", "GLEANER_SERVE_ARGS="+strings.Join(args, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	// Read the JSON log: the listening address first, then keep the rest.
	addrCh := make(chan string, 1)
	var logMu sync.Mutex
	var logBuf bytes.Buffer
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logMu.Lock()
			logBuf.Write(sc.Bytes())
			logBuf.WriteByte('\n')
			logMu.Unlock()
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "serving" {
				addrCh <- line.Addr
			}
		}
	}()
	var base string
	select {
	case addr := <-addrCh:
		base = "http://" + addr
	case <-logDone:
		t.Fatalf("serve exited before listening:\n%s", logBuf.String())
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not log its address")
	}

	// SIGHUP picks up a job file added after the start.
	if err := os.WriteFile(filepath.Join(cfg, "later.yaml"), []byte(demoJobYAML("later", portal.url, out)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "SIGHUP to load later.yaml", func() bool {
		var list struct{ Jobs []serve.JobStatus }
		getJSON(t, base+"/v1/jobs", &list)
		return len(list.Jobs) == 2
	})

	resp, err := http.Post(base+"/v1/jobs/news/runs", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("trigger: %d", resp.StatusCode)
	}
	<-portal.hit // the run is fetching, held by the portal

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-logDone
	err = cmd.Wait()
	logMu.Lock()
	logs := logBuf.String()
	logMu.Unlock()
	if err != nil { // an *exec.ExitError carries a non-zero status
		t.Fatalf("serve after SIGTERM: %v\n%s", err, logs)
	}
	if !strings.Contains(logs, `"msg":"shutting down"`) || !strings.Contains(logs, `"msg":"runs stopped"`) {
		t.Errorf("log lacks the shutdown steps:\n%s", logs)
	}

	sums, err := serve.ListRuns(filepath.Join(out, "news", "runs"))
	if err != nil || len(sums) != 1 || !sums[0].Interrupted || sums[0].Queued == 0 {
		t.Fatalf("runs after SIGTERM: %v %+v", err, sums)
	}

	// The state is resumable: `gleaner runs` shows it, and a crawl resumes.
	portal.release()
	var stdout, errOut bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &errOut}
	if code := dispatch(t.Context(), env, []string{"crawl", "--progress", "none", filepath.Join(cfg, "news.yaml")}); code != exitOK && code != exitFailures {
		t.Fatalf("crawl after SIGTERM: exit %d\n%s", code, errOut.String())
	}
	if !strings.Contains(stdout.String(), "finished (resumed)") {
		t.Fatalf("the next run did not resume:\n%s", stdout.String())
	}
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("GET %s: %d %v\n%s", url, resp.StatusCode, err, body)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServeRefusesPublicAddressWithoutToken(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	code := dispatch(t.Context(), env, []string{"serve", "--configs", t.TempDir(), "--addr", "0.0.0.0:0"})
	if code != exitUsage || !strings.Contains(stderr.String(), "token") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	empty := filepath.Join(t.TempDir(), "token")
	os.WriteFile(empty, []byte("\n"), 0o600)
	stderr.Reset()
	if code := dispatch(t.Context(), env, []string{"serve", "--configs", t.TempDir(), "--token-file", empty}); code != exitUsage || !strings.Contains(stderr.String(), "empty") {
		t.Fatalf("empty token file: exit %d, stderr %q", code, stderr.String())
	}
}
