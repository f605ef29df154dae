package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPortalArticleGBK checks the shared example page (a GBK portal
// article with inline metadata) against its expected record, copied into
// testdata so the test does not need ../shared.
func TestPortalArticleGBK(t *testing.T) {
	var want struct {
		Title             string   `json:"title"`
		Authors           []string `json:"authors"`
		Published         string   `json:"published"`
		SummaryStartsWith string   `json:"summary_starts_with"`
		BodyParagraphs    []string `json:"body_paragraphs"`
		BodyMustNot       []string `json:"body_must_not_contain"`
		Language          string   `json:"language"`
	}
	b, err := os.ReadFile(filepath.Join("testdata", "portal-article-gbk.expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	res := extractCase(t, filepath.Join("testdata", "golden", "portal-article-gbk"))
	r := res.Record

	if r.Title != want.Title {
		t.Errorf("title = %q, want %q", r.Title, want.Title)
	}
	if strings.Join(r.Authors, "|") != strings.Join(want.Authors, "|") {
		t.Errorf("authors = %q, want %q", r.Authors, want.Authors)
	}
	if r.Published != want.Published {
		t.Errorf("published = %q, want %q", r.Published, want.Published)
	}
	if !strings.HasPrefix(r.Summary, want.SummaryStartsWith) {
		t.Errorf("summary = %q, want it to start with %q", r.Summary, want.SummaryStartsWith)
	}
	if r.Lang != want.Language {
		t.Errorf("lang = %q, want %q", r.Lang, want.Language)
	}
	if !res.IsArticle {
		t.Errorf("IsArticle = false (%s, %s), want true", res.PageType, res.Reason)
	}
	if got := strings.Split(r.Body, "\n"); strings.Join(got, "\n") != strings.Join(want.BodyParagraphs, "\n") {
		t.Errorf("body has %d paragraphs, want the %d expected ones in order; body:\n%s",
			len(got), len(want.BodyParagraphs), r.Body)
	}
	for _, s := range want.BodyMustNot {
		if strings.Contains(r.Body, s) {
			t.Errorf("body contains %q", s)
		}
	}
	if r.URL != "http://portal.example/xinwen/20240106/1187.html" || r.ID == "" || r.ContentHash == "" {
		t.Errorf("url/id/hash = %q %q %q", r.URL, r.ID, r.ContentHash)
	}
}
