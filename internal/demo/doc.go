// Package demo is an offline news portal, embedded in the binary, for
// trying gleaner without touching the network and for end-to-end tests.
//
// The portal ("Harbourline News / 港湾新闻网") has four sections with
// pagination, 31 articles (15 English, 16 Chinese), a robots.txt that
// disallows /admin/ (which the home page links to), a sitemap, an RSS feed
// of the English sections, a tag page, a search page, about and contact
// pages, and one link to a withdrawn story that answers 404.
//
// The pages imitate the templates crawlers meet in the wild:
//
//   - /world/ and /tech/: a modern English CMS with JSON-LD NewsArticle
//     (single and @graph forms, author objects and arrays, and two stories
//     with OpenGraph/article:* meta only), "By Jane Doe" bylines, cookie
//     banner, inline advertisements, related stories and a newsletter box.
//   - /guonei/: a DedeCMS template in UTF-8 with inline bylines
//     (作者:… 发布于:… 来源:…), 摘要, a font-size widget, 责任编辑 at the end
//     of the text, 上一篇/下一篇 and 相关推荐.
//   - /caijing/: an older DedeCMS table layout encoded in GBK that declares
//     its charset only in <meta http-equiv="Content-Type" content="text/html;
//     charset=gb2312">. The handler serves every file under /caijing/ with a
//     bare "Content-Type: text/html", so a crawler must find the charset in
//     the page itself.
//
// robots.txt, sitemap.xml and feed.xml need absolute URLs; the handler
// fills them in from the request's Host, so they are right on any port.
//
// The ground truth for the articles is expected.json, read with
// [Expected]: what a careful reader takes from each page. Pages and truth
// are generated together from gen/articles.txt by "go generate"; the
// generated files are committed, so builds do not run the generator.
package demo

//go:generate go run ./gen
