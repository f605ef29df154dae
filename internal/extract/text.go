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
