package hostile

import (
	"bufio"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// html5libDir finds the html5lib-tests tree-construction files that the
// golang.org/x/net module ships as its parser's test data, in the module
// cache, at the version go.mod requires.
func html5libDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/net").Output()
	modDir := strings.TrimSpace(string(out))
	if err != nil || modDir == "" {
		t.Skipf("cannot locate golang.org/x/net in the module cache: %v", err)
	}
	dir := filepath.Join(modDir, "html", "testdata", "html5lib-tests", "tree-construction")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("html5lib-tests not in the module cache: %v", err)
	}
	return dir
}

// html5libInputs reads the #data sections of the tree-construction .dat
// files: the inputs only, since the expected trees are x/net's business.
func html5libInputs(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.dat"))
	slices.Sort(files)
	var inputs []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		var cur []string
		inData := false
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "#data":
				inData, cur = true, cur[:0]
			case inData && strings.HasPrefix(line, "#"):
				inData = false
				inputs = append(inputs, strings.Join(cur, "\n"))
			case inData:
				cur = append(cur, line)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return inputs
}

// TestB14HTML5LibInputs runs every html5lib tree-construction input (the
// parser conformance suite's malformed markup: misnested tags, stray end
// tags, foreign content, broken tables) through parse and extraction, alone
// and wrapped in an article page, and counts panics and slow documents.
func TestB14HTML5LibInputs(t *testing.T) {
	inputs := html5libInputs(t, html5libDir(t))
	if len(inputs) < 1000 {
		t.Fatalf("read %d html5lib inputs, want the suite's 1,700 or so", len(inputs))
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("http://site.test/2024/01/06/story.html")
	const wrapper = "<html><head><title>A story</title></head><body><article><h1>A story</h1><p>%s</p><p>" +
		"Some paragraph text long enough to be read as a body of an article page.</p></article></body></html>"
	var times []time.Duration
	var slowest string
	var slowestTook time.Duration
	for i, in := range inputs {
		for _, doc := range []string{in, strings.Replace(wrapper, "%s", in, 1)} {
			start := time.Now()
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("input %d panicked: %v\n%q", i, p, in)
					}
				}()
				d, err := htmldoc.Parse([]byte(doc), "text/html", u)
				if err != nil {
					return // refused (binary or too deep): an error record, as the plan asks
				}
				if _, err := ex.Extract(d); err != nil {
					t.Errorf("input %d: %v\n%q", i, err, in)
				}
			}()
			took := time.Since(start)
			if took > slowestTook {
				slowest, slowestTook = in, took
			}
			times = append(times, took)
		}
	}
	slices.Sort(times)
	t.Logf("%d html5lib inputs (%d documents): p50 %s, p99 %s, max %s (%.60q)", len(inputs), len(times),
		times[len(times)/2], times[len(times)*99/100], times[len(times)-1], slowest)
}
