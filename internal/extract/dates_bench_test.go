package extract

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// BenchmarkMetadataCorpus runs the metadata chain (dates included) over the
// first 100 pages of ../shared/corpus/wcxb-dev, when it is present: real
// pages are long, and the date rules scan every line.
func BenchmarkMetadataCorpus(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "wcxb-dev", "pages")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if len(files) == 0 {
		b.Skip("no shared corpus")
	}
	files = files[:min(len(files), 100)]
	var docs []*htmldoc.Document
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		page, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := htmldoc.Parse(page, "", nil)
		if err != nil {
			continue
		}
		docs = append(docs, doc)
	}
	ex, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			ex.metadata(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/page")
}
