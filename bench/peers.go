package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/gleaner-news/gleaner/internal/eval"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// ErrNoCorpus is returned by [AEBSet] when the shared corpus is not present.
var ErrNoCorpus = errors.New("corpus not found")

// Peer is one extractor under comparison.
type Peer struct {
	// Name is "gleaner", "go-trafilatura" or "go-readability".
	Name    string
	Extract eval.ExtractFunc
}

// Peers returns gleaner and its two peers, gleaner first.
func Peers() ([]Peer, error) {
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return nil, fmt.Errorf("gleaner extractor: %w", err)
	}
	return []Peer{
		{Name: "gleaner", Extract: gleaner(ex)},
		{Name: "go-trafilatura", Extract: goTrafilatura},
		{Name: "go-readability", Extract: goReadability},
	}, nil
}

// CorpusDir is the shared corpus: $GLEANER_CORPUS, or ../../shared/corpus
// seen from bench/ (the repository's sibling shared/ folder).
func CorpusDir() string {
	if d := os.Getenv("GLEANER_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpus")
}

// AEBSet loads the AEB set from dir (a corpus root), or fails with
// [ErrNoCorpus] when it is absent.
func AEBSet(corpusDir string) (*eval.Set, error) {
	dir := filepath.Join(corpusDir, "aeb")
	if _, err := os.Stat(filepath.Join(dir, eval.GoldFile)); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoCorpus)
	}
	return eval.LoadSet(dir)
}

// LoadPages reads every page of set into memory, so benchmarks time
// extraction and not disk reads.
func LoadPages(set *eval.Set) ([]eval.Page, error) {
	pages := make([]eval.Page, 0, len(set.Gold))
	for _, g := range set.Gold {
		body, err := set.ReadPage(g)
		if err != nil {
			return nil, err
		}
		p := eval.Page{ID: g.ID, HTML: body}
		if g.URL != "" {
			p.URL, _ = url.Parse(g.URL)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// stripSoftHyphens removes U+00AD, as the published AEB runs of the Go peers
// do: it is not a word character and would split tokens. Applied to every
// extractor here alike.
func stripSoftHyphens(s string) string {
	return strings.ReplaceAll(s, "\u00ad", "")
}

// gleaner is gleaner's own path, as in "gleaner eval": decode and parse once
// with htmldoc, then extract.
func gleaner(ex *extract.Extractor) eval.ExtractFunc {
	return func(_ context.Context, page eval.Page) (eval.Prediction, error) {
		doc, err := htmldoc.Parse(page.HTML, "", page.URL)
		if err != nil {
			return eval.Prediction{}, fmt.Errorf("parse: %w", err)
		}
		res, err := ex.Extract(doc)
		if err != nil {
			return eval.Prediction{}, fmt.Errorf("extract: %w", err)
		}
		rec := res.Record
		return eval.Prediction{
			Title: rec.Title, Authors: rec.Authors, Published: rec.Published,
			Summary: rec.Summary, Body: stripSoftHyphens(rec.Body), IsArticle: res.IsArticle,
		}, nil
	}
}

// goTrafilatura runs go-trafilatura as the published AEB run does: the page
// parsed by x/net/html, fallbacks enabled, plain text out.
func goTrafilatura(_ context.Context, page eval.Page) (eval.Prediction, error) {
	doc, err := html.Parse(bytes.NewReader(page.HTML))
	if err != nil {
		return eval.Prediction{}, fmt.Errorf("parse: %w", err)
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: true, OriginalURL: page.URL})
	if err != nil {
		return eval.Prediction{}, fmt.Errorf("go-trafilatura: %w", err)
	}
	pred := eval.Prediction{
		Title:     res.Metadata.Title,
		Body:      stripSoftHyphens(res.ContentText),
		Summary:   res.Metadata.Description,
		IsArticle: res.ContentText != "",
	}
	if res.Metadata.Author != "" {
		pred.Authors = []string{res.Metadata.Author}
	}
	if !res.Metadata.Date.IsZero() {
		pred.Published = res.Metadata.Date.Format("2006-01-02")
	}
	return pred, nil
}

// goReadability runs readeck's go-readability v2 on a tree parsed by
// x/net/html and renders the article's text.
func goReadability(_ context.Context, page eval.Page) (eval.Prediction, error) {
	doc, err := html.Parse(bytes.NewReader(page.HTML))
	if err != nil {
		return eval.Prediction{}, fmt.Errorf("parse: %w", err)
	}
	pageURL := page.URL
	if pageURL == nil {
		pageURL = &url.URL{Scheme: "https", Host: "page.invalid", Path: "/"}
	}
	parser := readability.NewParser()
	article, err := parser.ParseAndMutate(doc, pageURL)
	if err != nil {
		return eval.Prediction{}, fmt.Errorf("go-readability: %w", err)
	}
	var text strings.Builder
	if article.Node != nil {
		if err := article.RenderText(&text); err != nil {
			return eval.Prediction{}, fmt.Errorf("go-readability: render: %w", err)
		}
	}
	pred := eval.Prediction{
		Title:     article.Title(),
		Summary:   article.Excerpt(),
		Body:      stripSoftHyphens(text.String()),
		IsArticle: article.Node != nil,
	}
	if b := article.Byline(); b != "" {
		pred.Authors = []string{b}
	}
	if t, err := article.PublishedTime(); err == nil {
		pred.Published = t.Format("2006-01-02")
	}
	return pred, nil
}
