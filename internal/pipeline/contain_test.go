package pipeline_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// B15: an extractor that panics on one page and never returns on another
// fails those pages only: each becomes an error entry of its kind and every
// other article is still written.
func TestExtractionFailuresStayOnTheirPage(t *testing.T) {
	site := newsSite(t)
	job := newJob(t, site, newsJob)
	real, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stuck := make(chan struct{})
	defer close(stuck) // lets the abandoned extraction finish when the test ends
	opts := pipeline.Options{
		ExtractTimeout: 500 * time.Millisecond,
		Extract: func(doc *htmldoc.Document) (*extract.Result, error) {
			switch {
			case strings.HasSuffix(doc.URL.Path, "/a.html"):
				panic("injected extractor panic")
			case strings.HasSuffix(doc.URL.Path, "/b.html"):
				<-stuck // an extraction that never ends on its own
			}
			return real.Extract(doc)
		},
	}
	sum := runJob(t, job, opts)
	if sum.ErrorsByKind["extract_panic"] != 1 || sum.ErrorsByKind["extract_timeout"] != 1 {
		t.Errorf("errors by kind %v, want one extract_panic and one extract_timeout", sum.ErrorsByKind)
	}
	got := recordPaths(t, readRecords(t, job))
	if len(got) != 1 || got[0] != "/tech/2024/03/03/c.html" {
		t.Errorf("records %v, want only the healthy article", got)
	}
	if sum.Interrupted {
		t.Error("the run stopped instead of going on")
	}
}
