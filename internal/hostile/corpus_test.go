package hostile

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// corpusPages lists the real pages of ../shared/corpus (skipping the test
// when it is absent).
func corpusPages(t *testing.T) []string {
	t.Helper()
	root := filepath.Join(repoRoot(t), "..", "shared", "corpus")
	var files []string
	for _, pat := range []string{"*/pages/*.html", "*/pages/*.html.gz"} {
		m, _ := filepath.Glob(filepath.Join(root, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("../shared/corpus not present")
	}
	slices.Sort(files)
	return files
}

func readPage(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil || filepath.Ext(path) != ".gz" {
		return data, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(zr, 16<<20))
}

// TestB14RealPagesCorpus runs real crawled pages, and the same pages cut
// at random points and spliced into each other (the shape of broken and
// spammy pages), through parse and extraction. CI takes a sample of 50;
// -long takes every page.
func TestB14RealPagesCorpus(t *testing.T) {
	files := corpusPages(t)
	rng := rand.New(rand.NewPCG(6, 14))
	if !*long && len(files) > 50 {
		rng.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
		files = files[:50]
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("http://news.example.com.cn/2024/01/02/a.html")
	var times []time.Duration
	var slowest string
	var slowestTime time.Duration
	var prev []byte
	run := func(name string, body []byte) {
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("%s: panic: %v", name, p)
			}
			took := time.Since(start)
			times = append(times, took)
			if took > slowestTime {
				slowest, slowestTime = name, took
			}
		}()
		doc, err := htmldoc.Parse(body, "", u)
		if err != nil {
			return
		}
		if _, err := ex.Extract(doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, f := range files {
		body, err := readPage(f)
		if err != nil {
			t.Fatal(err)
		}
		run(f, body)
		cut := body[:rng.IntN(len(body)+1)]
		run(f+" (cut)", cut)
		if prev != nil {
			spliced := append(append([]byte{}, cut...), prev[rng.IntN(len(prev)+1):]...)
			run(f+" (spliced)", spliced)
		}
		prev = body
	}
	slices.Sort(times)
	p99 := times[len(times)*99/100]
	t.Logf("%d documents: p50 %s, p99 %s, max %s", len(times), times[len(times)/2].Round(time.Millisecond), p99.Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond))
	t.Logf("slowest: %s", slowest)
}
