package pipeline

import (
	"regexp"
	"strconv"
	"time"
)

// futureSlack is how far past now a date in a URL may lie before the URL
// counts as a calendar trap: a day for the site's time zone, and one more.
const futureSlack = 48 * time.Hour

// reURLDay finds a calendar day in a URL path: /2024/01/06/, /2024/1/6,
// /2024-01-06-title, and /20240106/1187.html. Eight digits count only as a
// folder: as a file name (/20500101.html) they are as often a sequential id.
var reURLDay = regexp.MustCompile(`(?:^|/)((?:19|20)\d{2})(?:/(\d{1,2})/(\d{1,2})(?:$|[/_.-])|-(\d{2})-(\d{2})(?:$|[/_.-])|(\d{2})(\d{2})/)`)

// urlDay returns the day a URL path names (midnight UTC), or false when it
// names none. Year and month alone (/2024/01/) are not a day: archive pages
// use them for whole months.
func urlDay(path string) (time.Time, bool) {
	m := reURLDay.FindStringSubmatch(path)
	if m == nil {
		return time.Time{}, false
	}
	ms, ds := m[2]+m[4]+m[6], m[3]+m[5]+m[7] // one alternative matched
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || day.Day() != d {
		return time.Time{}, false
	}
	return day, true
}

// dateWindowSkip says why a URL must not be fetched for the date it
// carries, or "". A day in the path more than futureSlack ahead of now is a
// calendar trap (no portal publishes tomorrow's news); with a window (the
// job's since), a day before it is too old, as a sitemap date would be. A
// sitemap or feed date (lastmod) decides the window before the path does.
func dateWindowSkip(path string, lastmod, now, window time.Time) string {
	day, ok := urlDay(path)
	switch {
	case ok && day.After(now.Add(futureSlack)):
		return "trap:future_date"
	case window.IsZero():
		return ""
	case !lastmod.IsZero():
		if lastmod.Before(window) {
			return "too_old"
		}
	case ok && day.Add(24*time.Hour).Before(window):
		return "too_old"
	}
	return ""
}
