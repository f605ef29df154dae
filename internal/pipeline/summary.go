package pipeline

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Counters are a run's live figures, updated atomically while it goes. A
// caller that wants progress (a terminal line, metrics) passes its own
// Counters in [Options] and reads them from another goroutine.
type Counters struct {
	Fetched     atomic.Int64 // responses received (any status)
	NotModified atomic.Int64 // 304 answers to conditional requests
	Articles    atomic.Int64 // records written
	Unchanged   atomic.Int64 // articles re-fetched whose content had not changed
	Skipped     atomic.Int64 // URLs not fetched or not written, by rule
	Errors      atomic.Int64 // pages that failed
	Queued      atomic.Int64 // frontier size at the last look
}

// ErrorEntry is one failed page in a run summary.
type ErrorEntry struct {
	URL     string `json:"url"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Summary is what a run did, written to runs/<stamp>.json and printed at the end.
type Summary struct {
	Job             string         `json:"job"`
	RunID           string         `json:"run_id"`
	Started         time.Time      `json:"started"`
	Finished        time.Time      `json:"finished"`
	DurationSeconds float64        `json:"duration_seconds"`
	Resumed         bool           `json:"resumed"`
	Interrupted     bool           `json:"interrupted"`
	PagesFetched    int64          `json:"pages_fetched"`
	NotModified     int64          `json:"not_modified"`
	ArticlesWritten int64          `json:"articles_written"`
	Unchanged       int64          `json:"articles_unchanged"`
	Skipped         map[string]int `json:"skipped"`
	ErrorsByKind    map[string]int `json:"errors_by_kind"`
	Errors          []ErrorEntry   `json:"errors"`
	// ErrorsDropped counts error entries beyond the first maxErrorEntries,
	// which are counted in ErrorsByKind but not listed.
	ErrorsDropped int    `json:"errors_dropped"`
	Queued        int    `json:"queued_left"`
	OutputFile    string `json:"output_file"`
	SummaryFile   string `json:"summary_file"`
}

// Failed reports whether any page failed: the command's exit code 1.
func (s *Summary) Failed() bool { return len(s.ErrorsByKind) > 0 }

// maxErrorEntries bounds the listed errors so a broken site cannot grow a
// summary without limit; ErrorsByKind still counts them all.
const maxErrorEntries = 1000

// tally collects a run's skips and errors from many workers.
type tally struct {
	mu       sync.Mutex
	skipped  map[string]int
	byKind   map[string]int
	errors   []ErrorEntry
	dropped  int
	counters *Counters
}

func newTally(c *Counters) *tally {
	return &tally{skipped: map[string]int{}, byKind: map[string]int{}, counters: c}
}

func (t *tally) skip(reason string) {
	t.counters.Skipped.Add(1)
	t.mu.Lock()
	t.skipped[reason]++
	t.mu.Unlock()
}

func (t *tally) fail(url, kind string, err error) {
	t.counters.Errors.Add(1)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.byKind[kind]++
	if len(t.errors) >= maxErrorEntries {
		t.dropped++
		return
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	t.errors = append(t.errors, ErrorEntry{URL: url, Kind: kind, Message: msg})
}

func (t *tally) fill(s *Summary) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.Skipped = maps(t.skipped)
	s.ErrorsByKind = maps(t.byKind)
	s.Errors = append([]ErrorEntry{}, t.errors...)
	sort.SliceStable(s.Errors, func(i, j int) bool { return s.Errors[i].Kind < s.Errors[j].Kind })
	s.ErrorsDropped = t.dropped
}

func maps(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
