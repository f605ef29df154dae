package extract

// The scoring walk the body side runs on a page and on each candidate:
// every element's good (long, unlinked) and bad text, in Latin-letter
// equivalents, its links and its class-word flags; and the edits
// (remove) that keep those sums true as boilerplate is cut.

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// isCJK reports whether r is a Han, Kana or Hangul character: one such
// character carries about as much as a short word.
func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// textWeight measures s in Latin-letter equivalents: a CJK character counts
// as cjkWeight letters, spaces count nothing.
func textWeight(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r > ' ' {
				w++
			}
		case isCJK(r):
			w += cjkWeight
		case !unicode.IsSpace(r):
			w++
		}
	}
	return w
}

// cjkWeight is how many Latin letters one Han character is worth when
// judging a block's length (an English word of ~5 letters ≈ 1.7 Han chars).
const cjkWeight = 3

// linkDensity is the share of n's text weight inside <a> elements.
func linkDensity(n *html.Node) float64 {
	var all, linked int
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			w := textWeight(n.Data)
			all += w
			if inLink {
				linked += w
			}
			return
		case html.ElementNode:
			if bodySkipTags[n.Data] {
				return
			}
			if n.Data == "a" {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	if all == 0 {
		return 0
	}
	return float64(linked) / float64(all)
}

// elemStat is what the scoring walk learns about one element.
type elemStat struct {
	n      *html.Node
	parent int // index of the parent element in analysis.elems, -1 for the top
	end    int // one past the index of the last element of n's subtree
	// ownW, ownLinked and ownPunct measure the text whose nearest block
	// ancestor is n (only meaningful for block elements).
	ownW, ownLinked, ownPunct int
	// good is the weight of unlinked text in good blocks of the subtree;
	// bad the weight of everything else; linked the weight inside <a>.
	good, bad, linked int
	links             int // <a href> elements in the subtree
	semantic, boiler  bool
	// weakBoiler marks a class word such as "widget" that CMS frameworks
	// also put on the article's own blocks: such an element is boilerplate
	// only when it holds little prose (see isProse).
	weakBoiler bool
	// caption marks figure captions and photo credits.
	caption bool
	dead    bool // removed from the tree by preClean
}

// analysis is the result of one bottom-up walk over a tree.
type analysis struct {
	elems    []elemStat // in document (pre-)order
	han, all int
	// best (the density candidate) and semantic (the best semantic
	// container) index elems, -1 for none; choose sets them.
	best, semantic int
}

// node returns the element at index i of elems, nil for -1.
func (a *analysis) node(i int) *html.Node {
	if i < 0 {
		return nil
	}
	return a.elems[i].n
}

// analyse walks root once and scores every element. It leaves best and
// semantic unset: only extractBody wants them, and it calls choose after
// its own removals.
func analyse(root *html.Node) *analysis {
	// Sizing the slice up front spares walk its regrowth.
	a := &analysis{elems: make([]elemStat, 0, countAnalysed(root)), best: -1, semantic: -1}
	a.walk(root, -1, -1, false)
	return a
}

// countAnalysed counts the elements walk records under n: every element
// but those in bodySkipTags and their subtrees.
func countAnalysed(n *html.Node) int {
	count := 0
	switch n.Type {
	case html.ElementNode:
		if bodySkipTags[n.Data] {
			return 0
		}
		count = 1
	case html.DocumentNode:
	default:
		return 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		count += countAnalysed(c)
	}
	return count
}

func (a *analysis) walk(n *html.Node, parent, owner int, inLink bool) {
	switch n.Type {
	case html.TextNode:
		if owner < 0 {
			return
		}
		o := &a.elems[owner]
		for _, r := range n.Data {
			w := 0
			switch {
			case r < utf8.RuneSelf:
				if r > ' ' {
					w = 1
				}
				if r == '.' || r == ',' || r == ';' || r == '!' || r == '?' {
					o.ownPunct++
				}
			case isCJK(r):
				w = cjkWeight
				a.han++
			case isSentencePunct(r):
				w = 1
				o.ownPunct++
			case !unicode.IsSpace(r):
				w = 1
			}
			a.all += w
			o.ownW += w
			if inLink {
				o.ownLinked += w
			}
		}
		return
	case html.ElementNode:
		if bodySkipTags[n.Data] {
			return
		}
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			a.walk(c, parent, owner, inLink)
		}
		return
	default:
		return
	}
	i := len(a.elems)
	a.elems = append(a.elems, elemStat{n: n, parent: parent})
	if bodyBlockTags[n.Data] || owner < 0 {
		owner = i
	}
	if n.Data == "a" {
		inLink = true
		if hasAttribute(n, "href") {
			a.elems[i].links++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a.walk(c, i, owner, inLink)
	}
	e := &a.elems[i]
	e.end = len(a.elems)
	e.semantic = isSemanticContainer(n)
	e.boiler, e.weakBoiler = boilerKind(n)
	e.caption = isCaption(n)
	if e.ownW > 0 {
		if goodBlock(e.ownW, e.ownLinked, e.ownPunct) {
			e.good += e.ownW - e.ownLinked
			e.bad += e.ownLinked
		} else {
			e.bad += e.ownW
		}
		e.linked += e.ownLinked
	}
	if parent >= 0 {
		p := &a.elems[parent]
		p.good += e.good
		p.bad += e.bad
		p.linked += e.linked
		p.links += e.links
	}
}

// goodBlock is the jusText-like test of one block of text: long enough and
// not mostly links, or a shorter sentence with punctuation and no links.
func goodBlock(w, linked, punct int) bool {
	ld := float64(linked) / float64(w)
	switch {
	case w >= 80 && ld < 0.3:
		return true
	case w >= 30 && punct > 0 && ld < 0.1:
		return true
	}
	return false
}

// badPenalty is how much a unit of bad text costs a candidate against a unit
// of good text it gains.
const badPenalty = 0.3

// choose picks the density candidate and the semantic container among live
// elements.
func (a *analysis) choose() {
	a.best, a.semantic = -1, -1
	bestScore := 0.0
	maxSem := 0
	for i := 0; i < len(a.elems); i++ {
		e := &a.elems[i]
		if e.dead {
			i = e.end - 1 // skip the removed subtree
			continue
		}
		score := float64(e.good) - badPenalty*float64(e.bad)
		if e.good > 0 && score >= bestScore {
			bestScore, a.best = score, i
		}
		if e.semantic && e.good > maxSem {
			maxSem = e.good
		}
	}
	if maxSem == 0 {
		return
	}
	// The first container holding most of the largest one's text: for a
	// forum thread that is the opening post, not the longest reply.
	for i := range a.elems {
		e := &a.elems[i]
		if e.dead {
			continue
		}
		if e.semantic && float64(e.good) >= 0.6*float64(maxSem) {
			a.semantic = i
			return
		}
	}
}

// countLinkLines counts the blocks under n whose own text is a link of a
// few words, with at most a date or label beside it.
func countLinkLines(n *html.Node) int {
	a := analyse(n)
	count := 0
	for i := range a.elems {
		e := &a.elems[i]
		if e.ownLinked >= 15 && e.ownLinked*10 >= e.ownW*7 {
			count++
		}
	}
	return count
}

// hanShare is the share of the page's text weight in CJK characters.
func (a *analysis) hanShare() float64 {
	if a.all == 0 {
		return 0
	}
	return float64(a.han*cjkWeight) / float64(a.all)
}

// protectedSet returns the elements preClean must keep: the candidates and
// their ancestors.
func (a *analysis) protectedSet() map[int]bool {
	p := make(map[int]bool)
	for _, i := range []int{a.best, a.semantic} {
		for ; i >= 0; i = a.elems[i].parent {
			p[i] = true
		}
	}
	return p
}

// remove detaches element i and takes its text out of its ancestors' sums.
func (a *analysis) remove(i int) {
	e := &a.elems[i]
	if e.n.Parent != nil {
		e.n.Parent.RemoveChild(e.n)
	}
	for j := i; j < e.end; j++ {
		a.elems[j].dead = true
	}
	for p := e.parent; p >= 0; p = a.elems[p].parent {
		q := &a.elems[p]
		q.good -= e.good
		q.bad -= e.bad
		q.linked -= e.linked
		q.links -= e.links
	}
}

func isSentencePunct(r rune) bool {
	switch r {
	case '，', '。', '；', '！', '？', '、', '：', '…':
		return true
	}
	return false
}

// bodySkipTags hold no article text.
var bodySkipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "math": true,
	"iframe": true, "object": true, "embed": true, "head": true, "select": true, "button": true,
	"textarea": true, "input": true, "option": true, "canvas": true, "audio": true, "video": true,
}

// bodyBlockTags start a new line and own the text of their inline descendants.
var bodyBlockTags = map[string]bool{
	"p": true, "div": true, "td": true, "th": true, "li": true, "blockquote": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "article": true,
	"section": true, "main": true, "body": true, "dd": true, "dt": true, "dl": true, "ul": true,
	"ol": true, "table": true, "tr": true, "tbody": true, "thead": true, "tfoot": true,
	"figure": true, "figcaption": true, "form": true, "center": true, "header": true,
	"footer": true, "nav": true, "aside": true, "address": true, "fieldset": true, "hr": true,
	"caption": true, "details": true, "summary": true,
}
