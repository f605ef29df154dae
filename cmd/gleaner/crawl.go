package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// jobFlags are the flags that override a job file's settings.
type jobFlags struct {
	output      string
	startURLs   stringList
	maxDepth    int
	maxPages    int
	delay       string
	parallelism int
	since       string
	recheck     bool
}

func (j *jobFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&j.output, "output", "", "output folder (overrides output_dir)")
	fs.Var(&j.startURLs, "start-url", "start URL (repeatable; replaces start_urls)")
	fs.IntVar(&j.maxDepth, "max-depth", -1, "link depth to follow from the start URLs (overrides max_depth)")
	fs.IntVar(&j.maxPages, "max-pages", -1, "stop after this many pages in this run (overrides limits.max_pages)")
	fs.StringVar(&j.delay, "delay", "", "minimum gap between requests to one host, e.g. 500ms (overrides politeness.delay)")
	fs.IntVar(&j.parallelism, "parallelism", 0, "concurrent requests per host (overrides politeness.parallelism)")
	fs.StringVar(&j.since, "since", "", "skip sitemap and feed entries older than this, e.g. 7d (overrides since)")
	fs.BoolVar(&j.recheck, "recheck", false, "re-check known articles for changes (sets recheck: true)")
}

// apply puts the flags that were given over the job's values and re-validates.
func (j *jobFlags) apply(job *config.Job) error {
	if j.output != "" {
		job.OutputDir = j.output
	}
	if len(j.startURLs) > 0 {
		job.StartURLs = j.startURLs
	}
	if j.maxDepth >= 0 {
		job.MaxDepth = j.maxDepth
	}
	if j.maxPages >= 0 {
		job.Limits.MaxPages = j.maxPages
	}
	if j.delay != "" {
		d, err := config.ParseDuration(j.delay)
		if err != nil {
			return fmt.Errorf("--delay: %w", err)
		}
		job.Politeness.Delay = d
	}
	if j.parallelism > 0 {
		job.Politeness.Parallelism = j.parallelism
	}
	if j.since != "" {
		d, err := config.ParseDuration(j.since)
		if err != nil {
			return fmt.Errorf("--since: %w", err)
		}
		job.Since = d
	}
	if j.recheck {
		job.Recheck = true
	}
	return job.Validate()
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func crawlCommand() command {
	return command{
		name:    "crawl",
		summary: "crawl a job's sites and write one JSON record per article",
		run:     runCrawl,
	}
}

func runCrawl(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var jf jobFlags
	var lf logFlags
	var progress string
	jf.register(fs)
	lf.register(fs)
	fs.StringVar(&progress, "progress", "auto", "progress display: auto (a live line on a terminal, log lines otherwise), line, log or none")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: gleaner crawl [flags] JOB.yaml

Crawls the job's start URLs politely (robots.txt, per-host delay), follows list
pages, sitemaps and feeds, and writes each new or changed article to
<output_dir>/<job>/articles-<UTC stamp>.jsonl, with a run summary in
<output_dir>/<job>/runs/. A second run fetches only what is new; a killed or
stopped run resumes where it stopped.

Exit codes: 0 success, 1 finished with failed pages, 2 usage or config error,
75 another run of this job is going.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	log, err := lf.logger(env.stderr)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner crawl:", err)
		return exitUsage
	}
	job, err := config.Load(fs.Arg(0))
	if err == nil {
		err = jf.apply(job)
	}
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner crawl:", err)
		return exitUsage
	}
	code, _ := crawlJob(ctx, env, job, pipeline.Options{Logger: log}, progress)
	return code
}

// crawlJob runs job with progress on env.stderr, prints the summary and
// returns the exit code with the summary (nil when the run did not start).
func crawlJob(ctx context.Context, env *environment, job *config.Job, opts pipeline.Options, progress string) (int, *pipeline.Summary) {
	counters := &pipeline.Counters{}
	opts.Counters = counters
	stop := startProgress(ctx, env.stderr, progress, counters, opts.Logger)
	sum, err := pipeline.Run(ctx, job, opts)
	stop()
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner crawl:", err)
		switch {
		case pipeline.IsLocked(err):
			return exitLocked, nil
		case errors.Is(err, config.ErrInvalid):
			return exitUsage, nil
		}
		return exitFailures, nil
	}
	printSummary(env.stdout, sum)
	if sum.Failed() {
		return exitFailures, sum
	}
	return exitOK, sum
}

// printSummary writes the human-readable end-of-run report.
func printSummary(w io.Writer, s *pipeline.Summary) {
	state := "finished"
	switch {
	case s.Interrupted:
		state = "stopped (the next run resumes)"
	case s.Resumed:
		state = "finished (resumed)"
	}
	fmt.Fprintf(w, "job %s %s in %.1fs\n", s.Job, state, s.DurationSeconds)
	fmt.Fprintf(w, "  pages fetched     %d (%d not modified)\n", s.PagesFetched, s.NotModified)
	fmt.Fprintf(w, "  articles written  %d (%d unchanged)\n", s.ArticlesWritten, s.Unchanged)
	if len(s.Skipped) > 0 {
		fmt.Fprintf(w, "  skipped           %s\n", countsLine(s.Skipped))
	}
	if len(s.ErrorsByKind) > 0 {
		fmt.Fprintf(w, "  errors            %s\n", countsLine(s.ErrorsByKind))
	}
	if s.Queued > 0 {
		fmt.Fprintf(w, "  left in frontier  %d\n", s.Queued)
	}
	if s.OutputFile != "" {
		fmt.Fprintf(w, "  records           %s\n", s.OutputFile)
	}
	fmt.Fprintf(w, "  summary           %s\n", s.SummaryFile)
}

func countsLine(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

// isTerminal reports whether w is a terminal (for the live progress line).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
