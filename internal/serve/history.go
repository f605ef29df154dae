package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// runIDPattern is the shape of a run id (the pipeline's run stamp). Ids from
// requests are checked against it before they name a file.
var runIDPattern = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}Z$`)

// ValidRunID reports whether id has the shape of a run id.
func ValidRunID(id string) bool { return runIDPattern.MatchString(id) }

// maxSummaryBytes bounds one summary file read from a runs folder; a
// summary lists at most 1000 errors, far below this.
const maxSummaryBytes = 16 << 20

// RunsDir returns the folder where job's run summaries are kept.
func RunsDir(job *config.Job) string { return filepath.Join(pipeline.JobDir(job), "runs") }

// ListRuns reads the run summaries in dir (a job's runs folder), newest
// first. A missing folder is no runs, not an error. Files that are not
// summaries (other names, unreadable or malformed JSON) are skipped and
// reported together in the returned error, next to the summaries that did
// load.
func ListRuns(dir string) ([]*pipeline.Summary, error) {
	ids, err := runIDs(dir)
	if err != nil {
		return nil, err
	}
	var sums []*pipeline.Summary
	var errs []error
	for _, id := range ids {
		s, err := ReadRun(dir, id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sums = append(sums, s)
	}
	return sums, errors.Join(errs...)
}

// runIDs lists the run ids that have a summary file in dir, newest first,
// without reading the files.
func runIDs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read runs folder: %w", err)
	}
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if ok && !e.IsDir() && ValidRunID(id) {
			ids = append(ids, id)
		}
	}
	// Stamps sort as text; newest first.
	sort.Sort(sort.Reverse(sort.StringSlice(ids)))
	return ids, nil
}

// newestRun reads the newest summary in dir that loads, or nil.
func newestRun(dir string) *pipeline.Summary {
	ids, _ := runIDs(dir)
	for _, id := range ids {
		if s, err := ReadRun(dir, id); err == nil {
			return s
		}
	}
	return nil
}

// ReadRun reads the summary of run id from dir. A run with no summary gives
// an error matching fs.ErrNotExist; an id of the wrong shape gives
// [ErrRunNotFound].
func ReadRun(dir, id string) (*pipeline.Summary, error) {
	if !ValidRunID(id) {
		return nil, fmt.Errorf("run %q: %w", id, ErrRunNotFound)
	}
	path := filepath.Join(dir, id+".json")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read run summary: %w", err)
	}
	defer f.Close()
	var s pipeline.Summary
	dec := json.NewDecoder(&limitedReader{r: f, n: maxSummaryBytes})
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("read run summary %s: %w", path, err)
	}
	if s.RunID == "" {
		s.RunID = id
	}
	return &s, nil
}

// limitedReader is io.LimitReader that fails instead of ending quietly, so
// an oversized file is an error rather than truncated JSON.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("summary file too large")
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
