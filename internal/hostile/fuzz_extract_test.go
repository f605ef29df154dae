package hostile

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gleaner-news/gleaner/internal/chaossite"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// FuzzExtract feeds arbitrary bytes through decode, parse and extraction:
// nothing may panic, every extraction must finish within 2 s, and the
// record must marshal to valid UTF-8 JSON.
func FuzzExtract(f *testing.F) {
	for _, enc := range chaossite.Encodings {
		ct, body, err := chaossite.CharsetPage(enc, "meta-early")
		if err == nil {
			f.Add(body, ct)
		}
	}
	f.Add([]byte(chaossite.Page("Title", "Body text.", "/a", "javascript:x")), "text/html")
	f.Add([]byte(`<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"h","author":[{"name":1}],"datePublished":"2024-13-45"}</script></head><body><article><p>x</p></article></body></html>`), "")
	f.Add([]byte("<div>"+string(make([]byte, 600))+"</div>"), "text/html")
	f.Add([]byte(`<svg><foreignObject><table><tbody></tbody></table><p>责任编辑：某某 来源：新华社</p>`), "text/html; charset=gbk")
	ex, err := extract.New(extract.Options{Location: time.FixedZone("CST", 8*3600)})
	if err != nil {
		f.Fatal(err)
	}
	pageURL, _ := url.Parse("http://news.example.com.cn/a/b.html")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		doc, err := htmldoc.Parse(body, contentType, pageURL)
		if err != nil {
			return
		}
		done := make(chan *extract.Result, 1)
		go func() {
			res, err := ex.Extract(doc)
			if err != nil {
				t.Errorf("extract: %v", err)
			}
			done <- res
		}()
		select {
		case res := <-done:
			if res == nil {
				return
			}
			data, err := json.Marshal(res.Record)
			if err != nil || !utf8.Valid(data) || !json.Valid(data) {
				t.Fatalf("record does not marshal to valid JSON: %v", err)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("extraction over 2 s for %d bytes", len(body))
		}
	})
}

// TestF1FuzzTargetsExist checks that the plan's fuzz targets are present in
// the packages they guard (seed corpora then run with every `go test`).
func TestF1FuzzTargetsExist(t *testing.T) {
	root := repoRoot(t)
	want := map[string]string{
		"FuzzCanonicalize": "internal/canon",
		"FuzzRobots":       "internal/robots",
		"FuzzDecode":       "internal/charset",
		"FuzzLinkExtract":  "internal/htmldoc",
		"FuzzJSONL":        "internal/output",
		"FuzzExtract":      "internal/hostile",
	}
	for name, dir := range want {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*_test.go"))
		re := regexp.MustCompile(`(?m)^func ` + name + `\(f \*testing\.F\)`)
		found := false
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err == nil && re.Match(data) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no %s in %s", name, name, dir)
		}
	}
}
