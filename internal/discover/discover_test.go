package discover

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseNewsSitemap(t *testing.T) {
	want := &Sitemap{URLs: []Entry{
		{
			URL:       "https://news.example.cn/2024/01/06/economy.html",
			Modified:  date(t, "2024-01-06T12:30:00+08:00"),
			Published: date(t, "2024-01-06T10:30:00+08:00"),
			Title:     "经济稳中向好",
		},
		{URL: "https://news.example.cn/search?q=a&b=c", Modified: date(t, "2024-01-05T00:00:00Z")},
	}}
	for _, name := range []string{"news-sitemap.xml", "news-sitemap.xml.gz"} {
		sm, err := ParseSitemap(readTestdata(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(sm, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, sm, want)
		}
	}
}

func TestParseSitemapIndex(t *testing.T) {
	sm, err := ParseSitemap(readTestdata(t, "index.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{URL: "https://example.com/sitemap-2024-01.xml.gz", Modified: date(t, "2024-01-31T23:59:59Z")},
		{URL: "https://example.com/sitemap-news.xml"},
	}
	if len(sm.URLs) != 0 || !reflect.DeepEqual(sm.Sitemaps, want) {
		t.Errorf("got %+v", sm)
	}
}

func TestParseSitemapVariants(t *testing.T) {
	sm, err := ParseSitemap(readTestdata(t, "nonamespace.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{URL: "http://example.org/a", Modified: date(t, "2023-12-01T00:00:00Z")},
		{URL: "http://example.org/b", Modified: date(t, "2023-12-24T08:00:00Z")},
	}
	if !reflect.DeepEqual(sm.URLs, want) {
		t.Errorf("no namespace: got %+v", sm.URLs)
	}

	sm, err = ParseSitemap(readTestdata(t, "plain.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want = []Entry{{URL: "https://example.com/one"}, {URL: "https://example.com/two"}}
	if !reflect.DeepEqual(sm.URLs, want) {
		t.Errorf("plain text: got %+v", sm.URLs)
	}
}

func TestParseSitemapErrors(t *testing.T) {
	sm, err := ParseSitemap(readTestdata(t, "broken.xml"))
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("broken.xml: err = %v, want ErrMalformed", err)
	}
	if sm == nil || len(sm.URLs) != 1 || sm.URLs[0].URL != "https://example.com/ok" {
		t.Errorf("broken.xml: partial result %+v", sm)
	}
	for name, body := range map[string][]byte{
		"html":      []byte("<!DOCTYPE html><html><body>hi</body></html>"),
		"rss":       readTestdata(t, "rss2.xml"),
		"empty":     []byte(" \n "),
		"text":      []byte("just some words\nand more"),
		"json feed": readTestdata(t, "feed.json"),
	} {
		if _, err := ParseSitemap(body); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("%s: err = %v, want ErrUnknownFormat", name, err)
		}
	}
	if _, err := ParseSitemap([]byte{0x1F, 0x8B, 0x08, 0x00, 0x01}); !errors.Is(err, ErrMalformed) {
		t.Errorf("truncated gzip: err = %v, want ErrMalformed", err)
	}
}

// TestParseSitemapGzipBomb checks that decompression stops at the limit: a
// small gzip of more than MaxSitemapBytes of zeros is refused.
func TestParseSitemapGzipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for range MaxSitemapBytes>>20 + 1 {
		zw.Write(chunk)
	}
	zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes", buf.Len())
	}
	_, err := ParseSitemap(buf.Bytes())
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestParseRSS(t *testing.T) {
	f, err := ParseFeed(readTestdata(t, "rss2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := &Feed{
		Format: "rss", Title: "Example Daily", Link: "https://daily.example.com/",
		Items: []Entry{
			{URL: "https://daily.example.com/markets/rally", Title: "Markets <b>rally</b> & recover", GUID: "item-1001", Published: date(t, "2024-01-06T10:30:00+08:00")},
			{URL: "https://daily.example.com/local/story", Title: "Relative link", Published: date(t, "2024-01-05T08:00:00Z")},
			{URL: "https://daily.example.com/guid-only", Title: "Only a guid", GUID: "https://daily.example.com/guid-only", Published: date(t, "2024-01-05T07:00:00Z")},
		},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("got  %+v\nwant %+v", f, want)
	}
}

func TestParseRDFAtomJSON(t *testing.T) {
	tests := []struct {
		file string
		want *Feed
	}{
		{"rdf.xml", &Feed{Format: "rdf", Title: "RDF Site", Link: "http://rdf.example.org/", Items: []Entry{
			{URL: "http://rdf.example.org/1", Title: "First", GUID: "http://rdf.example.org/1", Published: date(t, "2024-01-02T00:00:00Z")},
		}}},
		{"atom.xml", &Feed{Format: "atom", Title: "Atom Example", Link: "https://atom.example.net/", Items: []Entry{
			{URL: "https://atom.example.net/2024/entry-one", Title: "Atom entry one", GUID: "tag:atom.example.net,2024:1",
				Published: date(t, "2024-01-06T09:00:00+01:00"), Modified: date(t, "2024-01-06T10:00:00+01:00")},
			{URL: "https://atom.example.net/entry-two", Title: "Atom entry two", GUID: "tag:atom.example.net,2024:2", Modified: date(t, "2024-01-07T10:00:00Z")},
		}}},
		{"feed.json", &Feed{Format: "json", Title: "JSON Example", Link: "https://json.example.com/", Items: []Entry{
			{URL: "https://json.example.com/posts/1", Title: "Post one", GUID: "1", Published: date(t, "2024-01-06T10:00:00-05:00")},
			{URL: "https://elsewhere.example.org/x", Title: "Linked", GUID: "2", Modified: date(t, "2024-01-07T00:00:00Z")},
		}}},
	}
	for _, tt := range tests {
		f, err := ParseFeed(readTestdata(t, tt.file))
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !reflect.DeepEqual(f, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.file, f, tt.want)
		}
	}
}

// TestParseGBKFeed reads a feed whose XML declaration says gb2312 and
// which holds GB18030-only characters.
func TestParseGBKFeed(t *testing.T) {
	f, err := ParseFeed(readTestdata(t, "gbk-rss.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "新华网新闻" || len(f.Items) != 2 {
		t.Fatalf("got %+v", f)
	}
	if f.Items[0].Title != "北京：经济稳中向好€𪚥" || f.Items[1].Title != "上海：新的一年" {
		t.Errorf("titles %q, %q", f.Items[0].Title, f.Items[1].Title)
	}
	if got := f.Items[0].Published; !got.Equal(date(t, "2024-01-06T10:30:00+08:00")) {
		t.Errorf("GMT+8 date parsed as %v", got)
	}
	if got := f.Items[1].Published; !got.Equal(date(t, "2024-01-06T09:15:00Z")) {
		t.Errorf("zone-less date parsed as %v", got)
	}
	// Gzipped feeds are read too.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(readTestdata(t, "gbk-rss.xml"))
	zw.Close()
	if g, err := ParseFeed(buf.Bytes()); err != nil || !reflect.DeepEqual(g, f) {
		t.Errorf("gzipped feed: %v, %+v", err, g)
	}
}

func TestParseFeedErrors(t *testing.T) {
	broken := []byte(`<rss><channel><title>x</title><item><link>https://e.example/1</link></item><item><link>https://e.example/2`)
	f, err := ParseFeed(broken)
	if !errors.Is(err, ErrMalformed) || f == nil || len(f.Items) != 1 {
		t.Errorf("broken rss: err %v, feed %+v", err, f)
	}
	if _, err := ParseFeed([]byte(`{"version": "https://jsonfeed.org/version/1", "items": [`)); !errors.Is(err, ErrMalformed) {
		t.Errorf("broken json: err = %v", err)
	}
	for name, body := range map[string][]byte{
		"sitemap":    readTestdata(t, "news-sitemap.xml"),
		"html":       []byte("<html><body>x</body></html>"),
		"plain json": []byte(`{"a": 1}`),
		"text":       []byte("hello"),
	} {
		if _, err := ParseFeed(body); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("%s: err = %v, want ErrUnknownFormat", name, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2024-01-06T10:30:00+08:00":       "2024-01-06T10:30:00+08:00",
		"2024-01-06T10:30:00.123Z":        "2024-01-06T10:30:00.123Z",
		"2024-01-06T10:30+08:00":          "2024-01-06T10:30:00+08:00",
		"2024-01-06T10:30:00+0800":        "2024-01-06T10:30:00+08:00",
		"2024-01-06":                      "2024-01-06T00:00:00Z",
		" 2024-01 ":                       "2024-01-01T00:00:00Z",
		"2024-01-06 10:30:00":             "2024-01-06T10:30:00Z",
		"Sat, 06 Jan 2024 10:30:00 +0800": "2024-01-06T10:30:00+08:00",
		"Sat, 6 Jan 2024 10:30:00 GMT":    "2024-01-06T10:30:00Z",
		"Sat, 06 Jan 2024 10:30:00 GMT+8": "2024-01-06T10:30:00+08:00",
		"2024/01/06":                      "2024-01-06T00:00:00Z",
	}
	for in, want := range tests {
		got := ParseDate(in)
		if !got.Equal(date(t, want)) {
			t.Errorf("ParseDate(%q) = %v, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2024-13-45", strings.Repeat("9", 100)} {
		if got := ParseDate(bad); !got.IsZero() {
			t.Errorf("ParseDate(%q) = %v, want zero", bad, got)
		}
	}
}

func TestIsFeedOrSitemap(t *testing.T) {
	gz := readTestdata(t, "news-sitemap.xml.gz")
	tests := []struct {
		name, contentType string
		body              []byte
		want              string
	}{
		{"rss by type", "application/rss+xml; charset=utf-8", []byte("garbage"), KindFeed},
		{"rss by body", "text/xml", readTestdata(t, "rss2.xml"), KindFeed},
		{"atom", "application/xml", readTestdata(t, "atom.xml"), KindFeed},
		{"rdf", "", readTestdata(t, "rdf.xml"), KindFeed},
		{"json feed", "application/json", readTestdata(t, "feed.json"), KindFeed},
		{"gbk rss", "", readTestdata(t, "gbk-rss.xml"), KindFeed},
		{"sitemap", "application/xml", readTestdata(t, "news-sitemap.xml"), KindSitemap},
		{"index with bom", "", readTestdata(t, "index.xml"), KindSitemap},
		{"gzip sitemap", "application/x-gzip", gz, KindSitemap},
		{"truncated gzip sitemap", "application/x-gzip", gz[:len(gz)/2], KindSitemap},
		{"plain text sitemap", "text/plain", readTestdata(t, "plain.txt"), KindSitemap},
		{"robots", "text/plain", []byte("User-agent: *\n"), ""},
		{"html", "text/html", []byte("<!DOCTYPE html><html></html>"), ""},
		{"json", "application/json", []byte(`{"a":1}`), ""},
		{"empty", "", nil, ""},
	}
	for _, tt := range tests {
		if got := IsFeedOrSitemap(tt.contentType, tt.body); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func FuzzParseSitemap(f *testing.F) {
	for _, name := range []string{"news-sitemap.xml", "news-sitemap.xml.gz", "index.xml", "nonamespace.xml", "plain.txt", "broken.xml"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("<urlset><url><loc>&amp;&bogus;<![CDATA[x]]></loc></url>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		sm, err := ParseSitemap(body)
		if err == nil && sm == nil {
			t.Fatal("nil sitemap without error")
		}
		if sm != nil {
			for _, e := range append(sm.URLs, sm.Sitemaps...) {
				if e.URL == "" {
					t.Fatal("entry without URL")
				}
			}
		}
		IsFeedOrSitemap("", body)
	})
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "rdf.xml", "atom.xml", "feed.json", "gbk-rss.xml"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte(`<feed><entry><link href="x"/><link>y</link></entry></feed>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := ParseFeed(body)
		if err == nil && feed == nil {
			t.Fatal("nil feed without error")
		}
		if feed != nil {
			for _, it := range feed.Items {
				if it.URL == "" {
					t.Fatal("item without URL")
				}
			}
		}
	})
}
