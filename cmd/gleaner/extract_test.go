package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The shared example page and the record it must give (issue 2's acceptance
// case), as copied into the extractor's testdata.
const (
	examplePage     = "../../internal/extract/testdata/golden/portal-article-gbk/source.html"
	exampleExpected = "../../internal/extract/testdata/portal-article-gbk.expected.json"
)

type exampleWant struct {
	URL                string   `json:"url"`
	Title              string   `json:"title"`
	Authors            []string `json:"authors"`
	Published          string   `json:"published"`
	SummaryStartsWith  string   `json:"summary_starts_with"`
	BodyParagraphs     []string `json:"body_paragraphs"`
	BodyMustNotContain []string `json:"body_must_not_contain"`
}

type extractLine struct {
	Input     string   `json:"input"`
	IsArticle bool     `json:"is_article"`
	Error     *string  `json:"error"`
	Title     string   `json:"title"`
	Authors   []string `json:"authors"`
	Published string   `json:"published"`
	Summary   string   `json:"summary"`
	Body      string   `json:"body"`
	Charset   string   `json:"charset"`
	ID        string   `json:"id"`
}

// runWithStdin is runGleaner with bytes on standard input.
func runWithStdin(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &environment{stdin: bytes.NewReader(stdin), stdout: &out, stderr: &errOut}
	code := dispatch(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

func decodeLines(t *testing.T, data string) []extractLine {
	t.Helper()
	var lines []extractLine
	for _, l := range strings.Split(strings.TrimSpace(data), "\n") {
		var x extractLine
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, l)
		}
		lines = append(lines, x)
	}
	return lines
}

func loadExampleWant(t *testing.T) exampleWant {
	t.Helper()
	data, err := os.ReadFile(exampleExpected)
	if err != nil {
		t.Fatal(err)
	}
	var w exampleWant
	if err := json.Unmarshal(data, &w); err != nil {
		t.Fatal(err)
	}
	return w
}

func checkExample(t *testing.T, got extractLine, want exampleWant) {
	t.Helper()
	if got.Error != nil {
		t.Fatalf("error: %s", *got.Error)
	}
	if !got.IsArticle {
		t.Error("is_article = false")
	}
	if got.Title != want.Title {
		t.Errorf("title = %q, want %q", got.Title, want.Title)
	}
	if strings.Join(got.Authors, "|") != strings.Join(want.Authors, "|") {
		t.Errorf("authors = %q, want %q", got.Authors, want.Authors)
	}
	if got.Published != want.Published {
		t.Errorf("published = %q, want %q", got.Published, want.Published)
	}
	if !strings.HasPrefix(got.Summary, want.SummaryStartsWith) {
		t.Errorf("summary = %q, want it to start with %q", got.Summary, want.SummaryStartsWith)
	}
	if body := strings.Split(got.Body, "\n"); strings.Join(body, "\n") != strings.Join(want.BodyParagraphs, "\n") {
		t.Errorf("body has %d paragraphs, want the %d expected exactly:\n%s", len(body), len(want.BodyParagraphs), got.Body)
	}
	for _, s := range want.BodyMustNotContain {
		if strings.Contains(got.Body, s) {
			t.Errorf("body contains clutter %q", s)
		}
	}
	if got.Charset != "gb18030" {
		t.Errorf("charset = %q, want gb18030", got.Charset)
	}
}

func TestExtractExampleFileWithURL(t *testing.T) {
	want := loadExampleWant(t)
	code, out, stderr := runGleaner(t, "extract", "--url", want.URL, examplePage)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := decodeLines(t, out)
	if len(lines) != 1 || lines[0].Input != examplePage {
		t.Fatalf("want one line with input %q, got %+v", examplePage, lines)
	}
	checkExample(t, lines[0], want)
}

// The same page served as portals serve it: a bare text/html without charset,
// from a loopback server the extract command is allowed to reach.
func TestExtractExampleServed(t *testing.T) {
	want := loadExampleWant(t)
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	}))
	defer srv.Close()
	url := srv.URL + "/xinwen/20240106/1187.html"
	code, out, stderr := runGleaner(t, "extract", "--allow-host", "127.0.0.1", url)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := decodeLines(t, out)
	if len(lines) != 1 || lines[0].Input != url {
		t.Fatalf("want one line for %s, got %+v", url, lines)
	}
	checkExample(t, lines[0], want)
}

// A folder is searched recursively, inputs keep the path as found, a
// gzipped copy and stdin work, and an unreadable input gives an error line
// (exit 1) while the others are still extracted.
func TestExtractFolderStdinAndErrors(t *testing.T) {
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "page.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	if err := os.WriteFile(filepath.Join(sub, "page.html.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "notes.txt"), []byte("not a page"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.html")
	code, out, _ := runWithStdin(t, page, "extract", "--workers", "3", dir, "-", missing)
	if code != exitFailures {
		t.Errorf("exit %d, want %d for a missing input", code, exitFailures)
	}
	lines := decodeLines(t, out)
	wantInputs := []string{filepath.Join(dir, "a", "b", "page.html.gz"), filepath.Join(dir, "a", "page.html"), "-", missing}
	if len(lines) != len(wantInputs) {
		t.Fatalf("got %d lines, want %d", len(lines), len(wantInputs))
	}
	for i, l := range lines {
		if l.Input != wantInputs[i] {
			t.Errorf("line %d input = %q, want %q", i, l.Input, wantInputs[i])
		}
	}
	for _, l := range lines[:3] {
		if l.Error != nil || l.Title == "" || !strings.Contains(l.Body, "黄浦区中央科创区") {
			t.Errorf("input %s: error %v, title %q, body %.40q", l.Input, l.Error, l.Title, l.Body)
		}
	}
	if lines[3].Error == nil || lines[3].Title != "" {
		t.Errorf("missing input: want an error and no fields, got %+v", lines[3])
	}
}

func TestExtractUsage(t *testing.T) {
	if code, _, _ := runGleaner(t, "extract"); code != exitUsage {
		t.Errorf("no inputs: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runGleaner(t, "extract", "--url", "relative/path", examplePage); code != exitUsage {
		t.Errorf("relative --url: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runGleaner(t, "extract", "--help"); code != exitOK {
		t.Errorf("--help: exit %d, want 0", code)
	}
}
