package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

func extractCommand() command {
	return command{
		name:    "extract",
		summary: "extract articles from saved pages, folders, stdin or one URL",
		run:     runExtract,
	}
}

// maxSavedPage bounds what extract reads of one saved page (decompressed),
// as the crawler bounds a fetched body.
const maxSavedPage = 64 << 20

// extractInput is one page to extract: a file, stdin or a URL.
type extractInput struct {
	name string // exactly as given or found: the record's "input"
	kind string // "file", "stdin" or "url"
}

// extractOutcome is what extract writes for one input: the record's fields
// with the input, the article decision and, when the page could not be
// read, an error instead of fields.
type extractOutcome struct {
	input   string
	res     *extract.Result
	fetched time.Time
	status  int
	err     error
}

func (o *extractOutcome) MarshalJSON() ([]byte, error) {
	head := struct {
		Input     string  `json:"input"`
		IsArticle bool    `json:"is_article"`
		PageType  *string `json:"page_type"`
		Error     *string `json:"error"`
	}{Input: o.input}
	if o.err != nil {
		msg := o.err.Error()
		head.Error = &msg
		return json.Marshal(head)
	}
	head.IsArticle = o.res.IsArticle
	head.PageType = &o.res.PageType
	h, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	rec := o.res.Record
	rec.FetchedAt, rec.Status, rec.Version = o.fetched, o.status, 1
	rec.Truncate()
	body, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	// Splice the two objects: {"input":...,"error":null,"id":...}.
	return append(append(h[:len(h)-1], ','), body[1:]...), nil
}

func runExtract(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var (
		pageURL    string
		workers    int
		jobFile    string
		timeZone   string
		allowHosts stringList
		obeyRobots bool
	)
	fs.StringVar(&pageURL, "url", "", "the page's URL, when extracting one saved file (resolves links, informs dates and ids)")
	fs.IntVar(&workers, "workers", 1, "pages extracted in parallel; output keeps input order")
	fs.StringVar(&jobFile, "config", "", "job file whose selectors and time_zone to use")
	fs.StringVar(&timeZone, "time-zone", "", "IANA time zone for dates given without one (overrides the job's)")
	fs.Var(&allowHosts, "allow-host", "host a URL input may reach although it is loopback or private (repeatable)")
	fs.BoolVar(&obeyRobots, "obey-robots", true, "honour robots.txt when fetching a URL input")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: gleaner extract [flags] PATH|URL|- ...

Extracts each page with the crawler's extractor and prints one JSON line per
input: the record's fields plus "input" (the path as given or found),
"is_article" and "page_type" (gleaner's decision) and "error" (null, or why
the page could not be read, in which case the record fields are absent).
PATH may be a file (.html, .htm, .html.gz) or a folder, searched recursively;
- reads one page from standard input; http(s) URLs are fetched politely.

Exit codes: 0 every input extracted, 1 some inputs failed, 2 usage error.

Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() == 0 || workers < 1 {
		fs.Usage()
		return exitUsage
	}
	inputs, err := collectInputs(fs.Args())
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner extract:", err)
		return exitUsage
	}
	var base *url.URL
	if pageURL != "" {
		if len(inputs) != 1 {
			fmt.Fprintln(env.stderr, "gleaner extract: --url needs exactly one input page")
			return exitUsage
		}
		if base, err = url.Parse(pageURL); err != nil || !base.IsAbs() {
			fmt.Fprintf(env.stderr, "gleaner extract: --url %q is not an absolute URL\n", pageURL)
			return exitUsage
		}
	}
	opts, err := extractOptions(jobFile, timeZone)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner extract:", err)
		return exitUsage
	}
	ex, err := extract.New(opts)
	if err != nil {
		fmt.Fprintln(env.stderr, "gleaner extract:", err)
		return exitUsage
	}
	var fetcher *crawl.Crawler
	for _, in := range inputs {
		if in.kind == "url" && fetcher == nil {
			if fetcher, err = crawl.New(crawl.Options{ObeyRobots: obeyRobots, AllowHosts: allowHosts}); err != nil {
				fmt.Fprintln(env.stderr, "gleaner extract:", err)
				return exitUsage
			}
			defer fetcher.Close()
		}
	}

	x := &extractor{ex: ex, fetcher: fetcher, stdin: env.stdin, base: base}
	results := make([]chan *extractOutcome, len(inputs))
	for i := range results {
		results[i] = make(chan *extractOutcome, 1)
	}
	next := make(chan int)
	for range min(workers, len(inputs)) {
		go func() {
			for i := range next {
				results[i] <- x.one(ctx, inputs[i])
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range inputs {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()

	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := false
	for i := range inputs {
		var o *extractOutcome
		select {
		case o = <-results[i]:
		case <-ctx.Done():
			return exitFailures
		}
		if o.err != nil {
			failed = true
		}
		if err := enc.Encode(o); err != nil {
			fmt.Fprintln(env.stderr, "gleaner extract:", err)
			return exitFailures
		}
	}
	if failed {
		return exitFailures
	}
	return exitOK
}

// extractOptions reads the selectors and time zone of a job file, if given.
func extractOptions(jobFile, timeZone string) (extract.Options, error) {
	var opts extract.Options
	if jobFile != "" {
		job, err := config.Load(jobFile)
		if err != nil {
			return opts, err
		}
		opts.Location = job.TimeZone.Loc()
		s := job.Selectors
		opts.Selectors = extract.Selectors{Title: s.Title, Authors: s.Authors, Published: s.Published,
			Modified: s.Modified, Body: s.Body, Drop: s.Drop}
	}
	if timeZone != "" {
		loc, err := time.LoadLocation(timeZone)
		if err != nil {
			return opts, fmt.Errorf("--time-zone: %w", err)
		}
		opts.Location = loc
	}
	return opts, nil
}

// collectInputs expands folders into their pages, in lexical order.
func collectInputs(args []string) ([]extractInput, error) {
	var inputs []extractInput
	for _, a := range args {
		switch {
		case a == "-":
			inputs = append(inputs, extractInput{name: a, kind: "stdin"})
		case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
			inputs = append(inputs, extractInput{name: a, kind: "url"})
		default:
			fi, err := os.Stat(a)
			if err != nil {
				// Reported as this input's error record, not a usage error.
				inputs = append(inputs, extractInput{name: a, kind: "file"})
				continue
			}
			if !fi.IsDir() {
				inputs = append(inputs, extractInput{name: a, kind: "file"})
				continue
			}
			err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && isPageFile(path) {
					inputs = append(inputs, extractInput{name: path, kind: "file"})
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return inputs, nil
}

func isPageFile(path string) bool {
	p := strings.ToLower(path)
	for _, ext := range []string{".html", ".htm", ".html.gz", ".htm.gz"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// extractor extracts one input at a time; safe for concurrent use.
type extractor struct {
	ex      *extract.Extractor
	fetcher *crawl.Crawler
	stdin   io.Reader
	base    *url.URL
}

func (x *extractor) one(ctx context.Context, in extractInput) *extractOutcome {
	o := &extractOutcome{input: in.name, fetched: time.Now().UTC()}
	var (
		body        []byte
		contentType string
		pageURL     = x.base
		err         error
	)
	switch in.kind {
	case "url":
		var resp *crawl.Response
		resp, err = x.fetcher.Fetch(ctx, crawl.Request{URL: in.name})
		if err == nil {
			body, contentType, pageURL, o.status = resp.Body, resp.Header.Get("Content-Type"), resp.URL, resp.Status
		}
	case "stdin":
		body, err = htmldoc.ReadSaved(x.stdin, maxSavedPage)
	default:
		body, err = htmldoc.ReadFile(in.name, maxSavedPage)
	}
	if err != nil {
		o.err = err
		return o
	}
	doc, err := htmldoc.Parse(body, contentType, pageURL)
	if err != nil {
		o.err = err
		return o
	}
	o.res, o.err = safeExtract(x.ex, doc)
	return o
}

// safeExtract turns a panic in extraction into this page's error.
func safeExtract(ex *extract.Extractor, doc *htmldoc.Document) (res *extract.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("extraction panicked: %v", p)
		}
	}()
	return ex.Extract(doc)
}
