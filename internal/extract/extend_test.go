package extract

import (
	"fmt"
	"strings"
	"testing"
)

// rowsPage lays an article out as a page builder does: every block of text
// in a row of its own, three wrappers deep, images in rows between them.
func rowsPage(sizes []int) string {
	var b strings.Builder
	b.WriteString(`<html><body><header><a href="/">Home</a> <a href="/blog">Blog</a></header><main id="main">`)
	for i, n := range sizes {
		fmt.Fprintf(&b, `<div class="row layout"><div class="col"><div class="wrapper"><div class="text-block">%s</div></div></div></div>`,
			prose(n, fmt.Sprintf("Row %d", i)))
		fmt.Fprintf(&b, `<div class="row layout"><div class="col"><img src="/i%d.jpg" alt=""></div></div>`, i)
	}
	b.WriteString(`</main><footer><a href="/privacy">Privacy</a></footer></body></html>`)
	return b.String()
}

func TestBodyKeepsTheRowsBeforeReadabilitysPick(t *testing.T) {
	// The longest row draws readability; the intro rows before it are the
	// article's beginning.
	res := bodyOf(t, rowsPage([]int{2, 3, 9, 2, 3}))
	for _, want := range []string{"Row 0 paragraph 0", "Row 1 paragraph 2", "Row 2 paragraph 8", "Row 4 paragraph 2"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("body lost %q:\n%s", want, res.Text)
		}
	}
}

func TestExtendsReadability(t *testing.T) {
	para := func(s string) string {
		return s + " explains the matter at length, with commas, clauses and a closing full stop, as prose does."
	}
	read := []string{para("Middle one"), para("Middle two")}
	readScore, _ := scoreLines(read)
	cases := []struct {
		name string
		ours []string
		want bool
	}{
		{"lead before readability's pick", []string{para("Intro one"), para("Intro two"), read[0], read[1], para("Close")}, true},
		{"only text after it (comments, related stories)", []string{read[0], read[1], para("Reply one"), para("Reply two"), para("Reply three")}, false},
		{"a ticker of cut-off teasers before it", []string{para("Teaser one") + "...", para("Teaser two") + "…", read[0], read[1], para("Reply one"), para("Reply two")}, false},
		{"readability's lines missing", []string{para("Intro one"), para("Intro two"), read[0], para("Close")}, false},
		{"the extra is menu lines", []string{"Home", "News", "Sport", "Weather", "Contact us", "Newsletter", "Sign in", para("Intro"), read[0], read[1]}, false},
	}
	for _, c := range cases {
		if got := extendsReadability(read, readScore, c.ours); got != c.want {
			t.Errorf("%s: extendsReadability = %v, want %v", c.name, got, c.want)
		}
	}
}
