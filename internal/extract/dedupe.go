package extract

// Responsive site builders render a block once per breakpoint, as sibling
// containers of which CSS shows one: the extracted text would hold the
// article two or three times. Siblings carrying the same long text are
// copies; the first stays.

import "golang.org/x/net/html"

// minCopyLines is how many lines a repeated block must hold to be a
// breakpoint copy: a paragraph said twice may be the author's own doing
// (a refrain, a repeated quote), a whole section twice is the template's.
const minCopyLines = 3

// minCopyWeight is the text weight from which two identical siblings are
// copies of one block rather than repeated short labels ("Read more").
const minCopyWeight = 200

// dropSiblingCopies removes, under n, every element whose text repeats the
// text of an earlier sibling element of at least minCopyWeight, when it
// holds several paragraphs.
func dropSiblingCopies(n *html.Node) {
	var seen map[string]bool
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && !bodySkipTags[c.Data] {
			if t := normalizeSpace(plainText(c)); textWeight(t) >= minCopyWeight {
				if seen == nil {
					seen = make(map[string]bool)
				}
				if seen[t] && len(renderLines(c)) >= minCopyLines {
					n.RemoveChild(c)
					c = next
					continue
				}
				seen[t] = true
				dropSiblingCopies(c)
			}
		}
		c = next
	}
}
