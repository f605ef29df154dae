package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"

	"github.com/gleaner-news/gleaner/internal/output"
)

// errPageFull stops ReadLines once a page has its records.
var errPageFull = errors.New("page full")

// RecordsPage is the answer of GET /v1/jobs/{job}/runs/{run}/records.
type RecordsPage struct {
	Records    []json.RawMessage `json:"records"`               // the run's record lines as written
	Offset     int               `json:"offset"`                // as requested
	Limit      int               `json:"limit"`                 // as requested or the default
	NextOffset *int              `json:"next_offset,omitempty"` // nil on the last page
}

func (s *Server) handleRecords(w http.ResponseWriter, r *http.Request) {
	offset, limit, ok := pageParams(w, r)
	if !ok {
		return
	}
	_, st, ok := s.findRun(w, r)
	if !ok {
		return
	}
	if st.Status == StatusRunning {
		writeJSON(w, http.StatusConflict, apiError{Code: "run_in_progress", RunID: st.RunID,
			Error: "the run is still going; its records can be read once it ends"})
		return
	}
	path := ""
	if st.Summary != nil {
		path = st.Summary.OutputFile
	}
	stream := strings.Contains(r.Header.Get("Accept"), "application/x-ndjson")
	if path == "" { // the run wrote nothing
		if stream {
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.WriteHeader(http.StatusOK)
			return
		}
		writeJSON(w, http.StatusOK, &RecordsPage{Records: []json.RawMessage{}, Offset: offset, Limit: limit})
		return
	}
	if stream {
		s.streamRecords(w, r, path)
		return
	}
	page := &RecordsPage{Records: []json.RawMessage{}, Offset: offset, Limit: limit}
	seen := 0
	err := output.ReadLines(path, func(line []byte) error {
		seen++
		if seen <= offset {
			return nil
		}
		if len(page.Records) == limit {
			next := offset + limit
			page.NextOffset = &next
			return errPageFull
		}
		page.Records = append(page.Records, append(json.RawMessage(nil), line...))
		return nil
	})
	if err != nil && !errors.Is(err, errPageFull) {
		if !errors.Is(err, output.ErrMalformed) {
			s.log.Error("read records", "file", path, "err", err)
			writeError(w, http.StatusInternalServerError, "internal", "cannot read the run's records")
			return
		}
		s.log.Warn("records file has malformed lines", "err", err)
	}
	writeJSON(w, http.StatusOK, page)
}

// streamRecords sends every record as JSON Lines, flushing as it goes.
func (s *Server) streamRecords(w http.ResponseWriter, r *http.Request, path string) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	rc := http.NewResponseController(w)
	n := 0
	err := output.ReadLines(path, func(line []byte) error {
		if err := r.Context().Err(); err != nil {
			return err
		}
		if _, err := w.Write(line); err != nil {
			return err
		}
		if _, err := w.Write([]byte{'\n'}); err != nil {
			return err
		}
		if n++; n%100 == 0 {
			_ = rc.Flush()
		}
		return nil
	})
	if err != nil && !errors.Is(err, output.ErrMalformed) {
		// Headers may be gone already; the short body tells the client.
		s.log.Warn("stream records stopped", "file", path, "err", err)
	}
}

func sortJobs(js []*JobStatus) {
	sort.Slice(js, func(i, k int) bool { return js[i].Name < js[k].Name })
}

func sortRunsNewestFirst(rs []*RunStatus) {
	sort.SliceStable(rs, func(i, k int) bool { return rs[i].RunID > rs[k].RunID })
}
