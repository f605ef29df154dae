package extract

import "testing"

func TestFillsReadability(t *testing.T) {
	para := func(s string) string {
		return s + " explains the matter at length, with commas, clauses and a closing full stop, as prose does."
	}
	read := []string{para("First"), para("Second"), para("Third"), para("Fourth")}
	_, readGood := scoreLines(read)
	cases := []struct {
		name string
		ours []string
		want bool
	}{
		{"a section dropped between readability's paragraphs",
			[]string{read[0], read[1], "Methodology", para("Method one"), para("Method two"), read[2], read[3]}, true},
		{"the same text after the article (comments, related stories)",
			[]string{read[0], read[1], read[2], read[3], para("Reply one"), para("Reply two")}, false},
		{"too little between them",
			[]string{read[0], read[1], "Advertisement", read[2], read[3]}, false},
		{"dated teaser cards between them",
			[]string{read[0], read[1], para("Teaser one"), "Mar 3, 2026", para("Teaser two"), "Feb 26, 2026", read[2], read[3]}, false},
		{"a middle gap but a page of other text after it",
			[]string{read[0], read[1], para("Method one"), read[2], read[3],
				para("Reply one"), para("Reply two"), para("Reply three"), para("Reply four"), para("Reply five")}, false},
		{"readability's lines missing",
			[]string{read[0], para("Method one"), para("Method two"), read[3]}, false},
	}
	for _, c := range cases {
		if got := fillsReadability(read, readGood, c.ours); got != c.want {
			t.Errorf("%s: fillsReadability = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestIsDateStamp(t *testing.T) {
	for line, want := range map[string]bool{
		"Mar 3, 2026":                    true,
		"2005-03-21 22:36":               true,
		"发布时间 2005年3月21日":                true,
		"Methodology":                    false,
		"In 2020, sales rose by a third": false,
		"The report of March 3, 2026, by the agency, found that most customers were content.": false,
	} {
		if got := isDateStamp(line); got != want {
			t.Errorf("isDateStamp(%q) = %v, want %v", line, got, want)
		}
	}
}
