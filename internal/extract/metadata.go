package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"golang.org/x/net/html"
)

// metadata is every field the metadata chain decided, plus the signals the
// page decision needs and where each main field came from (for logs).
type metadata struct {
	Title, Source, Editor, Published, Modified string
	Authors, Tags                              []string
	Lang, SiteName, Canonical, Image           string

	summaries   []string // the page's own summary candidates, best first
	base        *url.URL // what relative URLs resolve against: <base href>, else the page URL
	ogType      string
	jsonldTypes []string

	titleFrom, authorsFrom, publishedFrom string
}

// Meta keys of each field, in precedence order.
var (
	// Dublin Core first, as Readability reads them: a page that fills
	// both usually leaves "author" to its CMS.
	metaAuthorKeys = []string{"dc:creator", "dcterm:creator", "dc.creator", "dcterms.creator", "author",
		"article:author", "og:article:author",
		"citation_author", "parsely-author", "sailthru.author", "byl", "book:author"}
	metaPublishedKeys = []string{"article:published_time", "og:article:published_time", "og:published_time",
		"published_time", "article:published", "datepublished", "pubdate", "publishdate", "publish_date",
		"publish-date", "pub_date", "article.published", "article_date_original", "sailthru.date",
		"parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
		"dc.date.created", "citation_publication_date", "citation_date", "citation_online_date",
		"originalpublicationdate", "displaydate", "date", "weibo:article:create_at", "og:release_date",
		"cxenseparse:recs:publishtime", "release_date", "created"}
	metaModifiedKeys = []string{"article:modified_time", "og:article:modified_time", "og:updated_time",
		"datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "article.updated",
		"weibo:article:update_at"}
)

// metadata runs the precedence chain over one walk of the original tree.
func (e *Extractor) metadata(doc *htmldoc.Document) *metadata {
	p := scanPage(doc.Root)
	ld := parseJSONLD(p.jsonld)
	dp := dateParser{loc: e.loc, now: time.Now(), order: &slashOrder{lines: p.lines}}
	var host string
	if doc.URL != nil {
		host = doc.URL.Hostname()
	}
	m := &metadata{ogType: strings.ToLower(p.first("og:type")), jsonldTypes: ld.types}

	m.SiteName = firstOf(p.first("og:site_name"), ld.siteName, ld.publisher, p.first("application-name"),
		p.first("apple-mobile-web-app-title"))

	// Title.
	if t := e.selectText(doc.Root, e.title); t != "" {
		m.Title, m.titleFrom = t, "selector"
	} else {
		og := p.first("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "title", "parsely-title")
		m.Title, m.titleFrom = chooseTitle(og, ld.headline, p.titleTag, p.h1, p.h2, m.SiteName, host)
		if dc := dublinCoreTitle(p, og, m.SiteName, host); dc != "" && m.titleFrom == "h1" {
			m.Title, m.titleFrom = dc, "dc"
		}
	}
	if m.SiteName == "" {
		m.SiteName = siteFromTitle(p.titleTag, m.Title)
	}
	window := p.nearTitle(m.Title)

	// Text patterns near the title are needed by several fields.
	zh := scanLabels(window, dp, m.SiteName)
	if zh.authorFrom == "" && zh.published == "" {
		zh = scanLabels(p.lines, dp, m.SiteName)
	}
	en := scanEnglish(window, dp, m.SiteName)

	// Authors.
	if e.author != nil {
		m.Authors, m.authorsFrom = e.selectAuthors(doc.Root, m.SiteName), "selector"
	}
	if len(m.Authors) == 0 {
		m.Authors, m.authorsFrom = chooseAuthors(authorInputs{page: p, ld: ld, zh: zh, en: en, window: window,
			title: m.Title, siteName: m.SiteName, host: host, zhPage: isHanString(m.Title) || normLang(p.htmlLang) == "zh" || mostlyHan(p.lines)})
	}

	// Dates.
	d := e.chooseDates(dp, dateEvidence{doc: doc, page: p, ld: ld, window: window, zh: zh, en: en,
		pubSel: e.pub, modSel: e.mod})
	m.Published, m.publishedFrom, m.Modified = d.published, d.publishedFrom, d.modified

	m.Source = firstOf(zh.source, p.first("source"))
	m.Editor = zh.editor

	m.summaries = summaryCandidates(p, ld, zh.summary)

	m.Lang = normLang(firstOf(p.htmlLang, p.first("content-language", "language", "dc.language"),
		p.first("og:locale"), ld.lang))

	m.base = doc.BaseURL()
	m.Canonical = canonicalURL(doc.URL, m.base, p.canonical, p.first("og:url"), ld.url)
	m.Image = absURL(m.base, firstOf(p.first("og:image", "og:image:url", "og:image:secure_url"), ld.image,
		p.first("twitter:image", "twitter:image:src", "image", "thumbnail")))

	var tags []string
	tags = append(tags, p.meta["article:tag"]...)
	tags = append(tags, ld.keywords...)
	tags = append(tags, splitTags(p.first("news_keywords"))...)
	tags = append(tags, splitTags(p.first("keywords"))...)
	m.Tags = cleanTags(tags)
	return m
}

// zhTextAuthors reads the unlabelled credits of a Chinese page, strongest
// first: a reporter line near the title, the bracketed credit closing the
// article, a forum or blog poster, a name alone on the line under the
// title, then a reporter line anywhere.
func zhTextAuthors(lines, window []string, title, siteName string) ([]string, string) {
	if names := scanReporter(window, siteName); len(names) > 0 {
		return names, "text:reporter"
	}
	if names := scanDatelineName(window, siteName); len(names) > 0 {
		return names, "text:dateline"
	}
	if names := scanCredit(lines, siteName); len(names) > 0 {
		return names, "text:credit"
	}
	if names := scanPoster(lines, siteName); len(names) > 0 {
		return names, "text:poster"
	}
	if names := nameUnderHeading(window, title, siteName); len(names) > 0 {
		return names, "text:name-line"
	}
	if names := scanReporter(lines, siteName); len(names) > 0 {
		return names, "text:reporter"
	}
	return nil, ""
}

// siteFromTitle returns what the <title> adds to the article title on one
// side, when that looks like a site name ("标题_网站名" gives "网站名").
func siteFromTitle(tag, title string) string {
	if tag == "" || title == "" || tag == title {
		return ""
	}
	var rest string
	switch {
	case strings.HasPrefix(tag, title):
		rest = tag[len(title):]
	case strings.HasSuffix(tag, title):
		rest = tag[:len(tag)-len(title)]
	default:
		return ""
	}
	rest = strings.Trim(rest, " |-–—:_»«/·•~｜")
	if n := utf8.RuneCountInString(rest); n < 2 || n > 40 || len(splitTitle(rest)) > 1 {
		return ""
	}
	return rest
}

// summaryFor returns the page's own summary when it is real prose that
// belongs to this article: long enough, not the title again, and sharing
// words with the body (a site-wide description shares few).
func (m *metadata) summaryFor(body string) string {
	for _, s := range m.summaries {
		if utf8.RuneCountInString(s) < 20 || normTitle(s) == normTitle(m.Title) {
			continue
		}
		if m.SiteName != "" && strings.HasPrefix(normTitle(s), normTitle(m.SiteName)) && utf8.RuneCountInString(s) < 60 {
			continue
		}
		if body != "" && overlap(s, body) < 0.3 {
			continue
		}
		return s
	}
	return ""
}

// overlap is the share of s's words (Han characters count one each) found
// in body.
func overlap(s, body string) float64 {
	words := summaryTokens(s)
	if len(words) == 0 {
		return 0
	}
	lb := strings.ToLower(body)
	hit := 0
	for _, w := range words {
		if strings.Contains(lb, w) {
			hit++
		}
	}
	return float64(hit) / float64(len(words))
}

func summaryTokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if isHanString(f) {
			for _, r := range f {
				out = append(out, string(r))
			}
		} else if len(f) > 3 {
			out = append(out, f)
		}
	}
	return out
}

// nearTitle returns the lines around the title: from a few lines above the
// first line holding it to a screenful below. Without a located title the
// first lines of the page stand in.
func (p *page) nearTitle(title string) []string {
	at := -1
	if title != "" {
		nt := normTitle(title)
		for i, l := range p.lines {
			if nl := normTitle(l); nl == nt || len(nt) >= 12 && strings.Contains(nl, nt) && len(nl) < 2*len(nt)+20 {
				at = i
				if i >= p.h1Line {
					break
				}
			}
		}
	}
	if at < 0 {
		at = p.h1Line
	}
	if at < 0 {
		return p.lines[:min(len(p.lines), 150)]
	}
	return p.lines[max(0, at-4):min(len(p.lines), at+30)]
}

func (e *Extractor) selectText(root *html.Node, sel cascadia.Selector) string {
	if sel == nil {
		return ""
	}
	if n := cascadia.Query(root, sel); n != nil {
		return collapseSpace(nodeText(n))
	}
	return ""
}

func (e *Extractor) selectAuthors(root *html.Node, siteName string) []string {
	var out []string
	goquery.NewDocumentFromNode(root).FindMatcher(e.author).Each(func(_ int, s *goquery.Selection) {
		out = append(out, cleanAuthors(s.Text(), siteName)...)
	})
	return dedupe(out)
}

func (e *Extractor) selectDates(root *html.Node, sel cascadia.Selector) []string {
	var out []string
	for _, n := range cascadia.QueryAll(root, sel) {
		out = append(out, attr(n, "datetime"), attr(n, "content"), collapseSpace(nodeText(n)))
	}
	return out
}

// itempropName reads a microdata author: its nested itemprop=name if any.
func itempropName(n *html.Node) string {
	var name string
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for ch := c.FirstChild; ch != nil && name == ""; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && hasWord(strings.ToLower(attr(ch, "itemprop")), "name") {
				name = itempropValue(ch)
				return
			}
			walk(ch)
		}
	}
	walk(n)
	if name != "" {
		return name
	}
	return itempropValue(n)
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// normLang reduces a language tag or locale to its primary subtag: "zh-CN",
// "zh_CN" and "ZH" all become "zh".
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

// absURL resolves ref against base; "" for anything but http(s).
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// canonicalURL picks the first usable canonical address, resolved against
// base. A canonical that points at a home page while the page itself is not
// one is a template mistake and ignored; so is one on another site's home page.
func canonicalURL(page, base *url.URL, cands ...string) string {
	for _, c := range cands {
		abs := absURL(base, c)
		if abs == "" {
			continue
		}
		u, _ := url.Parse(abs)
		u.Fragment = ""
		home := u.Path == "" || u.Path == "/"
		if home && u.RawQuery == "" && page != nil && page.Path != "" && page.Path != "/" {
			continue
		}
		return u.String()
	}
	return ""
}

func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，、;；|", r) })
}

// cleanTags trims, drops empty and over-long values and dedupes, case-blind.
func cleanTags(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range in {
		t = collapseSpace(t)
		if t == "" || utf8.RuneCountInString(t) > 60 {
			continue
		}
		k := strings.ToLower(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
		if len(out) == 50 {
			break
		}
	}
	return out
}

// summaryKeys are the meta names of a page's own description, in the order
// Readability reads them: Dublin Core, Open Graph and Weibo before the
// plain description, which CMSs often fill with a site-wide blurb.
var summaryKeys = []string{"dc:description", "dc.description", "dcterm:description", "dcterm.description",
	"dcterms.description", "og:description", "weibo:article:description", "weibo:webpage:description",
	"description", "twitter:description"}

// summaryCandidates lists the page's own summaries, best first: a labelled
// 摘要/导读 line, the JSON-LD description, then the description metas. Text
// escaped twice by the CMS ("&#039;" in the attribute) is unescaped once
// more.
func summaryCandidates(p *page, ld *ldArticle, zhSummary string) []string {
	var out []string
	for _, s := range append([]string{zhSummary, ld.description}, metaValues(p, summaryKeys)...) {
		if s = collapseSpace(unescapeTwice(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// metaValues returns the first value of each named meta key that has one.
func metaValues(p *page, keys []string) []string {
	var out []string
	for _, k := range keys {
		if v := p.first(k); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// doubleEscaped matches a character reference still present after parsing.
var doubleEscaped = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// unescapeTwice decodes character references left in text that was
// already unescaped by the parser: a CMS that escapes before templating
// leaves "&quot;" and "&#039;" in attribute values.
func unescapeTwice(s string) string {
	if !strings.Contains(s, "&") || !doubleEscaped.MatchString(s) {
		return s
	}
	return html.UnescapeString(s)
}
