package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// BenchmarkExtract measures one Extract (metadata and body) of the portal
// example, parsed once outside the loop.
func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "portal-article-gbk", "source.html"))
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("http://portal.example/xinwen/20240106/1187.html")
	doc, err := htmldoc.Parse(raw, "text/html", u)
	if err != nil {
		b.Fatal(err)
	}
	ex, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ex.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetadata measures the metadata chain alone on the same page.
func BenchmarkMetadata(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "portal-article-gbk", "source.html"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := htmldoc.Parse(raw, "text/html", nil)
	if err != nil {
		b.Fatal(err)
	}
	ex, _ := New(Options{})
	b.ReportAllocs()
	for b.Loop() {
		ex.metadata(doc)
	}
}
