package eval

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"runtime/debug"
	"sort"
	"sync"
	"time"
)

// Page is one page handed to an [ExtractFunc].
type Page struct {
	// ID is the page's Gold.ID.
	ID string
	// URL is the page's address, or nil when the set gives none (or it does
	// not parse).
	URL *url.URL
	// HTML is the page's original bytes, undecoded (gunzipped when stored
	// as .gz). The ExtractFunc must not keep it after returning.
	HTML []byte
}

// Prediction is what an extractor found on a page. Zero values mean "nothing
// found".
type Prediction struct {
	Title     string   `json:"title"`
	Authors   []string `json:"authors"`
	Published string   `json:"published"`
	Summary   string   `json:"summary"`
	Body      string   `json:"body"`
	// IsArticle is the extractor's article decision, scored on sets that
	// label page_type.
	IsArticle bool `json:"is_article"`
}

// ExtractFunc extracts one page. It must be safe for concurrent calls when
// [Options.Workers] is above 1. An error or a panic makes the page count as
// an empty prediction.
type ExtractFunc func(ctx context.Context, page Page) (Prediction, error)

// Options tune [Evaluate].
type Options struct {
	// Workers is the number of pages extracted at once; 0 means 1, so that
	// per-page times are comparable between runs.
	Workers int
	// Logger receives a line per failed page at Warn level; nil discards.
	Logger *slog.Logger
}

// PageResult is one page's prediction and scores, kept for diagnosis.
type PageResult struct {
	ID         string     `json:"id"`
	Gold       *Gold      `json:"-"`
	Prediction Prediction `json:"prediction"`
	// Err says why the page counts as an empty prediction ("" when it does not).
	Err string `json:"error,omitempty"`
	// Duration is the extraction call alone: reading and scoring are not in it.
	Duration time.Duration `json:"duration_ns"`
	// Body is the CJK-split shingle match; nil when the body is not labelled.
	Body *ShingleMatch `json:"body,omitempty"`
	// BodyF1 is the page's body F1, 1 when the body is not labelled.
	BodyF1    float64       `json:"body_f1"`
	Title     *FieldMatch   `json:"title,omitempty"`
	Authors   *FieldMatch   `json:"authors,omitempty"`
	Published *FieldMatch   `json:"published,omitempty"`
	Summary   *FieldMatch   `json:"summary,omitempty"`
	Snippets  *SnippetScore `json:"snippets,omitempty"`
	// PageTypeRight is whether the article decision was right; nil when the
	// page type is not labelled.
	PageTypeRight *bool `json:"page_type_right,omitempty"`
	// Misses counts labelled fields (title, authors, published, summary,
	// page type) that were wrong, plus missed or wrongly found snippets.
	Misses int `json:"misses"`

	bodyUnsplit *ShingleMatch
}

// PageError names a page that counted as an empty prediction and why.
type PageError struct {
	ID  string `json:"id"`
	Err string `json:"error"`
}

// Timing describes extraction speed over a set.
type Timing struct {
	// MedianMS and P95MS are per-page extraction call times in milliseconds.
	MedianMS float64 `json:"median_ms"`
	P95MS    float64 `json:"p95_ms"`
	// ExtractSeconds is the sum of extraction call times.
	ExtractSeconds float64 `json:"extract_seconds"`
	// WallSeconds is the whole run: reading, extracting and scoring.
	WallSeconds float64 `json:"wall_seconds"`
	// PagesPerSecond is pages over WallSeconds, with the run's workers.
	PagesPerSecond float64 `json:"pages_per_second"`
	// Workers is how many pages were extracted at once.
	Workers int `json:"workers"`
}

// SetReport is the scores of one set. A field's score is nil when no page of
// the set labels it.
type SetReport struct {
	Name  string `json:"name"`
	Dir   string `json:"dir"`
	Pages int    `json:"pages"`
	// Extracted counts pages read and extracted without error or panic;
	// Coverage is Extracted/Pages.
	Extracted int         `json:"extracted"`
	Coverage  float64     `json:"coverage"`
	Errors    []PageError `json:"errors"`
	Timing    Timing      `json:"timing"`
	// Body is the headline AEB figure with CJK characters split; BodyUnsplit
	// the original tokenisation, comparable with published numbers.
	Body        *BodyScore     `json:"body,omitempty"`
	BodyUnsplit *BodyScore     `json:"body_unsplit,omitempty"`
	Snippets    *SnippetScore  `json:"snippets,omitempty"`
	Title       *FieldScore    `json:"title,omitempty"`
	Authors     *FieldScore    `json:"authors,omitempty"`
	Published   *FieldScore    `json:"published,omitempty"`
	Summary     *FieldScore    `json:"summary,omitempty"`
	PageType    *PageTypeScore `json:"page_type,omitempty"`
	// PageResults holds every page in the set's order.
	PageResults []PageResult `json:"-"`
}

// Evaluate extracts every page of set with extract and scores the results.
// Failing pages are scored as empty predictions and listed in Errors; the only
// error returned is the context's, when it is cancelled.
func Evaluate(ctx context.Context, set *Set, extract ExtractFunc, opts Options) (*SetReport, error) {
	workers := max(1, opts.Workers)
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	start := time.Now()
	results := make([]PageResult, len(set.Gold))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = evaluatePage(ctx, set, &set.Gold[i], extract)
				if results[i].Err != "" {
					logger.Warn("page counted as empty", "set", set.Name, "page", set.Gold[i].ID, "err", results[i].Err)
				}
			}
		}()
	}
feed:
	for i := range set.Gold {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", set.Name, err)
	}
	report := summarize(set, results)
	report.Timing.Workers = workers
	report.Timing.WallSeconds = time.Since(start).Seconds()
	if report.Timing.WallSeconds > 0 {
		report.Timing.PagesPerSecond = float64(report.Pages) / report.Timing.WallSeconds
	}
	return report, nil
}

// evaluatePage reads, extracts and scores one page. Nothing escapes it: read
// errors, extraction errors and panics become the result's Err.
func evaluatePage(ctx context.Context, set *Set, g *Gold, extract ExtractFunc) PageResult {
	res := PageResult{ID: g.ID, Gold: g}
	html, err := set.ReadPage(*g)
	if err != nil {
		res.Err = err.Error()
	} else {
		page := Page{ID: g.ID, HTML: html}
		if g.URL != "" {
			if u, err := url.Parse(g.URL); err == nil {
				page.URL = u
			}
		}
		began := time.Now()
		pred, err := safeExtract(ctx, extract, page)
		res.Duration = time.Since(began)
		if err != nil {
			res.Err = err.Error()
		} else {
			res.Prediction = pred
		}
	}
	scorePage(&res, g)
	return res
}

// safeExtract calls extract, turning a panic into an error.
func safeExtract(ctx context.Context, extract ExtractFunc, page Page) (pred Prediction, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("extractor panicked: %v\n%s", v, debug.Stack())
		}
	}()
	return extract(ctx, page)
}

// scorePage fills the per-page scores of res for the fields g labels.
func scorePage(res *PageResult, g *Gold) {
	p := &res.Prediction
	res.BodyF1 = 1
	if g.Body != nil {
		m := MatchShingles(TokenizeCJK(*g.Body), TokenizeCJK(p.Body))
		u := MatchShingles(Tokenize(*g.Body), Tokenize(p.Body))
		res.Body, res.bodyUnsplit, res.BodyF1 = &m, &u, m.F1()
	}
	if g.With != nil || g.Without != nil {
		var with, without []string
		if g.With != nil {
			with = *g.With
		}
		if g.Without != nil {
			without = *g.Without
		}
		s := SnippetHits(p.Body, with, without)
		res.Snippets = &s
		res.Misses += s.FN + s.FP
	}
	field := func(m FieldMatch) *FieldMatch {
		if !m.Correct {
			res.Misses++
		}
		return &m
	}
	if g.Title != nil {
		res.Title = field(MatchTitle(*g.Title, p.Title))
	}
	if g.Authors != nil {
		res.Authors = field(MatchAuthors(*g.Authors, p.Authors))
	}
	if g.Published != nil {
		res.Published = field(MatchPublished(*g.Published, p.Published))
	}
	if g.Summary != nil {
		res.Summary = field(MatchSummary(*g.Summary, p.Summary))
	}
	if g.PageType != nil {
		right := (*g.PageType == "article") == p.IsArticle
		res.PageTypeRight = &right
		if !right {
			res.Misses++
		}
	}
}

// summarize aggregates per-page results into a set report.
func summarize(set *Set, results []PageResult) *SetReport {
	r := &SetReport{Name: set.Name, Dir: set.Dir, Pages: len(results), PageResults: results, Errors: []PageError{}}
	var body, unsplit []ShingleMatch
	var durations []time.Duration
	for i := range results {
		res := &results[i]
		if res.Err != "" {
			r.Errors = append(r.Errors, PageError{ID: res.ID, Err: res.Err})
		} else {
			r.Extracted++
		}
		if res.Duration > 0 {
			durations = append(durations, res.Duration)
			r.Timing.ExtractSeconds += res.Duration.Seconds()
		}
		if res.Body != nil {
			body = append(body, *res.Body)
			unsplit = append(unsplit, *res.bodyUnsplit)
		}
		if res.Snippets != nil {
			if r.Snippets == nil {
				r.Snippets = &SnippetScore{}
			}
			r.Snippets.Add(*res.Snippets)
		}
		addField(&r.Title, res.Title, false)
		addField(&r.Authors, res.Authors, true)
		addField(&r.Published, res.Published, false)
		addField(&r.Summary, res.Summary, true)
		if res.PageTypeRight != nil {
			if r.PageType == nil {
				r.PageType = &PageTypeScore{}
			}
			r.PageType.Add(*res.Gold.PageType == "article", res.Prediction.IsArticle)
		}
	}
	r.Coverage = ratio(r.Extracted, r.Pages)
	if len(body) > 0 {
		b, u := ScoreBody(body), ScoreBody(unsplit)
		r.Body, r.BodyUnsplit = &b, &u
	}
	r.Timing.MedianMS = percentileMS(durations, 0.50)
	r.Timing.P95MS = percentileMS(durations, 0.95)
	return r
}

func addField(dst **FieldScore, m *FieldMatch, hasPartial bool) {
	if m == nil {
		return
	}
	if *dst == nil {
		*dst = &FieldScore{}
	}
	(*dst).Add(*m, hasPartial)
}

// percentileMS is the nearest-rank q-quantile of ds in milliseconds, 0 for none.
func percentileMS(ds []time.Duration, q float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	sorted := append([]time.Duration(nil), ds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	rank := int(q*float64(len(sorted))+0.999999) - 1 // ceil(q·n), 1-based
	rank = min(max(rank, 0), len(sorted)-1)
	return float64(sorted[rank]) / float64(time.Millisecond)
}

// WorstFirst returns the set's pages ordered for diagnosis: lowest body F1
// first, then most field misses, then id.
func (r *SetReport) WorstFirst() []PageResult {
	pages := append([]PageResult(nil), r.PageResults...)
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.BodyF1 != b.BodyF1 {
			return a.BodyF1 < b.BodyF1
		}
		if a.Misses != b.Misses {
			return a.Misses > b.Misses
		}
		return a.ID < b.ID
	})
	return pages
}
