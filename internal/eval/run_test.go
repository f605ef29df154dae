package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/net/html"
)

// tagExtract is a small real extractor for the runner tests: the <title>, the
// text of each <p> as a line, meta author and article:published_time, and
// "article" when the page has an <article> element. It panics on page "d" to
// exercise the runner's recovery.
func tagExtract(_ context.Context, page Page) (Prediction, error) {
	if page.ID == "d" {
		panic("boom")
	}
	root, err := html.Parse(bytes.NewReader(page.HTML))
	if err != nil {
		return Prediction{}, err
	}
	var pred Prediction
	var paras []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				pred.Title = textOf(n)
			case "p":
				paras = append(paras, textOf(n))
			case "article":
				pred.IsArticle = true
			case "meta":
				name, content := "", ""
				for _, a := range n.Attr {
					switch a.Key {
					case "name", "property":
						name = a.Val
					case "content":
						content = a.Val
					}
				}
				switch name {
				case "author":
					pred.Authors = append(pred.Authors, content)
				case "article:published_time":
					pred.Published = content
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	pred.Body = strings.Join(paras, "\n")
	return pred, nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func loadTiny(t *testing.T) *Set {
	t.Helper()
	set, err := LoadSet(filepath.Join("testdata", "tiny"))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestLoadSet(t *testing.T) {
	set := loadTiny(t)
	if set.Name != "tiny" || len(set.Gold) != 4 {
		t.Fatalf("set %q with %d pages, want tiny with 4", set.Name, len(set.Gold))
	}
	b := set.Gold[1]
	if b.Authors == nil || len(*b.Authors) != 0 || b.Published == nil || *b.Published != "" {
		t.Errorf("b: [] and \"\" must load as labelled absent, got %v %v", b.Authors, b.Published)
	}
	d := set.Gold[3]
	if d.Body != nil || d.Authors != nil || d.PageType != nil || d.Title == nil {
		t.Errorf("d: null must load as not labelled: %+v", d)
	}
	html, err := set.ReadPage(b)
	if err != nil || !bytes.Contains(html, []byte("<title>Beta</title>")) {
		t.Errorf("gzipped page: %v %q", err, html)
	}
	if _, err := set.ReadPage(Gold{ID: "x", File: "../tiny/gold.jsonl"}); err == nil {
		t.Error("a file outside the set must be refused")
	}
	if _, err := LoadSet(t.TempDir()); !errors.Is(err, ErrNotSet) {
		t.Errorf("folder without gold: %v, want ErrNotSet", err)
	}
}

func TestLoadSetRejectsBadLabels(t *testing.T) {
	for name, content := range map[string]string{
		"syntax":    `{"id": "a", "file": "pages/a.html"` + "\n",
		"no file":   `{"id": "a"}` + "\n",
		"duplicate": `{"id": "a", "file": "x"}` + "\n" + `{"id": "a", "file": "y"}` + "\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, GoldFile), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadSet(dir); err == nil || !strings.Contains(err.Error(), "gold.jsonl:") {
			t.Errorf("%s: error %v, want one naming the line", name, err)
		}
	}
}

func TestFindSets(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"b-set", "a-set", "not-a-set"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"a-set", "b-set"} {
		if err := os.WriteFile(filepath.Join(root, d, GoldFile), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := FindSets([]string{root, filepath.Join("testdata", "tiny")})
	want := []string{filepath.Join(root, "a-set"), filepath.Join(root, "b-set"), filepath.Join("testdata", "tiny")}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FindSets = %q, %v; want %q", got, err, want)
	}
	if _, err := FindSets([]string{filepath.Join(root, "not-a-set")}); !errors.Is(err, ErrNotSet) {
		t.Errorf("empty folder: %v, want ErrNotSet", err)
	}
}

// The figures below are worked out by hand from testdata/tiny (see the
// comments); page c's file is missing and page d's extraction panics.
func TestEvaluateTiny(t *testing.T) {
	for _, workers := range []int{1, 3} {
		r, err := Evaluate(context.Background(), loadTiny(t), tagExtract, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if r.Pages != 4 || r.Extracted != 2 || r.Coverage != 0.5 || len(r.Errors) != 2 {
			t.Fatalf("workers %d: pages %d extracted %d coverage %v errors %v", workers, r.Pages, r.Extracted, r.Coverage, r.Errors)
		}
		if r.Errors[0].ID != "c" || !strings.Contains(r.Errors[0].Err, "c.html") ||
			r.Errors[1].ID != "d" || !strings.Contains(r.Errors[1].Err, "panicked: boom") {
			t.Errorf("errors = %+v", r.Errors)
		}
		// a exact (P 1, R 1); b pred {abgd, bgdS, gdSn} vs gold {abgd, bgde}:
		// P 1/3, R 1/2; c nothing predicted: R 0. P = 2/3, R = 1/2, F1 = 4/7.
		if b := r.Body; b == nil || !near(b.Precision, 2.0/3) || !near(b.Recall, 0.5) || !near(b.F1, 4.0/7) || b.Pages != 3 || b.Exact != 1 {
			t.Errorf("body = %+v", r.Body)
		}
		if u := r.BodyUnsplit; u == nil || !near(u.F1, 4.0/7) {
			t.Errorf("unsplit body = %+v, want the same as split on English", r.BodyUnsplit)
		}
		// a: with found, without absent; b: with missing, without found; c: with missing.
		if s := r.Snippets; s == nil || s.TP != 1 || s.FP != 1 || s.FN != 2 || s.TN != 1 || !near(s.F1, 0.4) {
			t.Errorf("snippets = %+v", r.Snippets)
		}
		if f := r.Title; f == nil || f.Labelled != 4 || f.Correct != 2 || f.TP != 2 || f.FN != 2 || !near(f.Recall, 0.5) {
			t.Errorf("title = %+v", r.Title)
		}
		if f := r.Authors; f == nil || f.Labelled != 3 || f.Correct != 2 || f.TP != 1 || f.FN != 1 || f.PartialF1 == nil || !near(*f.PartialF1, 2.0/3) {
			t.Errorf("authors = %+v", r.Authors)
		}
		if f := r.Published; f == nil || f.Labelled != 3 || f.Correct != 2 || f.TP != 1 || f.FP != 0 || f.FN != 1 {
			t.Errorf("published = %+v", r.Published)
		}
		if r.Summary != nil {
			t.Errorf("summary is not labelled, got %+v", r.Summary)
		}
		if p := r.PageType; p == nil || p.TP != 1 || p.TN != 1 || p.FN != 1 || p.FP != 0 || !near(p.F1, 2.0/3) {
			t.Errorf("page type = %+v", r.PageType)
		}
		if r.Timing.Workers != workers || r.Timing.MedianMS <= 0 {
			t.Errorf("timing = %+v", r.Timing)
		}
		var order []string
		for _, p := range r.WorstFirst() {
			order = append(order, p.ID)
		}
		if strings.Join(order, ",") != "c,b,d,a" {
			t.Errorf("worst first = %v, want c,b,d,a", order)
		}
	}
}

func TestEvaluateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	extract := func(ctx context.Context, p Page) (Prediction, error) {
		calls.Add(1)
		cancel()
		return Prediction{}, nil
	}
	if _, err := Evaluate(ctx, loadTiny(t), extract, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if n := calls.Load(); n > 2 {
		t.Errorf("extractor called %d times after cancellation", n)
	}
}

func TestReportOutputsAndFloors(t *testing.T) {
	tiny, err := Evaluate(context.Background(), loadTiny(t), tagExtract, Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := *tiny
	other.Name = "other"
	report := NewReport([]*SetReport{tiny, &other})
	if report.PageTypeUnion == nil || report.PageTypeUnion.TP != 2 || report.PageTypeUnion.TN != 2 || strings.Join(report.UnionSets, ",") != "tiny,other" {
		t.Fatalf("union = %+v over %v", report.PageTypeUnion, report.UnionSets)
	}
	if NewReport([]*SetReport{tiny}).PageTypeUnion != nil {
		t.Error("one set with page types makes no union")
	}

	var text bytes.Buffer
	if err := report.WriteText(&text, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"== tiny: 4 pages, coverage 2/4", "body       P 0.667  R 0.500  F1 0.571", "failed d: extractor panicked: boom",
		"-- tiny/c  body F1 0.000", `title     pred ""`, "page type over tiny + other"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, text.String())
		}
	}

	var js bytes.Buffer
	if err := report.WriteJSON(&js, true); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Sets []struct {
			Name        string `json:"name"`
			Body        struct{ F1 float64 }
			PageResults []struct{ ID string } `json:"page_results"`
		} `json:"sets"`
		Union *PageTypeScore `json:"page_type_union"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sets) != 2 || !near(doc.Sets[0].Body.F1, 4.0/7) || len(doc.Sets[0].PageResults) != 4 || doc.Sets[0].PageResults[0].ID != "c" || doc.Union == nil {
		t.Errorf("json = %s", js.String())
	}

	floorsFile := filepath.Join(t.TempDir(), "floors.json")
	floorsJSON := `{"_comment": "test", "tiny": {"body.f1": 0.57, "title.accuracy": 0.6, "authors.partial_f1": 0.6, "nonesuch.f1": 0.1},
		"union": {"page_type.f1": 0.9}, "absent-set": {"body.f1": 0.9}}`
	if err := os.WriteFile(floorsFile, []byte(floorsJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	floors, err := LoadFloors(floorsFile)
	if err != nil {
		t.Fatal(err)
	}
	breaches, unchecked := floors.Check(report)
	var got []string
	for _, b := range breaches {
		got = append(got, b.String())
	}
	want := []string{
		"tiny nonesuch.f1: no such figure (floor 0.100)",
		"tiny title.accuracy: 0.5000 is below the floor 0.6000",
		"union page_type.f1: 0.6667 is below the floor 0.9000",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("breaches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(unchecked, ",") != "absent-set" {
		t.Errorf("unchecked = %v", unchecked)
	}
	if _, err := LoadFloors(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing floors file must fail")
	}
}

func TestSuggestFloors(t *testing.T) {
	r, err := Evaluate(context.Background(), loadTiny(t), tagExtract, Options{})
	if err != nil {
		t.Fatal(err)
	}
	floors := SuggestFloors(NewReport([]*SetReport{r}), 0.005)
	tiny := floors["tiny"]
	// body F1 4/7 = 0.5714… less 0.005 rounds down to 0.566; coverage 0.5 to 0.495.
	if tiny["body.f1"] != 0.566 || tiny["coverage"] != 0.495 || tiny["title.accuracy"] != 0.495 {
		t.Errorf("floors = %v", tiny)
	}
	if _, ok := tiny["body.precision"]; ok {
		t.Error("precision alone is not floored")
	}
	if breaches, _ := floors.Check(NewReport([]*SetReport{r})); len(breaches) != 0 {
		t.Errorf("suggested floors breached by the run they came from: %v", breaches)
	}
}
