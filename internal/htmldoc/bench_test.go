package htmldoc

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func BenchmarkParseSharedExample(b *testing.B) {
	body, err := os.ReadFile("../../../shared/examples/portal-article-gbk.html")
	if err != nil {
		b.Skipf("shared example not available: %v", err)
	}
	u := mustURL(b, "http://www.example.cn/news/1.html")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		doc, err := Parse(body, "text/html", u)
		if err != nil {
			b.Fatal(err)
		}
		doc.Links()
	}
}

func BenchmarkParseDeep100000(b *testing.B) {
	body := []byte(strings.Repeat("<div>", 100000) + "text" + strings.Repeat("</div>", 100000))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Parse(body, "text/html; charset=utf-8", nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRejectRandom1MiB(b *testing.B) {
	body := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range body {
		body[i] = byte(rng.Uint32())
	}
	for b.Loop() {
		if _, err := Parse(body, "text/html", nil); err == nil {
			b.Fatal("random bytes parsed")
		}
	}
}
