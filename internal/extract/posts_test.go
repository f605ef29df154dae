package extract

import (
	"fmt"
	"strings"
	"testing"
)

func TestBodyCutsLongCommentThread(t *testing.T) {
	// A short post under sixty replies: the thread holds most of the text,
	// yet it is not the article.
	var b strings.Builder
	b.WriteString(`<html><body><div id="main"><div class="post"><h2>Moving in</h2>` +
		prose(5, "Post") + `</div><div id="comments"><h3>Comments</h3>`)
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, `<h4>re: Moving in <span>2004-12-27 12:%02d</span></h4><p>Reply %d says welcome, at some length, with commas and a full stop.</p>`, i%60, i)
	}
	b.WriteString(`</div></div></body></html>`)
	res := bodyOf(t, b.String())
	if !strings.Contains(res.Text, "Post paragraph 4") {
		t.Errorf("body lost the post:\n%s", res.Text)
	}
	if strings.Contains(res.Text, "Reply 30") || strings.Contains(res.Text, "re: Moving in") {
		t.Errorf("body kept the comment thread:\n%s", res.Text)
	}
}

func TestBodyKeepsCommentSectionWhenItIsThePage(t *testing.T) {
	// Nothing but the "comments" block holds text: it stays.
	page := `<html><body><div class="comments">` + prose(4, "Discussion") + `</div></body></html>`
	res := bodyOf(t, page)
	if !strings.Contains(res.Text, "Discussion paragraph 3") {
		t.Errorf("body lost the only text:\n%s", res.Text)
	}
}

// blogIndex builds a page of dated posts, newest first when desc is true.
func blogIndex(dates []string) string {
	var b strings.Builder
	b.WriteString(`<html><body><table><tbody>`)
	for i, d := range dates {
		fmt.Fprintf(&b, `<tr><td><table><tr><td class="post-title">Entry %d</td><td>%s 01:20:44</td></tr>
			<tr><td class="post-body">%s</td></tr></table></td></tr>`, i, d, prose(3, fmt.Sprintf("Entry %d", i)))
	}
	b.WriteString(`</tbody></table></body></html>`)
	return b.String()
}

func TestBodyBlogIndexKeepsFirstPost(t *testing.T) {
	res := bodyOf(t, blogIndex([]string{"2005-03-21", "2005-03-18", "2005-03-18", "2005-03-15"}))
	if !strings.Contains(res.Text, "Entry 0 paragraph 2") {
		t.Errorf("body lost the first post:\n%s", res.Text)
	}
	for _, other := range []string{"Entry 1 paragraph", "Entry 3 paragraph"} {
		if strings.Contains(res.Text, other) {
			t.Errorf("body kept a later post (%q):\n%s", other, res.Text)
		}
	}
}

func TestBodyDatedListInOtherOrderIsKept(t *testing.T) {
	// Events soonest first, or books by release date in any order: every
	// item belongs to the page.
	for _, dates := range [][]string{
		{"March 17, 2026", "March 18, 2026", "March 23, 2026"},
		{"2025-06-17", "2025-11-04", "2025-09-30"},
	} {
		res := bodyOf(t, blogIndex(dates))
		for i := range dates {
			if want := fmt.Sprintf("Entry %d paragraph 2", i); !strings.Contains(res.Text, want) {
				t.Errorf("dates %v: body lost %q:\n%s", dates, want, res.Text)
			}
		}
	}
}

func TestPostDate(t *testing.T) {
	for _, c := range []struct {
		line string
		want int
	}{
		{"昨天去金矿玩 (图) 2005-03-21 01:20:44", 20050321},
		{"海姑娘写于2005年3月16日", 20050316},
		{"Posted on March 4th, 2021 by Ann", 20210304},
		{"No date in this line at all", 0},
	} {
		if got := postDate(parseHTML(t, "<p>"+c.line+"</p>")); got != c.want {
			t.Errorf("postDate(%q) = %d, want %d", c.line, got, c.want)
		}
	}
}

func TestBodyLoneParagraphDoesNotBeatTableArticle(t *testing.T) {
	// A standings page: two short lines and a table make the article; a
	// single long notice under it holds more "good" text than any one row.
	var b strings.Builder
	b.WriteString(`<html><body><div class="page"><div itemprop="articleBody" class="articleBody"><h1>Standings</h1>
		<p>Here you will always find the current standings, updated after each race!</p>
		<p><strong>Final standings of the cup series after 36 races:</strong></p><table><tbody>
		<tr><td>Pos.</td><td>Driver</td><td>Points</td><td>Wins</td></tr>`)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, `<tr><td>%d</td><td>Driver Number%d</td><td>%d</td><td>%d</td></tr>`, i, i, 5000-i*100, i%4)
	}
	b.WriteString(`</tbody></table></div>
		<div class="notes"><p style="font-size:10px">NOTICE: Comments with unintelligible text or that lack respect for other users will not be approved by the moderator, who reads all of them.</p></div>
		</div></body></html>`)
	res := bodyOf(t, b.String())
	if !strings.Contains(res.Text, "Driver Number17") || !strings.Contains(res.Text, "current standings") {
		t.Errorf("body lost the standings:\n%s", res.Text)
	}
}

func TestBodyKeepsProseSectionsNamedAfterNavigation(t *testing.T) {
	page := `<html><body><div class="site-menu"><ul><li><a href="/a">Home page link</a></li><li><a href="/b">Topics link</a></li><li><a href="/c">About us link</a></li></ul></div>
		<main><div class="body-content"><div class="content-nav-section">` + prose(4, "First half") + `</div>
		<div class="content-nav-section">` + prose(4, "Second half") + `</div></div></main></body></html>`
	res := bodyOf(t, page)
	for _, want := range []string{"First half paragraph 3", "Second half paragraph 3"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("body lost %q:\n%s", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "Topics link") {
		t.Errorf("body kept the menu:\n%s", res.Text)
	}
}

func TestRepeatedPostsInWrappers(t *testing.T) {
	// Each reply sits alone in a wrapper box, its text in a message box of
	// its own: the wrappers are the siblings, and each post counts once.
	var b strings.Builder
	b.WriteString(`<html><body><div id="replies">`)
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, `<div id="wrap%d"><article class="post-box reply-post"><div class="message">%s</div></article></div>`, i, prose(2, fmt.Sprintf("Reply %d", i)))
	}
	b.WriteString(`</div></body></html>`)
	if got := analyse(parseHTML(t, b.String())).repeatedPosts(); got != 4 {
		t.Errorf("repeatedPosts = %d, want 4", got)
	}
}
