package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates are written in ISO 8601 at the precision the page gives:
//   - a date alone stays a date: "2024-01-06";
//   - a time with a zone keeps the page's offset: "2024-01-06T10:30:00+08:00";
//   - a time without a zone takes Options.Location's offset when one is set,
//     and otherwise is written as local time without an offset
//     ("2024-01-06T10:30:00") rather than pretending it is UTC.
//
// Dates before 1990 or more than a week in the future are rejected as
// implausible (copyright years, placeholders, event dates).

var (
	// Year first: 2024-01-06, 2024/1/6, 2024.01.06, 2024年1月6日, with an
	// optional time and zone.
	reYMD = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)??` + ymdTimeTail)
	// A two-digit year is read only with 年 ("05年9月7日 11:57"), which
	// leaves no doubt that it is a year.
	reYYMD = regexp.MustCompile(`(?:^|[^\d])(\d{2})年(\d{1,2})月(\d{1,2})(?:\s*日)??` + ymdTimeTail)
	// Year and month only: 2024年1月, 2024-01 (not followed by a day).
	reYM = regexp.MustCompile(`(\d{4})年(\d{1,2})月`)
	// Day first with numbers: 06.01.2024, 6/1/2024 (US order when the
	// first number cannot be a day... see parseDMY).
	reDMY = regexp.MustCompile(`\b(\d{1,2})\s*([./-])\s*(\d{1,2})\s*[./-]\s*(\d{4})\b` +
		`(?:,?\s*(?:um\s+|at\s+|à\s+|-\s+)?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([aApP]\.?[mM]\.?)?)?`)
	// Month names: "January 6, 2024", "6 January 2024", "6. Januar 2024",
	// "Sat, 06 Jan 2024 10:30:00 GMT".
	reMDY   = regexp.MustCompile(`(?i)\b([a-zäéûç]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + timeTail)
	reDMonY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?([a-zäéûç]{3,10})\.?,?\s+(?:de\s+)?(\d{4})` + timeTail)
	// Compact dates in URL paths: /20240106/ or /2024/01/06/.
	reURLDate = regexp.MustCompile(`(?:^|/|_|-)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:$|/|_|-|\.|[a-z])`)
	reURLYM   = regexp.MustCompile(`/((?:19|20)\d{2})/(0[1-9]|1[0-2])/`)
	// A month by name: /2023/october/03/.
	reURLNamedMonth = regexp.MustCompile(`/((?:19|20)\d{2})/([a-zäéû]{3,9})/(0?[1-9]|[12]\d|3[01])(?:/|$)`)
)

// ymdTimeTail is the optional time after a year-first date; after 日 the
// time may follow without a space ("2024年1月6日10:30").
const ymdTimeTail = `(?:(?:\s*日\s*|\s*(?:T|\s|,)\s*)(\d{1,2})\s*[:时点]\s*(\d{2})(?:\s*[:分]\s*(\d{1,2})(?:[.,]\d+)?)?\s*(?:(Z|UTC|GMT|[+-]\d{2}:?\d{2})|([aApP]\.?[mM]\.?))?)?`

const timeTail = `(?:,?\s*(?:at\s+|um\s+|-\s+|\|\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?`

// monthTable maps lower-case month names and abbreviations in the languages
// of the corpora we target to their numbers.
var monthTable = func() map[string]int {
	m := map[string]int{}
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"jänner", "feber", "maerz", "apr", "mai", "jun", "jul", "aug", "sept", "okt", "nov", "dez"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
		{"jan", "febr", "mrt", "apr", "mei", "jun", "jul", "aug", "sept", "okt", "nov", "dic"},
	}
	for _, l := range lists {
		for i, name := range l {
			if _, ok := m[name]; !ok {
				m[name] = i + 1
			}
		}
	}
	return m
}()

// dateParser normalises dates for one extraction: it knows the site's
// zone and the present (for the plausibility window).
type dateParser struct {
	loc *time.Location
	now time.Time
	// order learns, on first need, whether the page writes slash dates
	// day first (13/02/2022), so 06/02/2022 is 6 February there; nil
	// means month first (US order).
	order *slashOrder
}

// slashOrder computes a page's slash-date order once, when a date that
// needs it is met: most pages have none, and the scan reads every line.
type slashOrder struct {
	lines          []string
	done, dayFirst bool
}

func (dp dateParser) dayFirst() bool {
	o := dp.order
	if o == nil {
		return false
	}
	if !o.done {
		o.dayFirst, o.done = slashDayFirst(o.lines), true
	}
	return o.dayFirst
}

// reSlashDate finds numeric slash dates, to learn a page's order.
var reSlashDate = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/\d{4}\b`)

// slashDayFirst reports whether the slash dates in lines show the day
// first (one with a first number above 12 and none with a second above 12).
func slashDayFirst(lines []string) bool {
	dayFirst, monthFirst := false, false
	for _, l := range lines {
		if len(l) > 300 || !strings.Contains(l, "/") {
			continue
		}
		for _, m := range reSlashDate.FindAllStringSubmatch(l, 4) {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			switch {
			case a > 12 && b <= 12:
				dayFirst = true
			case b > 12 && a <= 12:
				monthFirst = true
			}
		}
	}
	return dayFirst && !monthFirst
}

// parse finds the first plausible date in s and returns it normalised, or "".
func (dp dateParser) parse(s string) string {
	out, _, _ := dp.find(s)
	return out
}

// allDates returns every plausible date in s, in order (at most max).
func (dp dateParser) allDates(s string, max int) []string {
	var out []string
	s = strings.TrimSpace(s)
	for len(out) < max {
		d, _, end := dp.find(s)
		if d == "" || end <= 0 || end > len(s) {
			break
		}
		out = append(out, d)
		s = strings.TrimSpace(s[end:])
	}
	return out
}

// find is parse that also returns where in s (after trimming its spaces)
// the date starts and ends.
func (dp dateParser) find(s string) (string, int, int) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 300 {
		if len(s) > 300 {
			s = s[:300]
		} else {
			return "", 0, 0
		}
	}
	if !mayHoldDate(s) {
		return "", 0, 0
	}
	// RFC 3339 and its common variants first: the fast, exact path.
	if out := dp.parseISO(s); out != "" {
		return out, 0, len(s)
	}
	type cand struct {
		pos, end int
		out      string
	}
	best := cand{pos: -1}
	var end int
	try := func(pos int, out string) {
		if out != "" && (best.pos < 0 || pos < best.pos) {
			best = cand{pos, end, out}
		}
	}
	if m := reYMD.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		end = m[1]
		try(m[0], dp.build(g[1], g[2], g[3], g[4], g[5], g[6], g[8], g[7]))
	}
	if best.pos < 0 && strings.Contains(s, "年") {
		if m := reYYMD.FindStringSubmatchIndex(s); m != nil {
			g := groups(s, m)
			end = m[1]
			yy, _ := strconv.Atoi(g[1])
			century := 2000
			if yy > dp.now.Year()%100+1 {
				century = 1900
			}
			try(m[2], dp.build(strconv.Itoa(century+yy), g[2], g[3], g[4], g[5], g[6], g[8], g[7]))
		}
	}
	if m := reDMY.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		end = m[1]
		d, mo := g[1], g[3]
		a, _ := strconv.Atoi(g[1])
		b, _ := strconv.Atoi(g[3])
		// Slashes with a first number that can be a month are read in US
		// order (1/6/2024) unless the page's other slash dates show it
		// writes the day first; dots and dashes are read day first
		// (06.01.2024).
		if a <= 12 && (b > 12 || g[2] == "/" && !dp.dayFirst()) {
			d, mo = g[3], g[1]
		}
		try(m[0], dp.build(g[4], mo, d, g[5], g[6], g[7], g[8], ""))
	}
	if m := reMDY.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		end = m[1]
		if mo, ok := monthTable[strings.ToLower(g[1])]; ok {
			try(m[0], dp.build(g[3], strconv.Itoa(mo), g[2], g[4], g[5], g[6], g[7], g[8]))
		}
	}
	if m := reDMonY.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		end = m[1]
		if mo, ok := monthTable[strings.ToLower(g[2])]; ok {
			try(m[0], dp.build(g[3], strconv.Itoa(mo), g[1], g[4], g[5], g[6], g[7], g[8]))
		}
	}
	if best.pos < 0 {
		if m := reYM.FindStringSubmatchIndex(s); m != nil {
			if d := dp.yearMonth(s[m[2]:m[3]], s[m[4]:m[5]]); d != "" {
				return d, m[0], m[1]
			}
		}
	}
	return best.out, best.pos, best.end
}

func groups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

var isoLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00",
	"2006-01-02T15:04:05 -07:00",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", time.RFC850}

func (dp dateParser) parseISO(s string) string {
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if !dp.plausible(t) {
				return ""
			}
			return t.Format(time.RFC3339)
		}
	}
	return ""
}

// build assembles a normalised date from matched parts; hour "" means a
// date alone.
func (dp dateParser) build(ys, ms, ds, hs, mins, secs, ampm, zone string) string {
	y, _ := strconv.Atoi(ys)
	mo, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if day.Day() != d || !dp.plausible(day) {
		return ""
	}
	if hs == "" {
		return day.Format("2006-01-02")
	}
	h, _ := strconv.Atoi(hs)
	mi, _ := strconv.Atoi(mins)
	sec, _ := strconv.Atoi(secs)
	if ampm != "" {
		pm := strings.HasPrefix(strings.ToLower(ampm), "p")
		if pm && h < 12 {
			h += 12
		} else if !pm && h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return day.Format("2006-01-02")
	}
	switch {
	case zone == "Z" || zone == "UTC" || zone == "GMT":
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC).Format(time.RFC3339)
	case zone != "":
		z := strings.ReplaceAll(zone, ":", "")
		zh, _ := strconv.Atoi(z[1:3])
		zm, _ := strconv.Atoi(z[3:5])
		off := zh*3600 + zm*60
		if z[0] == '-' {
			off = -off
		}
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.FixedZone("", off)).Format(time.RFC3339)
	case dp.loc != nil:
		return time.Date(y, time.Month(mo), d, h, mi, sec, 0, dp.loc).Format(time.RFC3339)
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, 0, time.UTC).Format("2006-01-02T15:04:05")
}

func (dp dateParser) plausible(t time.Time) bool {
	return t.Year() >= 1990 && t.Before(dp.now.Add(7*24*time.Hour))
}

// dateFromURL reads a date from a URL path: /2024/01/06/, /20240106/,
// /2024-01-06-title, /2023/october/03/; else a year and month /2024/01/.
func (dp dateParser) dateFromURL(path string) string {
	if m := reURLDate.FindStringSubmatch(path); m != nil {
		if out := dp.build(m[1], m[2], m[3], "", "", "", "", ""); out != "" {
			return out
		}
	}
	if m := reURLNamedMonth.FindStringSubmatch(strings.ToLower(path)); m != nil {
		if mo, ok := monthTable[m[2]]; ok {
			if out := dp.build(m[1], strconv.Itoa(mo), m[3], "", "", "", "", ""); out != "" {
				return out
			}
		}
	}
	if m := reURLYM.FindStringSubmatch(path); m != nil {
		return dp.yearMonth(m[1], m[2])
	}
	return ""
}

// yearMonth is the month-precise date ("2024-01") of a year and a month
// number, or "" when the month is out of range or the date implausible.
func (dp dateParser) yearMonth(ys, ms string) string {
	y, _ := strconv.Atoi(ys)
	mo, _ := strconv.Atoi(ms)
	if mo < 1 || mo > 12 || !dp.plausible(time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)) {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", y, mo)
}

// reDateRange finds "12/01/2004 - 01/01/2005", "2024-01-01 ~ 2024-02-01"
// and "2003年11月1日至2003年11月30日": archive and calendar links or a
// period the text announces, not a publication date.
var reDateRange = regexp.MustCompile(`\d\s*日?\s*(?:-|–|~|至|到)\s*\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}`)

// nearTitleDate is the late fallback: the first full date in the lines
// around the title (a dateline often sits just above it). Month-only dates
// ("2005年9月 (1)") and date ranges are archive navigation and are skipped;
// so are sentences of prose, whose dates are what the story is about
// ("The tax season ends on April 15, 2025.").
func (dp dateParser) nearTitleDate(lines []string) string {
	for _, l := range lines {
		if !mayBeDateline(l) {
			continue
		}
		if d := dp.parse(l); len(d) >= len("2006-01-02") {
			return d
		}
	}
	return ""
}

// isUTC reports whether a normalised date is a UTC instant.
func isUTC(d string) bool {
	return len(d) > 10 && (strings.HasSuffix(d, "Z") || strings.HasSuffix(d, "+00:00"))
}

// localDate returns shown, the date a page shows, when it is the UTC
// instant utc in the page's zone: a local time a whole zone offset away,
// or a date alone that such an offset reaches. "" otherwise.
func (dp dateParser) localDate(utc, shown string) string {
	at, err := time.Parse(time.RFC3339, utc)
	if err != nil || shown == "" || shown == utc {
		return ""
	}
	// Zones in use run from UTC-10 (Hawaii, widely published) to UTC+14.
	const west, east = -10 * time.Hour, 14 * time.Hour
	switch len(shown) {
	case len("2006-01-02"):
		day, err := time.Parse("2006-01-02", shown)
		if err != nil || day.Equal(at.Truncate(24*time.Hour)) {
			return ""
		}
		if !at.Add(west).After(day.Add(24*time.Hour-time.Second)) && !at.Add(east).Before(day) {
			return shown
		}
	case len("2006-01-02T15:04:05"):
		t, err := time.Parse("2006-01-02T15:04:05", shown)
		if err != nil {
			return ""
		}
		ref := at
		if t.Second() == 0 {
			ref = at.Truncate(time.Minute) // the page shows minutes only
		}
		if off := t.Sub(ref); off != 0 && off >= west && off <= east && off%(15*time.Minute) == 0 {
			return shown
		}
	}
	return ""
}

// mayBeDateline reports whether line l may be a dateline: not long, not a
// date range, not a sentence of prose.
func mayBeDateline(l string) bool {
	return len(l) <= 300 && !reDateRange.MatchString(l) && !isSentenceLine(l)
}

// isSentenceLine reports whether a line reads as a sentence of running
// text rather than a dateline: many words ending in sentence punctuation.
func isSentenceLine(l string) bool {
	if len(strings.Fields(l)) < 12 {
		return false
	}
	return strings.HasSuffix(l, ".") || strings.HasSuffix(l, "!") || strings.HasSuffix(l, "?") ||
		strings.HasSuffix(l, "。") || strings.HasSuffix(l, ".\"") || strings.HasSuffix(l, ".”")
}

// mayHoldDate reports whether s may hold a date find reads: every form it
// reads has a four-digit year or 年. Most lines have neither, and skipping
// them spares the regexps; callers that run their own regexps on a line
// before find use it first for the same reason.
func mayHoldDate(s string) bool {
	return hasYearDigits(s) || strings.Contains(s, "年")
}

// hasYearDigits reports whether s holds a run of four ASCII digits.
func hasYearDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
