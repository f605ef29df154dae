package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"golang.org/x/net/html"
)

// dateEvidence is what the published/modified choice reads: the page walk,
// its JSON-LD, the lines around the title and the labelled dates the text
// scanners found there.
type dateEvidence struct {
	doc    *htmldoc.Document
	page   *page
	ld     *ldArticle
	window []string
	// labelled dates from the Chinese (发布时间：…) and English
	// ("Published …", "Updated …") line scanners.
	zh, en         inline
	pubSel, modSel cascadia.Selector
	// printed caches every date printed on the page, read on first need.
	printed *printedDates
}

// printedDates is the lazily read list of dates a page prints.
type printedDates struct {
	done bool
	// dates are all of them; plain leaves out those printed after an
	// "Updated" label on their line.
	dates, plain []string
}

// printedDates returns the dates printed in the page's lines (up to four a
// line), reading them once per extraction.
func (dp dateParser) printedDates(ev dateEvidence) *printedDates {
	if ev.printed == nil {
		ev.printed = &printedDates{}
	}
	if !ev.printed.done {
		dp.scanPrinted(ev.page.lines, ev.printed)
	}
	return ev.printed
}

func (dp dateParser) scanPrinted(lines []string, out *printedDates) {
	for _, l := range lines {
		if len(l) > 300 || !mayHoldDate(l) {
			continue
		}
		plain := l
		if loc := reUpdateLabel.FindStringIndex(l); loc != nil {
			plain = l[:loc[0]]
			out.dates = append(out.dates, dp.allDates(l[loc[0]:], 4)...)
		}
		ds := dp.allDates(plain, 4)
		out.plain = append(out.plain, ds...)
		out.dates = append(out.dates, ds...)
	}
	out.done = true
}

// chosenDates is the outcome: the dates and where Published came from.
type chosenDates struct {
	published, publishedFrom, modified string
	// shownLine is the text line a shown date was read from (for logs).
	shownLine string
}

// chooseDates runs the date precedence chain (see doc.go) and then the
// corrections that make the result the date the page itself shows.
func (e *Extractor) chooseDates(dp dateParser, ev dateEvidence) chosenDates {
	if ev.printed == nil {
		ev.printed = &printedDates{}
	}
	pc := dateChain{dp: dp}
	if frontPage(ev.doc) {
		// A site's front page has no publication date of its own: its
		// metadata dates the site or the CMS entry, its text the items
		// it lists. Only a job's selector dates it.
		if ev.pubSel != nil {
			pc.try("selector", e.selectDates(ev.doc.Root, ev.pubSel)...)
		}
	} else {
		e.publishedChain(&pc, ev)
	}
	var out chosenDates
	out.published, out.publishedFrom = pc.date, pc.from
	if out.published == "" && !frontPage(ev.doc) {
		out.published, out.publishedFrom = dp.publishedFallback(ev)
	} else if isUTC(out.published) {
		out.published = dp.localDay(out.published, ev)
	}

	mc := dateChain{dp: dp}
	if ev.modSel != nil {
		mc.try("selector", e.selectDates(ev.doc.Root, ev.modSel)...)
	}
	mc.try("jsonld", ev.ld.modified)
	for _, k := range metaModifiedKeys {
		mc.try("meta:"+k, ev.page.meta[k]...)
	}
	for _, n := range ev.page.itemprop["datemodified"] {
		mc.try("itemprop", itempropValue(n))
	}
	mc.try("text", ev.zh.modified, ev.en.modified)
	out.modified = mc.date

	// Corrections: the text second-guesses only dates declared in
	// metadata (a job's selector is never overruled), and fixes the
	// day/month order of an ambiguous numeric date.
	dp.preferShown(&out, ev)
	dp.preferShownEarlier(&out, ev)
	if reDayMonthFirst.MatchString(strings.TrimSpace(pc.raw)) {
		out.published = dp.confirmOrder(out.published, ev)
	}
	out.published = dp.orderFromURL(out.published, ev)
	return out
}

// dateChain keeps the first plausible date offered to it.
type dateChain struct {
	dp              dateParser
	date, from, raw string // raw is the text the date was read from
}

// try offers candidate texts from one source, in order.
func (c *dateChain) try(from string, raws ...string) {
	if c.date != "" {
		return
	}
	for _, r := range raws {
		if d := c.dp.parse(r); d != "" {
			c.date, c.from, c.raw = d, from, r
			return
		}
	}
}

// set offers an already normalised date.
func (c *dateChain) set(from, d string) {
	if c.date == "" && d != "" {
		c.date, c.from, c.raw = d, from, d
	}
}

// publishedChain offers Published's sources in precedence order.
func (e *Extractor) publishedChain(c *dateChain, ev dateEvidence) {
	p, dp := ev.page, c.dp
	if ev.pubSel != nil {
		c.try("selector", e.selectDates(ev.doc.Root, ev.pubSel)...)
	}
	if !dp.undatedPageStamp(ev) {
		c.try("jsonld", ev.ld.published)
	}
	for _, k := range metaPublishedKeys {
		c.try("meta:"+k, p.meta[k]...)
	}
	for _, k := range otherPublishedKeys(p.meta) {
		c.try("meta:"+k, p.meta[k]...)
	}
	for _, n := range p.itemprop["datepublished"] {
		c.try("itemprop", itempropValue(n))
	}
	for _, n := range p.times {
		if _, ok := attrOK(n, "pubdate"); ok {
			c.try("time-pubdate", attr(n, "datetime"), nodeText(n))
		}
	}
	// The labelled Chinese date may come from anywhere on the page when
	// the title's surroundings have none; then a date shown by the title
	// comes first.
	zhNear := ev.zh.published == "" || shownIn(dp, ev.zh.published, ev.window)
	if zhNear {
		c.try("text:zh", ev.zh.published)
	}
	c.try("text:en", ev.en.published)
	// A <time> or byline element near the title dates the article; one
	// elsewhere may date a comment or a teaser, and comes after the dates
	// the title's surroundings show.
	var farTimes, farBylines []*html.Node
	for _, n := range p.times {
		if inWindow(collapseSpace(nodeText(n)), ev.window) {
			c.try("time", attr(n, "datetime"), nodeText(n))
		} else {
			farTimes = append(farTimes, n)
		}
	}
	for _, n := range p.bylines {
		if t := collapseSpace(nodeText(n)); inWindow(t, ev.window) {
			c.try("byline-element", t)
		} else {
			farBylines = append(farBylines, n)
		}
	}
	if c.date == "" {
		c.set("text:near-title", dp.nearTitleDate(ev.window))
	}
	for _, n := range farBylines {
		c.try("byline-element", collapseSpace(nodeText(n)))
	}
	if !zhNear {
		c.try("text:zh", ev.zh.published)
	}
	for _, n := range farTimes {
		c.try("time", attr(n, "datetime"), nodeText(n))
	}
	if c.date == "" {
		c.set("text:published-label", dp.labelledDate(p.lines, rePublishedLabel))
	}
	// A date alone is upgraded by a later source giving the same day with
	// its time: the page's own time is more precise than, say, the URL.
	if len(c.date) == len("2006-01-02") {
		for _, t := range append([]string{ev.zh.published, ev.en.published}, ev.window...) {
			if d := dp.parse(t); len(d) > len(c.date) && strings.HasPrefix(d, c.date) {
				c.date = d
				break
			}
		}
	}
}

// publishedFallback dates a page whose chain found nothing: the URL, then
// the first short date line from the title on, then a month-precise issue
// credit or report line.
func (dp dateParser) publishedFallback(ev dateEvidence) (date, from string) {
	p := ev.page
	if ev.doc.URL != nil {
		if d := dp.dateFromURL(ev.doc.URL.Path); d != "" {
			return d, "url"
		}
	}
	// From the title on, short of the page's last lines (footers date the
	// site, headers before the title date the visit). window is a slice of
	// p.lines, so their capacities locate it.
	first := cap(p.lines) - cap(ev.window)
	if first < 0 || first > len(p.lines) {
		first = 0
	}
	first = max(0, first-3) // a dateline just above the window
	if d := dp.dateLine(p.lines[first : len(p.lines)*19/20]); d != "" {
		return d, "text:date-line"
	}
	if d := dp.issueDate(p.lines, ev.window); d != "" {
		return d, "text:issue"
	}
	return "", ""
}

// localDay returns the page's local form of the UTC instant utc when the
// page gives it: its labelled Published/发表时间 line, the date in its URL
// (the day the site filed the story under: /2023/11/08/ for
// 2023-11-09T01:09Z in Denver), or a microdata datePublished printed as a
// plain day ("06 Dicembre 2020"). Each must be a zone offset away from the
// instant (see localDate); otherwise utc stands.
func (dp dateParser) localDay(utc string, ev dateEvidence) string {
	var urlDay, ipDay string
	if ev.doc.URL != nil {
		if d := dp.dateFromURL(ev.doc.URL.Path); len(d) == len("2006-01-02") {
			urlDay = d
		}
	}
	for _, n := range ev.page.itemprop["datepublished"] {
		if d := dp.parse(itempropValue(n)); len(d) == len("2006-01-02") {
			ipDay = d
			break
		}
	}
	for _, shown := range []string{ev.zh.published, ev.en.published, urlDay, ipDay} {
		if d := dp.localDate(utc, shown); d != "" {
			return d
		}
	}
	return utc
}

// reUpdateLabel finds words that present a date as a revision rather
// than the publication.
var reUpdateLabel = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:updated|last\s+updated|modified|revised|aktualisiert|geändert|actualizado|actualizada|mis\s+à\s+jour|modifié|aggiornato|bijgewerkt)(?:[^\pL]|$)|更新|修改`)

// declaredFrom reports whether a published date came from the page's
// metadata (JSON-LD, <meta>, microdata) rather than its visible text.
func declaredFrom(from string) bool {
	return from == "jsonld" || from == "itemprop" || strings.HasPrefix(from, "meta:")
}

// preferShown makes Published the date the page shows when its metadata
// disagrees with its text. Sites re-date articles they revise: the
// metadata keeps the first datePublished while the page shows, as its
// only date and with no label, the revision date. Readers (and the
// labelled corpora) take the date shown. So when the declared published
// day appears nowhere in the page's text and the declared modified day is
// shown near the title without an "Updated" label, the shown date is the
// published one. A date labelled as a revision leaves the declared
// published date in place: the page itself says which is which.
func (dp dateParser) preferShown(out *chosenDates, ev dateEvidence) {
	if !declaredFrom(out.publishedFrom) || out.modified == "" || sameDay(out.published, out.modified) {
		return
	}
	if dp.shownAnywhere(out.published, ev) {
		return
	}
	for _, l := range ev.window {
		if len(l) > 300 || reDateRange.MatchString(l) {
			continue
		}
		for _, d := range dp.allDates(l, 4) {
			if len(d) >= len("2006-01-02") && sameDay(out.modified, d) {
				if reUpdateLabel.MatchString(l) {
					return // shown as a revision: the declared date stands
				}
				out.published, out.publishedFrom, out.shownLine = d, "text:shown-modified", l
				return
			}
		}
	}
}

// sameDay reports whether shown, a date as a page prints it, is the day of
// the normalised date declared: the same calendar day, or for a UTC
// instant the local day a zone offset reaches.
func sameDay(declared, shown string) bool {
	if len(declared) < len("2006-01-02") || len(shown) < len("2006-01-02") {
		return false
	}
	if declared[:10] == shown[:10] {
		return true
	}
	return isUTC(declared) && (dateParser{}).localDate(declared, shown) != ""
}

// otherPublishedKeys returns the page's meta names that are not in
// metaPublishedKeys but still name a publication date ("published-date",
// "w-published-date"), date-named ones first, in a stable order.
func otherPublishedKeys(meta map[string][]string) []string {
	var dates, times []string
	for k := range meta {
		if !strings.Contains(k, "publish") || strings.Contains(k, "modif") || strings.Contains(k, "updat") ||
			slices.Contains(metaPublishedKeys, k) {
			continue
		}
		switch {
		case strings.Contains(k, "date"):
			dates = append(dates, k)
		case strings.Contains(k, "time"), strings.HasSuffix(k, "published"):
			times = append(times, k)
		}
	}
	slices.Sort(dates)
	slices.Sort(times)
	return append(dates, times...)
}

// rePublishedLabel finds words that present a date as the publication.
// Go's \b knows only ASCII letters, so words ending in "é" are bounded by
// any non-letter instead.
var rePublishedLabel = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:published|posted|first\s+published|originally\s+published|veröffentlicht|erschienen|erstellt|publiziert|publié|publicado|publicada|pubblicato|gepubliceerd|opublikowano)(?:[^\pL]|$)|发布|发表`)

// labelledDate returns the first date that follows a label matched by
// label within a short line anywhere on the page: a "Posted on …" line far
// below the title (after a long table of contents, or at the article's
// end) is still the page's own statement of its date.
func (dp dateParser) labelledDate(lines []string, label *regexp.Regexp) string {
	for _, l := range lines {
		if len(l) > 160 || !mayHoldDate(l) {
			continue
		}
		loc := label.FindStringIndex(l)
		if loc == nil {
			continue
		}
		// A label opens a dateline ("Posted on …", "By Ann Lee | Published
		// …"); deep inside a sentence it tells a story's history instead.
		if before := strings.TrimSpace(l[:loc[0]]); len(strings.Fields(before)) > 4 &&
			!strings.ContainsAny(lastN(before, 3), "|·•—–-,") {
			continue
		}
		rest := l[loc[1]:]
		rest = rest[:min(len(rest), 80)]
		if d, _, end := dp.find(rest); len(d) >= len("2006-01-02") && end <= 60 {
			return d
		}
	}
	return ""
}

// lastN returns the last n bytes of s (all of s when shorter).
func lastN(s string, n int) string {
	return s[max(0, len(s)-n):]
}

// inWindow reports whether text (a <time> element's) is empty or appears
// in one of the lines around the title.
func inWindow(text string, window []string) bool {
	if text == "" {
		return true
	}
	for _, l := range window {
		if strings.Contains(l, text) {
			return true
		}
	}
	return false
}

// dateLine is the last resort: the first short line of the page that is
// essentially a date ("Feb 2, 2023", "2005-06-14 03:25:55"). Blog indexes
// and pages whose title was not found date their first post this way.
func (dp dateParser) dateLine(lines []string) string {
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 32 || !mayHoldDate(l) || reDateRange.MatchString(l) || reUpdateLabel.MatchString(l) {
			continue
		}
		// The date opens the line, after at most a weekday or a short
		// name ("Dienstag, 29. Januar 2019", "海姑娘写于2005年6月12日").
		if d, start, _ := dp.find(l); len(d) >= len("2006-01-02") && utf8.RuneCountInString(l[:start]) <= 12 {
			return d
		}
	}
	return ""
}

var (
	// reIssue finds a magazine issue credit: "——《北京之春》1998年3月号".
	reIssue = regexp.MustCompile(`《[^》]{1,30}》\s*(\d{4})\s*年\s*(\d{1,2})\s*月号`)
	// reMonthLine is a line that is only a year and month ("2003年5月"):
	// the date of a report, printed under its title.
	reMonthLine = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月$`)
)

// issueDate reads a month-precise date when the page gives no day: a
// magazine issue credit anywhere (it usually closes the article), or a
// year-and-month line near the title.
func (dp dateParser) issueDate(lines, window []string) string {
	for _, l := range lines {
		if len(l) > 300 || !strings.Contains(l, "月号") {
			continue
		}
		if m := reIssue.FindStringSubmatch(l); m != nil {
			if d := dp.yearMonth(m[1], m[2]); d != "" {
				return d
			}
		}
	}
	for _, l := range window {
		if m := reMonthLine.FindStringSubmatch(l); m != nil {
			if d := dp.yearMonth(m[1], m[2]); d != "" {
				return d
			}
		}
	}
	return ""
}

// shownIn reports whether the normalised date d is printed in one of lines.
func shownIn(dp dateParser, d string, lines []string) bool {
	for _, l := range lines {
		if len(l) > 300 {
			continue
		}
		for _, s := range dp.allDates(l, 4) {
			if s == d {
				return true
			}
		}
	}
	return false
}

// reDayMonthFirst matches a numeric date whose order is ambiguous.
var reDayMonthFirst = regexp.MustCompile(`^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}`)

// confirmOrder fixes a numeric date read in the wrong order. "03-09-2026"
// is 3 September day first but 9 March in US order; when the page's text
// shows only the other reading ("Published March 9, 2026") near the
// title, that reading is the date.
func (dp dateParser) confirmOrder(d string, ev dateEvidence) string {
	if len(d) < len("2006-01-02") || d[5:7] == d[8:10] || d[8] > '1' || d[8] == '1' && d[9] > '2' {
		return d
	}
	swapped := d[:5] + d[8:10] + "-" + d[5:7]
	if dp.shownAnywhere(d[:10], ev) {
		return d
	}
	for _, l := range ev.window {
		if len(l) > 300 {
			continue
		}
		for _, s := range dp.allDates(l, 4) {
			if len(s) >= len("2006-01-02") && s[:10] == swapped {
				return s
			}
		}
	}
	return d
}

// shownAnywhere reports whether the day of d is printed on the page.
func (dp dateParser) shownAnywhere(d string, ev dateEvidence) bool {
	return slices.ContainsFunc(dp.printedDates(ev).dates, func(s string) bool { return sameDay(d, s) })
}

// shownAsPublished reports whether the day of d is printed on the page
// other than as an update ("Updated Aug 21, 2025").
func (dp dateParser) shownAsPublished(d string, ev dateEvidence) bool {
	return slices.ContainsFunc(dp.printedDates(ev).plain, func(s string) bool { return sameDay(d, s) })
}

// orderFromURL swaps day and month of d when the page's URL gives the
// swapped date: "03/10/2023" on /blog/2023/october/03/ is 3 October.
func (dp dateParser) orderFromURL(d string, ev dateEvidence) string {
	if ev.doc.URL == nil || len(d) < len("2006-01-02") || d[5:7] == d[8:10] || d[8] > '1' || d[8] == '1' && d[9] > '2' {
		return d
	}
	swapped := d[:5] + d[8:10] + "-" + d[5:7]
	if dp.dateFromURL(ev.doc.URL.Path) == swapped {
		return swapped + d[10:]
	}
	return d
}

// preferShownEarlier takes the date shown by the title over a declared
// published date the page never shows (or shows only as its "Updated"
// date), when the shown one is earlier.
// CMSs and site generators stamp datePublished when a page is re-saved or
// rebuilt; the article's own dateline keeps the original day. A later
// shown date proves nothing (it may be today's date in a header) and an
// "Updated" line is a revision, so neither counts.
func (dp dateParser) preferShownEarlier(out *chosenDates, ev dateEvidence) {
	if !declaredFrom(out.publishedFrom) || dp.shownAsPublished(out.published, ev) ||
		dp.inTimeElement(out.published, ev.page) {
		return
	}
	// The dateline sits within a few lines of the title (the window starts
	// four lines above it); further down, dates belong to the story.
	for _, l := range ev.window[:min(len(ev.window), 16)] {
		if !mayBeDateline(l) || reEmbedCredit.MatchString(l) {
			continue
		}
		d := dp.parse(l)
		if len(d) < len("2006-01-02") {
			continue
		}
		if reUpdateLabel.MatchString(l) || out.modified != "" && sameDay(out.modified, d) {
			return
		}
		switch {
		case d[:10] < out.published[:min(10, len(out.published))]:
			out.published, out.publishedFrom, out.shownLine = d, "text:shown-earlier", l
		case dp.inTimeElement(d, ev.page) || dp.declaresDay(d, ev.page):
			// A later day counts when the page also marks it up as a
			// date: two of its own sources agree against the stale one.
			out.published, out.publishedFrom, out.shownLine = d, "text:shown-confirmed", l
		}
		return
	}
	// No date by the title: a "Published …" dateline elsewhere (at the
	// article's foot, say) is the page's own statement.
	if d := dp.labelledDate(ev.page.lines, rePublishedLabel); d != "" && d[:10] < out.published[:min(10, len(out.published))] {
		out.published, out.publishedFrom = d, "text:published-label"
	}
}

// declaresDay reports whether one of the page's published-date <meta>
// values gives the day of d.
func (dp dateParser) declaresDay(d string, p *page) bool {
	for _, k := range metaPublishedKeys {
		for _, v := range p.meta[k] {
			if m := dp.parse(v); m != "" && sameDay(m, d) {
				return true
			}
		}
	}
	return false
}

// reEmbedCredit is the closing line of an embedded post
// ("— Yann LeCun (@ylecun) October 16, 2024"): it dates the post quoted.
var reEmbedCredit = regexp.MustCompile(`\(@\w+\)`)

// inTimeElement reports whether a <time> element's datetime gives the day
// of d: the page shows it, in a form the text patterns may not read
// ("Publié le 27 Mar 20 à 9:21").
func (dp dateParser) inTimeElement(d string, p *page) bool {
	for _, n := range p.times {
		if t := dp.parse(attr(n, "datetime")); t != "" && sameDay(t, d) {
			return true
		}
	}
	return false
}

// lastResortDate reports whether Published came from a source that dates
// a page without saying it is an article's date (a bare date line, an
// issue credit): forum threads, reviews and product pages have those
// too, so the article decision does not count them.
func lastResortDate(from string) bool {
	return from == "text:date-line" || from == "text:issue"
}
