package extract

// Responsive site builders render a block once per breakpoint, as sibling
// containers of which CSS shows one: the extracted text would hold the
// article two or three times. Siblings carrying the same long text are
// copies; the first stays.

import (
	"unicode"

	"golang.org/x/net/html"
)

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
	dropCopies(n)
}

// textSig identifies a subtree's text in one bottom-up pass: a polynomial
// hash of its word sequence (so a parent's is computed from its
// children's), B to the power of its word count, and its text weight.
type textSig struct {
	hash, pow uint64
	weight    int
}

// sigBase is the polynomial hash's base (odd, so powers never vanish).
const sigBase = 1099511628211

func (a textSig) concat(b textSig) textSig {
	return textSig{hash: a.hash*b.pow + b.hash, pow: a.pow * b.pow, weight: a.weight + b.weight}
}

// wordsSig is the signature of one text node's words, in one pass and
// without allocating: FNV-1a per word, folded into the polynomial hash.
func wordsSig(text string) textSig {
	s := textSig{pow: 1, weight: textWeight(text)}
	const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211
	h, inWord := uint64(fnvOffset), false
	for _, r := range text {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			if inWord {
				s.hash = s.hash*sigBase + h
				s.pow *= sigBase
				h, inWord = fnvOffset, false
			}
			continue
		}
		inWord = true
		h ^= uint64(r)
		h *= fnvPrime
	}
	if inWord {
		s.hash = s.hash*sigBase + h
		s.pow *= sigBase
	}
	return s
}

// dropCopies removes copies under n, children first, and returns the
// signature of what is left of n's text.
func dropCopies(n *html.Node) textSig {
	switch n.Type {
	case html.TextNode:
		return wordsSig(n.Data)
	case html.ElementNode:
		if bodySkipTags[n.Data] {
			return textSig{pow: 1}
		}
	}
	sig := textSig{pow: 1}
	var seen map[[2]uint64]bool
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		cs := dropCopies(c)
		if c.Type == html.ElementNode && cs.weight >= minCopyWeight {
			key := [2]uint64{cs.hash, cs.pow}
			if seen[key] && len(renderLines(c)) >= minCopyLines {
				n.RemoveChild(c)
				c = next
				continue
			}
			if seen == nil {
				seen = make(map[[2]uint64]bool)
			}
			seen[key] = true
		}
		sig = sig.concat(cs)
		c = next
	}
	return sig
}
