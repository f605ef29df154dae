// Package extract turns one parsed page into a record: its metadata (title,
// authors, source, editor, dates, summary, tags, language, site name,
// canonical URL, image) and its main text, plus a decision whether the page
// is an article at all.
//
// # Contract
//
// Extract reads the page's one parsed tree ([htmldoc.Document.Root]); it
// never parses the page again and never mutates the tree: the body side
// works on a deep copy, metadata is read from the original. An [Extractor]
// holds only read-only state after [New] and is safe for concurrent use.
//
// # Metadata precedence
//
// Each field takes the first source that gives a plausible value:
//
//  1. per-site CSS selectors ([Selectors]);
//  2. JSON-LD: the best *Article / *Posting object, found through arrays,
//     @graph and mainEntity; authors as strings, objects, arrays or @id
//     references; publisher.name;
//  3. OpenGraph and article:* properties;
//  4. other <meta>: author, DC.creator, citation_*, the pubdate family
//     (pubdate, publishdate, date, sailthru.date, parsely-pub-date, dc.date,
//     dcterms.created, …), description, keywords, news_keywords;
//  5. microdata itemprop (author, datePublished, dateModified);
//  6. <time pubdate>; labelled text near the title (作者/记者/文/来源/
//     责任编辑/发布于/时间/日期/摘要/导读/核心提示, "By …", "Published …");
//     rel=author links and byline elements (class or id naming author or
//     byline); any <time datetime>;
//  7. late fallbacks: a date anywhere near the title, then a date in the URL
//     path (/2024/01/06/, /20240106/).
//
// Authors depart from this order in two ways: among the <meta> keys,
// Dublin Core (dc:creator, dcterms.creator) is read before author and
// article:author; and a declared credit that names only the site, an
// organisation or an account handle is held back until the visible
// credits have been tried, and used only when the page shows nobody else.
//
// Source (来源) and Editor (责任编辑) are kept apart from Authors. When a
// page credits nobody but its editor, or names a person as its source, that
// name is also used as the author, since it is the only credit the page has.
//
// # Titles
//
// Among og:title (or twitter:title, dc.title, …), the JSON-LD headline
// and <title>, the one that agrees with the page's <h1> (or an <h2> when
// the <h1> is the logo) wins. Without agreement: an <h2> that is exactly a
// metadata title, then a single real <h1> (the title the reader sees,
// however the metadata words it), then og:title, the JSON-LD headline and
// <title> in that order. A Dublin Core title written on its own (not a
// copy of og:title or <title>) outranks such an unconfirmed <h1>. Site
// names are removed from either end ("标题_网站名", "Title | Site", "Site:
// Title"); a separator inside a real title is kept, and a short tagline
// after a spaced "|" or dash is dropped from the chain's pick.
//
// # Dates
//
// Published and Modified are ISO 8601 at the precision the page gives: a
// date alone stays "2024-01-06"; a time with a zone keeps the page's offset;
// a time without a zone takes [Options.Location]'s offset, and with a nil
// Location is written without an offset ("2024-01-06T10:30:00") rather than
// pretending to be UTC. Dates before 1990 or more than a week ahead of now
// are rejected.
//
// Published is the date the page itself shows as its publication. The
// chain above gives a first answer (a <time> or byline element far from
// the title ranks after the dateline near it; a labelled Chinese date from
// the page's foot after the date by the title). When nothing near the
// title dates the page, a "Published/Posted/Veröffentlicht …" dateline
// anywhere, other meta names holding "publish", the URL, the first short
// date line from the title on, and a magazine issue credit ("《刊名》1998年
// 3月号", giving a month) follow in that order. A declared (metadata)
// published date that the page never prints is then checked against its
// text: an unlabelled dateline showing the declared modified day, or an
// earlier dateline by the title, or a later one the page also marks up as
// a date, replaces it (sites restamp datePublished on rebuilds). A date
// labelled "Updated" never replaces it. A JSON-LD date that only a bare
// WebPage declares, on a page whose meta gives article:modified_time but
// no publication date, is the CMS's stamp on a page (not a post) and is
// not used unless the page prints that day. A site's front page (URL
// path "/") has no Published: its dates are the site's or its items'. An ambiguous numeric date
// (03-09-2026) takes the day/month order the text or the URL confirms.
//
// # Summary
//
// The page's own summary (摘要/导读 line, meta description, og:description,
// JSON-LD description) is used when it is real prose that shares words with
// the body; otherwise the body's first sentences.
package extract
