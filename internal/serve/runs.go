package serve

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// Run statuses as the API reports them.
const (
	StatusRunning  = "running"
	StatusFinished = "finished" // the pipeline returned a summary (interrupted or not)
	StatusFailed   = "failed"   // the run could not start or its state or output failed
)

// Triggers say what started a run.
const (
	TriggerSchedule = "schedule" // the job's cron schedule came due
	TriggerAPI      = "api"      // POST /v1/jobs/{job}/runs or Server.Trigger
)

// keepRecent is how many runs per job the server remembers in memory, for
// runs that left no summary (failed to start) and for id aliases.
const keepRecent = 20

// runRecord is one run started by this server.
type runRecord struct {
	id       string // the stamp of the second it started
	job      string
	trigger  string
	started  time.Time
	counters *pipeline.Counters
	cancel   context.CancelFunc

	// Set when it ends, under Server.mu.
	status   string
	finished time.Time
	summary  *pipeline.Summary
	err      string
}

// matches reports whether id names this run: its own id or the pipeline's.
func (r *runRecord) matches(id string) bool {
	return r.id == id || (r.summary != nil && r.summary.RunID == id)
}

// Trigger starts a run of the named job now and returns its run id. It
// fails with [ErrUnknownJob], [ErrRunInProgress] (the id of the run going is
// in the error text), [ErrShuttingDown], or an error matching
// config.ErrInvalid when the job's file never loaded.
func (s *Server) Trigger(name string) (runID string, err error) {
	rec, err := s.startRun(name, TriggerAPI)
	if err != nil {
		return "", err
	}
	return rec.id, nil
}

// scheduled is what cron calls: start a run, or count it as skipped.
func (s *Server) scheduled(name string) {
	_, err := s.startRun(name, TriggerSchedule)
	switch {
	case err == nil:
	case isRunInProgress(err):
		s.metrics.skipped.WithLabelValues(name).Inc()
		s.log.Warn("scheduled run skipped: the previous run is still going", "job", name)
	default:
		s.log.Warn("scheduled run not started", "job", name, "err", err)
	}
}

// runInProgressError is ErrRunInProgress with the id of the run going.
type runInProgressError struct{ job, runID string }

func (e *runInProgressError) Error() string {
	return fmt.Sprintf("job %s: %v (run %s)", e.job, ErrRunInProgress, e.runID)
}
func (e *runInProgressError) Unwrap() error { return ErrRunInProgress }

func isRunInProgress(err error) bool {
	_, ok := err.(*runInProgressError)
	return ok
}

func (s *Server) startRun(name, trigger string) (*runRecord, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return nil, ErrShuttingDown
	}
	e := s.jobs[name]
	if e == nil {
		return nil, fmt.Errorf("job %q: %w", name, ErrUnknownJob)
	}
	if e.job == nil {
		return nil, fmt.Errorf("job %q: %w: %s", name, config.ErrInvalid, e.configErr)
	}
	if e.active != nil {
		if trigger == TriggerSchedule {
			e.skipped++
		}
		return nil, &runInProgressError{job: name, runID: e.active.id}
	}
	// Run files are named by the second: a run that would share its
	// predecessor's second starts at the next one instead.
	if e.lastStart.IsZero() {
		e.lastStart = newestRunStart(RunsDir(e.job)) // a run of a previous process
	}
	start := time.Now().UTC().Truncate(time.Second)
	if !start.After(e.lastStart) {
		start = e.lastStart.Add(time.Second)
	}
	e.lastStart = start
	ctx, cancel := context.WithCancel(s.runCtx)
	rec := &runRecord{
		id: start.Format(pipeline.StampFormat), job: name, trigger: trigger, started: start,
		counters: &pipeline.Counters{}, cancel: cancel, status: StatusRunning,
	}
	e.active = rec
	s.runs.Add(1)
	go s.execute(ctx, e, e.job, rec)
	return rec, nil
}

// newestRunStart returns the time of the newest run stamp in dir, or zero.
// Only names are read: this runs under Server.mu.
func newestRunStart(dir string) time.Time {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return time.Time{}
	}
	var newest time.Time
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || !ValidRunID(id) {
			continue
		}
		if t, err := time.Parse(pipeline.StampFormat, id); err == nil && t.After(newest) {
			newest = t
		}
	}
	return newest
}

// execute runs one job to its end and files the result.
func (s *Server) execute(ctx context.Context, e *jobEntry, job *config.Job, rec *runRecord) {
	defer s.runs.Done()
	defer rec.cancel()
	log := s.log.With("job", rec.job, "run", rec.id, "trigger", rec.trigger)
	if wait := time.Until(rec.started); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
	}
	log.Info("run starting")
	sum, err := pipeline.Run(ctx, job, pipeline.Options{
		Logger:   log,
		Counters: rec.counters,
		Observer: s.metrics.observer(),
	})
	finished := time.Now()

	s.mu.Lock()
	rec.finished, rec.summary = finished, sum
	rec.status = StatusFinished
	if err != nil {
		rec.err = err.Error()
		if sum == nil {
			rec.status = StatusFailed
		}
	}
	e.active = nil
	e.recent = append([]*runRecord{rec}, e.recent...)
	if len(e.recent) > keepRecent {
		e.recent = e.recent[:keepRecent]
	}
	s.mu.Unlock()

	s.metrics.runEnded(rec, err)
	if err != nil {
		log.Error("run failed", "err", err)
		return
	}
	log.Info("run ended", "fetched", sum.PagesFetched, "articles", sum.ArticlesWritten,
		"interrupted", sum.Interrupted, "seconds", sum.DurationSeconds)
}
