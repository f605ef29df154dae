package discover_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"time"

	"github.com/gleaner-news/gleaner/internal/discover"
)

// A Google News sitemap, gzipped as servers often send it.
func ExampleParseSitemap() {
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc> https://news.example.com/2024/01/06/rates.html?a=1&b=2 </loc>
    <lastmod>2024-01-06T10:30:00+08:00</lastmod>
    <news:news>
      <news:publication_date>2024-01-06</news:publication_date>
      <news:title>Rates held</news:title>
    </news:news>
  </url>
</urlset>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(xml))
	zw.Close()

	sm, err := discover.ParseSitemap(gz.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range sm.URLs {
		fmt.Println(e.URL)
		fmt.Println(e.Title, e.Published.Format("2006-01-02"), e.Modified.UTC().Format("15:04Z"))
	}
	// Output:
	// https://news.example.com/2024/01/06/rates.html?a=1&b=2
	// Rates held 2024-01-06 02:30Z
}

// An RSS item's relative link resolves against the channel link; a
// pubDate in the "GMT+8" style of Chinese portals keeps its offset.
func ExampleParseFeed() {
	rss := `<rss version="2.0"><channel>
<title>港湾新闻</title><link>https://news.example.cn/</link>
<item><title>北京今天晴</title><link>/guonei/1.html</link>
<guid isPermaLink="false">gn-1</guid>
<pubDate>Sat, 06 Jan 2024 10:30:00 GMT+8</pubDate></item>
</channel></rss>`
	feed, err := discover.ParseFeed([]byte(rss))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(feed.Format, feed.Title)
	for _, it := range feed.Items {
		fmt.Println(it.URL, it.GUID, it.Title)
		fmt.Println(it.Published.Format("2006-01-02T15:04:05Z07:00"))
	}
	// Output:
	// rss 港湾新闻
	// https://news.example.cn/guonei/1.html gn-1 北京今天晴
	// 2024-01-06T10:30:00+08:00
}

// Input that is neither a sitemap nor a feed is an error callers branch on.
func ExampleParseFeed_unknownFormat() {
	_, err := discover.ParseFeed([]byte("<html><body>not a feed</body></html>"))
	fmt.Println(errors.Is(err, discover.ErrUnknownFormat))
	// Output:
	// true
}

// ParseDate reads the many ways sitemaps and feeds write dates; a date
// without a zone is UTC, and what it cannot read is the zero time.
func ExampleParseDate() {
	for _, s := range []string{
		"2024-01-06",
		"2024-01-06T10:30+08:00",
		"Sat, 06 Jan 2024 10:30:00 GMT",
		"Sat, 06 Jan 2024 10:30:00 GMT+8",
		"yesterday",
	} {
		t := discover.ParseDate(s)
		fmt.Println(t.IsZero(), t.Format(time.RFC3339))
	}
	// Output:
	// false 2024-01-06T00:00:00Z
	// false 2024-01-06T10:30:00+08:00
	// false 2024-01-06T10:30:00Z
	// false 2024-01-06T10:30:00+08:00
	// true 0001-01-01T00:00:00Z
}
