package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/demo"
	"github.com/gleaner-news/gleaner/internal/pipeline"
)

func demoCommand() command {
	return command{
		name:    "demo",
		summary: "crawl the bundled offline news portal (loopback only) and show the output",
		run:     runDemo,
	}
}

func runDemo(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var (
		jobFile  string
		jf       jobFlags
		lf       logFlags
		progress string
	)
	fs.StringVar(&jobFile, "config", "configs/demo.yaml", "the demo job file")
	jf.register(fs)
	lf.register(fs)
	fs.StringVar(&progress, "progress", "auto", "progress display: auto, line, log or none")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: gleaner demo [flags]

Serves the bundled news portal (Chinese and English articles, GBK pages,
list pages, a robots.txt, a sitemap and a feed) on 127.0.0.1, crawls it with
configs/demo.yaml and prints the run summary and where the records are.
Nothing leaves the machine. Run it from the repository's root folder.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	log, err := lf.logger(env.stderr)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner demo:", err)
		return exitUsage
	}
	job, err := config.Load(jobFile)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner demo:", err)
		return exitUsage
	}
	srv, err := demo.Start(ctx)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner demo: start the portal:", err)
		return exitFailures
	}
	defer srv.Close()
	err = demo.Configure(job, srv.URL)
	if err == nil {
		err = jf.apply(job)
	}
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner demo:", err)
		return exitUsage
	}
	fmt.Fprintf(env.stdout, "demo portal serving at %s\n", srv.URL)
	code, sum := crawlJob(ctx, env, job, pipeline.Options{Logger: log}, progress)
	if sum == nil {
		return code
	}
	fmt.Fprintf(env.stdout, "\nLook at the records with, for example:\n  head -n 1 %s/articles-*.jsonl | python3 -m json.tool\n", pipeline.JobDir(job))
	if onlyDeliberateFailures(sum) {
		// The portal links to one missing page on purpose; that error entry
		// shows what a dead link looks like, it is not a failed demo.
		fmt.Fprintf(env.stdout, "(The one http_404 error is the portal's deliberately broken link %s.)\n", demo.MissingPath)
		return exitOK
	}
	return code
}

// onlyDeliberateFailures reports whether the demo run's only failure is the
// portal's deliberately missing page.
func onlyDeliberateFailures(s *pipeline.Summary) bool {
	if len(s.ErrorsByKind) != 1 || s.ErrorsByKind["http_404"] != 1 || len(s.Errors) != 1 {
		return false
	}
	return strings.HasSuffix(s.Errors[0].URL, demo.MissingPath)
}
