package eval

// ShingleMatch is one page's body match under the AEB metric: shingle counts
// normalised so that TP+FP+FN = 1 and every page weighs the same. All three
// are 0 when both texts are empty.
type ShingleMatch struct {
	TP, FP, FN float64
}

// MatchShingles compares the shingle multisets of gold and predicted tokens.
func MatchShingles(gold, pred []string) ShingleMatch {
	goldCounts, predCounts := shingles(gold), shingles(pred)
	var m ShingleMatch
	for key, g := range goldCounts {
		p := predCounts[key]
		m.TP += float64(min(g, p))
		m.FN += float64(max(0, g-p))
	}
	for key, p := range predCounts {
		m.FP += float64(max(0, p-goldCounts[key]))
	}
	if sum := m.TP + m.FP + m.FN; sum > 0 {
		m.TP, m.FP, m.FN = m.TP/sum, m.FP/sum, m.FN/sum
	}
	return m
}

// Precision is TP/(TP+FP); ok is false when nothing was predicted, and such a
// page is left out of the corpus precision.
func (m ShingleMatch) Precision() (p float64, ok bool) {
	if m.TP+m.FP == 0 {
		return 0, false
	}
	return m.TP / (m.TP + m.FP), true
}

// Recall is TP/(TP+FN); ok is false when the gold is empty, and such a page is
// left out of the corpus recall.
func (m ShingleMatch) Recall() (r float64, ok bool) {
	if m.TP+m.FN == 0 {
		return 0, false
	}
	return m.TP / (m.TP + m.FN), true
}

// F1 is the page's harmonic mean of precision and recall, used to rank pages
// for diagnosis: 1 when both texts are empty, 0 when exactly one is.
func (m ShingleMatch) F1() float64 {
	p, pok := m.Precision()
	r, rok := m.Recall()
	switch {
	case !pok && !rok:
		return 1
	case !pok || !rok:
		return 0
	}
	return harmonic(p, r)
}

// BodyScore is a corpus figure under the AEB metric.
type BodyScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Pages is the number of pages scored; PrecisionPages and RecallPages
	// count those that entered each mean.
	Pages          int `json:"pages"`
	PrecisionPages int `json:"precision_pages"`
	RecallPages    int `json:"recall_pages"`
	// Exact counts pages whose prediction matched every shingle (FP = FN = 0,
	// with a non-empty gold).
	Exact int `json:"exact"`
}

// ScoreBody aggregates per-page matches: precision is the mean of per-page
// precision over pages that predicted something, recall the mean of per-page
// recall over pages with a non-empty gold, F1 their harmonic mean. A mean over
// no pages is 0.
func ScoreBody(pages []ShingleMatch) BodyScore {
	s := BodyScore{Pages: len(pages)}
	var psum, rsum float64
	for _, m := range pages {
		if p, ok := m.Precision(); ok {
			psum += p
			s.PrecisionPages++
		}
		if r, ok := m.Recall(); ok {
			rsum += r
			s.RecallPages++
		}
		if m.TP > 0 && m.FP == 0 && m.FN == 0 {
			s.Exact++
		}
	}
	if s.PrecisionPages > 0 {
		s.Precision = psum / float64(s.PrecisionPages)
	}
	if s.RecallPages > 0 {
		s.Recall = rsum / float64(s.RecallPages)
	}
	s.F1 = harmonic(s.Precision, s.Recall)
	return s
}

// harmonic is 2ab/(a+b), or 0 when both are 0.
func harmonic(a, b float64) float64 {
	if a+b == 0 {
		return 0
	}
	return 2 * a * b / (a + b)
}
