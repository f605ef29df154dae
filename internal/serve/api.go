package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/pipeline"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Paging defaults and bounds for list endpoints.
const (
	defaultPageLimit = 50
	maxPageLimit     = 1000
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /v1/jobs", s.handleJobs)
	mux.HandleFunc("POST /v1/jobs/{job}/runs", s.handleTrigger)
	mux.HandleFunc("GET /v1/jobs/{job}/runs", s.handleRuns)
	mux.HandleFunc("GET /v1/jobs/{job}/runs/{run}", s.handleRun)
	mux.HandleFunc("GET /v1/jobs/{job}/runs/{run}/records", s.handleRecords)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{
		ErrorLog: slogPrinter{s}, Registry: s.metrics.reg,
	}))
	return s.requireToken(mux)
}

// slogPrinter adapts the server's logger to promhttp's Logger.
type slogPrinter struct{ s *Server }

func (p slogPrinter) Println(v ...any) { p.s.log.Warn("metrics", "err", v) }

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"` // what went wrong, for people
	Code  string `json:"code"`  // stable, for programs: see docs/serve.md
	RunID string `json:"run_id,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client went away; nothing to do
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, apiError{Error: msg, Code: code})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	stopping := s.stopping
	s.mu.Unlock()
	if stopping {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "stopping"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// JobStatus is one job in GET /v1/jobs.
type JobStatus struct {
	Name        string     `json:"name"`                   // the job's name
	File        string     `json:"file"`                   // the job file it came from
	Schedule    string     `json:"schedule,omitempty"`     // cron schedule; "" runs only on trigger
	NextRun     *time.Time `json:"next_run,omitempty"`     // next scheduled start, if scheduled
	Running     bool       `json:"running"`                // a run of the job is going
	RunID       string     `json:"run_id,omitempty"`       // the run going
	SkippedRuns int64      `json:"skipped_runs"`           // scheduled runs skipped because one was going
	ConfigError string     `json:"config_error,omitempty"` // why the file no longer loads (file:line: field: message)
	LastRun     *RunStatus `json:"last_run,omitempty"`     // the newest run, in memory or on disk
}

// RunStatus is one run in the API.
type RunStatus struct {
	Job      string            `json:"job"`
	RunID    string            `json:"run_id"`             // the pipeline's run stamp
	Status   string            `json:"status"`             // StatusRunning, StatusFinished or StatusFailed
	Trigger  string            `json:"trigger,omitempty"`  // empty for runs found only on disk
	Started  time.Time         `json:"started"`            // UTC
	Finished *time.Time        `json:"finished,omitempty"` // nil while running
	Error    string            `json:"error,omitempty"`    // why a failed run failed
	Live     *LiveCounters     `json:"live,omitempty"`     // while running
	Summary  *pipeline.Summary `json:"summary,omitempty"`  // once the pipeline returned one
}

// LiveCounters are a running run's figures so far, named as in the run
// summary.
type LiveCounters struct {
	Fetched     int64 `json:"pages_fetched"`
	NotModified int64 `json:"not_modified"`
	Articles    int64 `json:"articles_written"`
	Unchanged   int64 `json:"articles_unchanged"`
	Skipped     int64 `json:"skipped"`
	Errors      int64 `json:"errors"`
	Queued      int64 `json:"queued"`
}

// statusLocked describes rec. Callers hold s.mu.
func statusLocked(rec *runRecord) *RunStatus {
	st := &RunStatus{Job: rec.job, RunID: rec.id, Status: rec.status, Trigger: rec.trigger,
		Started: rec.started, Error: rec.err, Summary: rec.summary}
	if rec.summary != nil {
		st.RunID = rec.summary.RunID
	}
	if rec.status == StatusRunning {
		c := rec.counters
		st.Live = &LiveCounters{Fetched: c.Fetched.Load(), NotModified: c.NotModified.Load(),
			Articles: c.Articles.Load(), Unchanged: c.Unchanged.Load(), Skipped: c.Skipped.Load(),
			Errors: c.Errors.Load(), Queued: c.Queued.Load()}
	} else {
		f := rec.finished
		st.Finished = &f
	}
	return st
}

func diskStatus(sum *pipeline.Summary) *RunStatus {
	f := sum.Finished
	return &RunStatus{Job: sum.Job, RunID: sum.RunID, Status: StatusFinished, Started: sum.Started, Finished: &f, Summary: sum}
}

func (s *Server) handleJobs(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	type pending struct {
		st  *JobStatus
		job *config.Job
	}
	var list []pending
	for _, e := range s.jobs {
		st := &JobStatus{Name: e.name, File: e.file, Schedule: e.schedule, SkippedRuns: e.skipped, ConfigError: e.configErr}
		if e.cronID != 0 {
			if next := s.cron.Entry(e.cronID).Next; !next.IsZero() {
				st.NextRun = &next
			}
		}
		if e.active != nil {
			st.Running, st.RunID = true, e.active.id
		}
		if len(e.recent) > 0 {
			st.LastRun = statusLocked(e.recent[0])
		}
		list = append(list, pending{st, e.job})
	}
	s.mu.Unlock()
	out := make([]*JobStatus, 0, len(list))
	for _, p := range list {
		if p.st.LastRun == nil && p.job != nil {
			// Not run by this server yet: the newest summary on disk, if any.
			if sum := newestRun(RunsDir(p.job)); sum != nil {
				p.st.LastRun = diskStatus(sum)
			}
		}
		out = append(out, p.st)
	}
	sortJobs(out)
	writeJSON(w, http.StatusOK, map[string]any{"jobs": out})
}

func (s *Server) handleTrigger(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("job")
	id, err := s.Trigger(name)
	var busy *runInProgressError
	switch {
	case err == nil:
		w.Header().Set("Location", "/v1/jobs/"+name+"/runs/"+id)
		writeJSON(w, http.StatusAccepted, map[string]string{"job": name, "run_id": id, "status": StatusRunning})
	case errors.As(err, &busy):
		writeJSON(w, http.StatusConflict, apiError{Error: err.Error(), Code: "run_in_progress", RunID: busy.runID})
	case errors.Is(err, ErrUnknownJob):
		writeError(w, http.StatusNotFound, "unknown_job", err.Error())
	case errors.Is(err, config.ErrInvalid):
		writeError(w, http.StatusConflict, "config_error", err.Error())
	case errors.Is(err, ErrShuttingDown):
		writeError(w, http.StatusServiceUnavailable, "shutting_down", err.Error())
	default:
		writeError(w, http.StatusInternalServerError, "internal", err.Error())
	}
}

// lookupJob returns the job's loaded config and the runs this server
// remembers (running first), or writes a 404.
func (s *Server) lookupJob(w http.ResponseWriter, name string) (*config.Job, []*RunStatus, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.jobs[name]
	if e == nil || e.job == nil {
		writeError(w, http.StatusNotFound, "unknown_job", "job "+strconv.Quote(name)+": "+ErrUnknownJob.Error())
		return nil, nil, false
	}
	var mem []*RunStatus
	if e.active != nil {
		mem = append(mem, statusLocked(e.active))
	}
	for _, rec := range e.recent {
		mem = append(mem, statusLocked(rec))
	}
	return e.job, mem, true
}

// pageParams reads offset and limit, writing a 400 when they are bad.
func pageParams(w http.ResponseWriter, r *http.Request) (offset, limit int, ok bool) {
	offset, limit = 0, defaultPageLimit
	q := r.URL.Query()
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, "bad_request", "offset must be a whole number ≥ 0")
			return 0, 0, false
		}
		offset = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageLimit {
			writeError(w, http.StatusBadRequest, "bad_request", "limit must be between 1 and "+strconv.Itoa(maxPageLimit))
			return 0, 0, false
		}
		limit = n
	}
	return offset, limit, true
}

// RunsPage is the answer of GET /v1/jobs/{job}/runs.
type RunsPage struct {
	Runs       []*RunStatus `json:"runs"`                  // newest first; [] when none
	Total      int          `json:"total"`                 // runs of the job, all pages
	Offset     int          `json:"offset"`                // as requested
	Limit      int          `json:"limit"`                 // as requested or the default
	NextOffset *int         `json:"next_offset,omitempty"` // nil on the last page
}

func (s *Server) handleRuns(w http.ResponseWriter, r *http.Request) {
	offset, limit, ok := pageParams(w, r)
	if !ok {
		return
	}
	job, mem, ok := s.lookupJob(w, r.PathValue("job"))
	if !ok {
		return
	}
	sums, err := ListRuns(RunsDir(job))
	if err != nil {
		s.log.Warn("runs folder has unreadable summaries", "job", job.Name, "err", err)
	}
	// Disk summaries, with the runs this server knows that left none (failed)
	// or have none yet (running), newest first by id.
	all := make([]*RunStatus, 0, len(sums)+len(mem))
	onDisk := map[string]bool{}
	for _, sum := range sums {
		onDisk[sum.RunID] = true
	}
	for _, m := range mem {
		if !onDisk[m.RunID] {
			all = append(all, m)
		}
	}
	for _, sum := range sums {
		all = append(all, diskStatus(sum))
	}
	sortRunsNewestFirst(all)
	page := &RunsPage{Runs: []*RunStatus{}, Total: len(all), Offset: offset, Limit: limit}
	if offset < len(all) {
		end := min(offset+limit, len(all))
		page.Runs = all[offset:end]
		if end < len(all) {
			page.NextOffset = &end
		}
	}
	writeJSON(w, http.StatusOK, page)
}

// findRun resolves a run id: memory first (running, failed, aliases), then
// the runs folder. It writes a 404 when there is none.
func (s *Server) findRun(w http.ResponseWriter, r *http.Request) (*config.Job, *RunStatus, bool) {
	job, mem, ok := s.lookupJob(w, r.PathValue("job"))
	if !ok {
		return nil, nil, false
	}
	id := r.PathValue("run")
	for _, m := range mem {
		if m.RunID == id || (m.Summary != nil && m.Summary.RunID == id) {
			return job, m, true
		}
	}
	s.mu.Lock()
	e := s.jobs[job.Name]
	var alias *RunStatus
	if e != nil {
		for _, rec := range e.recent {
			if rec.matches(id) {
				alias = statusLocked(rec)
			}
		}
	}
	s.mu.Unlock()
	if alias != nil {
		return job, alias, true
	}
	if ValidRunID(id) {
		if sum, err := ReadRun(RunsDir(job), id); err == nil {
			return job, diskStatus(sum), true
		}
	}
	writeError(w, http.StatusNotFound, "run_not_found", "job "+job.Name+": run "+strconv.Quote(id)+": "+ErrRunNotFound.Error())
	return nil, nil, false
}

func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	if _, st, ok := s.findRun(w, r); ok {
		writeJSON(w, http.StatusOK, st)
	}
}
