package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

const siteName = "Harbourline News"

var sectionTitle = map[string]string{"world": "World", "tech": "Technology", "guonei": "国内", "caijing": "财经"}

func enNav() string {
	return `<header class="site-header">
  <a class="logo" href="/">Harbourline <span>News</span></a>
  <nav class="primary" aria-label="Sections">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/world/">World</a></li>
      <li><a href="/tech/">Technology</a></li>
      <li><a href="/guonei/">国内</a></li>
      <li><a href="/caijing/">财经</a></li>
      <li><a href="/search.html">Search</a></li>
    </ul>
  </nav>
</header>`
}

func enCookie() string {
	return `<div id="cookie-banner" class="cookie-banner" role="dialog" aria-live="polite">
  <p>We use cookies to understand which stories are read and to keep you signed in. You can change your choice at any time.</p>
  <button type="button" class="accept">Accept all</button>
  <a href="/about.html#privacy">Manage preferences</a>
</div>`
}

func enFooter() string {
	return `<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="/about.html">About us</a></li>
    <li><a href="/contact.html">Contact the newsroom</a></li>
    <li><a href="/about.html#privacy">Privacy and cookies</a></li>
    <li><a href="/feed.xml">RSS</a></li>
  </ul>
  <p class="legal">&copy; 2024 Harbourline Media Ltd. All rights reserved. Registered in the fictional Port of Example.</p>
</footer>`
}

func enHead(title, desc string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s | %s</title>
<meta name="description" content="%s">
<link rel="alternate" type="application/rss+xml" title="Harbourline News: World and Technology" href="/feed.xml">
<style>body{font-family:Georgia,serif;margin:0 auto;max-width:1100px}.cookie-banner{position:fixed;bottom:0;background:#fffbe6}</style>
`, esc(title), siteName, esc(desc))
}

// byline joins author names the way English newsrooms print them.
func byline(names []string) string {
	links := make([]string, len(names))
	for i, n := range names {
		links[i] = fmt.Sprintf(`<a href="/about.html#staff" rel="author">%s</a>`, esc(n))
	}
	switch len(links) {
	case 1:
		return links[0]
	case 2:
		return links[0] + " and " + links[1]
	}
	return strings.Join(links[:len(links)-1], ", ") + " and " + links[len(links)-1]
}

func (s *site) englishArticle(a *article) string {
	pub, _ := time.Parse(time.RFC3339, a.published)
	var b strings.Builder
	b.WriteString(enHead(a.Title, a.Summary))
	fmt.Fprintf(&b, `<link rel="canonical" href="%s">
<meta property="og:type" content="article">
<meta property="og:site_name" content="%s">
<meta property="og:title" content="%s">
<meta property="og:description" content="%s">
<meta property="article:published_time" content="%s">
`, a.Path, siteName, esc(a.Title), esc(a.Summary), a.published)
	if a.Modified != "" {
		fmt.Fprintf(&b, "<meta property=\"article:modified_time\" content=\"%s\">\n", a.Modified)
	}
	fmt.Fprintf(&b, "<meta property=\"article:section\" content=\"%s\">\n", sectionTitle[a.Section])
	for _, t := range a.Tags {
		fmt.Fprintf(&b, "<meta property=\"article:tag\" content=\"%s\">\n", esc(t))
	}
	if a.Style != "meta" {
		b.WriteString(`<script type="application/ld+json">` + "\n" + jsonLD(a) + "\n</script>\n")
	}
	b.WriteString("</head>\n<body class=\"article-page\">\n")
	b.WriteString(enCookie() + "\n" + enNav() + "\n")
	fmt.Fprintf(&b, `<main id="main">
<article class="story">
  <p class="kicker"><a href="/%s/">%s</a></p>
  <h1 class="headline">%s</h1>
  <p class="standfirst">%s</p>
  <div class="byline">`, a.Section, sectionTitle[a.Section], esc(a.Title), esc(a.Summary))
	if len(a.Authors) > 0 {
		b.WriteString("By " + byline(a.Authors) + " &middot; ")
	}
	fmt.Fprintf(&b, `<time datetime="%s">%s</time>`, a.published, pub.Format("2 January 2006"))
	if a.Modified != "" {
		mod, _ := time.Parse(time.RFC3339, a.Modified)
		fmt.Fprintf(&b, ` &middot; Updated <time datetime="%s">%s</time>`, a.Modified, mod.Format("2 January 2006, 15:04 MST"))
	}
	b.WriteString("</div>\n  <div class=\"story-body\">\n")
	for i, p := range a.Paras {
		fmt.Fprintf(&b, "    <p>%s</p>\n", esc(p))
		if i+1 == a.AdAfter {
			b.WriteString(`    <aside class="ad-slot" aria-label="Advertisement"><p class="ad-label">Advertisement</p><p>Continue reading below</p></aside>` + "\n")
		}
	}
	b.WriteString("  </div>\n")
	b.WriteString(`  <div class="share-bar">Share this story: <a href="#share-email">Email</a> <a href="#share-copy">Copy link</a></div>` + "\n")
	if len(a.Tags) > 0 {
		b.WriteString(`  <p class="topics">Topics:`)
		for _, t := range a.Tags {
			name := strings.ToUpper(t[:1]) + t[1:]
			if t == "energy" { // the only topic with a page so far
				fmt.Fprintf(&b, ` <a href="/tags/%s.html">%s</a>`, t, name)
			} else {
				fmt.Fprintf(&b, ` <span class="tag">%s</span>`, name)
			}
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</article>\n")
	_, _, related := s.neighbours(a, 4)
	b.WriteString("<aside class=\"related\">\n  <h2>Related stories</h2>\n  <ul>\n")
	for _, r := range related {
		fmt.Fprintf(&b, "    <li><a href=\"%s\">%s</a></li>\n", r.Path, esc(r.Title))
	}
	b.WriteString("  </ul>\n</aside>\n")
	b.WriteString(`<section class="newsletter">
  <h2>The Morning Tide</h2>
  <p>Five stories worth your time, in your inbox before breakfast. Free, every weekday.</p>
  <a href="/contact.html#newsletter">Sign up</a>
</section>
</main>
`)
	b.WriteString(enFooter() + "\n</body>\n</html>\n")
	return b.String()
}

func jsonLD(a *article) string {
	type person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	var authors []person
	for _, n := range a.Authors {
		authors = append(authors, person{Type: "Person", Name: n, URL: "/about.html#staff"})
	}
	news := map[string]any{
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"description":      a.Summary,
		"datePublished":    a.published,
		"articleSection":   sectionTitle[a.Section],
		"mainEntityOfPage": a.Path,
		"publisher":        map[string]any{"@type": "NewsMediaOrganization", "name": siteName},
	}
	if a.Modified != "" {
		news["dateModified"] = a.Modified
	}
	if len(a.Tags) > 0 {
		news["keywords"] = a.Tags
	}
	var doc map[string]any
	switch {
	case a.Style == "graph":
		news["author"] = authors // always an array in this template
		news["isPartOf"] = map[string]string{"@id": "#webpage"}
		doc = map[string]any{
			"@context": "https://schema.org",
			"@graph": []any{
				map[string]any{"@type": "WebPage", "@id": "#webpage", "name": a.Title + " | " + siteName},
				news,
				map[string]any{"@type": "BreadcrumbList", "itemListElement": []any{
					map[string]any{"@type": "ListItem", "position": 1, "name": "Home", "item": "/"},
					map[string]any{"@type": "ListItem", "position": 2, "name": sectionTitle[a.Section], "item": "/" + a.Section + "/"},
				}},
			},
		}
	default:
		switch len(authors) {
		case 0:
		case 1:
			news["author"] = authors[0]
		default:
			news["author"] = authors
		}
		news["@context"] = "https://schema.org"
		doc = news
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(out)
}
