package extract

// Cleaning rules: which elements are boilerplate before scoring (preClean),
// what to cut out of a chosen candidate (postClean), and which short lines
// are clutter rather than article text (isClutterLine). Rules look at tags,
// class/id words, roles and short lines only: never at whole pages.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// preClean removes boilerplate elements from the page before readability
// scores it, except the candidates and their ancestors (protected) and any
// element holding a large share of the page's good text, which a class name
// like "main-content has-sidebar" must not cost us.
func preClean(root *html.Node, a *analysis, protected map[int]bool) {
	if len(a.elems) == 0 {
		return
	}
	pageGood := a.elems[0].good
	for i := 0; i < len(a.elems); i++ {
		e := &a.elems[i]
		if e.dead {
			i = e.end - 1
			continue
		}
		if protected[i] {
			continue
		}
		if (e.caption || hasClassWord(e.n, standfirstWords)) && float64(e.good) < 0.3*float64(pageGood) {
			// Readability drops class names, so captions and standfirsts
			// must go before it runs.
			a.remove(i)
			i = e.end - 1
			continue
		}
		if !(e.boiler || bodyBoilerTags[e.n.Data] || isHidden(e.n) || (e.weakBoiler && !e.isProse())) {
			continue
		}
		if float64(e.good) >= 0.4*float64(pageGood) && pageGood > 0 {
			continue
		}
		a.remove(i)
		i = e.end - 1
	}
}

// postClean removes what does not belong to the article from a chosen
// candidate: hidden parts, boilerplate widgets, lists of links, headings
// repeating the title and short clutter blocks.
func postClean(cand *html.Node, title string, clutter clutterMemo) {
	a := analyse(cand)
	if len(a.elems) == 0 {
		return
	}
	total := a.elems[0].good
	normTitle := normalizeSpace(title)
	goodAfter := a.goodAfter()
	for i := 1; i < len(a.elems); i++ {
		e := &a.elems[i]
		if e.dead {
			i = e.end - 1
			continue
		}
		weight := e.good + e.bad
		remove := false
		switch {
		case isHidden(e.n):
			remove = true
		case (e.boiler || bodyBoilerTags[e.n.Data] || (e.weakBoiler && !e.isProse())) &&
			float64(e.good) < 0.5*float64(total):
			remove = true
		case e.n.Data == "form" && !e.isProse() && float64(e.good) < 0.5*float64(total):
			// Sign-up, lead and contact forms: field labels and fine print.
			// (Some sites wrap the whole page in a form: that one holds
			// the prose, so it stays.)
			remove = true
		case (e.caption || hasClassWord(e.n, standfirstWords)) && float64(e.good) < 0.3*float64(total):
			// Captions and credits describe a picture, not the story; a
			// standfirst is the page's summary, set above the story.
			remove = true
		case linkListTags[e.n.Data] && e.links >= 2 && weight > 0 &&
			float64(e.linked) >= 0.5*float64(weight) && float64(e.good) < 0.3*float64(total):
			remove = !isListInProse(e, goodAfter[e.end], total)
		case bodyHeadingTags[e.n.Data] && normTitle != "" && weight < 600:
			remove = normalizeSpace(plainText(e.n)) == normTitle
		case bodyBlockTags[e.n.Data] && weight > 0 && weight <= 300:
			if t := normalizeSpace(plainText(e.n)); t != "" && clutter.isClutter(t) {
				remove = true
			}
		}
		if remove {
			a.remove(i)
			i = e.end - 1
		}
	}
}

// A list of links the article goes on after (products to buy, tools,
// sources of a step) is part of it; related-links lists come at its end.
// inProseListMinAfter is the share of the candidate's good text that must
// follow the list; inProseListMaxLinks bounds it, since a longer run of
// links is a menu or a directory whatever follows it.
const (
	inProseListMinAfter = 0.2
	inProseListMaxLinks = 20
)

// isListInProse reports a list element (ul, ol, li, dl) with at most
// inProseListMaxLinks links that is followed by at least
// inProseListMinAfter of the candidate's good text (after good text).
func isListInProse(e *elemStat, after, total int) bool {
	switch e.n.Data {
	case "ul", "ol", "li", "dl":
	default:
		return false
	}
	return e.links <= inProseListMaxLinks && float64(after) >= inProseListMinAfter*float64(total)
}

// goodAfter returns, for every index k, the good text weight of the
// elements from k on in document order (their own text, not their
// descendants' again); index len(a.elems) holds 0. goodAfter()[e.end] is
// the good text after element e.
func (a *analysis) goodAfter() []int {
	after := make([]int, len(a.elems)+1)
	for j := range a.elems {
		after[j] += a.elems[j].good
		if p := a.elems[j].parent; p >= 0 {
			after[p] -= a.elems[j].good
		}
	}
	for j := len(a.elems) - 1; j >= 0; j-- {
		after[j] += after[j+1]
	}
	return after
}

// isHidden reports elements a reader never sees.
func isHidden(n *html.Node) bool {
	for _, at := range n.Attr {
		switch at.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if at.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(at.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// bodyBoilerTags are elements that hold page furniture, not article text.
var bodyBoilerTags = map[string]bool{"nav": true, "aside": true, "footer": true, "header": true, "menu": true}

var bodyHeadingTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// linkListTags are the containers a list of links comes in.
var linkListTags = map[string]bool{
	"ul": true, "ol": true, "div": true, "section": true, "table": true, "p": true, "dl": true,
	"nav": true, "aside": true, "span": true, "li": true, "td": true, "tr": true,
}

// boilerWords are class/id words (split on -, _, space and camelCase) that
// mark widgets around an article.
var boilerWords = map[string]bool{
	"share": true, "sharing": true,
	"social": true, "sns": true, "related": true, "recommend": true, "recommended": true,
	"comment": true, "comments": true, "disqus": true, "footer": true, "sidebar": true,
	"advert": true, "advertisement": true, "ad": true, "ads": true,
	"adsense": true, "sponsor": true, "sponsored": true, "promo": true, "newsletter": true,
	"subscribe": true, "subscription": true, "signup": true, "login": true, "popup": true,
	"modal": true, "cookie": true, "cookies": true, "toolbar": true, "pagination": true,
	"pager": true, "tags": true, "masthead": true, "topbar": true, "byline": true,
	"copyright": true, "outbrain": true, "taboola": true, "reply": true, "prevnext": true,
	// saboxplugin: the Simple Author Box WordPress plugin's wrapper, one of
	// the common author-bio widgets (as outbrain and taboola are the common
	// recommendation widgets).
	"authorbox": true, "authorbio": true, "authorinfo": true, "aboutauthor": true, "saboxplugin": true,
}

// authorBoxWords are the class/id words that, beside "author", name the
// box about the writer under (or above) an article: a bio, a profile card.
// "author" alone names bylines and the article's own credit line too.
var authorBoxWords = map[string]bool{
	"box": true, "boxes": true, "bio": true, "biography": true, "about": true, "profile": true,
	"card": true, "info": true, "information": true, "desc": true, "description": true,
}

// boilerRoles are ARIA roles of page furniture.
var boilerRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"menu": true, "menubar": true, "search": true, "dialog": true, "alert": true, "alertdialog": true,
}

// weakBoilerWords are class/id words that mark sidebar widgets on some
// sites but every block of the page, article text included, on others
// (Elementor, HubSpot and React widget layouts).
//
// Navigation words are weak too: a menu or breadcrumb holds links, never
// prose, while templates name the article's own sections after the in-page
// navigation that points at them ("content-nav-section").
var weakBoilerWords = map[string]bool{
	"widget": true, "widgets": true,
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true,
}

// boilerKind reports an element whose role, class or id names a widget
// (boiler), or only names it with a weak word (weak).
func boilerKind(n *html.Node) (boiler, weak bool) {
	if isPageFrame(n) {
		return false, false
	}
	for _, at := range n.Attr {
		switch at.Key {
		case "role":
			if boilerRoles[strings.ToLower(at.Val)] {
				return true, false
			}
		case "class", "id":
			found, author, profile := false, false, false
			eachWord(at.Val, func(w string) bool {
				found = boilerWords[w]
				weak = weak || weakBoilerWords[w]
				author = author || w == "author" || w == "authors"
				profile = profile || authorBoxWords[w]
				return !found
			})
			if found || (author && profile) {
				return true, false
			}
		}
	}
	return false, weak
}

// isProse reports an element whose text is mostly good, unlinked blocks.
func (e *elemStat) isProse() bool {
	return e.good >= 150 && e.good >= e.bad
}

// standfirstWords are class/id words of the summary line set between a
// headline and the story (kept as the record's summary, not its body).
var standfirstWords = map[string]bool{
	"standfirst": true, "dek": true, "deck": true, "strapline": true, "subheadline": true,
	"subhead": true,
}

// captionWords are class/id words of picture captions and credits.
var captionWords = map[string]bool{
	"caption": true, "captions": true, "credit": true, "credits": true, "figcaption": true,
}

// isCaption reports a figure caption or a photo credit.
func isCaption(n *html.Node) bool {
	if n.Data == "figcaption" {
		return true
	}
	return !isPageFrame(n) && hasClassWord(n, captionWords)
}

// isPageFrame reports the elements that frame a whole page or article
// (html, body, article, main): a widget's class word on them, as themes
// put "has-sidebar" or "comments-open" there, says nothing of their text.
func isPageFrame(n *html.Node) bool {
	switch n.Data {
	case "body", "html", "article", "main":
		return true
	}
	return false
}

// semanticTokens are class/id substrings (lower-cased) of containers that
// CMS templates put the article text in.
var semanticTokens = []string{
	"articlebody", "article-body", "article_body", "articlecontent", "article-content",
	"article_content", "article-text", "articletext", "post-content", "postcontent", "post_content",
	"post-body", "postbody", "entry-content", "entrycontent", "entry_content", "story-body",
	"storybody", "story-content", "artibody", "endtext", "trs_editor", "postmessage", "t_msgfont",
	"content-body", "body-text", "bodytext", "article-detail", "news-content", "newscontent",
	"main-text", "maintext", "detail-content", "rich-text", "richtext",
}

// semanticTokenStems are substrings of which every semanticToken holds one
// (TestSemanticTokenStems checks it): a class without any of them, as most
// are, is spared the long token loop.
var semanticTokenStems = []string{"body", "content", "text", "post", "editor", "msgfont", "detail"}

// mayHoldSemanticToken reports whether the lower-cased class or id v may
// hold a semanticToken.
func mayHoldSemanticToken(v string) bool {
	for _, stem := range semanticTokenStems {
		if strings.Contains(v, stem) {
			return true
		}
	}
	return false
}

// isSemanticContainer reports an element that says it holds the article.
func isSemanticContainer(n *html.Node) bool {
	if n.Data == "article" {
		return true
	}
	for _, at := range n.Attr {
		switch at.Key {
		case "itemprop":
			if strings.EqualFold(at.Val, "articleBody") {
				return true
			}
		case "class", "id":
			v := strings.ToLower(at.Val)
			if mayHoldSemanticToken(v) {
				for _, t := range semanticTokens {
					if strings.Contains(v, t) {
						return true
					}
				}
			}
			for f := range strings.FieldsSeq(v) {
				if f == "content" || f == "article" || f == "text" || f == "zoom" {
					return true
				}
			}
		}
	}
	return false
}

// Clutter line patterns. Each is matched only against short lines (see
// isClutterLine), so no regexp ever runs over a whole page.
var (
	// Chinese navigation, widgets, bylines and footers. The patterns are
	// split by anchoring: a regexp anchored at the start tries one position
	// only, so only the few unanchored ones scan the line.
	rxClutterZHStart = regexp.MustCompile(`^(?:(当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]|` +
		`(上一篇|下一篇|上一页|下一页|上一条|下一条)|` +
		`[（(【\[]?\s*(作者|来源|稿源|出处|责任编辑|编辑|发布时间|发布于|发表于|时间|日期|浏览|点击|阅读|记者|通讯员|文章来源|信息来源|发布日期|更新时间)\s*[:：]|` +
		`(相关推荐|相关阅读|相关新闻|相关文章|相关链接|延伸阅读|热门推荐|猜你喜欢|推荐阅读|热点推荐|网友评论|发表评论|我要评论|分享到|返回顶部|关闭窗口|打印本页|点击排行)|` +
		`\[?(登录|注册)\]?\s*[|｜/]?\s*\[?(登录|注册)\]?$)`)
	rxClutterZHAnywhere = regexp.MustCompile(`【\s*大\s*】\s*【\s*中\s*】\s*【\s*小\s*】|字号\s*[:：]?\s*[大T]|版权所有|版权声明`)
	// Chinese summary lines: they belong in the summary, not the body.
	rxSummaryZH = regexp.MustCompile(`^(【\s*)?(内容)?(摘要|提要|导读)\s*(】|[:：])`)
	// English widgets, navigation and footers.
	rxClutterENStart = regexp.MustCompile(`(?i)^(?:(previous|next|prev)\s+(article|post|story|page)\b|` +
		`(related|related (articles|stories|posts|coverage|content)|more from|more on|recommended|read more|read next|see also|you may also like|most popular|most read|trending|also read)\b.{0,60}$|` +
		`(advertisement|advertising|sponsored|ad|supported by|story continues below)$|` +
		`share (this|on|via|the)\b|(copyright|\(c\)|©)|` +
		`(sign up|subscribe)\b|(log in|login|sign in|register)\b|` +
		`(\d+\s+)?comments?$|click here\b|\(?(photo|image|credit|illustration|video)\s*(credit)?\s*:|image \d+ of \d+$)`)
	rxClutterENAnywhere = regexp.MustCompile(`(?i)all rights reserved|newsletter`)
	// rxDatelineEN matches the start of a "Published …" or "Updated …" line;
	// isClutterLine also wants a digit and a short line.
	rxDatelineEN = regexp.MustCompile(`(?i)^(published|updated|posted|last updated|first published|last modified)\b`)
	shareWords   = map[string]bool{
		"share": true, "tweet": true, "email": true, "print": true, "facebook": true,
		"twitter": true, "linkedin": true, "whatsapp": true, "pinterest": true, "reddit": true,
		"copy": true, "link": true, "save": true, "x": true, "comment": true, "comments": true,
		"收藏": true, "挑错": true, "推荐": true, "打印": true, "分享": true, "关闭": true, "评论": true, "转发": true, "纠错": true,
	}
)

// isClutterLine reports a short line that is page furniture: navigation,
// share bars, bylines, prev/next links, related headings, copyright.
func isClutterLine(line string) bool {
	n := utf8.RuneCountInString(line)
	if n > 400 {
		return false
	}
	// Every Chinese pattern holds a Han character: most lines can skip them.
	han := mayContainHan(line)
	if han && rxSummaryZH.MatchString(line) {
		return true
	}
	if n > 120 {
		return false
	}
	if han && (rxClutterZHStart.MatchString(line) || rxClutterZHAnywhere.MatchString(line)) {
		return true
	}
	if n <= 100 && (rxClutterENStart.MatchString(line) || rxClutterENAnywhere.MatchString(line)) {
		return true
	}
	if n <= 90 && rxDatelineEN.MatchString(line) && strings.ContainsAny(line, "0123456789") {
		return true
	}
	return isShareBar(line)
}

// clutterMemo remembers isClutterLine's answers within one page, whose
// candidates share most of their lines; a nil memo remembers nothing.
type clutterMemo map[string]bool

// isClutter is isClutterLine(line), asked once per distinct line.
func (m clutterMemo) isClutter(line string) bool {
	if m == nil {
		return isClutterLine(line)
	}
	c, ok := m[line]
	if !ok {
		c = isClutterLine(line)
		m[line] = c
	}
	return c
}

// isShareBar reports a line made only of share/print/save words.
func isShareBar(line string) bool {
	words := strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	})
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if !shareWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}
