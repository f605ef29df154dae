package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/record"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*/want.json from the current output")

// goldenMeta is a case's optional meta.json: how the page was served.
type goldenMeta struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Location    string `json:"location"`
}

// goldenResult is the JSON form of a Result in want.json.
type goldenResult struct {
	Record    record.Record `json:"record"`
	IsArticle bool          `json:"is_article"`
	PageType  string        `json:"page_type"`
	Reason    string        `json:"reason"`
}

// extractCase parses and extracts one golden case directory.
func extractCase(t *testing.T, dir string) *Result {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "source.html"))
	if err != nil {
		t.Fatal(err)
	}
	meta := goldenMeta{ContentType: "text/html"}
	if b, err := os.ReadFile(filepath.Join(dir, "meta.json")); err == nil {
		if err := json.Unmarshal(b, &meta); err != nil {
			t.Fatalf("meta.json: %v", err)
		}
	}
	var u *url.URL
	if meta.URL != "" {
		if u, err = url.Parse(meta.URL); err != nil {
			t.Fatal(err)
		}
	}
	var loc *time.Location
	if meta.Location != "" {
		if loc, err = time.LoadLocation(meta.Location); err != nil {
			t.Skipf("time zone %s unavailable: %v", meta.Location, err)
		}
	}
	doc, err := htmldoc.Parse(raw, meta.ContentType, u)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := New(Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ex.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestGolden compares every case under testdata/golden with its want.json;
// -update regenerates them (review the diff before committing).
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res := extractCase(t, dir)
			got, err := json.MarshalIndent(goldenResult{res.Record, res.IsArticle, res.PageType, res.Reason}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			wantPath := filepath.Join(dir, "want.json")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update and review the diff):\n%s", wantPath, got)
			}
		})
	}
}
