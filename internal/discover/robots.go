package discover

import (
	"bytes"
	"strings"
)

// CommonSitemapPaths are the places sites put sitemaps without announcing
// them in robots.txt, tried in this order. It is a fixed table: callers
// read it and must not modify it.
var CommonSitemapPaths = []string{"/sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml", "/news-sitemap.xml"}

// maxRobotsBytes bounds the robots.txt text read, as crawlers do (RFC 9309
// asks for at least 500 KiB).
const maxRobotsBytes = 512 << 10

// RobotsSitemaps returns the absolute http(s) URLs of the Sitemap lines of
// a robots.txt, deduplicated, in file order. The field name is matched
// without regard to case; comments and invalid URLs are skipped; only the
// first 512 KiB are read.
func RobotsSitemaps(robotsTxt []byte) []string {
	if len(robotsTxt) > maxRobotsBytes {
		robotsTxt = robotsTxt[:maxRobotsBytes]
	}
	robotsTxt = bytes.TrimPrefix(robotsTxt, []byte("\xEF\xBB\xBF"))
	var out []string
	seen := map[string]bool{}
	for line := range bytes.Lines(robotsTxt) {
		key, value, ok := strings.Cut(string(line), ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(key), "sitemap") {
			continue
		}
		// A comment starts at "#" preceded by white space; a "#" glued to
		// the URL would be a fragment, which sitemap URLs do not have.
		if i := strings.Index(value, " #"); i >= 0 {
			value = value[:i]
		}
		if i := strings.Index(value, "\t#"); i >= 0 {
			value = value[:i]
		}
		value = strings.TrimSpace(value)
		if isWebURL(value) && !seen[value] {
			seen[value] = true
			out = append(out, value)
		}
	}
	return out
}
