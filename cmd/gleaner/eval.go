package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/gleaner-news/gleaner/internal/eval"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

const evalUsage = `Usage: gleaner eval [--per-page] [--json] [--workers N] [--floors FILE] [--suggest-floors] SET_DIR...

Scores gleaner's extractor on labelled page sets. A SET_DIR holds gold.jsonl and
its pages; a folder without gold.jsonl stands for its subfolders that have one
(so "gleaner eval ../shared/corpus" scores every set). For each set it prints
the body (AEB shingle metric, CJK split and unsplit), snippet, title, author,
date, summary and page-type figures the set labels, coverage and speed.

A page that cannot be read, fails or panics counts as an empty prediction and
is listed; it never stops the run.

With --floors, every figure named in FILE (set -> figure -> floor, see
quality/README.md) is checked: exit 1 and the breaches on stderr when any is
below its floor. Floored sets not given on the command line are not checked.
--suggest-floors prints a floors file from this run's figures instead.

Exit codes: 0 done (and floors met), 1 a floor breached or interrupted,
2 usage error, unreadable set or floors file.

Flags:
`

// floorMargin is what --suggest-floors takes off each figure, so that run to
// run noise does not fail the gate.
const floorMargin = 0.005

func evalCommand() command {
	return command{
		name:    "eval",
		summary: "score the extractor on labelled page sets (the quality gate)",
		run:     runEval,
	}
}

func runEval(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	perPage := fs.Bool("per-page", false, "list every page, worst first, predicted against gold")
	asJSON := fs.Bool("json", false, "print one JSON document instead of text")
	workers := fs.Int("workers", 1, "pages extracted at once (1 keeps per-page times comparable)")
	floorsPath := fs.String("floors", "", "fail (exit 1) when a figure is below its floor in this JSON `file`")
	suggest := fs.Bool("suggest-floors", false, "print a floors file from this run (figures less 0.005) instead of the report")
	fs.Usage = func() {
		fmt.Fprint(env.stderr, evalUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.stderr, "gleaner eval: name at least one SET_DIR")
		fs.Usage()
		return exitUsage
	}
	if *workers < 1 {
		fmt.Fprintln(env.stderr, "gleaner eval: --workers must be at least 1")
		return exitUsage
	}
	var floors eval.Floors
	if *floorsPath != "" {
		var err error
		if floors, err = eval.LoadFloors(*floorsPath); err != nil {
			fmt.Fprintf(env.stderr, "gleaner eval: %v\n", err)
			return exitUsage
		}
	}
	dirs, err := eval.FindSets(fs.Args())
	if err != nil {
		fmt.Fprintf(env.stderr, "gleaner eval: %v\n", err)
		return exitUsage
	}
	sets := make([]*eval.Set, 0, len(dirs))
	for _, dir := range dirs {
		set, err := eval.LoadSet(dir)
		if err != nil {
			fmt.Fprintf(env.stderr, "gleaner eval: %v\n", err)
			return exitUsage
		}
		sets = append(sets, set)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		fmt.Fprintf(env.stderr, "gleaner eval: %v\n", err)
		return exitUsage
	}
	extractPage := gleanerExtractFunc(ex)
	reports := make([]*eval.SetReport, 0, len(sets))
	for _, set := range sets {
		r, err := eval.Evaluate(ctx, set, extractPage, eval.Options{Workers: *workers})
		if err != nil {
			fmt.Fprintf(env.stderr, "gleaner eval: %v\n", err)
			return exitFailures
		}
		reports = append(reports, r)
	}
	report := eval.NewReport(reports)
	switch {
	case *suggest:
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(eval.SuggestFloors(report, floorMargin))
	case *asJSON:
		err = report.WriteJSON(env.stdout, *perPage)
	default:
		err = report.WriteText(env.stdout, *perPage)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "gleaner eval: write report: %v\n", err)
		return exitFailures
	}
	if floors == nil {
		return exitOK
	}
	breaches, unchecked := floors.Check(report)
	if len(unchecked) > 0 {
		fmt.Fprintf(env.stderr, "gleaner eval: floors not checked (sets not evaluated): %s\n", strings.Join(unchecked, ", "))
	}
	if len(breaches) == 0 {
		fmt.Fprintln(env.stderr, "gleaner eval: all floors met")
		return exitOK
	}
	for _, b := range breaches {
		fmt.Fprintf(env.stderr, "gleaner eval: floor breached: %s\n", b)
	}
	return exitFailures
}

// gleanerExtractFunc scores gleaner's own path: decode and parse once with
// htmldoc, then extract. The page's bytes are decoded without a
// Content-Type header, as for a saved file.
func gleanerExtractFunc(ex *extract.Extractor) eval.ExtractFunc {
	return func(_ context.Context, page eval.Page) (eval.Prediction, error) {
		doc, err := htmldoc.Parse(page.HTML, "", page.URL)
		if err != nil {
			return eval.Prediction{}, fmt.Errorf("parse: %w", err)
		}
		res, err := ex.Extract(doc)
		if err != nil {
			return eval.Prediction{}, fmt.Errorf("extract: %w", err)
		}
		if res == nil {
			return eval.Prediction{}, errors.New("extract: no result")
		}
		rec := res.Record
		return eval.Prediction{
			Title:     rec.Title,
			Authors:   rec.Authors,
			Published: rec.Published,
			Summary:   rec.Summary,
			Body:      rec.Body,
			IsArticle: res.IsArticle,
		}, nil
	}
}
