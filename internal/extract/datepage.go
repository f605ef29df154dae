package extract

import "github.com/gleaner-news/gleaner/internal/htmldoc"

// frontPage reports whether doc is a site's front page: its URL's path is
// the root (with or without a query). Pages read without a URL are not.
func frontPage(doc *htmldoc.Document) bool {
	return doc.URL != nil && doc.URL.Host != "" && (doc.URL.Path == "" || doc.URL.Path == "/")
}

// A CMS stamps every entry it stores with a creation date, pages as well
// as posts, and SEO plugins write that stamp into the datePublished of a
// bare WebPage object on service pages, landing pages and guides that
// show no date at all: readers (and the labelled corpora) see an undated
// page. The plugins also say which kind of entry it is. A post gets an
// Article/BlogPosting object and both article:published_time and
// article:modified_time; a page gets the bare WebPage and only
// article:modified_time.

// undatedPageStamp reports whether the JSON-LD published date is such a
// stamp: it belongs to a bare WebPage (no article-like object), the page's
// <meta> gives article:modified_time but no publication date, the URL
// carries no date and the page never prints that day. The date is then
// the CMS's, not one the page gives as its publication.
func (dp dateParser) undatedPageStamp(ev dateEvidence) bool {
	p := ev.page
	if ev.ld.published == "" || ldTypeRank(ev.ld.typ) != 2 || len(p.meta["article:modified_time"]) == 0 {
		return false
	}
	for _, k := range metaPublishedKeys {
		if len(p.meta[k]) > 0 {
			return false
		}
	}
	if len(otherPublishedKeys(p.meta)) > 0 || len(p.itemprop["datepublished"]) > 0 {
		return false
	}
	if ev.doc.URL != nil && dp.dateFromURL(ev.doc.URL.Path) != "" {
		return false
	}
	d := dp.parse(ev.ld.published)
	return d != "" && !dp.shownAnywhere(d, ev)
}
