package extract

// The main-text side of the extractor: body text and HTML.
//
// Method, in one pass each where possible:
//  0. streamed segments (React's hidden <div id="S:n">) are moved to the
//     boundary they fill, as the page's scripts would (streamed.go);
//  1. per-site Drop selectors are removed and a per-site Selector, when it
//     matches text, is taken as the body outright;
//  2. one bottom-up walk scores every element by the text of the good
//     (long, unlinked) blocks under it minus a share of the bad ones
//     (jusText-style), which finds a density candidate, and notes the
//     semantic containers (<article>, itemprop=articleBody, *-content...);
//  3. boilerplate (nav, aside, footer, share/related/comment widgets) is
//     removed outside the candidates' ancestry, the candidates are cloned,
//     and readability runs on what is left of the page;
//  4. every candidate is post-cleaned (link lists, clutter lines) and the
//     one whose lines score best wins, readability's with a bonus unless
//     ours holds all of it and the article's beginning it missed, or the
//     sections it dropped from between its paragraphs (fill.go).

import (
	"math"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// bodyInput is what the body side needs from a page.
type bodyInput struct {
	// Root is a clone of the page: extractBody may mutate it.
	Root *html.Node
	// URL resolves relative links and images; may be nil.
	URL *url.URL
	// Title is the article's title, used to drop a heading repeating it.
	Title string
	// Selector is a per-site CSS selector for the body; "" means generic rules.
	Selector string
	// Drop lists per-site CSS selectors of noise removed before anything else.
	Drop []string
	// Lang is the page's language ("zh", "en", ...), "" when unknown.
	Lang string
}

// bodyResult is the article's main text.
type bodyResult struct {
	// Text holds the paragraphs joined by "\n", whitespace normalised.
	Text string
	// HTML is the chosen subtree, cleaned and sanitised, links made absolute.
	HTML string
	// Paragraphs counts the lines of Text.
	Paragraphs int
	// LinkDensity is the share of the body's characters inside links.
	LinkDensity float64
	// LinkLines counts the body's blocks that are mostly one link (a
	// teaser's headline): many of them make a section front.
	LinkLines int
	// Posts is the largest number of sibling post, reply or answer blocks
	// with prose of their own found on the page: a forum thread or Q&A.
	Posts int
}

// extractBody finds the article text in in.Root. It never fails: a page
// without main text gives a zero bodyResult.
func extractBody(in bodyInput) bodyResult {
	if in.Root == nil {
		return bodyResult{}
	}
	resolveStreamedSegments(in.Root)
	for _, sel := range in.Drop {
		removeMatching(in.Root, sel)
	}
	if in.Selector != "" {
		if res, ok := bodyFromSelector(in); ok {
			return res
		}
	}
	cjk := isCJKLang(in.Lang)

	an := analyse(in.Root)
	if !cjk && an.hanShare() > 0.3 {
		cjk = true
	}
	posts := an.repeatedPosts()
	an.dropCommentThreads()
	an.keepFirstOfRepeatedPosts()
	an.choose()
	protected := an.protectedSet()
	preClean(in.Root, an, protected)
	an.choose()

	var cands []*html.Node
	density, semantic := an.node(an.best), an.node(an.semantic)
	if density != nil && density.Parent != nil {
		cands = append(cands, cloneTree(density))
	}
	if semantic != nil && semantic != density && semantic.Parent != nil {
		cands = append(cands, cloneTree(semantic))
	}

	parser := readability.NewParser()
	if cjk {
		// Readability's threshold counts characters as English letters; a
		// Chinese article says as much in a third of them.
		parser.CharThresholds = 200
	}
	parser.DisableJSONLD = true
	if art, err := parser.ParseAndMutate(in.Root, in.URL); err == nil && art.Node != nil {
		// Readability first; ties go to it, it trims best.
		cands = append([]*html.Node{art.Node}, cands...)
	}

	// The candidates overlap, and postClean tests a short block's text
	// that renderLines then tests again as a line: one answer per line.
	clutter := clutterMemo{}
	var best bodyResult
	var bestNode *html.Node
	bestScore := math.Inf(-1)
	readabilityGood := -1.0
	var readabilityLines []string
	var readabilityScore float64
	for i, c := range cands {
		dropSiblingCopies(c)
		postClean(c, in.Title, clutter)
		lines := clutter.renderLines(c)
		score, good := scoreLines(lines)
		if i == 0 && len(cands) > 1 {
			readabilityLines, readabilityScore = lines, score
			score *= readabilityBonus
			readabilityGood = good
		} else if good <= readabilityGood {
			// Ours is there for the text readability missed: with no more
			// prose than readability's, it has found none.
			continue
		} else if bestNode == cands[0] && (extendsReadability(readabilityLines, readabilityScore, lines) ||
			fillsReadability(readabilityLines, readabilityGood, lines)) {
			score = math.Max(score, bestScore+1)
		}
		if score > bestScore {
			bestScore, bestNode = score, c
			best = bodyResult{Text: strings.Join(lines, "\n"), Paragraphs: len(lines)}
		}
	}
	if bestNode == nil {
		return bodyResult{}
	}
	best.LinkDensity = linkDensity(bestNode)
	best.LinkLines = countLinkLines(bestNode)
	best.Posts = posts
	best.HTML = sanitizeBody(bestNode, in.URL)
	return best
}

// readabilityBonus favours readability's candidate over ours: it trims the
// edges of an article better than a density pick, so ours wins only when
// readability missed much of the text.
const readabilityBonus = 3

// An article readability took only part of: its pick (one section of a
// page builder's rows, the body after an intro kept in sibling blocks) lies
// whole inside our candidate, which adds clean prose of at least
// extendMinShare of readability's score, some of it (extendMinLead) before
// readability's first line. Comments, live feeds and related stories come
// after an article, never before it, so the lead is what tells a missed
// beginning from a page's trailing chatter.
const (
	extendMinCover = 0.9
	extendMinShare = 0.5
	extendMinClean = 0.75
	extendMinLead  = 0.1
)

// extendsReadability reports whether ours holds readability's lines (by
// weight, at least extendMinCover of them) plus the rest of the article:
// more prose, mostly good lines, part of it ahead of readability's start.
// Teaser lines (a blurb cut off with an ellipsis) do not count as a lead:
// a ticker above an article is no part of it.
func extendsReadability(read []string, readScore float64, ours []string) bool {
	if len(read) == 0 || readScore <= 0 {
		return false
	}
	inRead, ok := coversReadability(read, ours)
	if !ok {
		return false
	}
	var extra, lead []string
	reached := false
	for _, l := range ours {
		if inRead[l] {
			reached = true
			continue
		}
		extra = append(extra, l)
		if !reached && !strings.HasSuffix(l, "...") && !strings.HasSuffix(l, "…") {
			lead = append(lead, l)
		}
	}
	extraScore, extraGood := scoreLines(extra)
	leadScore, _ := scoreLines(lead)
	return extraScore >= extendMinShare*readScore &&
		extraScore >= extendMinClean*extraGood &&
		leadScore >= extendMinLead*readScore
}

// bodyFromSelector takes the per-site body selector's matches as the body.
func bodyFromSelector(in bodyInput) (bodyResult, bool) {
	sel, err := cascadia.Compile(in.Selector)
	if err != nil {
		return bodyResult{}, false
	}
	matches := cascadia.QueryAll(in.Root, sel)
	if len(matches) == 0 {
		return bodyResult{}, false
	}
	wrap := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, m := range matches {
		if m.Parent != nil {
			m.Parent.RemoveChild(m)
		}
		wrap.AppendChild(m)
	}
	clutter := clutterMemo{}
	postClean(wrap, in.Title, clutter)
	lines := clutter.renderLines(wrap)
	if len(lines) == 0 {
		return bodyResult{}, false
	}
	return bodyResult{
		Text:        strings.Join(lines, "\n"),
		Paragraphs:  len(lines),
		LinkDensity: linkDensity(wrap),
		HTML:        sanitizeBody(wrap, in.URL),
	}, true
}

// removeMatching removes every element under root matching the CSS selector
// sel; a selector that does not compile removes nothing (New validated it).
func removeMatching(root *html.Node, sel string) {
	s, err := cascadia.Compile(sel)
	if err != nil {
		return
	}
	for _, n := range cascadia.QueryAll(root, s) {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isCJKLang(lang string) bool {
	lang = strings.ToLower(lang)
	return strings.HasPrefix(lang, "zh") || strings.HasPrefix(lang, "ja") || strings.HasPrefix(lang, "ko")
}

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

// scoreLines rates a candidate's text: good lines add their weight, short
// lines (menus, captions, leftovers) cost a share of theirs. It also returns
// the weight of the good lines alone.
func scoreLines(lines []string) (score, good float64) {
	for _, l := range lines {
		w := textWeight(l)
		punct := 0
		for _, r := range l {
			if r == '.' || r == ',' || isSentencePunct(r) {
				punct++
			}
		}
		if goodBlock(w, 0, punct) {
			score += float64(w)
			good += float64(w)
		} else {
			score -= badPenalty * float64(w)
		}
	}
	return score, good
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
