package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A misspelt or malformed job file fails before anything is fetched, with
// exit code 2 and an error naming the file, the line and the field.
func TestCrawlRejectsBadConfigBeforeFetching(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "news.yaml")
	body := "start_urls: [\"http://127.0.0.1:1/\"]\npoliteness:\n  dealy: 2s\nlimits:\n  max_body_bytes: lots\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runGleaner(t, "crawl", "--output", dir, path)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	for _, want := range []string{path + ":3: politeness.dealy", path + ":5: limits.max_body_bytes"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "news")); !os.IsNotExist(err) {
		t.Errorf("a job folder was created for a job that failed to load (%v)", err)
	}
}

func TestCrawlFlagErrors(t *testing.T) {
	if code, _, _ := runGleaner(t, "crawl"); code != exitUsage {
		t.Errorf("no job file: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runGleaner(t, "crawl", "--help"); code != exitOK {
		t.Errorf("--help: exit %d, want 0", code)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ok.yaml")
	os.WriteFile(path, []byte("start_urls: [\"http://127.0.0.1:1/\"]\n"), 0o644)
	if code, _, stderr := runGleaner(t, "crawl", "--delay", "soon", path); code != exitUsage || !strings.Contains(stderr, "--delay") {
		t.Errorf("bad --delay: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runGleaner(t, "nonsense"); code != exitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, exitUsage)
	}
}
