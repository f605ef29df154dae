package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runGleaner(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	code = dispatch(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

// evalSet is a tiny labelled set: a clean article, a gzipped listing page and
// a label whose page file is missing.
var evalSet = filepath.Join("testdata", "evalset")

func TestEvalCommandJSON(t *testing.T) {
	code, stdout, stderr := runGleaner(t, "eval", "--json", "--per-page", "--workers", "2", evalSet)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var doc struct {
		Sets []struct {
			Name      string `json:"name"`
			Pages     int    `json:"pages"`
			Extracted int    `json:"extracted"`
			Errors    []struct {
				ID  string `json:"id"`
				Err string `json:"error"`
			} `json:"errors"`
			Timing struct {
				Workers int `json:"workers"`
			} `json:"timing"`
			Body     *struct{ Pages int }          `json:"body"`
			Snippets *struct{ TP, FN int }         `json:"snippets"`
			Title    *struct{ Labelled int }       `json:"title"`
			Authors  *struct{ Labelled int }       `json:"authors"`
			Summary  *struct{ Labelled int }       `json:"summary"`
			PageType *struct{ TP, FP, FN, TN int } `json:"page_type"`
			Results  []struct {
				ID         string  `json:"id"`
				BodyF1     float64 `json:"body_f1"`
				Prediction struct {
					Title string `json:"title"`
				} `json:"prediction"`
			} `json:"page_results"`
		} `json:"sets"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout)
	}
	if len(doc.Sets) != 1 {
		t.Fatalf("%d sets, want 1", len(doc.Sets))
	}
	s := doc.Sets[0]
	if s.Name != "evalset" || s.Pages != 3 || s.Extracted != 2 || s.Timing.Workers != 2 {
		t.Errorf("set %q: pages %d, extracted %d, workers %d; want evalset, 3, 2, 2", s.Name, s.Pages, s.Extracted, s.Timing.Workers)
	}
	if len(s.Errors) != 1 || s.Errors[0].ID != "gone" || !strings.Contains(s.Errors[0].Err, "gone.html") {
		t.Errorf("errors = %+v, want the missing page", s.Errors)
	}
	// Labels decide which figures exist: body on 2 pages, title on 3,
	// authors on 2, page type on 2, no summary.
	if s.Body == nil || s.Body.Pages != 2 || s.Title == nil || s.Title.Labelled != 3 ||
		s.Authors == nil || s.Authors.Labelled != 2 || s.Summary != nil || s.Snippets == nil {
		t.Errorf("figures present: body %+v title %+v authors %+v summary %+v snippets %+v", s.Body, s.Title, s.Authors, s.Summary, s.Snippets)
	}
	if p := s.PageType; p == nil || p.TP+p.FN != 1 || p.FP+p.TN != 1 {
		t.Errorf("page type = %+v, want one article and one listing counted", s.PageType)
	}
	if len(s.Results) != 3 || s.Results[0].ID != "gone" {
		t.Fatalf("per-page results = %+v, want 3, the missing page first", s.Results)
	}
	for _, r := range s.Results {
		// The article is plain enough that any working extractor finds it.
		if r.ID == "story" && (r.BodyF1 < 0.5 || r.Prediction.Title != "Harbour bridge reopens after repairs") {
			t.Errorf("story: body F1 %.3f, title %q", r.BodyF1, r.Prediction.Title)
		}
	}
}

func TestEvalCommandText(t *testing.T) {
	code, stdout, stderr := runGleaner(t, "eval", evalSet)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"== evalset: 3 pages, coverage 2/3", "body       P", "page_type", "failed gone:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestEvalCommandFloors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	met := write("met.json", `{"evalset": {"coverage": 0.66, "title.accuracy": 0.0}, "elsewhere": {"body.f1": 0.9}}`)
	code, _, stderr := runGleaner(t, "eval", "--floors", met, evalSet)
	if code != exitOK || !strings.Contains(stderr, "all floors met") || !strings.Contains(stderr, "not checked (sets not evaluated): elsewhere") {
		t.Errorf("floors met: exit %d, stderr:\n%s", code, stderr)
	}
	breached := write("breached.json", `{"evalset": {"coverage": 0.9, "body.f1": 0.0}}`)
	code, _, stderr = runGleaner(t, "eval", "--json", "--floors", breached, evalSet)
	if code != exitFailures || !strings.Contains(stderr, "floor breached: evalset coverage: 0.6667 is below the floor 0.9000") {
		t.Errorf("floor breached: exit %d, stderr:\n%s", code, stderr)
	}
	bad := write("bad.json", `{"evalset": {"coverage": "high"}}`)
	if code, _, _ := runGleaner(t, "eval", "--floors", bad, evalSet); code != exitUsage {
		t.Errorf("malformed floors: exit %d, want %d", code, exitUsage)
	}
}

func TestEvalCommandUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"eval", "--help"}, exitOK},
		{[]string{"eval"}, exitUsage},
		{[]string{"eval", "--workers", "0", evalSet}, exitUsage},
		{[]string{"eval", filepath.Join("testdata", "no-such-set")}, exitUsage},
		{[]string{"eval", "--no-such-flag", evalSet}, exitUsage},
	} {
		if code, _, stderr := runGleaner(t, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", tc.args, code, tc.code, stderr)
		}
	}
}

func TestEvalCommandSuggestFloors(t *testing.T) {
	code, stdout, stderr := runGleaner(t, "eval", "--suggest-floors", evalSet)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var floors map[string]map[string]float64
	if err := json.Unmarshal([]byte(stdout), &floors); err != nil {
		t.Fatalf("not a floors document: %v\n%s", err, stdout)
	}
	// Coverage 2/3 less 0.005, rounded down to three decimals.
	if got := floors["evalset"]["coverage"]; got != 0.661 {
		t.Errorf("coverage floor = %v, want 0.661\n%s", got, stdout)
	}
	path := filepath.Join(t.TempDir(), "floors.json")
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runGleaner(t, "eval", "--floors", path, evalSet); code != exitOK {
		t.Errorf("the run's own suggested floors breached: exit %d\n%s", code, stderr)
	}
}
