package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// extractHTML runs the whole extractor over one page given as a string.
func extractHTML(t *testing.T, page string) *Result {
	t.Helper()
	u, _ := url.Parse("https://news.example.org/articles/some-story")
	doc, err := htmldoc.Parse([]byte(page), "text/html; charset=utf-8", u)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ex.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// revisedPage is an article whose JSON-LD keeps its first publication date
// while the text shows dateline (and footer, when given).
func revisedPage(dateline, footer string) string {
	return fmt.Sprintf(`<!doctype html><html lang="en"><head><title>Seven jobs with a future</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Seven jobs with a future","datePublished":"2021-01-10T11:00:00Z","dateModified":"2023-03-06T09:00:00Z"}</script>
</head><body><header><a href="/">Example News</a></header>
<article><h1>Seven jobs with a future</h1><p class="dateline">%s</p>
<p>Some professions will be in demand for decades, whatever machines learn to do in the meantime. Nurses, plumbers and teachers top the list.</p>
<p>Employers already struggle to fill these posts, and the gap widens every year as the workforce ages and fewer people train for them.</p>
</article><footer><p>%s</p><p>Copyright Example News</p></footer></body></html>`, dateline, footer)
}

func TestPreferShownDate(t *testing.T) {
	cases := []struct {
		name, dateline, footer, want string
	}{
		// The page shows only the revision date, unlabelled: that is the
		// date readers (and gold standards) take.
		{"unlabelled revision date", "March 6, 2023", "", "2023-03-06"},
		{"German numeric dateline", "06.03.2023, 10:00 Uhr", "", "2023-03-06T10:00:00"},
		// Labelled as a revision: the declared publication date stands.
		{"labelled update", "Updated March 6, 2023", "", "2021-01-10T11:00:00Z"},
		{"labelled update, German", "Aktualisiert am 06.03.2023", "", "2021-01-10T11:00:00Z"},
		// The declared date is shown somewhere: the metadata is right.
		{"declared date shown too", "March 6, 2023", "First published January 10, 2021", "2021-01-10T11:00:00Z"},
		// A shown date that is neither declared date proves nothing.
		{"unrelated shown date", "February 1, 2023", "", "2021-01-10T11:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := extractHTML(t, revisedPage(c.dateline, c.footer))
			if r.Record.Published != c.want {
				t.Errorf("Published = %q, want %q", r.Record.Published, c.want)
			}
			if r.Record.Modified != "2023-03-06T09:00:00Z" {
				t.Errorf("Modified = %q, want the declared dateModified", r.Record.Modified)
			}
		})
	}
}

func TestAllDates(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	got := dp.allDates("July 4, 2025 February 9, 2026 Updated on 2025-02-10 10:30", 4)
	want := []string{"2025-07-04", "2025-02-10T10:30:00"}
	// February 9, 2026 is after now + a week and so implausible.
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("allDates = %q, want %q", got, want)
	}
	if got := dp.allDates("no dates", 4); len(got) != 0 {
		t.Errorf("allDates without dates = %q", got)
	}
}

func TestParseDateOneDigitSeconds(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	// A CMS that drops the seconds' leading zero still gives a UTC instant.
	if got := dp.parse("2020-12-05T23:15:0Z"); got != "2020-12-05T23:15:00Z" {
		t.Errorf("parse = %q, want the UTC instant", got)
	}
}

func TestLabelledDateAnywhere(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	lines := []string{
		"Update note: This blog post was originally published on the 21st of June 2017 and updated later.",
		"Share this article",
		"Posted on April 13, 2023",
	}
	if got := dp.labelledDate(lines, rePublishedLabel); got != "2023-04-13" {
		t.Errorf("labelledDate = %q, want the dateline, not the sentence", got)
	}
	if got := dp.labelledDate([]string{"By Ann Lee | Veröffentlicht am 15.08.2025"}, rePublishedLabel); got != "2025-08-15" {
		t.Errorf("labelledDate after a byline = %q", got)
	}
	if got := dp.labelledDate([]string{"Published by Example Press"}, rePublishedLabel); got != "" {
		t.Errorf("labelledDate without a date = %q", got)
	}
}

func TestOtherPublishedMetaAndFarDateline(t *testing.T) {
	// A site-specific meta name and, on another page, a dateline far below
	// a long table of contents are both found when nothing else dates it.
	page := `<html><head><title>Emerging technologies</title>
<meta name="published-date" content="2021-02-16"><meta name="modified-date" content="2024-07-30"></head>
<body><h1>Emerging technologies</h1><p>Text about technologies that matter for the climate and how they work.</p></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2021-02-16" {
		t.Errorf("published-date meta: Published = %q", got)
	}
	var toc string
	for i := range 40 {
		toc += fmt.Sprintf("<li>Section %d</li>", i)
	}
	page = `<html><head><title>Rust backend</title></head><body><h1>Rust backend</h1><ul>` + toc +
		`</ul><p>Posted on the 15/12/2025 at 19:00 by @someone</p><p>Body text of the post goes here.</p></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2025-12-15T19:00:00" {
		t.Errorf("far dateline: Published = %q", got)
	}
}

func TestNearTitleDateBeatsFarTime(t *testing.T) {
	var filler string
	for i := range 40 {
		filler += fmt.Sprintf("<p>Paragraph %d of the commentary, which goes on.</p>", i)
	}
	// The dateline under the title dates the article; the <time> in the
	// comment thread far below dates a comment.
	page := `<html><head><title>Was sich ändert</title></head><body><h1>Was sich ändert</h1>
<p>Dienstag, 29. Januar 2019</p>` + filler + `<section class="comments"><time datetime="2018-03-12T19:30:12+00:00">Mär 12, 2018</time>
<p>A comment.</p></section></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2019-01-29" {
		t.Errorf("Published = %q, want the dateline under the title", got)
	}
	// A date inside a sentence of the story is not its dateline.
	page = `<html><head><title>Filing taxes</title></head><body><h1>Filing taxes</h1>
<p>The end of the tax season for most Americans is April 15, 2025, and you still have options after that.</p>
<p>Page last modified Jan. 17, 2025</p></body></html>`
	if got := extractHTML(t, page).Record.Published; got == "2025-04-15" {
		t.Errorf("Published = %q, taken from a sentence of prose", got)
	}
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if got := dp.nearTitleDate([]string{"By Ann Lee", "March 3, 2024"}); got != "2024-03-03" {
		t.Errorf("nearTitleDate = %q", got)
	}
}

func TestDateLineLastResort(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		lines []string
		want  string
	}{
		{[]string{"Share", "2005-06-14 03:25:55", "2005-06-13 15:00:14"}, "2005-06-14T03:25:55"},
		{[]string{"海姑娘博客精选文章一(截止2006年8月10日)", "海姑娘写于2005年6月12日"}, "2005-06-12"},
		{[]string{"Last updated: November 13, 2025"}, ""},
		{[]string{"12/01/2004 - 01/01/2005"}, ""},
		{[]string{"This line is far too long to be a dateline: March 3, 2024"}, ""},
	} {
		if got := dp.dateLine(c.lines); got != c.want {
			t.Errorf("dateLine(%q) = %q, want %q", c.lines, got, c.want)
		}
	}
}

func TestIssueDate(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, c := range []struct {
		lines, window []string
		want          string
	}{
		{[]string{"文章正文……", "——《北京之春》1998年3月号"}, nil, "1998-03"},
		{[]string{"调查研究报告"}, []string{"调查研究报告", "课题组", "2003年5月"}, "2003-05"},
		{[]string{"2003年5月起实施的新规定"}, []string{"2003年5月起实施的新规定"}, ""},
		{[]string{"《某刊》1985年3月号"}, nil, ""}, // before 1990: implausible
	} {
		if got := dp.issueDate(c.lines, c.window); got != c.want {
			t.Errorf("issueDate(%q, %q) = %q, want %q", c.lines, c.window, got, c.want)
		}
	}
}

func TestZhDatesNearTitleFirst(t *testing.T) {
	// The labelled 发表时间 at the foot of the page loses to the date shown
	// by the title; a period announced in the text is no date at all.
	page := `<html><head><meta charset="utf-8"><title>第四届年会会议议程</title></head><body>
<h1>第四届年会会议议程</h1><p>2004-12-10 阅读10544次</p><p>（2004年12月11－12日，南开大学）</p>
<p>会议议程如下，欢迎各位代表按时参加本届年会的全部活动。</p>` + strings.Repeat("<p>议程条目</p>", 40) +
		`<p>发表时间：2004-12-11 9:51:00</p></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2004-12-10" {
		t.Errorf("Published = %q, want the date by the title", got)
	}
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if got := dp.nearTitleDate([]string{"l、报名日期为2003年11月1日至2003年11月30日，外地考生可以提前函报。"}); got != "" {
		t.Errorf("nearTitleDate read a period as a date: %q", got)
	}
}

func TestAmbiguousMetaDateConfirmedByText(t *testing.T) {
	page := `<html><head><title>What fasting does</title>
<meta property="article:published_time" content="03-09-2026"></head>
<body><h1>What fasting does</h1><p>Published March 9, 2026</p><p>Body text about fasting and the brain.</p></body></html>`
	r := extractHTML(t, page)
	if r.Record.Published != "2026-03-09" {
		t.Errorf("Published = %q, want the reading the page shows", r.Record.Published)
	}
	// Unambiguous ISO dates are never swapped.
	page = `<html><head><title>Other</title>
<meta property="article:published_time" content="2024-09-10T16:07:00Z"></head>
<body><h1>Other</h1><p>Some related item: October 9, 2024</p><p>Body text.</p></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2024-09-10T16:07:00Z" {
		t.Errorf("ISO date swapped: %q", got)
	}
}

func TestFarBylineElementAfterNearDate(t *testing.T) {
	var filler string
	for i := range 40 {
		filler += fmt.Sprintf("<p>Agency %d does search work for crypto projects.</p>", i)
	}
	page := `<html><head><title>Top agencies</title></head><body><h1>Top agencies</h1><p>Dec 12, 2025</p>` + filler +
		`<div class="post-author">Ann Lee · December 2, 2025</div></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2025-12-12" {
		t.Errorf("Published = %q, want the date by the title", got)
	}
}

func TestURLDecidesSlashOrder(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if got := dp.dateFromURL("/knowledge-centre/blog/2023/october/03/how-many-wine-types/"); got != "2023-10-03" {
		t.Errorf("dateFromURL with a month name = %q", got)
	}
	u, _ := url.Parse("https://wine.example/blog/2023/october/03/how-many-wine-types/")
	page := `<html><head><title>How many wine types are there?</title></head><body>
<h1>How many wine types are there?</h1><p>03/10/2023</p><p>There are many styles of wine to learn about.</p></body></html>`
	doc, err := htmldoc.Parse([]byte(page), "text/html; charset=utf-8", u)
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := New(Options{})
	r, err := ex.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Record.Published != "2023-10-03" {
		t.Errorf("Published = %q, want the order the URL confirms", r.Record.Published)
	}
}

func TestPreferShownEarlier(t *testing.T) {
	page := func(ldDate, dateline, extra string) string {
		return `<html><head><title>Foundational fitness</title>
<script type="application/ld+json">{"@type":"Article","headline":"Foundational fitness","datePublished":"` + ldDate + `"}</script>
</head><body><h1>Foundational fitness</h1><p>` + dateline + `</p>
<p>A weekly plan of endurance, strength and flexibility work for everyone.</p>` + extra + `</body></html>`
	}
	cases := []struct{ name, ld, dateline, extra, want string }{
		// A site rebuild restamped datePublished; the dateline keeps the day.
		{"rebuilt page", "Jun 12, 2025", "November 2, 2022", "", "2022-11-02"},
		// A later shown date may be today's date in a header.
		{"later shown date", "2022-11-02", "June 12, 2025", "", "2022-11-02"},
		// An update line is a revision.
		{"update line", "2025-06-12", "Updated November 2, 2022", "", "2025-06-12"},
		// An embedded post dates the post it quotes.
		{"embedded post", "2025-06-12", "— Someone (@someone) October 16, 2024", "", "2025-06-12"},
		// The declared day shown in a <time> element confirms it.
		{"confirmed by time", "2020-03-27T09:21:53+01:00", "Jeudi 26 mars 2020",
			`<time datetime="2020-03-27T08:21:53+01:00">Publié le 27 Mar 20</time>`, "2020-03-27T09:21:53+01:00"},
		// The declared date is the page's "Updated" date; the Published
		// line above it is the original.
		{"declared is the update", "Aug 21, 2025", "Published Apr 26, 2023</p><p>Updated Aug 21, 2025", "", "2023-04-26"},
		// Nothing by the title; a Published line at the foot.
		{"published line at the foot", "2025-11-29T12:28:31-05:00", "Share this",
			"<p>Published August 13, 2025</p>", "2025-08-13"},
		// A later dateline counts when the page marks it up as a date too.
		{"later, marked up", "2013-03-11T11:11:07-07:00", `<time datetime="2023-03-20T00:00:00-07:00">March 20, 2023</time> | Wellness`,
			"", "2023-03-20"},
		{"later, not marked up", "2013-03-11T11:11:07-07:00", "March 20, 2023 | Wellness", "", "2013-03-11T11:11:07-07:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := extractHTML(t, page(c.ld, c.dateline, c.extra)).Record.Published; got != c.want {
				t.Errorf("Published = %q, want %q", got, c.want)
			}
		})
	}
}

func TestURLGivesLocalDayOfUTCInstant(t *testing.T) {
	page := `<html><head><title>Playoffs</title>
<meta property="article:published_time" content="2023-11-09T01:09:55+00:00"></head>
<body><h1>Playoffs</h1><p>Chalk, toss-ups and upset alerts in the second weekend of play.</p></body></html>`
	for path, want := range map[string]string{
		"/2023/11/08/colorado-playoffs/": "2023-11-08",           // the local day the site filed it under
		"/2023/11/09/colorado-playoffs/": "2023-11-09T01:09:55Z", // same day: nothing to correct
		"/2023/11/01/colorado-playoffs/": "2023-11-09T01:09:55Z", // no zone explains it
	} {
		u, _ := url.Parse("https://news.example.com" + path)
		doc, err := htmldoc.Parse([]byte(page), "text/html; charset=utf-8", u)
		if err != nil {
			t.Fatal(err)
		}
		ex, _ := New(Options{})
		r, err := ex.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		if r.Record.Published != want {
			t.Errorf("%s: Published = %q, want %q", path, r.Record.Published, want)
		}
	}
}

func TestMicrodataDayGivesLocalDay(t *testing.T) {
	page := `<html><head><title>Voto certificato</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Voto certificato","datePublished":"2020-12-05T23:15:0Z"}</script></head>
<body><h1>Voto certificato</h1><span itemprop="datePublished">06 Dicembre 2020</span>
<p>La California certifica il voto e supera la soglia dei grandi elettori.</p></body></html>`
	if got := extractHTML(t, page).Record.Published; got != "2020-12-06" {
		t.Errorf("Published = %q, want the local day the page prints", got)
	}
}

func TestSelectorDateIsNotCorrected(t *testing.T) {
	// A job's selector names where the date is; the text rules that
	// second-guess metadata leave it alone.
	page := `<html><head><title>Rebuilt</title></head><body><h1>Rebuilt</h1>
<p>November 2, 2022</p><span class="stamp">2025-06-12</span><p>Body text of the rebuilt page.</p></body></html>`
	u, _ := url.Parse("https://news.example.org/rebuilt")
	doc, err := htmldoc.Parse([]byte(page), "text/html; charset=utf-8", u)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := New(Options{Selectors: Selectors{Published: ".stamp"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ex.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Record.Published != "2025-06-12" {
		t.Errorf("Published = %q, want the selector's date", r.Record.Published)
	}
}

func TestPublishedLabelsInOtherLanguages(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for line, want := range map[string]string{
		"Erstellt am 12.03.2023":           "2023-03-12",
		"Veröffentlicht am 6. März 2023":   "2023-03-06",
		"Publié le 3 mars 2024":            "2024-03-03",
		"Publicado el 15 de abril de 2020": "2020-04-15",
		"发布时间：2024-01-06 10:30":            "2024-01-06T10:30:00",
	} {
		if got := dp.labelledDate([]string{line}, rePublishedLabel); got != want {
			t.Errorf("labelledDate(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestLastResortDateIsNoArticleSignal(t *testing.T) {
	for from, want := range map[string]bool{
		"text:date-line": true, "text:issue": true, "jsonld": false, "text:near-title": false, "url": false,
	} {
		if got := lastResortDate(from); got != want {
			t.Errorf("lastResortDate(%q) = %v, want %v", from, got, want)
		}
	}
}
