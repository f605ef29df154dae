package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/demo"
	"github.com/gleaner-news/gleaner/internal/output"
)

// The README's first command: the demo crawls the bundled portal on
// loopback, exits 0 and writes one record per demo article.
func TestDemoCommand(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runGleaner(t, "demo", "--config", "../../configs/demo.yaml", "--output", out, "--progress", "none", "--log-level", "warn")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	articles, _, err := demo.Expected()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(out, "demo", "articles-*.jsonl"))
	if err != nil || len(files) != 1 {
		t.Fatalf("want one records file, got %v (%v)", files, err)
	}
	lines := 0
	if err := output.ReadLines(files[0], func([]byte) error { lines++; return nil }); err != nil {
		t.Fatal(err)
	}
	if lines != len(articles) {
		t.Errorf("%d records, want one per demo article (%d)", lines, len(articles))
	}
	for _, want := range []string{"portal serving at http://127.0.0.1:", "articles written  ", files[0]} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "demo", "runs")); err != nil {
		t.Errorf("no runs folder: %v", err)
	}
}
