package htmldoc

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// flattenDepths are the nesting limits tried in turn by the fallback. The
// parser's limit is 512 open elements; the first value leaves room for the
// elements the parser adds itself (html, body, implied p, tbody, ...), the
// second is for markup where those multiply.
var flattenDepths = []int{400, 100}

// flatten re-emits text (valid UTF-8 HTML) with start tags beyond maxDepth
// open elements removed, together with their matching end tags. Text,
// comments and void elements are kept, so the words survive. It is one pass
// of the tokenizer: linear in len(text).
func flatten(text []byte, maxDepth int) []byte {
	out := make([]byte, 0, len(text))
	z := html.NewTokenizer(bytes.NewReader(text))
	var open []atom.Atom        // tags kept and not yet closed
	dropped := map[string]int{} // tags dropped and not yet closed, by name
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if isVoid(a) {
				break
			}
			if len(open) >= maxDepth && !isRawText(a) {
				dropped[string(name)]++
				continue
			}
			open = append(open, a)
		case html.EndTagToken:
			name, _ := z.TagName()
			if n := dropped[string(name)]; n > 0 {
				dropped[string(name)] = n - 1
				continue
			}
			a := atom.Lookup(name)
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == a && (a != 0 || i == len(open)-1) {
					open = open[:i]
					break
				}
			}
		}
		out = append(out, z.Raw()...)
	}
}

// isVoid reports elements that never have content, so never nest.
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track,
		atom.Wbr, atom.Keygen:
		return true
	}
	return false
}

// isRawText reports elements whose content the tokenizer reads as raw
// text: dropping their start tag would turn that text into markup.
func isRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp,
		atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext:
		return true
	}
	return false
}
