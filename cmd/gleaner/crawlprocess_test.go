package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/demo"
	"github.com/gleaner-news/gleaner/internal/output"
	"github.com/gleaner-news/gleaner/internal/pipeline"
	"github.com/gleaner-news/gleaner/internal/record"
)

// These tests run the real binary against the demo portal on loopback:
// the process-level promises of issue 4 (§6 crash safety, §7 one run at a
// time, §8 signals) are about processes, so they are tested with processes.
//
// GLEANER_TORTURE=N sets the number of kill -9 iterations (default 20; the
// hostile-web plan's full run is 200).

// slowPortal serves the demo portal with a delay on every request, so a
// crawl lasts long enough to be killed in the middle. It counts requests.
type slowPortal struct {
	srv      *httptest.Server
	requests atomic.Int64
}

func newSlowPortal(t *testing.T, delay time.Duration) *slowPortal {
	t.Helper()
	p := &slowPortal{}
	h := demo.Handler()
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.requests.Add(1)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// writeDemoJob writes configs/demo.yaml pointed at the portal, with its
// output in dir. The portal's one broken link is excluded so that a clean
// run exits 0.
func writeDemoJob(t *testing.T, portal *slowPortal, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "configs", "demo.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	y := string(data)
	y = strings.ReplaceAll(y, "http://"+demo.PlaceholderHost+"/", portal.srv.URL+"/")
	y = strings.ReplaceAll(y, demo.PlaceholderHost, "127.0.0.1")
	y = strings.Replace(y, "\noutput_dir: output\n", "\noutput_dir: "+filepath.Join(dir, "out")+"\nexclude: ['"+demo.MissingPath+"']\n", 1)
	if !strings.Contains(y, dir) {
		t.Fatal("configs/demo.yaml changed shape: output_dir line not found")
	}
	path := filepath.Join(dir, "demo.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// buildGleaner builds the command once into dir.
func buildGleaner(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "gleaner")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crawlProc is one `gleaner crawl` process.
type crawlProc struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
	err            error
}

func startCrawl(t *testing.T, bin, job string) *crawlProc {
	t.Helper()
	p := &crawlProc{done: make(chan struct{})}
	p.cmd = exec.Command(bin, "crawl", "--progress", "none", "--log-level", "warn", job)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	return p
}

// wait returns the exit code, failing the test if the process outlives a minute.
func (p *crawlProc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(time.Minute):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("gleaner crawl did not finish; stderr:\n%s", p.stderr.String())
	}
	var ee *exec.ExitError
	switch {
	case p.err == nil:
		return 0
	case errors.As(p.err, &ee):
		return ee.ExitCode() // -1 when killed by a signal
	}
	t.Fatalf("wait: %v", p.err)
	return -1
}

func (p *crawlProc) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	p.wait(t)
}

// waitForFile polls until path exists and is not empty, or the process ends.
func waitForFile(t *testing.T, p *crawlProc, pattern string) bool {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.Size() > 0 {
				return true
			}
		}
		select {
		case <-p.done:
			return false
		case <-deadline:
			t.Fatalf("%s did not appear", pattern)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// checkExactlyOnce reads every output file of the job (failing on any
// malformed line) and checks that each (id, version) appears once, that
// nothing has a version above 1 (the site never changes), and that every
// article of the portal is present.
func checkExactlyOnce(t *testing.T, jobDir string) (records int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(jobDir, "articles-*.jsonl"))
	seen := map[string]int{}
	where := map[string][]string{} // (id, version) → file: URL, for the failure message
	paths := map[string]bool{}
	for _, f := range files {
		err := output.ReadLines(f, func(line []byte) error {
			var rec record.Record
			if err := json.Unmarshal(line, &rec); err != nil {
				return err
			}
			key := rec.ID + "/" + strconv.Itoa(rec.Version)
			seen[key]++
			where[key] = append(where[key], filepath.Base(f)+": "+rec.URL)
			if rec.Version != 1 {
				t.Errorf("%s has version %d on an unchanged site", rec.URL, rec.Version)
			}
			if i := strings.Index(rec.URL[len("http://"):], "/"); i >= 0 {
				paths[rec.URL[len("http://")+i:]] = true
			}
			records++
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("record %s written %d times: %v", k, n, where[k])
		}
	}
	want, _, err := demo.Expected()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !paths[w.Path] {
			t.Errorf("article %s missing from the output", w.Path)
		}
	}
	return records
}

// lastSummary reads the newest run summary of the job.
func lastSummary(t *testing.T, jobDir string) pipeline.Summary {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(jobDir, "runs", "*.json"))
	if len(files) == 0 {
		t.Fatal("no run summary")
	}
	sort.Strings(files)
	data, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		t.Fatal(err)
	}
	var s pipeline.Summary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCrawlProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildGleaner(t, t.TempDir())

	// D6, issue 4 §7: a second run while one is going exits at once with 75
	// and says the job is locked; after kill -9 of the first, the next run
	// takes the lock (the kernel released the flock).
	t.Run("Lock", func(t *testing.T) {
		dir := t.TempDir()
		portal := newSlowPortal(t, 200*time.Millisecond)
		job := writeDemoJob(t, portal, dir)
		first := startCrawl(t, bin, job)
		// The pid in the lock file means the first run holds the lock.
		waitForFile(t, first, filepath.Join(dir, "out", "demo", ".lock"))

		second := startCrawl(t, bin, job)
		if code := second.wait(t); code != exitLocked {
			t.Errorf("second run exited %d, want %d; stderr: %s", code, exitLocked, second.stderr.String())
		}
		if !strings.Contains(second.stderr.String(), "job locked") {
			t.Errorf("second run's message lacks \"job locked\": %q", second.stderr.String())
		}
		first.kill(t)

		third := startCrawl(t, bin, job)
		third.cmd.Process.Signal(syscall.SIGTERM) // it need not finish: only take the lock
		if code := third.wait(t); code == exitLocked {
			t.Errorf("run after kill -9 found the job locked: %s", third.stderr.String())
		}
	})

	// D7, issue 4 §8: SIGTERM stops the run with exit 0 and a summary that
	// says interrupted; the next run resumes and completes, with every
	// article exactly once.
	t.Run("SIGTERM", func(t *testing.T) {
		dir := t.TempDir()
		portal := newSlowPortal(t, 50*time.Millisecond)
		job := writeDemoJob(t, portal, dir)
		jobDir := filepath.Join(dir, "out", "demo")
		p := startCrawl(t, bin, job)
		if !waitForFile(t, p, filepath.Join(jobDir, "articles-*.jsonl")) {
			t.Fatalf("the run ended before it could be stopped: %s", p.stdout.String())
		}
		atSignal := portal.requests.Load()
		p.cmd.Process.Signal(syscall.SIGTERM)
		code := p.wait(t)
		// No new fetch starts after the signal; the workers (parallelism 4
		// in configs/demo.yaml) may each have been about to send one.
		if after := portal.requests.Load() - atSignal; after > 4 {
			t.Errorf("%d requests reached the portal after SIGTERM, want at most 4", after)
		}
		if code != exitOK {
			t.Fatalf("stopped run exited %d, want 0; stderr: %s\nstdout: %s", code, p.stderr.String(), p.stdout.String())
		}
		s := lastSummary(t, jobDir)
		if !s.Interrupted || s.Queued == 0 {
			t.Errorf("summary after SIGTERM: interrupted %v, queued_left %d; want true and > 0", s.Interrupted, s.Queued)
		}
		if !strings.Contains(p.stdout.String(), "the next run resumes") {
			t.Errorf("stdout does not say the run stopped: %q", p.stdout.String())
		}

		next := startCrawl(t, bin, job)
		if code := next.wait(t); code != exitOK {
			t.Fatalf("resumed run exited %d; stderr: %s", code, next.stderr.String())
		}
		s = lastSummary(t, jobDir)
		if !s.Resumed || s.Interrupted || s.Queued != 0 {
			t.Errorf("resumed run: resumed %v interrupted %v queued_left %d", s.Resumed, s.Interrupted, s.Queued)
		}
		checkExactlyOnce(t, jobDir)
	})

	// D1, issue 4 §6: kill -9 at random moments, each followed by a resume.
	// A cycle crawls a fresh output folder, killing each run at a random
	// point, until one run finishes on its own; then it checks the folder:
	// no malformed line, every article exactly once by (id, version).
	t.Run("KillTorture", func(t *testing.T) {
		kills := 20
		if v, err := strconv.Atoi(os.Getenv("GLEANER_TORTURE")); err == nil && v > 0 {
			kills = v
		}
		seed := uint64(time.Now().UnixNano())
		rng := rand.New(rand.NewPCG(seed, 0))
		t.Logf("seed %d (set GLEANER_TORTURE for more than %d kills)", seed, kills)

		portal := newSlowPortal(t, 30*time.Millisecond)
		killed, cycles, records := 0, 0, 0
		for killed < kills && !t.Failed() {
			cycles++
			dir := t.TempDir()
			job := writeDemoJob(t, portal, dir)
			jobDir := filepath.Join(dir, "out", "demo")
			for {
				p := startCrawl(t, bin, job)
				select {
				case <-time.After(time.Duration(rng.IntN(700)) * time.Millisecond):
					p.kill(t)
					killed++
					continue
				case <-p.done:
				}
				if code := p.wait(t); code != exitOK {
					t.Fatalf("cycle %d: run exited %d; stderr: %s", cycles, code, p.stderr.String())
				}
				break
			}
			if s := lastSummary(t, jobDir); s.Interrupted || s.Queued != 0 {
				t.Errorf("cycle %d: last run interrupted %v, queued_left %d", cycles, s.Interrupted, s.Queued)
			}
			records += checkExactlyOnce(t, jobDir)
		}
		t.Logf("%d kills over %d cycles, %d records checked, 0 duplicates allowed; %d requests to the portal",
			killed, cycles, records, portal.requests.Load())
	})
}
