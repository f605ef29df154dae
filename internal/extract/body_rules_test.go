package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// prose returns n distinct paragraphs of article-like text.
func prose(n int, topic string) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<p>%s paragraph %d explains the matter at length, with commas, clauses and a closing full stop.</p>`, topic, i)
	}
	return b.String()
}

func bodyOf(t *testing.T, page string) bodyResult {
	t.Helper()
	return extractBody(bodyInput{Root: parseHTML(t, page)})
}

func TestBodyKeepsProseInWidgetLayouts(t *testing.T) {
	// Page builders put "widget" on every block, the article's own included.
	var b strings.Builder
	b.WriteString(`<html><body><div class="elementor">`)
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, `<div class="elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container">%s</div></div>`,
			prose(2, fmt.Sprintf("Section %d", i)))
	}
	b.WriteString(`</div><div class="sidebar-widget widget"><ul><li><a href="/a">Archive link one</a></li><li><a href="/b">Archive link two</a></li></ul></div></body></html>`)
	res := bodyOf(t, b.String())
	for i := 0; i < 6; i++ {
		if want := fmt.Sprintf("Section %d paragraph 1", i); !strings.Contains(res.Text, want) {
			t.Errorf("body lost %q:\n%s", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "Archive link") {
		t.Errorf("body kept the sidebar widget's links:\n%s", res.Text)
	}
}

func TestBodyDropsCaptionsAndStandfirst(t *testing.T) {
	page := `<html><body><article>
		<h1>Harbour reopens</h1>
		<p class="standfirst">Ships began unloading on Tuesday, ending a closure of nine days.</p>
		<figure><img src="/a.jpg"><figcaption>A crane at the quay. Photo: Agency</figcaption></figure>
		` + prose(5, "Harbour") + `
		<div class="wp-caption"><span class="image-credit">Credit: Someone Else / Agency</span></div>
		` + prose(2, "Closing") + `
	</article></body></html>`
	res := extractBody(bodyInput{Root: parseHTML(t, page), Title: "Harbour reopens"})
	for _, noise := range []string{"Ships began unloading", "A crane at the quay", "Credit: Someone"} {
		if strings.Contains(res.Text, noise) {
			t.Errorf("body kept %q:\n%s", noise, res.Text)
		}
	}
	if !strings.HasPrefix(res.Text, "Harbour paragraph 0") || !strings.Contains(res.Text, "Closing paragraph 1") {
		t.Errorf("body lost article text:\n%s", res.Text)
	}
}

func TestBodyNeverEmptyWhenTextExists(t *testing.T) {
	// Short lines only: every candidate scores below zero, yet the page has
	// text and a body must come out.
	var b strings.Builder
	b.WriteString(`<html><body><div>`)
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, `<div>Catalog section %d</div>`, i)
	}
	b.WriteString(`</div></body></html>`)
	res := bodyOf(t, b.String())
	if res.Text == "" || !strings.Contains(res.Text, "Catalog section 3") {
		t.Errorf("body = %q, want the page's lines", res.Text)
	}
}

func TestClutterLineEditorInBrackets(t *testing.T) {
	for _, line := range []string{"（责任编辑:孙婷）", "(责任编辑：刘洋)", "【编辑:刘欢】", "责任编辑：王五"} {
		if !isClutterLine(line) {
			t.Errorf("isClutterLine(%q) = false, want true", line)
		}
	}
	for _, line := range []string{"（记者 王五）今天上午，会议在北京召开，与会代表讨论了多项议题。", "The editor said so."} {
		if isClutterLine(line) {
			t.Errorf("isClutterLine(%q) = true, want false", line)
		}
	}
}

func TestDecideSectionFrontOfTeasers(t *testing.T) {
	// Headline links each followed by a blurb: readable text, a date, but
	// a list of stories, not a story.
	var b strings.Builder
	b.WriteString(`<html><body><h1>World</h1><ol class="story-list">`)
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, `<li><h2><a href="/world/2024/03/0%d/story-%d.html">Headline number %d about the harbour</a></h2>`+
			`<p>Blurb %d tells what happened in one long sentence, with a clause or two, and stops.</p><time datetime="2024-03-0%d">%d Mar</time></li>`,
			i+1, i, i, i, i+1, i+1)
	}
	b.WriteString(`</ol></body></html>`)
	root := parseHTML(t, b.String())
	u, _ := url.Parse("http://127.0.0.1/world/")
	body := extractBody(bodyInput{Root: cloneTree(root), Base: u})
	if body.LinkLines < 4 {
		t.Fatalf("LinkLines = %d, want >= 4 (body %q)", body.LinkLines, body.Text)
	}
	got, reason := decidePage(root, pageSignals{URL: u, HasPublished: true}, body)
	if got != pageList || !strings.Contains(reason, "teasers") {
		t.Errorf("decidePage = %s (%s), want list with teasers", got, reason)
	}
}

func TestDecideForumThread(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><h1>Which drill should I buy?</h1><div class="thread">`)
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&b, `<div class="message"><div class="author">user%d</div>%s</div>`, i, prose(2, fmt.Sprintf("Reply %d", i)))
	}
	b.WriteString(`</div></body></html>`)
	root := parseHTML(t, b.String())
	u, _ := url.Parse("http://127.0.0.1/threads/which-drill.12345/")
	body := extractBody(bodyInput{Root: cloneTree(root), Base: u})
	if body.Posts < 3 {
		t.Errorf("Posts = %d, want >= 3", body.Posts)
	}
	got, reason := decidePage(root, pageSignals{URL: u, HasPublished: true, OGType: "article"}, body)
	if got == pageArticle || !strings.Contains(reason, "url:forum") || !strings.Contains(reason, "posts") {
		t.Errorf("decidePage = %s (%s), want not an article, for url:forum and posts", got, reason)
	}
}

func TestDecideArticleWithRelatedCardsStaysArticle(t *testing.T) {
	// Related-post cards with excerpts must not read as a forum thread.
	page := `<html><body><article class="post">` + prose(10, "Story") + `</article><div class="related">`
	for i := 0; i < 4; i++ {
		page += fmt.Sprintf(`<div class="post"><a href="/p%d">Another post %d</a><p>An excerpt of the other post, long enough to be prose, with commas.</p></div>`, i, i)
	}
	page += `</div></body></html>`
	root := parseHTML(t, page)
	u, _ := url.Parse("http://127.0.0.1/2024/01/06/story.html")
	body := extractBody(bodyInput{Root: cloneTree(root), Base: u})
	got, reason := decidePage(root, pageSignals{URL: u, HasPublished: true, OGType: "article"}, body)
	if got != pageArticle {
		t.Errorf("decidePage = %s (%s), want article", got, reason)
	}
}

func TestClutterLineDatelinesAndCredits(t *testing.T) {
	for _, line := range []string{
		"Published Monday, November 18, 2019 8:22AM EST", "Updated: 18 Nov 2019, 19:11",
		"Updated at 1:23 p.m.", "(Image credit: Blue Origin)", "Image 2 of 5",
	} {
		if !isClutterLine(line) {
			t.Errorf("isClutterLine(%q) = false, want true", line)
		}
	}
	for _, line := range []string{
		"Published research shows that 42 of the patients recovered within a week of treatment, which surprised the team.",
		"Updated guidance is expected from the regulator.",
	} {
		if isClutterLine(line) {
			t.Errorf("isClutterLine(%q) = true, want false", line)
		}
	}
}
