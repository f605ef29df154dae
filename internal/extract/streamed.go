package extract

// Streamed server rendering (React's Suspense streaming, used by Next.js and
// others) sends a page in two parts: where a slow part belongs, a boundary
// marker (<template id="B:n">) followed by a fallback ("Loading…"), or a
// placeholder (<template id="P:n">); and at the end of the document the real
// content in a hidden segment (<div hidden id="S:n">), which a small script
// moves into place. A reader sees the moved content, so the body side does
// the same move before it looks for the article: otherwise the article is a
// column of "Loading paragraph..." lines and its text sits, hidden, at the
// page's foot.

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFallbackWords bounds the fallback removed when the page lost React's
// boundary comments: a loading line or an empty skeleton, never an article
// part that merely follows a boundary whose fallback was empty.
const maxFallbackWords = 10

// resolveStreamedSegments moves each hidden segment S:n into the place its
// boundary B:n or placeholder P:n marks, dropping the boundary's fallback.
// The scripts that would do it pair the ids by their shared suffix; pages
// without segments are left untouched.
func resolveStreamedSegments(root *html.Node) {
	var markers []*html.Node
	segments := map[string]*html.Node{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Template || n.DataAtom == atom.Div) {
			switch id := attr(n, "id"); {
			case n.DataAtom == atom.Template && (strings.HasPrefix(id, "B:") || strings.HasPrefix(id, "P:")):
				markers = append(markers, n)
			case n.DataAtom == atom.Div && strings.HasPrefix(id, "S:") && hasAttribute(n, "hidden"):
				segments[id[2:]] = n
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(root)
	if len(markers) == 0 || len(segments) == 0 {
		return
	}
	for _, m := range markers {
		id := attr(m, "id")
		seg := segments[id[2:]]
		if seg == nil || seg.Parent == nil || m.Parent == nil || isAncestor(seg, m) {
			continue
		}
		delete(segments, id[2:])
		at := m
		if id[0] == 'B' {
			at = dropFallback(m)
		}
		for ch := seg.FirstChild; ch != nil; ch = seg.FirstChild {
			seg.RemoveChild(ch)
			at.Parent.InsertBefore(ch, at)
		}
		seg.Parent.RemoveChild(seg)
		if id[0] == 'P' {
			m.Parent.RemoveChild(m)
		}
	}
}

// dropFallback removes the fallback shown after boundary marker m and
// returns the node the content goes before: the boundary's closing comment
// ("/$"), or m itself when the page was saved without comments, in which
// case only a short element right after m is taken for the fallback.
func dropFallback(m *html.Node) *html.Node {
	depth := 0
	for n := m.NextSibling; n != nil; n = n.NextSibling {
		if n.Type != html.CommentNode {
			continue
		}
		switch n.Data {
		case "/$":
			if depth > 0 {
				depth--
				continue
			}
			for f := m.NextSibling; f != n; f = m.NextSibling {
				m.Parent.RemoveChild(f)
			}
			return n
		case "$", "$?", "$!":
			depth++
		}
	}
	next := m.NextSibling
	for next != nil && next.Type == html.TextNode && strings.TrimSpace(next.Data) == "" {
		next = next.NextSibling
	}
	if next != nil && next.Type == html.ElementNode && next.DataAtom != atom.Template &&
		len(strings.Fields(plainText(next))) <= maxFallbackWords {
		m.Parent.RemoveChild(next)
	}
	return m
}

// isAncestor reports whether a is n or one of n's ancestors.
func isAncestor(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}
