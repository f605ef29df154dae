package charset

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// zhWCEDir is the Chinese corpus shipped beside the repository, when present.
const zhWCEDir = "../../../shared/corpus/zh-wce"

type zhGold struct {
	ID       string `json:"id"`
	File     string `json:"file"`
	Encoding string `json:"encoding"`
}

func readZHGold(t testing.TB) []zhGold {
	t.Helper()
	f, err := os.Open(filepath.Join(zhWCEDir, "gold.jsonl"))
	if err != nil {
		t.Skipf("zh-wce corpus not available: %v", err)
	}
	defer f.Close()
	var pages []zhGold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var g zhGold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("gold.jsonl: %v", err)
		}
		pages = append(pages, g)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("gold.jsonl: %v", err)
	}
	return pages
}

// TestZHWCECorpus decodes every page of the zh-wce set without an HTTP
// header (as a saved file would be read) and checks the encoding against the
// gold label (gb2312 and gbk count as gb18030), and that U+FFFD is rare.
func TestZHWCECorpus(t *testing.T) {
	pages := readZHGold(t)
	var totalFFFD, totalRunes int
	for _, g := range pages {
		body, err := os.ReadFile(filepath.Join(zhWCEDir, g.File))
		if err != nil {
			t.Fatalf("%s: %v", g.ID, err)
		}
		res := Decode(body, "")
		want := strings.Fields(g.Encoding)[0]
		if want == "gb2312" || want == "gbk" {
			want = GB18030
		}
		if res.Charset != want {
			t.Errorf("%s: charset %q (source %s), gold %q", g.ID, res.Charset, res.Source, g.Encoding)
		}
		// Some GBK pages use codes of the user-defined areas (AAA1-AFFE,
		// A37C, ...) that x/text leaves unmapped; they would be private-use
		// characters anyway. Allow one in a thousand.
		replacements := strings.Count(string(res.Text), "\uFFFD")
		runes := utf8.RuneCount(res.Text)
		totalFFFD += replacements
		totalRunes += runes
		if replacements*1000 > runes {
			t.Errorf("%s: %d U+FFFD in %d runes", g.ID, replacements, runes)
		}
	}
	t.Logf("%d pages, %d U+FFFD in %d runes", len(pages), totalFFFD, totalRunes)
}

func BenchmarkDecodeZHWCE(b *testing.B) {
	pages := readZHGold(b)
	var bodies [][]byte
	var total int64
	for _, g := range pages {
		body, err := os.ReadFile(filepath.Join(zhWCEDir, g.File))
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
		total += int64(len(body))
	}
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			Decode(body, "")
		}
	}
}
