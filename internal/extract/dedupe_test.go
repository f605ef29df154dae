package extract

import (
	"strings"
	"testing"
)

func TestDropSiblingCopies(t *testing.T) {
	para := func(s string) string {
		// Long enough (over minCopyWeight) to be compared on its own.
		return "<p>" + s + strings.Repeat(" is a paragraph long enough to count, with clauses, commas and a full stop at its end.", 3) + "</p>"
	}
	block := para("One") + para("Two") + para("Three")
	tests := []struct {
		name  string
		page  string
		lines int
	}{
		// A breakpoint copy of a whole section goes.
		{"responsive copies", `<div><div class="v-desktop">` + block + `</div><div class="v-mobile">` + block + `</div></div>`, 3},
		// A paragraph said twice stays: it may be the author's refrain.
		{"repeated paragraph", `<div>` + para("One") + para("Two") + para("One") + `</div>`, 3},
		// Different sections with a shared paragraph both stay.
		{"different sections", `<div><section>` + block + `</section><section>` + para("One") + para("Four") + para("Five") + `</section></div>`, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := parseHTML(t, tt.page)
			dropSiblingCopies(root)
			lines := renderLines(root)
			if len(lines) != tt.lines {
				t.Errorf("got %d lines, want %d:\n%s", len(lines), tt.lines, strings.Join(lines, "\n"))
			}
		})
	}
}
