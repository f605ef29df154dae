package extract

// The text of a subtree: its lines as a reader sees them (renderLines),
// white space normalised, and flat text for short checks.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// nodeText returns the text content of n, without script, style and template
// contents.
func nodeText(n *html.Node) string {
	var b strings.Builder
	appendText(&b, n)
	return b.String()
}

func appendText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "template", "noscript":
			return
		case "br", "p", "div", "li", "tr":
			defer b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		appendText(b, c)
	}
}

// mayContainHan reports whether s may hold a CJK Unified Ideograph
// (U+4E00–U+9FFF): it looks for the UTF-8 lead bytes of U+4000–U+9FFF.
// False means s has none, so a pattern that needs a Han character cannot
// match and need not run.
func mayContainHan(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= 0xE4 && b <= 0xE9 {
			return true
		}
	}
	return false
}

// renderLines turns the subtree n into its text lines: blocks and <br>
// break lines, whitespace is collapsed, clutter lines are dropped.
func renderLines(n *html.Node) []string {
	return clutterMemo(nil).renderLines(n)
}

// renderLines is renderLines with m's answers for clutter lines.
func (m clutterMemo) renderLines(n *html.Node) []string {
	r := &lineRenderer{clutter: m}
	r.walk(n)
	r.flush()
	return r.lines
}

type lineRenderer struct {
	cur   strings.Builder
	lines []string
	// keepClutter keeps the lines isClutterLine would drop (datelines,
	// share bars), for rules that read a block's header and footer.
	keepClutter bool
	clutter     clutterMemo
}

func (r *lineRenderer) flush() {
	line := normalizeSpace(r.cur.String())
	r.cur.Reset()
	if line == "" || (!r.keepClutter && r.clutter.isClutter(line)) {
		return
	}
	r.lines = append(r.lines, line)
}

func (r *lineRenderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if bodySkipTags[n.Data] || isHidden(n) {
			return
		}
		switch n.Data {
		case "br", "hr":
			r.flush()
			return
		case "td", "th":
			// Cells of a row share its line.
			r.cur.WriteByte(' ')
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				r.walk(c)
			}
			r.cur.WriteByte(' ')
			return
		case "img":
			return
		}
		if bodyBlockTags[n.Data] {
			r.flush()
			defer r.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
}

// normalizeSpace collapses runs of white space (ideographic and no-break
// spaces included) to one space and trims the ends.
//
// It is strings.Join(strings.FieldsFunc(s, isBlank), " ") in one pass: a
// string that is already normalized comes back as is, without a copy.
func normalizeSpace(s string) string {
	if isNormalized(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := -1 // start of the current word, or -1 between words
	for i, r := range s {
		switch {
		case !isBlank(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[start:])
	}
	return b.String()
}

// isNormalized reports whether normalizeSpace would leave s unchanged: no
// blank but single ASCII spaces between words.
func isNormalized(s string) bool {
	prevBlank := true // the start counts as blank: a leading space fails
	for _, r := range s {
		if !isBlank(r) {
			prevBlank = false
			continue
		}
		if r != ' ' || prevBlank {
			return false
		}
		prevBlank = true
	}
	return s == "" || !prevBlank
}

// isBlank reports the runes normalizeSpace treats as white space.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// plainText is the text of n's subtree without skipped elements.
func plainText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if bodySkipTags[n.Data] {
				return
			}
			if bodyBlockTags[n.Data] || n.Data == "br" {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// lastRune is the last rune of s before its trailing spaces.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r
}
