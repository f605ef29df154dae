package extract

// The main-text side of the extractor: body text and HTML.
//
// Method, in one pass each where possible:
//  0. streamed segments (React's hidden <div id="S:n">) are moved to the
//     boundary they fill, as the page's scripts would (streamed.go);
//  1. per-site Drop selectors are removed and a per-site Selector, when it
//     matches text, is taken as the body outright;
//  2. one bottom-up walk (analysis.go) scores every element by the text
//     of the good (long, unlinked) blocks under it minus a share of the
//     bad ones (jusText-style), which finds a density candidate, and notes
//     the semantic containers (<article>, itemprop=articleBody, *-content...);
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

	"codeberg.org/readeck/go-readability/v2"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// bodyInput is what the body side needs from a page.
type bodyInput struct {
	// Root is a clone of the page: extractBody may mutate it.
	Root *html.Node
	// Base resolves relative links and images, readability's and ours: the
	// page's <base href>, else its URL, as a browser reads them; may be nil.
	Base *url.URL
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
	if art, err := parser.ParseAndMutate(in.Root, in.Base); err == nil && art.Node != nil {
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
	best.HTML = sanitizeBody(bestNode, in.Base)
	return best
}

// readabilityBonus favours readability's candidate over ours: it trims the
// edges of an article better than a density pick, so ours wins only when
// readability missed much of the text.
const readabilityBonus = 3

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
		HTML:        sanitizeBody(wrap, in.Base),
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
