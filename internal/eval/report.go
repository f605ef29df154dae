package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// UnionName is the pseudo-set under which [Report.Figures] and floors file
// the page-type figures of all sets that label page_type together.
const UnionName = "union"

// Report is the result of one eval run over one or more sets.
type Report struct {
	Sets []*SetReport `json:"sets"`
	// PageTypeUnion sums the page-type decisions of every set that labels
	// page_type (wcxb-dev's articles and wcxb-dev-other's non-articles); nil
	// when fewer than two sets do.
	PageTypeUnion *PageTypeScore `json:"page_type_union,omitempty"`
	// UnionSets names the sets in PageTypeUnion.
	UnionSets []string `json:"page_type_union_sets,omitempty"`
}

// NewReport gathers set reports and computes the page-type union.
func NewReport(sets []*SetReport) *Report {
	r := &Report{Sets: sets}
	var union PageTypeScore
	for _, s := range sets {
		if s.PageType != nil {
			union.Merge(*s.PageType)
			r.UnionSets = append(r.UnionSets, s.Name)
		}
	}
	if len(r.UnionSets) >= 2 {
		r.PageTypeUnion = &union
	} else {
		r.UnionSets = nil
	}
	return r
}

// Figures flattens the report's quality figures into set name → figure name
// → value, the names floors use: "coverage", "body.f1", "body.precision",
// "body.recall", "body_unsplit.f1", "snippets.f1", "title.accuracy",
// "authors.accuracy", "authors.partial_f1", "published.accuracy",
// "published.f1", "summary.accuracy", "summary.partial_f1", "page_type.f1",
// "page_type.accuracy", ...; the union's page-type figures are under
// [UnionName]. Speed is not a quality figure and is left out.
func (r *Report) Figures() map[string]map[string]float64 {
	all := make(map[string]map[string]float64)
	for _, s := range r.Sets {
		f := map[string]float64{"coverage": s.Coverage}
		if s.Body != nil {
			putPRF(f, "body", s.Body.Precision, s.Body.Recall, s.Body.F1)
			putPRF(f, "body_unsplit", s.BodyUnsplit.Precision, s.BodyUnsplit.Recall, s.BodyUnsplit.F1)
		}
		if s.Snippets != nil {
			putPRF(f, "snippets", s.Snippets.Precision, s.Snippets.Recall, s.Snippets.F1)
		}
		for name, fs := range map[string]*FieldScore{"title": s.Title, "authors": s.Authors, "published": s.Published, "summary": s.Summary} {
			if fs == nil {
				continue
			}
			putPRF(f, name, fs.Precision, fs.Recall, fs.F1)
			f[name+".accuracy"] = fs.Accuracy
			if fs.PartialF1 != nil {
				f[name+".partial_f1"] = *fs.PartialF1
			}
		}
		if s.PageType != nil {
			putPRF(f, "page_type", s.PageType.Precision, s.PageType.Recall, s.PageType.F1)
			f["page_type.accuracy"] = s.PageType.Accuracy
		}
		all[s.Name] = f
	}
	if u := r.PageTypeUnion; u != nil {
		f := map[string]float64{"page_type.accuracy": u.Accuracy}
		putPRF(f, "page_type", u.Precision, u.Recall, u.F1)
		all[UnionName] = f
	}
	return all
}

func putPRF(f map[string]float64, name string, p, r, f1 float64) {
	f[name+".precision"] = p
	f[name+".recall"] = r
	f[name+".f1"] = f1
}

// jsonSet is a set report with its pages, for --json --per-page.
type jsonSet struct {
	*SetReport
	PageResults []PageResult `json:"page_results"`
}

// WriteJSON writes the report as one indented JSON document; with perPage
// each set also lists its pages, worst first.
func (r *Report) WriteJSON(w io.Writer, perPage bool) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if !perPage {
		return enc.Encode(r)
	}
	sets := make([]jsonSet, len(r.Sets))
	for i, s := range r.Sets {
		sets[i] = jsonSet{SetReport: s, PageResults: s.WorstFirst()}
	}
	return enc.Encode(struct {
		Sets          []jsonSet      `json:"sets"`
		PageTypeUnion *PageTypeScore `json:"page_type_union,omitempty"`
		UnionSets     []string       `json:"page_type_union_sets,omitempty"`
	}{sets, r.PageTypeUnion, r.UnionSets})
}

// maxListedErrors bounds the failed pages listed per set in text output.
const maxListedErrors = 10

// WriteText writes a human-readable summary per set; with perPage it lists
// each set's pages worst first, predicted against gold.
func (r *Report) WriteText(w io.Writer, perPage bool) error {
	tw := &textWriter{w: w}
	for _, s := range r.Sets {
		tw.set(s)
		if perPage {
			tw.pages(s)
		}
	}
	if u := r.PageTypeUnion; u != nil {
		tw.printf("== page type over %s\n", strings.Join(r.UnionSets, " + "))
		tw.pageType(u)
	}
	return tw.err
}

// textWriter keeps the first write error so the printing code stays linear.
type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) set(s *SetReport) {
	t.printf("== %s: %d pages, coverage %d/%d (%.1f%%)\n", s.Name, s.Pages, s.Extracted, s.Pages, 100*s.Coverage)
	t.printf("   time/page median %.1f ms, p95 %.1f ms; %.1f pages/s (%d worker(s), %.1f s)\n",
		s.Timing.MedianMS, s.Timing.P95MS, s.Timing.PagesPerSecond, s.Timing.Workers, s.Timing.WallSeconds)
	if b := s.Body; b != nil {
		t.printf("   %-10s P %.3f  R %.3f  F1 %.3f  (%d pages, %d exact; unsplit P %.3f R %.3f F1 %.3f)\n",
			"body", b.Precision, b.Recall, b.F1, b.Pages, b.Exact,
			s.BodyUnsplit.Precision, s.BodyUnsplit.Recall, s.BodyUnsplit.F1)
	}
	if sn := s.Snippets; sn != nil {
		t.printf("   %-10s P %.3f  R %.3f  F1 %.3f  (with found %d, missing %d; without found %d, absent %d)\n",
			"snippets", sn.Precision, sn.Recall, sn.F1, sn.TP, sn.FN, sn.FP, sn.TN)
	}
	t.field("title", s.Title)
	t.field("authors", s.Authors)
	t.field("published", s.Published)
	t.field("summary", s.Summary)
	if s.PageType != nil {
		t.pageType(s.PageType)
	}
	for i, e := range s.Errors {
		if i == maxListedErrors {
			t.printf("   ... and %d more failed pages\n", len(s.Errors)-i)
			break
		}
		t.printf("   failed %s: %s\n", e.ID, firstLine(e.Err))
	}
}

func (t *textWriter) field(name string, f *FieldScore) {
	if f == nil {
		return
	}
	t.printf("   %-10s acc %.3f (%d/%d)  P %.3f  R %.3f  F1 %.3f", name, f.Accuracy, f.Correct, f.Labelled, f.Precision, f.Recall, f.F1)
	if f.PartialF1 != nil {
		t.printf("  partial F1 %.3f", *f.PartialF1)
	}
	t.printf("\n")
}

func (t *textWriter) pageType(p *PageTypeScore) {
	t.printf("   %-10s P %.3f  R %.3f  F1 %.3f  acc %.3f  (tp %d fp %d fn %d tn %d)\n",
		"page_type", p.Precision, p.Recall, p.F1, p.Accuracy, p.TP, p.FP, p.FN, p.TN)
}

// pages lists a set's pages worst first with what was predicted against the gold.
func (t *textWriter) pages(s *SetReport) {
	for _, p := range s.WorstFirst() {
		g := p.Gold
		t.printf("-- %s/%s  body F1 %.3f  misses %d  %.1f ms\n", s.Name, p.ID, p.BodyF1, p.Misses, float64(p.Duration.Microseconds())/1000)
		if p.Err != "" {
			t.printf("   error: %s\n", firstLine(p.Err))
		}
		if p.Title != nil && !p.Title.Correct {
			t.printf("   title     pred %q\n             gold %q\n", p.Prediction.Title, *g.Title)
		}
		if p.Authors != nil && !p.Authors.Correct {
			t.printf("   authors   pred %q\n             gold %q\n", p.Prediction.Authors, *g.Authors)
		}
		if p.Published != nil && !p.Published.Correct {
			t.printf("   published pred %q\n             gold %q\n", p.Prediction.Published, *g.Published)
		}
		if p.Summary != nil && !p.Summary.Correct {
			t.printf("   summary   pred %q\n             gold %q\n", clip(p.Prediction.Summary), clip(*g.Summary))
		}
		if p.PageTypeRight != nil && !*p.PageTypeRight {
			t.printf("   page type gold %s, predicted article=%v\n", *g.PageType, p.Prediction.IsArticle)
		}
		if p.Snippets != nil && p.Snippets.FN+p.Snippets.FP > 0 {
			t.printf("   snippets  with missing %d, without found %d\n", p.Snippets.FN, p.Snippets.FP)
		}
		if p.Body != nil && p.BodyF1 < 1 {
			t.printf("   body      pred %d chars %q\n             gold %d chars %q\n",
				len(p.Prediction.Body), clip(p.Prediction.Body), len(*g.Body), clip(*g.Body))
		}
	}
}

// clip shortens s to its first 160 characters on one line, for listings.
func clip(s string) string {
	s = normalizeSpace(s)
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
