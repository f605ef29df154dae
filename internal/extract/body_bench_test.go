package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// corpusDir is the shared labelled corpus, used when present.
const corpusDir = "../../../shared/corpus"

type goldPage struct {
	ID       string  `json:"id"`
	File     string  `json:"file"`
	URL      *string `json:"url"`
	Body     *string `json:"body"`
	PageType string  `json:"page_type"`
}

func loadGold(t testing.TB, set string) (dir string, pages []goldPage) {
	t.Helper()
	dir = filepath.Join(corpusDir, set)
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Skipf("corpus set %s not available: %v", set, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var g goldPage
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("%s gold: %v", set, err)
		}
		pages = append(pages, g)
	}
	return dir, pages
}

func loadPage(t testing.TB, dir string, g goldPage) *htmldoc.Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, g.File))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(g.File, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if raw, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	var u *url.URL
	if g.URL != nil {
		u, _ = url.Parse(*g.URL)
	}
	doc, err := htmldoc.Parse(raw, harnessContentType(raw), u)
	if err != nil {
		t.Fatalf("%s: %v", g.File, err)
	}
	return doc
}

// harnessContentType stands in for charset detection while htmldoc's is
// minimal: valid UTF-8 is UTF-8, anything else from this corpus is GB18030
// unless it declares another charset.
func harnessContentType(raw []byte) string {
	if utf8.Valid(raw) {
		return "text/html; charset=utf-8"
	}
	head := bytes.ToLower(raw[:min(len(raw), 4096)])
	if !bytes.Contains(head, []byte("charset")) || bytes.Contains(head, []byte("gb")) {
		return "text/html; charset=gb18030"
	}
	return ""
}

// metricTokens splits text as the scrapinghub benchmark does: \w+ runs, with
// every Han, Kana or Hangul character a token of its own.
func metricTokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
		switch {
		case isCJK(r):
			if start >= 0 {
				toks = append(toks, s[start:i])
				start = -1
			}
			toks = append(toks, string(r))
		case word:
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				toks = append(toks, s[start:i])
				start = -1
			}
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

func shingles(s string) map[string]int {
	toks := metricTokens(s)
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	if len(toks) < 4 {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+4 <= len(toks); i++ {
		m[strings.Join(toks[i:i+4], " ")]++
	}
	return m
}

// pageScore returns the per-page normalised precision and recall and
// whether each is defined.
func pageScore(gold, pred string) (p, r float64, pOK, rOK bool) {
	g, q := shingles(gold), shingles(pred)
	var tp, fp, fn float64
	for k, c := range q {
		gc := g[k]
		tp += float64(min(c, gc))
		fp += float64(max(0, c-gc))
	}
	for k, c := range g {
		fn += float64(max(0, c-q[k]))
	}
	sum := tp + fp + fn
	if sum == 0 {
		return 1, 1, true, true
	}
	tp, fp, fn = tp/sum, fp/sum, fn/sum
	if tp+fp > 0 {
		p, pOK = tp/(tp+fp), true
	}
	if tp+fn > 0 {
		r, rOK = tp/(tp+fn), true
	}
	return
}

// TestCorpusBody scores the body on the shared corpus sets. It runs only
// with GLEANER_CORPUS=1 (it takes tens of seconds) and logs the figures;
// GLEANER_CORPUS_PAGES=file writes per-page scores there.
func TestCorpusBody(t *testing.T) {
	if os.Getenv("GLEANER_CORPUS") == "" {
		t.Skip("set GLEANER_CORPUS=1 to score the shared corpus")
	}
	sets := strings.Split(os.Getenv("GLEANER_CORPUS_SETS"), ",")
	if sets[0] == "" {
		sets = []string{"aeb", "wcxb-dev", "zh-wce", "mozilla"}
	}
	var perPage io.Writer = io.Discard
	if p := os.Getenv("GLEANER_CORPUS_PAGES"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		perPage = f
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range sets {
		dir, pages := loadGold(t, set)
		var sp, sr float64
		var np, nr int
		type row struct {
			id   string
			f1   float64
			p, r float64
		}
		var rows []row
		for _, g := range pages {
			if g.Body == nil {
				continue
			}
			doc := loadPage(t, dir, g)
			res, err := ex.Extract(doc)
			if err != nil {
				t.Fatalf("%s: %v", g.File, err)
			}
			if d := os.Getenv("GLEANER_CORPUS_DUMP"); d != "" {
				os.WriteFile(filepath.Join(d, set+"-"+g.ID+".pred"), []byte(res.Record.Body), 0o644)
				os.WriteFile(filepath.Join(d, set+"-"+g.ID+".gold"), []byte(*g.Body), 0o644)
			}
			p, r, pOK, rOK := pageScore(*g.Body, res.Record.Body)
			if pOK {
				sp += p
				np++
			}
			if rOK {
				sr += r
				nr++
			}
			f1 := 0.0
			if p+r > 0 {
				f1 = 2 * p * r / (p + r)
			}
			rows = append(rows, row{g.ID, f1, p, r})
		}
		P, R := sp/float64(max(np, 1)), sr/float64(max(nr, 1))
		t.Logf("%-10s pages=%d P=%.4f R=%.4f F1=%.4f", set, len(rows), P, R, 2*P*R/(P+R))
		sort.Slice(rows, func(i, j int) bool { return rows[i].f1 < rows[j].f1 })
		for _, x := range rows {
			fmt.Fprintf(perPage, "%s\t%s\t%.3f\tP=%.3f\tR=%.3f\n", set, x.id, x.f1, x.p, x.r)
		}
	}
}

// TestCorpusDecide reports precision and recall of "article" on wcxb-dev
// (all articles) and wcxb-dev-other (none), with GLEANER_CORPUS=1.
func TestCorpusDecide(t *testing.T) {
	if os.Getenv("GLEANER_CORPUS") == "" {
		t.Skip("set GLEANER_CORPUS=1 to score the shared corpus")
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn, tn int
	misses := map[string]int{}
	for _, set := range []string{"wcxb-dev", "wcxb-dev-other"} {
		dir, pages := loadGold(t, set)
		for _, g := range pages {
			res, err := ex.Extract(loadPage(t, dir, g))
			if err != nil {
				t.Fatal(err)
			}
			isArt := set == "wcxb-dev"
			switch {
			case res.IsArticle && isArt:
				tp++
			case res.IsArticle:
				fp++
				misses["fp:"+g.PageType+":"+res.Reason]++
			case isArt:
				fn++
				misses["fn:"+res.PageType+":"+res.Reason]++
			default:
				tn++
			}
		}
	}
	P := float64(tp) / float64(max(tp+fp, 1))
	R := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("article decision: tp=%d fp=%d fn=%d tn=%d P=%.3f R=%.3f F1=%.3f", tp, fp, fn, tn, P, R, 2*P*R/(P+R))
	keys := make([]string, 0, len(misses))
	for k := range misses {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return misses[keys[i]] > misses[keys[j]] })
	for i, k := range keys {
		if i == 25 {
			break
		}
		t.Logf("  %4d %s", misses[k], k)
	}
}

// BenchmarkExtractBody measures extractBody alone (clone included) over the
// aeb pages, or a synthetic page when the corpus is absent.
func BenchmarkExtractBody(b *testing.B) {
	var docs []*htmldoc.Document
	if _, err := os.Stat(filepath.Join(corpusDir, "aeb", "gold.jsonl")); err == nil {
		dir, pages := loadGold(b, "aeb")
		for _, g := range pages[:min(60, len(pages))] {
			docs = append(docs, loadPage(b, dir, g))
		}
	} else {
		doc, err := htmldoc.Parse([]byte(syntheticArticle(40)), "", nil)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		extractBody(bodyInput{Root: cloneTree(d.Root), Base: d.URL})
	}
}

// syntheticArticle is a page with navigation, an article of n paragraphs,
// a related list and a footer.
func syntheticArticle(n int) string {
	var b strings.Builder
	b.WriteString(`<html><head><title>T</title></head><body><nav><ul>`)
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, `<li><a href="/s%d">Section %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav><div class="main"><article><h1>T</h1>`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<p>Paragraph %d of the article says something long enough to count as text, with commas, clauses and a full stop.</p>`, i)
	}
	b.WriteString(`</article><div class="related"><h3>Related</h3><ul>`)
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&b, `<li><a href="/r%d">Another story number %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></div></div><footer>Copyright © 2024 Example</footer></body></html>`)
	return b.String()
}
