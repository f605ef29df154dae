package htmldoc

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// text returns the document's text content.
func text(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

func TestParseGBKWithoutHeaderCharset(t *testing.T) {
	body := gbk(t, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">`+
		`<title>新闻标题</title></head><body><p>北京今天天气晴朗。</p></body></html>`)
	doc, err := Parse(body, "text/html", mustURL(t, "http://news.example.cn/a.html"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Charset != "gb18030" || doc.CharsetSource != "meta" || doc.CharsetMismatch || doc.Fallback != FallbackNone {
		t.Errorf("got charset %q from %q, mismatch %v, fallback %q", doc.Charset, doc.CharsetSource, doc.CharsetMismatch, doc.Fallback)
	}
	if got := text(doc.Root); !strings.Contains(got, "新闻标题") || !strings.Contains(got, "北京今天天气晴朗。") {
		t.Errorf("text = %q", got)
	}
}

// TestParseSharedExample parses the GBK portal page the way a server sends
// it (bare text/html), when ../shared is present.
func TestParseSharedExample(t *testing.T) {
	body, err := os.ReadFile("../../../shared/examples/portal-article-gbk.html")
	if err != nil {
		t.Skipf("shared example not available: %v", err)
	}
	doc, err := Parse(body, "text/html", mustURL(t, "http://www.example.cn/news/1.html"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Charset != "gb18030" {
		t.Errorf("charset %q from %q", doc.Charset, doc.CharsetSource)
	}
	if got := text(doc.Root); strings.Contains(got, "\uFFFD") || !strings.Contains(got, "相关推荐") {
		t.Errorf("text has U+FFFD or lacks 相关推荐")
	}
	if len(doc.Links()) == 0 {
		t.Error("no links found")
	}
}

func TestParseDeepNesting(t *testing.T) {
	for _, depth := range []int{600, 100000} {
		var b strings.Builder
		b.WriteString("<html><body>")
		for i := range depth {
			b.WriteString("<div>")
			if i%100 == 0 {
				b.WriteString("level ")
			}
		}
		b.WriteString("deepest words")
		for range depth {
			b.WriteString("</div>")
		}
		b.WriteString("<p>after the nest</p></body></html>")
		doc, err := Parse([]byte(b.String()), "text/html; charset=utf-8", nil)
		if err != nil {
			// Plain nested divs are what the fallback is for: it must cope.
			t.Fatalf("depth %d: %v", depth, err)
		}
		if doc.Fallback != FallbackFlatten {
			t.Errorf("depth %d: Fallback = %q", depth, doc.Fallback)
		}
		got := text(doc.Root)
		if !strings.Contains(got, "deepest words") || !strings.Contains(got, "after the nest") {
			t.Errorf("depth %d: text lost: %.100q", depth, got)
		}
		if n := strings.Count(got, "level"); n != (depth+99)/100 {
			t.Errorf("depth %d: %d of %d level markers kept", depth, n, (depth+99)/100)
		}
	}
}

// TestParseDeepFormatting nests elements the parser re-opens itself
// (formatting elements inside table cells), a harder case for flattening.
func TestParseDeepFormatting(t *testing.T) {
	body := "<table><tr><td>" + strings.Repeat("<b><i><span>x", 400) + "end</td></tr></table>"
	doc, err := Parse([]byte(body), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(doc.Root); doc.Fallback != FallbackFlatten || !strings.Contains(got, "end") || strings.Count(got, "x") != 400 {
		t.Errorf("fallback %q, text kept: end %v, %d of 400 x", doc.Fallback, strings.Contains(got, "end"), strings.Count(got, "x"))
	}
}

func TestParseBinary(t *testing.T) {
	random := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...), "image/png"},
		{"zip", append([]byte("PK\x03\x04\x14\x00"), make([]byte, 100)...), "application/zip"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj"), "application/pdf"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), "image/gif"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg"},
		{"random", random, "application/octet-stream"},
		{"nul-heavy", bytes.Repeat([]byte("<p>\x00\x00\x00\x00"), 100), "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.body, "text/html", nil)
			if !errors.Is(err, ErrNotHTML) {
				t.Fatalf("err = %v, want ErrNotHTML", err)
			}
			if !strings.HasSuffix(err.Error(), ": "+tt.want) {
				t.Errorf("err = %q, want sniffed type %q", err, tt.want)
			}
		})
	}
	// Text with a stray NUL and UTF-16 text are still HTML.
	for _, body := range [][]byte{
		[]byte("<html><body><p>a stray \x00 NUL in a long enough page of ordinary text</p></body></html>"),
		[]byte("\xff\xfe<\x00p\x00>\x00h\x00i\x00"),
	} {
		if _, err := Parse(body, "text/html", nil); err != nil {
			t.Errorf("Parse(%q): %v", body, err)
		}
	}
}
