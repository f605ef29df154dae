package eval

import "strings"

// SnippetScore counts snippet hits over a set: TP "with" snippets found in the
// body, FN "with" snippets missing, FP "without" snippets found, TN "without"
// snippets absent. Precision, Recall and F1 = 2TP/(2TP+FP+FN) follow from them.
type SnippetScore struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	TN        int     `json:"tn"`
	Pages     int     `json:"pages"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// SnippetHits tests each snippet as a whitespace-normalised, case-sensitive
// substring of body. It returns the counts for one page; add them with
// [SnippetScore.Add].
func SnippetHits(body string, with, without []string) SnippetScore {
	text := normalizeSpace(body)
	var s SnippetScore
	for _, snip := range with {
		if strings.Contains(text, normalizeSpace(snip)) {
			s.TP++
		} else {
			s.FN++
		}
	}
	for _, snip := range without {
		if strings.Contains(text, normalizeSpace(snip)) {
			s.FP++
		} else {
			s.TN++
		}
	}
	s.Pages = 1
	s.finish()
	return s
}

// Add sums another page's (or set's) counts into s and recomputes the ratios.
func (s *SnippetScore) Add(o SnippetScore) {
	s.TP += o.TP
	s.FP += o.FP
	s.FN += o.FN
	s.TN += o.TN
	s.Pages += o.Pages
	s.finish()
}

func (s *SnippetScore) finish() {
	s.Precision, s.Recall, s.F1 = prf(s.TP, s.FP, s.FN)
}

// prf is precision, recall and F1 = 2TP/(2TP+FP+FN) from counts; each is 0
// when its denominator is.
func prf(tp, fp, fn int) (precision, recall, f1 float64) {
	return ratio(tp, tp+fp), ratio(tp, tp+fn), ratio(2*tp, 2*tp+fp+fn)
}

// ratio is a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
