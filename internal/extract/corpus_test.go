package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// TestCorpusScores scores the metadata against the shared labelled corpus
// when it is present and EXTRACT_CORPUS names the sets to score ("all" or
// a comma list). It logs per-field exactness; EXTRACT_CORPUS_MISSES=1 also
// logs every miss. It is a measuring tool, so it asserts only that pages
// extract without error.
func TestCorpusScores(t *testing.T) {
	which := os.Getenv("EXTRACT_CORPUS")
	if which == "" {
		t.Skip("set EXTRACT_CORPUS=all (or a comma list of sets) to score ../shared/corpus")
	}
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no shared corpus")
	}
	sets := []string{"wcxb-dev", "zh-wce", "dates-dev", "mozilla"}
	if which != "all" {
		sets = strings.Split(which, ",")
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	misses := os.Getenv("EXTRACT_CORPUS_MISSES") != ""
	fold := cases.Fold()
	normName := func(s string) string { return fold.String(collapseSpace(norm.NFKC.String(s))) }
	for _, set := range sets {
		f, err := os.Open(filepath.Join(root, set, "gold.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		var nT, okT, nA, okA, nP, okP int
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var g struct {
				File      string    `json:"file"`
				URL       *string   `json:"url"`
				Title     *string   `json:"title"`
				Authors   *[]string `json:"authors"`
				Published *string   `json:"published"`
			}
			if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(filepath.Join(root, set, g.File))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(g.File, ".gz") {
				zr, err := gzip.NewReader(bytes.NewReader(raw))
				if err != nil {
					t.Fatal(err)
				}
				raw, _ = io.ReadAll(zr)
			}
			var u *url.URL
			if g.URL != nil {
				u, _ = url.Parse(*g.URL)
			}
			doc, err := htmldoc.Parse(raw, "text/html", u)
			if err != nil {
				continue
			}
			res, err := ex.Extract(doc)
			if err != nil {
				t.Errorf("%s/%s: %v", set, g.File, err)
				continue
			}
			r := res.Record
			if g.Title != nil {
				nT++
				if collapseSpace(norm.NFKC.String(*g.Title)) == collapseSpace(norm.NFKC.String(r.Title)) {
					okT++
				} else if misses {
					t.Logf("%s %s TITLE want %q got %q", set, g.File, *g.Title, r.Title)
				}
			}
			if g.Authors != nil {
				nA++
				want, got := map[string]bool{}, map[string]bool{}
				for _, a := range *g.Authors {
					want[normName(a)] = true
				}
				for _, a := range r.Authors {
					got[normName(a)] = true
				}
				if fmt.Sprint(want) == fmt.Sprint(got) {
					okA++
				} else if misses {
					t.Logf("%s %s AUTHORS want %q got %q", set, g.File, *g.Authors, r.Authors)
				}
			}
			if g.Published != nil && *g.Published != "" {
				nP++
				if r.Published != "" && strings.HasPrefix(r.Published, *g.Published) ||
					len(*g.Published) > 10 && len(r.Published) >= 16 && r.Published[:16] == (*g.Published)[:16] {
					okP++
				} else if misses {
					t.Logf("%s %s PUBLISHED want %q got %q", set, g.File, *g.Published, r.Published)
				}
			}
		}
		f.Close()
		ratio := func(a, b int) float64 {
			if b == 0 {
				return 0
			}
			return float64(a) / float64(b)
		}
		t.Logf("%-10s title %.3f (%d)  authors %.3f (%d)  published %.3f (%d)", set,
			ratio(okT, nT), nT, ratio(okA, nA), nA, ratio(okP, nP), nP)
	}
}
