package extract

// Structural signals for the article decision, read in one walk over the
// page: what shop, documentation, service and forum templates put around
// their text that an article's template does not. Each is a count; the
// decision weighs them (see decidePage), none decides alone.

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// pageShape is what shapeOf counts on a page.
type pageShape struct {
	// Prices counts price markup: itemprop price/lowPrice/highPrice and
	// og:price:amount / product:price:amount meta properties.
	Prices int
	// Carts counts add-to-cart and buy-now controls.
	Carts int
	// EditLinks counts "Edit this page" / "Edit on GitHub" links, the mark
	// of a documentation generator.
	EditLinks int
	// VersionPickers counts version selectors of documentation sites.
	VersionPickers int
	// CodeBlocks counts <pre> blocks outside page furniture.
	CodeBlocks int
	// CTAs counts short links and buttons that ask the reader to act
	// ("Get a quote", "Book a demo", "Contact us").
	CTAs int
	// Bylines counts author credits (meta name=author, rel=author,
	// itemprop=author, class word author/byline).
	Bylines int
}

var (
	// rxCTA matches the text of a call-to-action link or button.
	rxCTA = regexp.MustCompile(`(?i)^(contact( us)?|get (a|an|your)( free)? (quote|estimate|consultation|demo|proposal)|get started|get in touch|` +
		`request (a |an |your )?(free )?(demo|quote|estimate|consultation|call|callback|proposal|information|info)|` +
		`(book|schedule) (a |an |your )?(free )?(demo|call|consultation|appointment|meeting|visit|service|tour)|` +
		`free (consultation|quote|estimate|trial)|(start|try)( your| a)?( it)?( for)? free( trial)?|start (your )?free trial|` +
		`talk to (an|a|our) (expert|specialist|sales|advisor|team)|contact (sales|our team|an expert)|call (us|now|today)( now| today)?|` +
		`buy now|shop now|order now|enroll now|apply now|sign up( now| today| free| for free)?|` +
		`let'?s talk|speak (to|with) (an|a|our) \w+|see pricing|view pricing|compare plans|see plans)\W*$`)
	// rxCartText matches the text or value of an add-to-cart control.
	rxCartText = regexp.MustCompile(`(?i)^\W*(add to (cart|basket|bag|trolley)|buy now|add to wishlist)\W*$`)
	// rxEditPage matches a documentation page's edit link.
	rxEditPage = regexp.MustCompile(`(?i)^\W*(edit (this page|page|on github|on gitlab|this page on github)|improve this (page|doc|article)|suggest (an )?edits?)\W*$`)
)

// versionWords and pickerWords are class/id words of documentation version
// selectors; bylineWords of byline elements.
var (
	versionWords = map[string]bool{"version": true, "versions": true}
	pickerWords  = map[string]bool{"selector": true, "switcher": true, "picker": true, "dropdown": true, "select": true, "menu": true}
	bylineWords  = map[string]bool{"author": true, "byline": true, "authors": true}
)

// shapeOf counts the structural signals of the page under root.
func shapeOf(root *html.Node) pageShape {
	var s pageShape
	var walk func(n *html.Node, furniture bool)
	walk = func(n *html.Node, furniture bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "head":
				if n.Data == "head" {
					s.countHead(n)
				}
				return
			case "nav", "aside", "footer", "header":
				furniture = true
			}
			s.countElement(n, furniture)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, furniture)
		}
	}
	walk(root, false)
	return s
}

// countHead counts price meta properties in <head>.
func (s *pageShape) countHead(head *html.Node) {
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "meta" {
			continue
		}
		switch strings.ToLower(attr(c, "property")) {
		case "og:price:amount", "product:price:amount", "product:sale_price:amount":
			s.Prices++
		}
		if strings.EqualFold(attr(c, "name"), "author") && strings.TrimSpace(attr(c, "content")) != "" {
			s.Bylines++
		}
	}
}

// countElement adds element n's own signals.
func (s *pageShape) countElement(n *html.Node, furniture bool) {
	version, picker, byline := classFlags(n)
	switch strings.ToLower(attr(n, "itemprop")) {
	case "price", "lowprice", "highprice":
		s.Prices++
	case "author":
		s.Bylines++
	}
	switch n.Data {
	case "h1", "h2", "time", "form":
		// Headings, times and forms are never version pickers, whatever
		// their class says.
	case "pre":
		if !furniture {
			s.CodeBlocks++
		}
	case "select":
		if version {
			s.VersionPickers++
		}
	case "a", "button":
		if strings.EqualFold(attr(n, "rel"), "author") {
			s.Bylines++
		}
		t := shortText(n, 40)
		switch {
		case t == "":
		case rxCartText.MatchString(t):
			s.Carts++
		case rxEditPage.MatchString(t):
			s.EditLinks++
		case rxCTA.MatchString(t):
			s.CTAs++
		}
	case "input":
		if t := strings.ToLower(attr(n, "type")); (t == "submit" || t == "button") && rxCartText.MatchString(attr(n, "value")) {
			s.Carts++
		}
	default:
		if version && picker {
			s.VersionPickers++
		}
	}
	if byline && n.Data != "body" && n.Data != "html" && n.Data != "article" {
		s.Bylines++
	}
}

// classFlags reads n's class and id words once: does one name a version,
// a picker, an author or byline.
func classFlags(n *html.Node) (version, picker, byline bool) {
	for _, at := range n.Attr {
		if at.Key != "class" && at.Key != "id" {
			continue
		}
		eachWord(at.Val, func(w string) bool {
			version = version || versionWords[w]
			picker = picker || pickerWords[w]
			byline = byline || bylineWords[w]
			return true
		})
	}
	return version, picker, byline
}

// shortText returns n's whitespace-normalised text when it holds at most
// max bytes, and "" for longer texts, which are not controls' labels.
func shortText(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return b.Len() <= max*2
		case html.ElementNode:
			if bodySkipTags[n.Data] && n.Data != "button" {
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return ""
	}
	t := normalizeSpace(b.String())
	if len(t) > max {
		return ""
	}
	return t
}

// weVoiceWords are the first-person plural words a business uses of itself.
var weVoiceWords = map[string]bool{
	"we": true, "our": true, "us": true, "ours": true, "we're": true, "we've": true, "we'll": true,
	"we’re": true, "we’ve": true, "we’ll": true,
}

// weVoiceShare is the share of the words of text that are "we", "our" or
// "us": a service page speaks of itself, an article of its subject.
func weVoiceShare(text string) float64 {
	words, we := 0, 0
	start := -1
	check := func(end int) {
		words++
		w := text[start:end]
		if len(w) <= 7 && weVoiceWords[strings.ToLower(w)] {
			we++
		}
	}
	for i, r := range text {
		// Letters and apostrophes make words; everything else ends one.
		if unicode.IsLetter(r) || r == '\'' || r == '’' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			check(i)
			start = -1
		}
	}
	if start >= 0 {
		check(len(text))
	}
	if words == 0 {
		return 0
	}
	return float64(we) / float64(words)
}

// rxHeadline matches English titles written as a headline: a question, a
// how-to, a guide, a numbered list.
var rxHeadline = regexp.MustCompile(`(?i)^(how|what|why|when|where|which|who|is|are|can|should|do|does)\b|\?|` +
	`\b(guide|tips|ways|steps|checklist|explained|vs\.?|versus|best|top \d+|reasons|mistakes|ideas|things)\b|^\d+\s`)

// isHeadlineTitle reports a title phrased like an article's headline.
func isHeadlineTitle(title string) bool {
	return title != "" && len(title) < 300 && rxHeadline.MatchString(title)
}

// headlineWords counts the words of a title, two CJK characters making one.
func headlineWords(title string) int {
	words, cjk := 0, 0
	for _, f := range strings.Fields(title) {
		latin := false
		for _, r := range f {
			if isCJK(r) {
				cjk++
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				latin = true
			}
		}
		if latin {
			words++
		}
	}
	return words + cjk/2
}

// slugWords counts the words of the last segment of a URL path
// ("/blog/how-to-plan-an-event" has five); numbers are not words.
func slugWords(path string) int {
	path = strings.TrimRight(path, "/")
	last := path[strings.LastIndexByte(path, '/')+1:]
	if dot := strings.LastIndexByte(last, '.'); dot > 0 {
		last = last[:dot]
	}
	n := 0
	for _, w := range strings.FieldsFunc(last, func(r rune) bool { return r == '-' || r == '_' || r == '+' }) {
		if strings.Trim(w, "0123456789") != "" {
			n++
		}
	}
	return n
}

// mostlyCJK reports a text more than a third of whose weight is Han, Kana
// or Hangul.
func mostlyCJK(text string) bool {
	cjk, all := 0, 0
	for _, r := range text {
		switch {
		case isCJK(r):
			cjk += cjkWeight
			all += cjkWeight
		case !unicode.IsSpace(r):
			all++
		}
	}
	return all > 0 && cjk*3 > all
}
