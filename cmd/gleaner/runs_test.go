package main

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/demo"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

func TestRunsListsHistoryNewestFirst(t *testing.T) {
	portal := httptest.NewServer(demo.Handler())
	defer portal.Close()
	cfg, out := t.TempDir(), t.TempDir()
	jobFile := filepath.Join(cfg, "news.yaml")
	if err := os.WriteFile(jobFile, []byte(demoJobYAML("news", portal.URL, out)), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		code := dispatch(t.Context(), env, args)
		return code, stdout.String(), stderr.String()
	}

	if code, _, stderr := run("runs", "--configs", cfg, "news"); code != exitOK || !strings.Contains(stderr, "no runs") {
		t.Fatalf("before any run: exit %d, %q", code, stderr)
	}
	// Two real crawls: the first writes the articles, the second finds them
	// unchanged. A second's wait keeps their stamps apart.
	for i := range 2 {
		if code, _, stderr := run("crawl", "--progress", "none", jobFile); code == exitUsage {
			t.Fatalf("crawl %d: %s", i, stderr)
		}
		if i == 0 {
			waitNextSecond(t, out)
		}
	}

	code, stdout, stderr := run("runs", filepath.Join(cfg, "news.yaml"), "--json")
	if code != exitOK {
		t.Fatalf("runs --json: exit %d %s", code, stderr)
	}
	var sums []pipeline.Summary
	if err := json.Unmarshal([]byte(stdout), &sums); err != nil {
		t.Fatal(err)
	}
	if len(sums) != 2 || sums[0].RunID <= sums[1].RunID {
		t.Fatalf("want two runs newest first, got %d: %+v", len(sums), sums)
	}
	if sums[1].ArticlesWritten == 0 || sums[0].ArticlesWritten != 0 || sums[0].Unchanged+sums[0].NotModified == 0 {
		t.Fatalf("first run wrote %d, second %d (unchanged %d, not modified %d)",
			sums[1].ArticlesWritten, sums[0].ArticlesWritten, sums[0].Unchanged, sums[0].NotModified)
	}

	code, table, stderr := run("runs", "--configs", cfg, "news")
	if code != exitOK {
		t.Fatalf("runs: exit %d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "ARTICLES") {
		t.Fatalf("table:\n%s", table)
	}
	for i, s := range sums {
		f := strings.Fields(lines[i+1])
		// RUN, date, time, duration, fetched, articles, errors, state
		if len(f) != 8 || f[0] != s.RunID || f[4] != strconv.FormatInt(s.PagesFetched, 10) ||
			f[5] != strconv.FormatInt(s.ArticlesWritten, 10) || f[7] != "complete" {
			t.Errorf("line %q for %+v", lines[i+1], s)
		}
	}

	if code, _, stderr := run("runs", "--configs", cfg, "nosuchjob"); code != exitUsage || !strings.Contains(stderr, "nosuchjob") {
		t.Fatalf("unknown job: exit %d %q", code, stderr)
	}
}

// waitNextSecond waits until the clock is past the newest run stamp, since
// run files are named by the second.
func waitNextSecond(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(out, "news", "runs"))
	if len(entries) == 0 {
		t.Fatal("no run summary written")
	}
	newest := strings.TrimSuffix(entries[len(entries)-1].Name(), ".json")
	waitFor(t, "the next second", func() bool {
		return pipelineStampNow() > newest
	})
}

func pipelineStampNow() string { return time.Now().UTC().Format("20060102T150405Z") }
