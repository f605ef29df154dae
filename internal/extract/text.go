package extract

import (
	"strings"

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
