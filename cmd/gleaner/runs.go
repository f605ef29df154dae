package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/pipeline"
	"github.com/gleaner-news/gleaner/internal/serve"
)

func runsCommand() command {
	return command{
		name:    "runs",
		summary: "list a job's past runs, newest first",
		run:     runRuns,
	}
}

func runRuns(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("runs", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	configs := fs.String("configs", serve.DefaultConfigDir, "folder to find JOBNAME in")
	asJSON := fs.Bool("json", false, "print the run summaries as a JSON array")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: gleaner runs [flags] JOB.yaml|JOBNAME

Lists the runs kept in <output_dir>/<job>/runs/, newest first: when each
started, how long it took, pages fetched, articles written, pages failed, and
whether it was interrupted (the next run resumes) or resumed an earlier one.
JOBNAME is looked up among the job files of --configs.

Flags:`)
		fs.PrintDefaults()
	}
	// Flags may come after the job, as in "gleaner runs news --json".
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return flagExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		fs.Usage()
		return exitUsage
	}
	job, err := findJob(positional[0], *configs)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner runs:", err)
		return exitUsage
	}
	dir := serve.RunsDir(job)
	sums, err := serve.ListRuns(dir)
	if err != nil {
		// Summaries that loaded are still listed.
		fmt.Fprintln(env.stderr, "gleaner runs:", err)
	}
	if *asJSON {
		if sums == nil {
			sums = []*pipeline.Summary{}
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sums); err != nil {
			fmt.Fprintln(env.stderr, "gleaner runs:", err)
			return exitFailures
		}
	} else if len(sums) == 0 {
		fmt.Fprintf(env.stderr, "gleaner runs: job %s has no runs in %s\n", job.Name, dir)
	} else {
		printRuns(env.stdout, sums)
	}
	if err != nil {
		return exitFailures
	}
	return exitOK
}

// findJob loads arg as a job file when it names one, else finds the job
// called arg among the files of dir.
func findJob(arg, dir string) (*config.Job, error) {
	lower := strings.ToLower(arg)
	if strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") || strings.ContainsRune(arg, os.PathSeparator) {
		return config.Load(arg)
	}
	jobs, errs := config.LoadDir(dir)
	for _, j := range jobs {
		if j.Name == arg {
			return j, nil
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("no job named %q in %s (files with errors: %w)", arg, dir, errors.Join(errs...))
	}
	return nil, fmt.Errorf("no job named %q in %s", arg, dir)
}

// printRuns writes one aligned line per run.
func printRuns(w io.Writer, sums []*pipeline.Summary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "RUN\tSTARTED (UTC)\tDURATION\tFETCHED\tARTICLES\tERRORS\tSTATE\t")
	for _, s := range sums {
		errs := 0
		for _, n := range s.ErrorsByKind {
			errs += n
		}
		var state []string
		if s.Resumed {
			state = append(state, "resumed")
		}
		if s.Interrupted {
			state = append(state, "interrupted")
		}
		if len(state) == 0 {
			state = append(state, "complete")
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1fs\t%d\t%d\t%d\t%s\t\n", s.RunID, s.Started.UTC().Format("2006-01-02 15:04:05"),
			s.DurationSeconds, s.PagesFetched, s.ArticlesWritten, errs, strings.Join(state, ","))
	}
	tw.Flush()
}
