package eval

import (
	"regexp"
	"strings"
)

// FieldMatch is how one page's prediction of a field compares with its label.
type FieldMatch struct {
	// Correct is the exact-match verdict.
	Correct bool
	// GoldEmpty and PredEmpty say whether the label is "absent" and whether
	// nothing was predicted.
	GoldEmpty, PredEmpty bool
	// Partial is partial credit in [0, 1] for fields that have one (authors,
	// summary); 1 when both sides are empty.
	Partial float64
}

// FieldScore sums [FieldMatch]es over the pages where a field is labelled.
// TP is a correct non-empty prediction, FP a wrong non-empty prediction, FN
// an empty prediction where the gold has a value (htmldate's rule).
type FieldScore struct {
	Labelled  int     `json:"labelled"`
	Correct   int     `json:"correct"`
	Accuracy  float64 `json:"accuracy"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// PartialF1 is the mean per-page partial credit; nil for fields without one.
	PartialF1 *float64 `json:"partial_f1,omitempty"`

	partialSum float64
}

// Add counts one page.
func (s *FieldScore) Add(m FieldMatch, hasPartial bool) {
	s.Labelled++
	if m.Correct {
		s.Correct++
	}
	switch {
	case !m.PredEmpty && m.Correct:
		s.TP++
	case !m.PredEmpty:
		s.FP++
	case !m.GoldEmpty:
		s.FN++
	}
	s.Accuracy = ratio(s.Correct, s.Labelled)
	s.Precision, s.Recall, s.F1 = prf(s.TP, s.FP, s.FN)
	if hasPartial {
		s.partialSum += m.Partial
		mean := s.partialSum / float64(s.Labelled)
		s.PartialF1 = &mean
	}
}

// MatchTitle compares titles exactly after NFKC and white-space normalisation.
func MatchTitle(gold, pred string) FieldMatch {
	g, p := normalizeText(gold), normalizeText(pred)
	return FieldMatch{Correct: g == p, GoldEmpty: g == "", PredEmpty: p == ""}
}

// MatchSummary compares summaries like titles, with a token F1 as partial
// credit (tokens as in [TokenizeCJK]).
func MatchSummary(gold, pred string) FieldMatch {
	m := MatchTitle(gold, pred)
	m.Partial = multisetF1(TokenizeCJK(normalizeText(gold)), TokenizeCJK(normalizeText(pred)))
	return m
}

// MatchPublished compares a predicted date with the gold at the gold's
// precision: the prediction must start with the gold ("2005-05-07T21:23"
// matches "2005-05-07T21:23:57+08:00"). An absent gold is matched only by an
// empty prediction; an empty prediction never matches a gold value.
func MatchPublished(gold, pred string) FieldMatch {
	g, p := strings.TrimSpace(gold), strings.TrimSpace(pred)
	m := FieldMatch{GoldEmpty: g == "", PredEmpty: p == ""}
	if m.GoldEmpty {
		m.Correct = m.PredEmpty
	} else {
		m.Correct = strings.HasPrefix(p, g)
	}
	return m
}

// nameSeparator splits a byline into names. Applied to both sides, so a
// label "A, B and C" matches a prediction ["A", "B", "C"] and vice versa.
var nameSeparator = regexp.MustCompile(`\s*(?:[,;，；、&]|\band\b)\s*`)

// authorNames returns the set of normalised names in authors.
func authorNames(authors []string) map[string]bool {
	names := make(map[string]bool)
	for _, a := range authors {
		for _, n := range nameSeparator.Split(normalizeName(a), -1) {
			if n != "" {
				names[n] = true
			}
		}
	}
	return names
}

// MatchAuthors compares author lists as sets of names after NFKC, case
// folding, white-space normalisation and splitting on list separators. The
// partial credit is the F1 of the two name sets.
func MatchAuthors(gold, pred []string) FieldMatch {
	g, p := authorNames(gold), authorNames(pred)
	common := 0
	for n := range p {
		if g[n] {
			common++
		}
	}
	m := FieldMatch{GoldEmpty: len(g) == 0, PredEmpty: len(p) == 0}
	m.Correct = common == len(g) && common == len(p)
	if m.Correct {
		m.Partial = 1
	} else {
		m.Partial = ratio(2*common, len(g)+len(p))
	}
	return m
}

// multisetF1 is the F1 of two token multisets: 1 when both are empty.
func multisetF1(gold, pred []string) float64 {
	if len(gold) == 0 && len(pred) == 0 {
		return 1
	}
	counts := make(map[string]int, len(gold))
	for _, t := range gold {
		counts[t]++
	}
	common := 0
	for _, t := range pred {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	return ratio(2*common, len(gold)+len(pred))
}

// PageTypeScore scores the article decision: TP an article called an
// article, FP a non-article called one, FN an article missed, TN a
// non-article rejected.
type PageTypeScore struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	TN        int     `json:"tn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Accuracy  float64 `json:"accuracy"`
}

// Add counts one page: isArticle is the label, predicted the decision.
func (s *PageTypeScore) Add(isArticle, predicted bool) {
	switch {
	case isArticle && predicted:
		s.TP++
	case predicted:
		s.FP++
	case isArticle:
		s.FN++
	default:
		s.TN++
	}
	s.finish()
}

// Merge adds another score's counts, for the union of sets.
func (s *PageTypeScore) Merge(o PageTypeScore) {
	s.TP += o.TP
	s.FP += o.FP
	s.FN += o.FN
	s.TN += o.TN
	s.finish()
}

func (s *PageTypeScore) finish() {
	s.Precision, s.Recall, s.F1 = prf(s.TP, s.FP, s.FN)
	s.Accuracy = ratio(s.TP+s.TN, s.TP+s.FP+s.FN+s.TN)
}
