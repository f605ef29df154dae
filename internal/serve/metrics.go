package serve

import (
	"time"

	"github.com/gleaner-news/gleaner/internal/pipeline"
	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the server's Prometheus metrics, in a registry it owns.
// Totals grow when a run ends (from its final figures, so they agree with
// the run summaries); live figures of runs going come from liveCollector.
type metrics struct {
	reg            *prometheus.Registry
	pagesFetched   *prometheus.CounterVec
	articles       *prometheus.CounterVec
	errors         *prometheus.CounterVec
	requestSeconds *prometheus.HistogramVec
	runSeconds     *prometheus.HistogramVec
	runs           *prometheus.CounterVec
	skipped        *prometheus.CounterVec
	lastSuccess    *prometheus.GaugeVec
	reloads        *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		pagesFetched: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gleaner_pages_fetched_total", Help: "Responses received by finished runs (any status).",
		}, []string{"job"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gleaner_articles_written_total", Help: "Records written by finished runs.",
		}, []string{"job"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gleaner_page_errors_total", Help: "Pages that failed in finished runs, by error kind.",
		}, []string{"job", "kind"}),
		requestSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gleaner_request_duration_seconds",
			Help:    "Time per fetch, by host (failed fetches included).",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"host"}),
		runSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gleaner_run_duration_seconds",
			Help:    "Wall time of runs, by job.",
			Buckets: []float64{1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 14400},
		}, []string{"job"}),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gleaner_runs_total", Help: "Runs ended, by job and result: ok, interrupted or failed.",
		}, []string{"job", "result"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gleaner_runs_skipped_total", Help: "Scheduled runs skipped because a run of the job was going.",
		}, []string{"job"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "gleaner_last_success_timestamp_seconds", Help: "Unix time the job's last complete, error-free run ended.",
		}, []string{"job"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gleaner_config_reloads_total", Help: "Job folder reloads, by result: ok or error (folder unreadable).",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.pagesFetched, m.articles, m.errors, m.requestSeconds, m.runSeconds,
		m.runs, m.skipped, m.lastSuccess, m.reloads)
	return m
}

// runEnded adds a finished run's figures.
func (m *metrics) runEnded(rec *runRecord, err error) {
	job := rec.job
	m.pagesFetched.WithLabelValues(job).Add(float64(rec.counters.Fetched.Load()))
	m.articles.WithLabelValues(job).Add(float64(rec.counters.Articles.Load()))
	m.runSeconds.WithLabelValues(job).Observe(rec.finished.Sub(rec.started).Seconds())
	sum := rec.summary
	if sum != nil {
		for kind, n := range sum.ErrorsByKind {
			m.errors.WithLabelValues(job, kind).Add(float64(n))
		}
	}
	switch {
	case sum == nil:
		m.runs.WithLabelValues(job, "failed").Inc()
	case sum.Interrupted:
		m.runs.WithLabelValues(job, "interrupted").Inc()
	default:
		m.runs.WithLabelValues(job, "ok").Inc()
		if err == nil {
			m.lastSuccess.WithLabelValues(job).Set(float64(rec.finished.Unix()))
		}
	}
}

// observer returns the pipeline.Observer that feeds the latency histogram.
func (m *metrics) observer() pipeline.Observer { return fetchObserver{m.requestSeconds} }

type fetchObserver struct{ h *prometheus.HistogramVec }

func (o fetchObserver) Fetched(host string, _ int, elapsed time.Duration) {
	o.h.WithLabelValues(host).Observe(elapsed.Seconds())
}

// liveCollector reports what is true now: per job, whether it runs, the
// frontier size, the current run's figures and config errors.
type liveCollector struct{ s *Server }

var (
	descRunning     = prometheus.NewDesc("gleaner_job_running", "1 while a run of the job is going.", []string{"job"}, nil)
	descQueue       = prometheus.NewDesc("gleaner_queue_size", "URLs in the job's frontier: live while it runs, else as the last run left it.", []string{"job"}, nil)
	descLiveFetched = prometheus.NewDesc("gleaner_current_run_pages_fetched", "Pages fetched so far by the run going.", []string{"job"}, nil)
	descLiveArts    = prometheus.NewDesc("gleaner_current_run_articles_written", "Records written so far by the run going.", []string{"job"}, nil)
	descLiveErrors  = prometheus.NewDesc("gleaner_current_run_errors", "Pages failed so far in the run going.", []string{"job"}, nil)
	descConfigErr   = prometheus.NewDesc("gleaner_job_config_error", "1 when the job's file does not load (the previous version keeps running).", []string{"job"}, nil)
	descSkippedNow  = prometheus.NewDesc("gleaner_job_skipped_runs", "Scheduled runs skipped since the job was loaded.", []string{"job"}, nil)
)

func (c liveCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descRunning, descQueue, descLiveFetched, descLiveArts, descLiveErrors, descConfigErr, descSkippedNow} {
		ch <- d
	}
}

func (c liveCollector) Collect(ch chan<- prometheus.Metric) {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	gauge := func(d *prometheus.Desc, v float64, job string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, job)
	}
	for name, e := range c.s.jobs {
		running, configErr := 0.0, 0.0
		if e.configErr != "" {
			configErr = 1
		}
		gauge(descConfigErr, configErr, name)
		gauge(descSkippedNow, float64(e.skipped), name)
		if a := e.active; a != nil {
			running = 1
			gauge(descQueue, float64(a.counters.Queued.Load()), name)
			gauge(descLiveFetched, float64(a.counters.Fetched.Load()), name)
			gauge(descLiveArts, float64(a.counters.Articles.Load()), name)
			gauge(descLiveErrors, float64(a.counters.Errors.Load()), name)
		} else if len(e.recent) > 0 && e.recent[0].summary != nil {
			gauge(descQueue, float64(e.recent[0].summary.Queued), name)
		}
		gauge(descRunning, running, name)
	}
}
