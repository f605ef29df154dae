package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/robfig/cron/v3"
)

// jobEntry is one job as the server knows it. Fields are guarded by Server.mu.
type jobEntry struct {
	name      string
	file      string
	job       *config.Job // the version that runs; nil when the file never loaded
	configErr string      // why the file's current content does not load; "" when it does
	schedule  string      // the schedule cronID was made from
	cronID    cron.EntryID
	skipped   int64 // scheduled runs skipped because one was going
	lastStart time.Time
	active    *runRecord
	recent    []*runRecord // newest first
}

// fileStamp is what polling compares to notice a changed file.
type fileStamp struct {
	size    int64
	modTime time.Time
}

// jobFiles lists the job files of dir as config.LoadDir does: *.yaml and
// *.yml directly in it, no hidden files, in name order.
func jobFiles(dir string) (map[string]fileStamp, []string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read job folder: %w", err)
	}
	stamps := map[string]fileStamp{}
	var names []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed while listing
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read job folder: %w", err)
		}
		stamps[path] = fileStamp{size: info.Size(), modTime: info.ModTime()}
		names = append(names, path)
	}
	sort.Strings(names)
	return stamps, names, nil
}

// Reload reads the job folder again. Changed jobs take effect from their
// next run (a run going keeps its version); a file that no longer loads
// keeps its previous job and shows the error; removed files unschedule their
// jobs. Only a folder that cannot be read is an error, and then nothing
// changes.
func (s *Server) Reload() error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	stamps, paths, err := jobFiles(s.opts.ConfigDir)
	if err != nil {
		s.metrics.reloads.WithLabelValues("error").Inc()
		s.log.Error("reload failed", "dir", s.opts.ConfigDir, "err", err)
		return err
	}
	type loaded struct {
		job *config.Job
		err error
	}
	results := make(map[string]loaded, len(paths))
	for _, p := range paths {
		j, err := config.Load(p)
		results[p] = loaded{j, err}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	byFile := map[string]*jobEntry{}
	for _, e := range s.jobs {
		byFile[e.file] = e
	}
	next := map[string]*jobEntry{}
	broken := 0
	for _, p := range paths {
		res := results[p]
		prev := byFile[p]
		if res.err == nil {
			if other, dup := next[res.job.Name]; dup {
				res.err = fmt.Errorf("%s: name: job name %q is already used by %s", p, res.job.Name, other.file)
			}
		}
		if res.err != nil {
			broken++
			if prev != nil && next[prev.name] == nil {
				// Keep the version that loaded; say why the file's new content is not used.
				prev.configErr = res.err.Error()
				next[prev.name] = prev
				if prev.job != nil {
					s.log.Error("job file has errors; the previous version keeps running", "file", p, "err", res.err)
				} else {
					s.log.Error("job file has errors", "file", p, "err", res.err)
				}
				continue
			}
			name := jobNameFromFile(p)
			if next[name] == nil {
				next[name] = &jobEntry{name: name, file: p, configErr: res.err.Error()}
			}
			s.log.Error("job file has errors", "file", p, "err", res.err)
			continue
		}
		e := s.jobs[res.job.Name]
		if e == nil {
			e = &jobEntry{name: res.job.Name}
		}
		e.file, e.job, e.configErr = p, res.job, ""
		next[e.name] = e
		s.scheduleLocked(e)
	}
	for name, e := range s.jobs {
		if next[name] != e {
			if e.cronID != 0 {
				s.cron.Remove(e.cronID)
			}
			s.log.Info("job removed", "job", name, "file", e.file)
		}
	}
	s.jobs = next
	s.files = stamps
	s.metrics.reloads.WithLabelValues("ok").Inc()
	s.log.Info("job folder loaded", "dir", s.opts.ConfigDir, "jobs", len(next), "broken_files", broken)
	return nil
}

// scheduleLocked makes e's cron entry match its job's schedule. Callers hold s.mu.
func (s *Server) scheduleLocked(e *jobEntry) {
	want := e.job.Schedule
	if e.cronID != 0 && e.schedule == want {
		return
	}
	if e.cronID != 0 {
		s.cron.Remove(e.cronID)
		e.cronID = 0
	}
	e.schedule = want
	if want == "" {
		return
	}
	name := e.name
	id, err := s.cron.AddFunc(want, func() { s.scheduled(name) })
	if err != nil {
		// config validated the schedule with this parser (config.ScheduleParser); this is a bug.
		e.configErr = fmt.Sprintf("schedule %q: %v", want, err)
		s.log.Error("cannot schedule job", "job", name, "err", err)
		return
	}
	e.cronID = id
}

// pollConfigs reloads when a job file is added, removed or changed, until
// ctx ends. Polling (rather than inotify) works the same on every
// filesystem, network mounts and editors' rename-on-save included.
func (s *Server) pollConfigs(ctx context.Context) {
	if s.opts.ReloadEvery < 0 {
		return
	}
	tick := time.NewTicker(s.opts.ReloadEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		stamps, _, err := jobFiles(s.opts.ConfigDir)
		if err != nil {
			continue // Reload would fail the same way; keep the jobs we have
		}
		s.mu.Lock()
		changed := !sameStamps(stamps, s.files)
		s.mu.Unlock()
		if changed {
			s.log.Info("job folder changed; reloading", "dir", s.opts.ConfigDir)
			_ = s.Reload() // logged by Reload
		}
	}
}

func sameStamps(a, b map[string]fileStamp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || w.size != v.size || !w.modTime.Equal(v.modTime) {
			return false
		}
	}
	return true
}

func jobNameFromFile(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
