package eval

import (
	"math"
	"reflect"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text   string
		plain, split []string
	}{
		{"empty", "", nil, nil},
		{"punctuation only", " ,.;— ", nil, nil},
		{"words keep case and underscore", "Hello, world_1 café!", []string{"Hello", "world_1", "café"}, []string{"Hello", "world_1", "café"}},
		// Python's \w excludes combining marks, so a decomposed accent splits the word.
		{"combining mark splits", "cafe\u0301s", []string{"cafe", "s"}, []string{"cafe", "s"}},
		{"digits and other numbers", "2024 ½ x²", []string{"2024", "½", "x²"}, []string{"2024", "½", "x²"}},
		{"han", "我爱Go语言2024年", []string{"我爱Go语言2024年"}, []string{"我", "爱", "Go", "语", "言", "2024", "年"}},
		{"kana", "ひらがなカタカナ", []string{"ひらがなカタカナ"}, []string{"ひ", "ら", "が", "な", "カ", "タ", "カ", "ナ"}},
		{"script symbols are not words", "ア㋐イ", []string{"ア", "イ"}, []string{"ア", "イ"}},
		{"hangul", "한국어 abc", []string{"한국어", "abc"}, []string{"한", "국", "어", "abc"}},
		{"cyrillic stays whole", "Привет мир", []string{"Привет", "мир"}, []string{"Привет", "мир"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokenize(tt.text); !reflect.DeepEqual(got, tt.plain) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.plain)
			}
			if got := TokenizeCJK(tt.text); !reflect.DeepEqual(got, tt.split) {
				t.Errorf("TokenizeCJK(%q) = %q, want %q", tt.text, got, tt.split)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		tokens []string
		want   map[string]int
	}{
		{nil, map[string]int{}},
		{[]string{"a"}, map[string]int{"a": 1}},
		{[]string{"a", "b", "c"}, map[string]int{"a\x00b\x00c": 1}},
		{[]string{"a", "b", "c", "d"}, map[string]int{"a\x00b\x00c\x00d": 1}},
		{[]string{"a", "b", "c", "d", "e"}, map[string]int{"a\x00b\x00c\x00d": 1, "b\x00c\x00d\x00e": 1}},
		{[]string{"x", "y", "z", "w", "x", "y", "z", "w"}, map[string]int{
			"x\x00y\x00z\x00w": 2, "y\x00z\x00w\x00x": 1, "z\x00w\x00x\x00y": 1, "w\x00x\x00y\x00z": 1}},
	}
	for _, tt := range tests {
		if got := shingles(tt.tokens); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("shingles(%q) = %v, want %v", tt.tokens, got, tt.want)
		}
	}
}

func TestMatchShingles(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred string
		tok        func(string) []string
		want       ShingleMatch
		p, r       float64
		pok, rok   bool
		f1         float64
	}{
		// gold {abcd, bcde}, pred {abcd}: tp 1, fn 1, normalised to halves.
		{"half recall", "a b c d e", "a b c d", Tokenize, ShingleMatch{TP: 0.5, FN: 0.5}, 1, 0.5, true, true, 2.0 / 3},
		{"identical", "one two three four five", "one two three four five", Tokenize, ShingleMatch{TP: 1}, 1, 1, true, true, 1},
		// Short texts are one shorter shingle: (a b) vs (a b c) share nothing.
		{"short texts", "a b", "a b c", Tokenize, ShingleMatch{FP: 0.5, FN: 0.5}, 0, 0, true, true, 0},
		{"short equal", "a b", "a, b.", Tokenize, ShingleMatch{TP: 1}, 1, 1, true, true, 1},
		// Multisets: gold has xyzw twice, the prediction once; 5 gold shingles, 1 matched.
		{"multiset", "x y z w x y z w", "x y z w", Tokenize, ShingleMatch{TP: 0.2, FN: 0.8}, 1, 0.2, true, true, 2 * 0.2 / 1.2},
		{"case kept", "The Cat sat down", "the cat sat down", Tokenize, ShingleMatch{FP: 0.5, FN: 0.5}, 0, 0, true, true, 0},
		{"both empty", "", "  ", Tokenize, ShingleMatch{}, 0, 0, false, false, 1},
		{"empty gold", "", "some text", Tokenize, ShingleMatch{FP: 1}, 0, 0, true, false, 0},
		{"empty prediction", "some text", "", Tokenize, ShingleMatch{FN: 1}, 0, 0, false, true, 0},
		// 7 Han characters give 4 shingles, the prediction's 4 characters one of them.
		{"cjk split", "我爱北京天安门", "我爱北京", TokenizeCJK, ShingleMatch{TP: 0.25, FN: 0.75}, 1, 0.25, true, true, 0.4},
		// Unsplit, each text is one different token.
		{"cjk unsplit", "我爱北京天安门", "我爱北京", Tokenize, ShingleMatch{FP: 0.5, FN: 0.5}, 0, 0, true, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MatchShingles(tt.tok(tt.gold), tt.tok(tt.pred))
			if !near(m.TP, tt.want.TP) || !near(m.FP, tt.want.FP) || !near(m.FN, tt.want.FN) {
				t.Fatalf("match = %+v, want %+v", m, tt.want)
			}
			p, pok := m.Precision()
			r, rok := m.Recall()
			if pok != tt.pok || rok != tt.rok || !near(p, tt.p) || !near(r, tt.r) {
				t.Errorf("P = %v (%v), R = %v (%v); want %v (%v), %v (%v)", p, pok, r, rok, tt.p, tt.pok, tt.r, tt.rok)
			}
			if !near(m.F1(), tt.f1) {
				t.Errorf("F1 = %v, want %v", m.F1(), tt.f1)
			}
		})
	}
}

func TestScoreBodyMeansOverPages(t *testing.T) {
	pages := []ShingleMatch{
		{TP: 0.5, FN: 0.5}, // P 1, R 0.5
		{FP: 1},            // empty gold: P 0, not in recall
		{},                 // both empty: in neither mean
		{FN: 1},            // nothing predicted: R 0, not in precision
		{TP: 1},            // exact: P 1, R 1
	}
	s := ScoreBody(pages)
	// P = mean(1, 0, 1) = 2/3; R = mean(0.5, 0, 1) = 0.5; F1 = 2·(2/3)·0.5 / (2/3 + 0.5) = 4/7.
	if !near(s.Precision, 2.0/3) || !near(s.Recall, 0.5) || !near(s.F1, 4.0/7) {
		t.Errorf("score = %+v, want P 2/3, R 1/2, F1 4/7", s)
	}
	if s.Pages != 5 || s.PrecisionPages != 3 || s.RecallPages != 3 || s.Exact != 1 {
		t.Errorf("counts = %+v, want 5 pages, 3 in each mean, 1 exact", s)
	}
	if z := ScoreBody(nil); z.F1 != 0 || z.Precision != 0 || z.Recall != 0 {
		t.Errorf("empty score = %+v, want zeros", z)
	}
	if z := ScoreBody([]ShingleMatch{{}}); z.F1 != 0 || z.PrecisionPages != 0 {
		t.Errorf("all-empty score = %+v, want zeros and no pages in the means", z)
	}
}

func TestSnippetHits(t *testing.T) {
	body := "The quick  brown\nfox jumps\tover"
	s := SnippetHits(body, []string{"quick brown fox", "lazy dog", " fox  jumps "}, []string{"jumps over", "Quick", "THE"})
	want := SnippetScore{TP: 2, FN: 1, FP: 1, TN: 2, Pages: 1}
	if s.TP != want.TP || s.FN != want.FN || s.FP != want.FP || s.TN != want.TN || s.Pages != 1 {
		t.Fatalf("hits = %+v, want %+v", s, want)
	}
	// P = 2/3, R = 2/3, F1 = 4/(4+1+1).
	if !near(s.Precision, 2.0/3) || !near(s.Recall, 2.0/3) || !near(s.F1, 4.0/6) {
		t.Errorf("ratios = %+v", s)
	}
	s.Add(SnippetHits("", []string{"a b c"}, []string{"x y z"}))
	if s.TP != 2 || s.FN != 2 || s.FP != 1 || s.TN != 3 || s.Pages != 2 || !near(s.F1, 4.0/7) {
		t.Errorf("summed = %+v, want tp 2 fn 2 fp 1 tn 3, F1 4/7", s)
	}
}

func TestMatchTitle(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"ABC  Title", "ＡＢＣ Title", true}, // NFKC folds full-width letters
		{" Title\n", "Title", true},
		{"Title", "title", false}, // case matters for titles
		{"", "", true},
		{"", "Something", false},
		{"Title", "", false},
		{"ﬁne", "fine", true}, // ligature
	}
	for _, tt := range tests {
		if got := MatchTitle(tt.gold, tt.pred); got.Correct != tt.want {
			t.Errorf("MatchTitle(%q, %q) = %v, want %v", tt.gold, tt.pred, got.Correct, tt.want)
		}
	}
}

func TestMatchAuthors(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []string
		correct    bool
		partial    float64
	}{
		{"same", []string{"Jane Doe"}, []string{"jane  doe"}, true, 1},
		{"joined label vs list", []string{"Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"},
			[]string{"Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"}, true, 1},
		{"order free", []string{"王建宏", "张文攀"}, []string{"张文攀、王建宏"}, true, 1},
		{"case folding", []string{"Straße"}, []string{"STRASSE"}, true, 1},
		{"one of two", []string{"A B", "C D"}, []string{"A B"}, false, 2.0 / 3},
		{"extra name", []string{"A B"}, []string{"A B", "E F"}, false, 2.0 / 3},
		{"absent, nothing predicted", []string{}, nil, true, 1},
		{"absent, something predicted", []string{}, []string{"Admin"}, false, 0},
		{"missed", []string{"Jane Doe"}, nil, false, 0},
		{"and inside a word", []string{"Alexandra Sandoval"}, []string{"Alexandra Sandoval"}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MatchAuthors(tt.gold, tt.pred)
			if m.Correct != tt.correct || !near(m.Partial, tt.partial) {
				t.Errorf("MatchAuthors(%q, %q) = %+v, want correct %v partial %v", tt.gold, tt.pred, m, tt.correct, tt.partial)
			}
		})
	}
}

func TestMatchPublished(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"1998-03", "1998-03-14", true},
		{"1998-03", "1998-03", true},
		{"1998-03", "1998-04-01", false},
		{"2005-05-07T21:23", "2005-05-07T21:23:57+08:00", true},
		{"2005-05-07T21:23:57", "2005-05-07T21:23", false}, // coarser than the gold
		{"2005-05-07", "", false},
		{"", "", true},
		{"", "2020-01-01", false},
		{"2018", "2018-06-01T00:00:00Z", true},
	}
	for _, tt := range tests {
		if got := MatchPublished(tt.gold, tt.pred); got.Correct != tt.want {
			t.Errorf("MatchPublished(%q, %q) = %v, want %v", tt.gold, tt.pred, got.Correct, tt.want)
		}
	}
}

func TestMatchSummary(t *testing.T) {
	m := MatchSummary("The cat sat.", "The  cat sat.")
	if !m.Correct || m.Partial != 1 {
		t.Errorf("equal summaries: %+v", m)
	}
	// Tokens {The, cat, sat} vs {The, cat, ran, off}: 2 common, F1 = 4/7.
	m = MatchSummary("The cat sat.", "The cat ran off")
	if m.Correct || !near(m.Partial, 4.0/7) {
		t.Errorf("different summaries: %+v, want partial 4/7", m)
	}
}

func TestFieldScore(t *testing.T) {
	var s FieldScore
	s.Add(MatchPublished("2020-01-02", "2020-01-02"), false) // tp
	s.Add(MatchPublished("2020-01-02", "2020-01-03"), false) // fp
	s.Add(MatchPublished("2020-01-02", ""), false)           // fn
	s.Add(MatchPublished("", ""), false)                     // right, no count
	s.Add(MatchPublished("", "2020"), false)                 // fp
	if s.Labelled != 5 || s.Correct != 2 || s.TP != 1 || s.FP != 2 || s.FN != 1 {
		t.Fatalf("counts = %+v", s)
	}
	if !near(s.Accuracy, 0.4) || !near(s.Precision, 1.0/3) || !near(s.Recall, 0.5) || !near(s.F1, 0.4) {
		t.Errorf("ratios = %+v", s)
	}
	if s.PartialF1 != nil {
		t.Errorf("published has no partial credit, got %v", *s.PartialF1)
	}
	var a FieldScore
	a.Add(MatchAuthors([]string{"A B", "C D"}, []string{"A B"}), true)
	a.Add(MatchAuthors([]string{"X"}, []string{"X"}), true)
	if a.PartialF1 == nil || !near(*a.PartialF1, (2.0/3+1)/2) {
		t.Errorf("authors partial = %v, want 5/6", a.PartialF1)
	}
}

func TestPageTypeScore(t *testing.T) {
	var s PageTypeScore
	for _, c := range []struct{ label, pred bool }{{true, true}, {true, true}, {true, false}, {false, true}, {false, false}, {false, false}} {
		s.Add(c.label, c.pred)
	}
	if s.TP != 2 || s.FN != 1 || s.FP != 1 || s.TN != 2 || !near(s.Precision, 2.0/3) || !near(s.Recall, 2.0/3) || !near(s.Accuracy, 4.0/6) {
		t.Errorf("score = %+v", s)
	}
	var u PageTypeScore
	u.Merge(s)
	u.Merge(PageTypeScore{TN: 4})
	if u.TN != 6 || !near(u.Accuracy, 8.0/10) || !near(u.F1, 2.0/3) {
		t.Errorf("union = %+v", u)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 20; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	if got := percentileMS(ds, 0.5); got != 10 {
		t.Errorf("median = %v, want 10", got)
	}
	if got := percentileMS(ds, 0.95); got != 19 {
		t.Errorf("p95 = %v, want 19", got)
	}
	if got := percentileMS(nil, 0.5); got != 0 {
		t.Errorf("empty = %v", got)
	}
}
