package extract

// Rules for pages that hold more than one author's text: comment threads
// under an article, and blog index pages listing several dated posts. Both
// run on the page before the candidates are chosen, so every candidate
// (readability's included) sees the page without them. repeatedPosts
// counts a thread's posts for the article decision.

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// commentWords are class/id words of a comment thread or its form.
var commentWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "disqus": true, "respond": true,
}

// minTextBesideComments is the good text weight the page must keep outside
// a comment thread for the thread to be cut: below it the "comments" may be
// the only text there is (a page that is one long discussion).
const minTextBesideComments = 250

// dropCommentThreads removes comment sections from the page, however much
// text they hold, when the page keeps real text outside them. preClean
// spares any element holding a large share of the page's text, which a
// thread of sixty replies under a short post does.
func (a *analysis) dropCommentThreads() {
	if len(a.elems) == 0 {
		return
	}
	for i := 1; i < len(a.elems); i++ {
		e := &a.elems[i]
		if e.dead {
			i = e.end - 1
			continue
		}
		if e.good == 0 || !isCommentSection(e.n) {
			continue
		}
		if a.elems[0].good-e.good < minTextBesideComments || a.holdsArticleMarks(i) {
			continue
		}
		a.remove(i)
		i = e.end - 1
	}
}

// isCommentSection reports an element whose class or id names a comment
// thread; the document's own sectioning elements never are one.
func isCommentSection(n *html.Node) bool {
	return !isPageFrame(n) && hasClassWord(n, commentWords)
}

// holdsArticleMarks reports whether element i contains the page's headline
// (<h1>) or a container naming itself the article body: then it wraps the
// article as well as its comments and must stay.
func (a *analysis) holdsArticleMarks(i int) bool {
	e := &a.elems[i]
	for j := i + 1; j < e.end; j++ {
		d := &a.elems[j]
		if d.n.Data == "h1" || (d.semantic && d.n.Data != "article") {
			return true
		}
	}
	return false
}

// rxPostDate matches the date in a post's header or footer line, with
// submatches for year, month and day: 2005-03-21, 2005/3/21, 2005年3月21日.
var rxPostDate = regexp.MustCompile(`\b((?:19|20)\d\d)[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])\b|` +
	`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)

// rxPostDateEN matches "March 21, 2005" with submatches month name, day, year.
var rxPostDateEN = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b`)

// minPostGood is the good text weight each repeated post must hold: a
// teaser's one-line blurb is not a post.
const minPostGood = 150

// keepFirstOfRepeatedPosts trims a blog index page (several dated posts,
// each with its own text, side by side) to its first post, which is the one
// the page is about when it is read as an article. Siblings count as posts
// when they share tag and class, each holds prose of its own and a short
// line with a date, and together they hold most of the page's text.
// It reports whether it trimmed anything.
func (a *analysis) keepFirstOfRepeatedPosts() bool {
	if len(a.elems) == 0 {
		return false
	}
	pageGood := a.elems[0].good
	if pageGood == 0 {
		return false
	}
	// Group live elements by parent and signature, in document order.
	type groupKey struct {
		parent int
		sig    string
	}
	groups := make(map[groupKey][]int)
	var order []groupKey
	for i := 1; i < len(a.elems); i++ {
		e := &a.elems[i]
		if e.dead {
			i = e.end - 1
			continue
		}
		if e.good < minPostGood || e.parent < 0 || !postContainerTags[e.n.Data] {
			continue
		}
		k := groupKey{e.parent, e.n.Data + "." + attr(e.n, "class")}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		members := groups[k]
		if len(members) < 3 {
			continue
		}
		sum := 0
		for _, m := range members {
			sum += a.elems[m].good
		}
		if float64(sum) < 0.6*float64(pageGood) {
			continue
		}
		// The first post must not dwarf the others (an article followed by
		// short dated notes), and every post must carry a date line.
		first := a.elems[members[0]].good
		if float64(first) > 0.8*float64(sum) {
			continue
		}
		if !newestFirst(a, members) {
			continue
		}
		for _, m := range members[1:] {
			if !a.elems[m].dead {
				a.remove(m)
			}
		}
		return true
	}
	return false
}

// postContainerTags are the elements a post of an index page comes in.
var postContainerTags = map[string]bool{
	"div": true, "article": true, "section": true, "li": true, "tr": true, "table": true, "td": true,
}

// newestFirst reports whether every member has a short line with a date
// and the dates run from the newest down, not all the same: the order of a
// blog's index. A list of events (soonest first) or of books (any order)
// with dates in it is not one.
func newestFirst(a *analysis, members []int) bool {
	prev, first := 0, 0
	for k, m := range members {
		d := postDate(a.elems[m].n)
		if d == 0 || (k > 0 && d > prev) {
			return false
		}
		if k == 0 {
			first = d
		}
		prev = d
	}
	return prev < first
}

// postDate returns the first date found in a short line of n as yyyymmdd,
// or 0 when there is none.
func postDate(n *html.Node) int {
	r := &lineRenderer{keepClutter: true}
	r.walk(n)
	r.flush()
	for _, l := range r.lines {
		if utf8.RuneCountInString(l) > 80 {
			continue
		}
		if m := rxPostDate.FindStringSubmatch(l); m != nil {
			if m[1] != "" {
				return ymd(m[1], m[2], m[3])
			}
			return ymd(m[4], m[5], m[6])
		}
		if m := rxPostDateEN.FindStringSubmatch(l); m != nil {
			mon := monthTable[strings.ToLower(m[1])]
			return ymd(m[3], strconv.Itoa(mon), m[2])
		}
	}
	return 0
}

func ymd(y, m, d string) int {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	return yi*10000 + mi*100 + di
}

// postWords are class/id words of the posts of a thread. "post" itself is
// left out: blog themes put it on every teaser of a related-posts strip.
var postWords = map[string]bool{
	"message": true, "messages": true, "postmessage": true, "answer": true, "answers": true,
	"reply": true, "replies": true, "postbody": true, "postcell": true, "thread": true,
}

// repeatedPosts returns the largest number of siblings that name
// themselves a post, message, reply or answer and hold prose: the shape of
// a forum thread or a Q&A page, not of an article.
func (a *analysis) repeatedPosts() int {
	perParent := make(map[int]int)
	counted := make(map[int]bool)
	best := 0
	for i := range a.elems {
		e := &a.elems[i]
		if e.good < 60 || e.parent < 0 || !hasClassWord(e.n, postWords) {
			continue
		}
		// Threads often wrap each post in a box of its own: the posts
		// are siblings where the wrappers are.
		post := i
		for a.elems[post].parent > 0 && onlyElementChild(a.elems[post].n) {
			post = a.elems[post].parent
		}
		if counted[post] {
			continue // a post's inner message box, already counted
		}
		counted[post] = true
		parent := a.elems[post].parent
		perParent[parent]++
		if c := perParent[parent]; c > best {
			best = c
		}
	}
	return best
}

// onlyElementChild reports whether n is the one element among its parent's
// children.
func onlyElementChild(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode {
			return false
		}
	}
	return true
}
