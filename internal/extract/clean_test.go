package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestIsClutterLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"当前位置：首页 > 新闻中心 > 正文", true},
		{"文字:【大】【中】【小】", true},
		{"收藏 挑错 推荐 打印", true},
		{"上一篇：关于召开会议的通知", true},
		{"下一篇:没有了", true},
		{"相关推荐", true},
		{"相关阅读：", true},
		{"版权所有 © 2024 某某日报社", true},
		{"作者:admin 发布于:2024-01-06", true},
		{"来源：新华网", true},
		{"责任编辑：张三", true},
		{"摘要：本文介绍了会议的主要内容和决定。", true},
		{"【摘要】会议决定了三件事。", true},
		{"Copyright © 2024 Example Media. All rights reserved.", true},
		{"Share Tweet Email Print", true},
		{"Share this article", true},
		{"Previous article", true},
		{"Related Stories", true},
		{"More from Politics", true},
		{"Advertisement", true},
		{"Sign up for our newsletter", true},
		{"12 Comments", true},
		// Article text, including sentences that mention the same words.
		{"记者从会议上获悉，来源于基层的建议得到了采纳。", false},
		{"他说：“这是我们共同的责任。”", false},
		{"The related question is whether the share price will recover next year.", false},
		{"Previous governments tried and failed to pass the bill.", false},
		{"Sharing a meal with strangers is a tradition in the village.", false},
		{strings.Repeat("作者在文中写道，这是很长的一段正文。", 10), false},
	}
	for _, tt := range tests {
		if got := isClutterLine(tt.line); got != tt.want {
			t.Errorf("isClutterLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestBoilerKindWords(t *testing.T) {
	tests := []struct {
		html         string
		boiler, weak bool
	}{
		{`<div class="share-bar">x</div>`, true, false},
		{`<div class="socialLinks">x</div>`, true, false},
		{`<section id="related_articles">x</section>`, true, false},
		{`<div class="comments-area">x</div>`, true, false},
		{`<ol class="breadcrumb">x</ol>`, false, true},
		{`<div role="navigation">x</div>`, true, false},
		{`<div class="author-bio">x</div>`, true, false},
		{`<div class="article-body">x</div>`, false, false},
		{`<div class="shadow">x</div>`, false, false},  // not "share"
		{`<div class="address">x</div>`, false, false}, // not "ad"
		{`<div class="header-image">x</div>`, false, false},
	}
	for _, tt := range tests {
		root := parseHTML(t, tt.html)
		n := firstElement(root, "body").FirstChild
		if boiler, weak := boilerKind(n); boiler != tt.boiler || weak != tt.weak {
			t.Errorf("boilerKind(%s) = %v, %v, want %v, %v", tt.html, boiler, weak, tt.boiler, tt.weak)
		}
	}
}

func TestPostCleanRemovesLinkListsAndWidgets(t *testing.T) {
	root := parseHTML(t, `<div id="c">
		<h1>The Title</h1>
		<p>The first paragraph of the story is long enough to be real text, with a comma.</p>
		<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
		<p>The second paragraph carries on the story and has <a href="/x">one link</a> inside it.</p>
		<h3>Read more</h3>
		<ul><li><a href="/a">A headline elsewhere on the site</a></li><li><a href="/b">Another headline elsewhere</a></li></ul>
		<p>Story continues below</p>
	</div>`)
	c := firstElement(root, "div")
	postClean(c, "The Title", nil)
	got := strings.Join(renderLines(c), "\n")
	want := "The first paragraph of the story is long enough to be real text, with a comma.\n" +
		"The second paragraph carries on the story and has one link inside it."
	if got != want {
		t.Errorf("after postClean:\n%s\nwant:\n%s", got, want)
	}
}

// firstElement returns the first element named tag under n, or nil.
func firstElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := firstElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func TestBodyDropsAuthorBoxes(t *testing.T) {
	for _, class := range []string{"author-box", "about-author", "elementor-author-box", "authorInfo", "saboxplugin-wrap", "post-author-bio"} {
		page := `<html><body><article><h1>Tidal power</h1>` + prose(6, "Tidal") +
			`<div class="` + class + `"><img src="/me.jpg"><h4>Jane Writer</h4><p>Jane Writer has covered energy for twelve years, after a decade as an engineer at a utility, and lives by the sea.</p></div>` +
			`</article></body></html>`
		res := bodyOf(t, page)
		if strings.Contains(res.Text, "Jane Writer") {
			t.Errorf("class %q: body kept the author box:\n%s", class, res.Text)
		}
		if !strings.Contains(res.Text, "Tidal paragraph 5") {
			t.Errorf("class %q: body lost the article:\n%s", class, res.Text)
		}
	}
	// "author" alone is no box: a credit inside the text stays.
	page := `<html><body><article><h1>Tidal power</h1>` + prose(3, "Tidal") +
		`<p class="author-quote">As the author of the survey put it, the sea keeps its own timetable, whatever the grid needs and whenever the evening peak arrives.</p>` +
		prose(3, "More") + `</article></body></html>`
	if res := bodyOf(t, page); !strings.Contains(res.Text, "the sea keeps its own timetable") {
		t.Errorf("body lost the paragraph classed author-quote:\n%s", res.Text)
	}
}

func TestBodyKeepsLinkListsInsideTheText(t *testing.T) {
	links := func(names ...string) string {
		var b strings.Builder
		b.WriteString(`<ul>`)
		for _, n := range names {
			b.WriteString(`<li><a href="/shop/` + n + `">` + n + ` cordless drill kit</a></li>`)
		}
		b.WriteString(`</ul>`)
		return b.String()
	}
	page := `<html><body><article><h1>Tools for electricians</h1>` + prose(3, "Intro") +
		`<h2>Drills</h2><p>Buying options:</p>` + links("Makita", "DeWalt", "Milwaukee") +
		prose(4, "Testers") +
		`<h3>Related</h3>` + links("Saws", "Ladders", "Gloves") + `</article></body></html>`
	res := bodyOf(t, page)
	if !strings.Contains(res.Text, "Milwaukee cordless drill kit") {
		t.Errorf("body lost the list of links the text goes on after:\n%s", res.Text)
	}
	if strings.Contains(res.Text, "Ladders cordless drill kit") {
		t.Errorf("body kept the list of links that ends the article:\n%s", res.Text)
	}
	if !strings.Contains(res.Text, "Testers paragraph 3") {
		t.Errorf("body lost article text:\n%s", res.Text)
	}
}

func TestPostCleanDropsFormsWithoutProse(t *testing.T) {
	// The candidate as chosen: article text with a lead form inside it.
	page := `<html><body><article><h1>Fleet safety</h1>` + prose(5, "Fleet") +
		`<form action="/ebook"><h3>Request our free ebook</h3><label>First Name*</label><input name="first">` +
		`<label>Email*</label><input name="email"><p>This field is for validation purposes and should be left unchanged.</p>` +
		`<button>Send</button></form>` + prose(2, "Closing") + `</article></body></html>`
	root := parseHTML(t, page)
	postClean(root, "Fleet safety", nil)
	text := strings.Join(renderLines(root), "\n")
	for _, noise := range []string{"Request our free ebook", "First Name", "validation purposes"} {
		if strings.Contains(text, noise) {
			t.Errorf("post-clean kept the form's %q:\n%s", noise, text)
		}
	}
	if !strings.Contains(text, "Closing paragraph 1") {
		t.Errorf("post-clean lost article text:\n%s", text)
	}
	// A page wrapped in one form (ASP.NET) keeps its text.
	page = `<html><body><form id="aspnetForm"><div id="content"><h1>Fleet safety</h1>` + prose(6, "Wrapped") +
		`</div><input type="hidden" name="__VIEWSTATE"></form></body></html>`
	root = parseHTML(t, page)
	postClean(root, "Fleet safety", nil)
	if text := strings.Join(renderLines(root), "\n"); !strings.Contains(text, "Wrapped paragraph 5") {
		t.Errorf("post-clean lost the text of a page wrapped in a form:\n%s", text)
	}
}
