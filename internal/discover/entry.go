package discover

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Errors callers branch on.
var (
	// ErrTooLarge means the input, after gzip decompression, exceeds
	// MaxSitemapBytes.
	ErrTooLarge = errors.New("discover: document too large")
	// ErrMalformed means the input looked like the expected format but
	// could not be parsed (broken XML or JSON).
	ErrMalformed = errors.New("discover: malformed document")
	// ErrUnknownFormat means the input is not a sitemap (or not a feed).
	ErrUnknownFormat = errors.New("discover: unknown format")
)

// MaxSitemapBytes is the largest document accepted after decompression:
// the sitemaps.org limit of 50 MiB.
const MaxSitemapBytes = 50 << 20

// Entry is one URL a sitemap or feed announces.
type Entry struct {
	// URL is as the document gives it, trimmed; feed items may hold
	// relative URLs when the feed does (they are resolved against the
	// feed's own link when it has an absolute one).
	URL string
	// Published is the publication time (news:publication_date, pubDate,
	// Atom published, JSON Feed date_published); zero when absent.
	Published time.Time
	// Modified is the last change (sitemap lastmod, Atom updated, JSON Feed
	// date_modified); zero when absent.
	Modified time.Time
	// Title is news:title in sitemaps, the item title in feeds.
	Title string
	// GUID is a feed item's guid or id; empty for sitemaps.
	GUID string
}

// dateLayouts are tried in order; the web writes dates many ways.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",   // W3C datetime without seconds
	"2006-01-02T15:04:05Z0700", // zone without colon
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05", // no zone: taken as UTC
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-01",
	"2006",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"Monday, 02-Jan-06 15:04:05 MST",
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	"2006/01/02 15:04:05",
	"2006/01/02",
}

// gmtOffset matches a trailing "GMT+8", "UTC+08:00" or "GMT-0530".
var gmtOffset = regexp.MustCompile(`\s*(?:GMT|UTC)([+-])(\d{1,2}):?(\d{2})?$`)

// ParseDate parses the date formats of sitemaps and feeds leniently: W3C
// datetime at any precision, RFC 822/1123 in its common variants, with or
// without zone (no zone means UTC). Zone abbreviations other than GMT and
// UTC ("CST" is both China and US Central) are read as offset zero, as
// time.Parse does. It returns the zero time when nothing
// fits.
func ParseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	// Chinese feeds write "GMT+8" after RFC 1123 dates; some write a
	// lower-case "z". Normalise these cheap cases.
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	if m := gmtOffset.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins := 0
		if m[3] != "" {
			mins, _ = strconv.Atoi(m[3])
		}
		s = fmt.Sprintf("%s %s%02d%02d", s[:len(s)-len(m[0])], m[1], h, mins)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if _, offset := t.Zone(); offset == 0 {
				t = t.UTC() // "GMT", "Z" and zone-less all compare and print alike
			}
			return t
		}
	}
	return time.Time{}
}
