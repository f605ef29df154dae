package eval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared corpus beside the repository; tests that need it
// skip when it is absent.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus")

// TestGoldAsPrediction scores wcxb-dev's labels as if an extractor had
// predicted them. The corpus README states the outcome: body F1 1, and
// snippet F1 0.998 because a few labelled snippets are not in the gold body.
func TestGoldAsPrediction(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole wcxb-dev set")
	}
	dir := filepath.Join(corpusDir, "wcxb-dev")
	if _, err := os.Stat(filepath.Join(dir, GoldFile)); err != nil {
		t.Skip("shared corpus not present")
	}
	set, err := LoadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]*Gold, len(set.Gold))
	for i := range set.Gold {
		byID[set.Gold[i].ID] = &set.Gold[i]
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	oracle := func(_ context.Context, p Page) (Prediction, error) {
		g := byID[p.ID]
		pred := Prediction{Title: str(g.Title), Published: str(g.Published), Body: str(g.Body), IsArticle: true}
		if g.Authors != nil {
			pred.Authors = *g.Authors
		}
		return pred, nil
	}
	r, err := Evaluate(context.Background(), set, oracle, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Body.F1 != 1 || r.Title.Accuracy != 1 || r.Authors.Accuracy != 1 || r.Published.Accuracy != 1 || r.PageType.Recall != 1 {
		t.Errorf("gold against itself: body %+v title %v authors %v published %v", r.Body, r.Title.Accuracy, r.Authors.Accuracy, r.Published.Accuracy)
	}
	if math.Abs(r.Snippets.F1-0.998) > 0.0005 {
		t.Errorf("snippet F1 of the gold body = %.4f (%+v), the corpus README says 0.998", r.Snippets.F1, r.Snippets)
	}
	t.Logf("gold snippets: %+v", *r.Snippets)
}
