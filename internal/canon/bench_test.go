package canon

import "testing"

func BenchmarkCanonicalize(b *testing.B) {
	urls := []string{
		"HTTP://News.Example.com:80/2026/05/01/story.html?utm_source=rss&id=42#comments",
		"https://新华网.中国/politics/2026-05/01/c_1234.htm",
		"http://example.com/a/./b/../c;jsessionid=ABC?b=2&a=1&fbclid=x",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Canonicalize(urls[i%len(urls)]); err != nil {
			b.Fatal(err)
		}
	}
}
