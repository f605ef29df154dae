package extract

// The article-or-not decision: signals from structured data, the URL, the
// publication date and the shape of the extracted body are added up; no
// single weak signal decides.

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// pageSignals are the metadata decidePage weighs with the body.
type pageSignals struct {
	// URL is the page's address; nil for saved files without one.
	URL *url.URL
	// OGType is og:type ("article", "website", ...), "" when absent.
	OGType string
	// JSONLDTypes are the page's JSON-LD @type values.
	JSONLDTypes []string
	// HasPublished is true when a publication date was found.
	HasPublished bool
	// Title is the page's title.
	Title string
}

// Page types decidePage returns.
const (
	pageArticle = "article"
	pageList    = "list"
	pageOther   = "other"
)

var (
	// rxDatePath matches /2024/01/06/, /2024-01-06/, /20240106/ and /2024/01/.
	rxDatePath = regexp.MustCompile(`/(19|20)\d\d([/-]?)(0[1-9]|1[0-2])(([/-]?)(0[1-9]|[12]\d|3[01]))?(/|[^\d]|$)`)
	// rxIDPath matches an article id: a long number or a numbered page. The
	// "t" branch is the TRS CMS file name of Chinese government and press
	// portals (/t20240106_1187.html).
	rxIDPath = regexp.MustCompile(`(/|_|-|t)\d{5,}(\.s?html?|/|$|\?)|/\d{3,}\.s?html?$|/(article|articles|story|stories|news|post|posts|p|a|content|detail|view|blog)/[^/]+`)
	// rxForumPath matches the threads and questions of forums and Q&A sites.
	rxForumPath = regexp.MustCompile(`(?i)/(threads?|questions|discussions?|viewtopic|showthread|topic)(/|\.php|-\d|$)|/thread-\d|/t\d+|[?&]topic=`)
	// rxListPath matches section fronts, tag pages and pagination.
	rxListPath = regexp.MustCompile(`(?i)/(tag|tags|topic|topics|category|categories|section|sections|author|authors|archive|archives|search|page|list|index|channel|column|label|collections?|shop|products?|store|forum|forums|docs?|documentation|faq|help|support|about|contact|pricing|login|register)(/|$|s?\.html?$|_\d+)|(^|/)(list|index)_\d+\.s?html?$|[?&](page|p|pg|start|offset)=\d+`)
)

// articleLDTypes and otherLDTypes are JSON-LD @type values that say what a
// page is (compared lower-cased). HowTo is in neither: a guide is judged by
// its other signals.
var (
	articleLDTypes = map[string]bool{
		"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
		"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
		"backgroundnewsarticle": true, "scholarlyarticle": true, "techarticle": true,
		"socialmediaposting": true, "liveblogposting": true, "satiricalarticle": true, "report": true,
		"medicalscholarlyarticle": true, "advertisercontentarticle": true, "review": true,
	}
	otherLDTypes = map[string]bool{
		"product": true, "collectionpage": true, "itemlist": true, "searchresultspage": true,
		"faqpage": true, "qapage": true, "discussionforumposting": true, "profilepage": true,
		"event": true, "softwareapplication": true, "course": true, "jobposting": true,
		"offer": true, "aggregateoffer": true, "store": true, "localbusiness": true,
		"contactpage": true, "aboutpage": true, "realestatelisting": true,
		"apireference": true, "softwaresourcecode": true, "checkoutpage": true,
	}
)

// articleThreshold is the score from which a page is an article: a long
// body alone is not enough (documentation and service pages have one), it
// takes a date, structured data or an article-like URL as well.
const articleThreshold = 2

// decidePage says whether the page is an article, a list of links (section
// front, tag page, pagination) or something else, and why.
func decidePage(root *html.Node, sig pageSignals, body bodyResult) (pageType string, reason string) {
	score := 0.0
	var why []string
	add := func(v float64, what string) {
		score += v
		why = append(why, what)
	}

	ldArticle, ldOther := "", ""
	for _, t := range sig.JSONLDTypes {
		lt := strings.ToLower(t)
		switch {
		case articleLDTypes[lt]:
			ldArticle = t
		case otherLDTypes[lt]:
			ldOther = t
		}
	}
	switch {
	case ldOther != "" && ldArticle == "":
		add(-3, "jsonld:"+ldOther)
	case ldArticle != "":
		add(2.5, "jsonld:"+ldArticle)
	}
	switch og := strings.ToLower(sig.OGType); {
	case og == "article" || strings.HasSuffix(og, ":article") || og == "blog":
		if ldArticle == "" && hasLDType(sig.JSONLDTypes, "WebPage") {
			// SEO plugins mark every page og:article; their structured
			// data tells a post (an Article piece) from a page (a bare
			// WebPage).
			add(0.75, "og:article-page")
		} else {
			add(1.5, "og:article")
		}
	case og == "product" || og == "profile" || og == "video.other" || og == "book" || og == "music.song" || strings.HasPrefix(og, "product"):
		add(-2, "og:"+og)
	case og == "website":
		add(-0.5, "og:website")
	}

	listURL, forumURL := false, false
	if sig.URL != nil {
		path := sig.URL.EscapedPath()
		full := path
		if sig.URL.RawQuery != "" {
			full += "?" + sig.URL.RawQuery
		}
		switch {
		case path == "" || path == "/" || strings.EqualFold(path, "/index.html") || strings.EqualFold(path, "/index.htm"):
			add(-3, "url:root")
			listURL = true
		case rxForumPath.MatchString(full):
			add(-3, "url:forum")
			forumURL = true
		case rxDatePath.MatchString(path):
			add(2, "url:date")
		case rxListPath.MatchString(full):
			add(-1.5, "url:list")
			listURL = true
		case rxIDPath.MatchString(path):
			add(1, "url:id")
		}
	}
	if sig.HasPublished {
		add(1.5, "published")
	}

	weight, good, goodWeight := 0, 0, 0
	for _, line := range strings.Split(body.Text, "\n") {
		w := textWeight(line)
		weight += w
		if w >= 80 {
			good++
			goodWeight += w
		}
	}
	switch {
	case weight < 300:
		add(-3, "short-body")
	case weight >= 1500 && good >= 4:
		add(1, "long-body")
	case weight >= 700 && good >= 2:
		add(0.5, "body")
	case good == 0:
		add(-1.5, "no-paragraphs")
	}
	if body.LinkDensity > 0.35 {
		add(-2, "link-density")
	}

	if body.Posts >= 3 {
		add(-2, "posts")
	}
	if body.LinkLines >= 4 && body.LinkLines*3 >= body.Paragraphs {
		// Headline, blurb, headline, blurb: the teasers of a section front.
		add(-3, "teasers")
	}

	// The page's build: what shop, documentation and service templates
	// put around their text, and what an article's title and address look
	// like. Evergreen guides have neither date nor og:article; these tell
	// them from the service and docs pages they otherwise resemble.
	shape := shapeOf(root)
	if shape.EditLinks > 0 || shape.VersionPickers > 0 {
		add(-3.5, "docs-layout")
	}
	if shape.Prices > 0 {
		add(-3, "price")
	}
	if shape.Carts > 0 {
		add(-1, "cart")
	}
	if shape.CTAs >= 6 {
		add(-1.5, "calls-to-action")
	}
	if shape.CodeBlocks >= 3 && !sig.HasPublished && shape.Bylines == 0 {
		// Code without a date or a byline: a reference page, not a
		// tutorial post.
		add(-1.5, "code-reference")
	}
	if !sig.HasPublished || shape.Bylines == 0 {
		// A dated, signed post may speak for its team; an unsigned page
		// speaking of "we" and "our" is the business presenting itself.
		switch we := weVoiceShare(body.Text); {
		case we > 0.03:
			add(-3, "we-voice")
		case we > 0.01:
			add(-1, "we-voice")
		}
	}
	if weight > 0 && float64(goodWeight) <= 0.7*float64(weight) && !mostlyCJK(body.Text) {
		// Headings, bullet points and button labels rather than paragraphs
		// (Chinese paragraphs are short, so this says nothing there).
		if sig.HasPublished {
			add(-1, "little-prose")
		} else {
			add(-1.5, "little-prose")
		}
	}
	if isHeadlineTitle(sig.Title) {
		add(1.5, "headline")
	}
	if headlineWords(sig.Title) >= 6 {
		add(0.75, "long-title")
	}
	if sig.URL != nil && !forumURL {
		// A thread's address carries its title too: only an article's
		// sentence-like slug says "article".
		switch sw := slugWords(sig.URL.Path); {
		case sw >= 6:
			add(1.5, "url:slug")
		case sw >= 4:
			add(1, "url:slug")
		}
	}

	lists := linkListItems(root)
	if lists >= 30 && float64(lists*40) > float64(weight) {
		add(-1.5, "link-lists")
	}

	reason = strings.Join(why, ",")
	switch {
	case score >= articleThreshold:
		return pageArticle, reason
	case listURL || lists >= 30 || body.LinkDensity > 0.35 || linkDensity(root) > 0.5 ||
		(body.LinkLines >= 4 && body.LinkLines*3 >= body.Paragraphs):
		// Mostly links outside any article: a section front or tag page.
		return pageList, reason
	}
	return pageOther, reason
}

// linkListItems counts list items and table cells of the page whose text is
// mostly one link: the teasers of a section front or tag page.
func linkListItems(root *html.Node) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if bodySkipTags[n.Data] {
				return
			}
			if n.Data == "li" || n.Data == "dt" || n.Data == "h2" || n.Data == "h3" {
				if linkDensity(n) > 0.6 {
					count++
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return count
}

// hasLDType reports whether types holds t (compared case-insensitively).
func hasLDType(types []string, t string) bool {
	for _, x := range types {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}
