package hostile

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// vmHWM returns this process's peak resident set size in bytes, from
// /proc/self/status; ok is false where there is no /proc.
func vmHWM() (int64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, found := strings.CutPrefix(sc.Text(), "VmHWM:"); found {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

const rssChildEnv = "GLEANER_HOSTILE_RSS_CHILD"

// TestRSSChild is the subprocess side of TestB1B5PeakRSS: it fetches one
// bomb and prints the growth of its peak RSS. It does nothing in a normal run.
func TestRSSChild(t *testing.T) {
	path := os.Getenv(rssChildEnv)
	if path == "" {
		t.Skip("subprocess helper")
	}
	site := newSite(t)
	o := crawlOptions(t, site, nil)
	o.MaxRetries = -1
	c := newCrawler(t, o)
	// Warm up: the first fetch pays for the connection and the client's buffers.
	if _, err := fetch(t, c, site.URL("/page/warm")); err != nil {
		t.Fatal(err)
	}
	before, ok := vmHWM()
	if !ok {
		t.Skip("no /proc")
	}
	_, _, err := fetchBounded(t, c, site.URL(path))
	after, _ := vmHWM()
	fmt.Printf("RSSDELTA %d %s\n", after-before, err)
}

// The kernel updates its high-water mark lazily and reports
// max(hiwater, current RSS), so a run that frees memory can print a small
// negative delta; the pattern accepts it and the bound check treats it as 0.
var rssLine = regexp.MustCompile(`RSSDELTA (-?\d+) (.*)`)

// TestB1B5PeakRSS runs each bomb in a fresh process and reads its VmHWM:
// the plan's "RSS delta" measure, which includes what the heap sampling of
// the in-process tests cannot see (stacks, runtime overhead, fragmentation).
func TestB1B5PeakRSS(t *testing.T) {
	if _, ok := vmHWM(); !ok {
		t.Skip("no /proc/self/status")
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory makes RSS meaningless")
	}
	cases := map[string]int64{
		"/bomb/gzip":    64 << 20,
		"/bomb/deflate": 64 << 20,
		"/bomb/br":      16 << 20,
		"/big?mb=2048":  64 << 20,
		"/ct-gzip":      64 << 20,
		"/bomb/nested":  64 << 20,
	}
	for path, bound := range cases {
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestRSSChild$", "-test.v")
			cmd.Env = append(os.Environ(), rssChildEnv+"="+path)
			out, err := cmd.CombinedOutput()
			m := rssLine.FindSubmatch(out)
			if err != nil || m == nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			delta, _ := strconv.ParseInt(string(m[1]), 10, 64)
			t.Logf("%s: peak RSS growth %.1f MiB (%s)", path, float64(delta)/(1<<20), m[2])
			if delta > bound {
				t.Errorf("%s: peak RSS grew %d MiB, bound %d MiB", path, delta>>20, bound>>20)
			}
		})
	}
}
