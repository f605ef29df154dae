package main

import (
	"fmt"
	"strings"
	"time"
)

const perPage = 5

func (s *site) renderLists() {
	for _, sec := range []string{"world", "tech"} {
		s.englishList(sec)
	}
	s.guoneiList()
	s.caijingList()
}

// pages splits a section into list pages of perPage, except sections that
// fit on one page plus a few (DedeCMS and the English CMS both paginate by a
// fixed count; 国内 and Technology are configured with a larger page).
func pages(list []*article, size int) [][]*article {
	var out [][]*article
	for len(list) > size {
		out = append(out, list[:size])
		list = list[size:]
	}
	return append(out, list)
}

func pagePath(sec string, i int) string {
	if i == 0 {
		return "/" + sec + "/"
	}
	return fmt.Sprintf("/%s/index_%d.html", sec, i+1)
}

func (s *site) englishList(sec string) {
	size := perPage
	if sec == "tech" {
		size = 10
	}
	ps := pages(s.bySection[sec], size)
	for i, items := range ps {
		var b strings.Builder
		title := sectionTitle[sec]
		if i > 0 {
			title += fmt.Sprintf(" (page %d)", i+1)
		}
		b.WriteString(enHead(title, "The latest "+strings.ToLower(sectionTitle[sec])+" news from Harbourline News."))
		b.WriteString("</head>\n<body class=\"section-page\">\n" + enCookie() + "\n" + enNav() + "\n<main id=\"main\">\n")
		fmt.Fprintf(&b, "<h1 class=\"section-title\">%s</h1>\n<ol class=\"story-list\">\n", sectionTitle[sec])
		for _, a := range items {
			pub, _ := time.Parse(time.RFC3339, a.published)
			fmt.Fprintf(&b, "  <li class=\"teaser\"><h2><a href=\"%s\">%s</a></h2><p>%s</p><time datetime=\"%s\">%s</time></li>\n",
				a.Path, esc(a.Title), esc(a.Summary), a.published, pub.Format("2 Jan 2006"))
		}
		b.WriteString("</ol>\n<nav class=\"pagination\" aria-label=\"Pages\">")
		if i > 0 {
			fmt.Fprintf(&b, `<a rel="prev" href="%s">Newer stories</a> `, pagePath(sec, i-1))
		}
		for j := range ps {
			if j == i {
				fmt.Fprintf(&b, `<span class="current">%d</span> `, j+1)
			} else {
				fmt.Fprintf(&b, `<a href="%s">%d</a> `, pagePath(sec, j), j+1)
			}
		}
		if i+1 < len(ps) {
			fmt.Fprintf(&b, `<a rel="next" href="%s">Older stories</a>`, pagePath(sec, i+1))
		}
		b.WriteString("</nav>\n</main>\n" + enFooter() + "\n</body>\n</html>\n")
		s.write(pagePath(sec, i), b.String(), false)
	}
}

func zhPager(sec string, i, n int) string {
	var b strings.Builder
	b.WriteString(`<div class="pagelist">`)
	fmt.Fprintf(&b, `<a href="%s">首页</a> `, pagePath(sec, 0))
	if i > 0 {
		fmt.Fprintf(&b, `<a href="%s">上一页</a> `, pagePath(sec, i-1))
	}
	for j := range n {
		if j == i {
			fmt.Fprintf(&b, `<strong>%d</strong> `, j+1)
		} else {
			fmt.Fprintf(&b, `<a href="%s">%d</a> `, pagePath(sec, j), j+1)
		}
	}
	if i+1 < n {
		fmt.Fprintf(&b, `<a href="%s">下一页</a> `, pagePath(sec, i+1))
	}
	fmt.Fprintf(&b, `<a href="%s">末页</a> <span class="pageinfo">共 <strong>%d</strong>页</span></div>`, pagePath(sec, n-1), n)
	return b.String()
}

func (s *site) guoneiList() {
	ps := pages(s.bySection["guonei"], 10)
	for i, items := range ps {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>国内新闻_港湾新闻网</title>
<meta name="description" content="港湾新闻网国内频道，报道国内时政、社会、民生新闻。" />
</head>
<body>
` + zhTopNav(false) + `
<div class="wrap">
<div class="position">当前位置：<a href="/">首页</a> &gt; 国内</div>
<ul class="list">
`)
		for _, a := range items {
			fmt.Fprintf(&b, "<li><span class=\"date\">%s</span><a href=\"%s\" target=\"_blank\">%s</a><p>%s</p></li>\n", esc(a.published[:10]), a.Path, esc(a.Title), esc(a.Summary))
		}
		b.WriteString("</ul>\n" + zhPager("guonei", i, len(ps)) + "\n</div>\n" + zhFooter(false) + "\n</body>\n</html>\n")
		s.write(pagePath("guonei", i), b.String(), false)
	}
}

func (s *site) caijingList() {
	ps := pages(s.bySection["caijing"], perPage)
	for i, items := range ps {
		var b strings.Builder
		b.WriteString(`<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>财经频道-港湾新闻网</title>
<meta name="description" content="港湾新闻网财经频道：宏观经济、金融市场、产业动态。">
</head>
<body>
` + zhTopNav(true) + `
<table width="960" border="0" align="center"><tr><td>
<div class="place">当前位置：<a href="/">首页</a> &gt;&gt; 财经</div>
<ul class="e2">
`)
		for _, a := range items {
			fmt.Fprintf(&b, "<li><a href=\"%s\" class=\"title\">%s</a> <span class=\"date\">%s</span><p class=\"intro\">%s</p></li>\n", a.Path, esc(a.Title), esc(a.published[:10]), esc(a.Summary))
		}
		b.WriteString("</ul>\n" + zhPager("caijing", i, len(ps)) + "\n</td></tr></table>\n" + zhFooter(true) + "\n</body>\n</html>\n")
		s.write(pagePath("caijing", i), b.String(), true)
	}
}

// simpleEnglish renders a non-article English page around content.
func simpleEnglish(title, desc, content string) string {
	return enHead(title, desc) + "</head>\n<body class=\"static-page\">\n" + enCookie() + "\n" + enNav() +
		"\n<main id=\"main\">\n<h1>" + esc(title) + "</h1>\n" + content + "\n</main>\n" + enFooter() + "\n</body>\n</html>\n"
}

func (s *site) renderOthers() {
	s.home()
	s.write("/about.html", simpleEnglish("About Harbourline News", "Who we are and how we work.", `<p>Harbourline News is an independent newsroom covering the world, technology and the economy in English and Chinese. This site is a demonstration portal bundled with gleaner; the people and events in its stories are fictional.</p>
<h2 id="staff">Our journalists</h2>
<p>Stories carry the names of the reporters who wrote them. Corrections are noted at the foot of the story they concern.</p>
<h2 id="privacy">Privacy and cookies</h2>
<p>We keep reading statistics for 90 days and never sell them. The cookie banner lets you refuse everything but the session cookie.</p>
<h2 id="ads">广告服务 Advertising</h2>
<p>Advertising is marked as such and never placed inside the text of a story without a label.</p>`), false)
	s.write("/contact.html", simpleEnglish("Contact the newsroom", "How to reach Harbourline News.", `<p>Tips and corrections: write to the newsroom desk, open every day from 7:00 to 23:00.</p>
<ul><li>Newsroom: newsroom@news.example.com</li><li>国内频道：guonei@news.example.com</li><li>财经频道：caijing@news.example.com</li></ul>
<h2 id="newsletter">The Morning Tide newsletter</h2>
<form action="/contact.html" method="get"><label>Email <input type="email" name="email"></label> <button>Subscribe</button></form>`), false)
	s.write("/search.html", simpleEnglish("Search", "Search Harbourline News.", `<form action="/search.html" method="get" role="search">
<label for="q">Search stories</label> <input id="q" type="search" name="q"> <button type="submit">Search</button>
</form>
<p>Enter a word or phrase to search every story we have published. 输入关键词搜索全部新闻。</p>
<h2>Popular topics</h2>
<ul><li><a href="/tags/energy.html">Energy</a></li><li><a href="/world/">World</a></li><li><a href="/caijing/">财经</a></li></ul>`), false)
	var tagged strings.Builder
	tagged.WriteString("<p>Every story about energy: power, fuel, batteries and the grid. 能源相关报道。</p>\n<ul class=\"story-list\">\n")
	for _, a := range s.arts {
		if len(a.Tags) > 0 && (a.Tags[0] == "energy" || a.Tags[0] == "能源") {
			fmt.Fprintf(&tagged, "  <li><a href=\"%s\">%s</a> <span class=\"date\">%s</span></li>\n", a.Path, esc(a.Title), a.published[:10])
		}
	}
	tagged.WriteString("</ul>")
	s.write("/tags/energy.html", simpleEnglish("Topic: Energy", "Stories tagged energy.", tagged.String()), false)
	s.write("/admin/", `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Staff sign-in | Harbourline CMS</title><meta name="robots" content="noindex,nofollow"></head>
<body><h1>Harbourline CMS</h1>
<form action="/admin/" method="post"><label>User <input name="user"></label> <label>Password <input type="password" name="password"></label> <button>Sign in</button></form>
<p>Staff only. Crawlers are asked to stay out by robots.txt.</p>
</body></html>
`, false)
	s.write("/robots.txt", "# Harbourline News demo portal\nUser-agent: *\nDisallow: /admin/\n\nSitemap: {{BASE}}/sitemap.xml\n", false)
	s.sitemap()
	s.feed()
}

func (s *site) home() {
	var b strings.Builder
	b.WriteString(enHead("Harbourline News: world, technology and 国内财经 news", "Independent news in English and Chinese."))
	b.WriteString("</head>\n<body class=\"home\">\n" + enCookie() + "\n" + enNav() + "\n<main id=\"main\">\n")
	section := func(sec, heading string, n int) {
		fmt.Fprintf(&b, "<section class=\"front-section\">\n<h2><a href=\"/%s/\">%s</a></h2>\n<ul>\n", sec, heading)
		for i, a := range s.bySection[sec] {
			if i == n {
				break
			}
			fmt.Fprintf(&b, "  <li><a href=\"%s\">%s</a></li>\n", a.Path, esc(a.Title))
		}
		b.WriteString("</ul>\n</section>\n")
	}
	section("world", "World", 4)
	section("tech", "Technology", 3)
	section("guonei", "国内新闻", 4)
	section("caijing", "财经频道", 3)
	fmt.Fprintf(&b, `<section class="notices">
<h2>Service notices</h2>
<ul>
  <li><a href="%s">Ferry timetable for the holidays</a> (this story has been withdrawn)</li>
  <li><a href="/tags/energy.html">All our energy coverage</a></li>
  <li><a href="/admin/">Staff sign-in</a></li>
  <li><a href="/feed.xml">Subscribe by RSS</a> &middot; <a href="/sitemap.xml">Sitemap</a></li>
</ul>
</section>
</main>
`, missingPath)
	b.WriteString(enFooter() + "\n</body>\n</html>\n")
	s.write("/", b.String(), false)
}

func (s *site) sitemap() {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range nonArticles {
		if p == "/search.html" || p == "/contact.html" {
			continue
		}
		fmt.Fprintf(&b, "  <url><loc>{{BASE}}%s</loc><changefreq>hourly</changefreq></url>\n", p)
	}
	for _, a := range s.arts {
		last := a.published
		if a.Modified != "" {
			last = a.Modified
		}
		fmt.Fprintf(&b, "  <url><loc>{{BASE}}%s</loc><lastmod>%s</lastmod></url>\n", a.Path, last)
	}
	b.WriteString("</urlset>\n")
	s.write("/sitemap.xml", b.String(), false)
}

func (s *site) feed() {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Harbourline News: World and Technology</title>
<link>{{BASE}}/</link>
<description>The latest English-language stories from Harbourline News.</description>
<language>en-gb</language>
`)
	var en []*article
	for _, a := range s.arts {
		if !a.zh() {
			en = append(en, a)
		}
	}
	// newest first, as feeds are
	for i := 0; i < len(en); i++ {
		for j := i + 1; j < len(en); j++ {
			if en[j].published > en[i].published {
				en[i], en[j] = en[j], en[i]
			}
		}
	}
	for _, a := range en {
		pub, _ := time.Parse(time.RFC3339, a.published)
		fmt.Fprintf(&b, "<item>\n  <title>%s</title>\n  <link>{{BASE}}%s</link>\n  <guid isPermaLink=\"true\">{{BASE}}%s</guid>\n  <pubDate>%s</pubDate>\n  <description>%s</description>\n",
			esc(a.Title), a.Path, a.Path, pub.Format(time.RFC1123Z), esc(a.Summary))
		for _, n := range a.Authors {
			fmt.Fprintf(&b, "  <dc:creator>%s</dc:creator>\n", esc(n))
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	s.write("/feed.xml", b.String(), false)
}
