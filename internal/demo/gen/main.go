// Command gen writes the demo portal's pages and its ground truth from
// articles.txt. Run it through "go generate ./internal/demo" after editing
// the articles or templates; the output is committed, so builds never run it.
//
// The pages are rendered the way the CMSs they imitate render them: English
// sections as a modern site with JSON-LD and OpenGraph, 国内 as a DedeCMS
// template in UTF-8, and 财经 as an older DedeCMS template in GBK that
// declares its charset only in a <meta http-equiv> tag.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// article is one entry of articles.txt.
type article struct {
	Path      string
	Title     string
	Authors   []string
	Date      string // as the page shows it (Chinese) or RFC 3339 (English)
	Modified  string
	Summary   string
	Source    string
	Editor    string
	Tags      []string
	Style     string // English: simple, graph or meta; Chinese: byline variants
	AdAfter   int    // insert an inline advertisement after this paragraph (0 = none)
	Paras     []string
	Section   string
	published string // ISO 8601 at page precision
}

func (a *article) zh() bool  { return a.Section == "guonei" || a.Section == "caijing" }
func (a *article) gbk() bool { return a.Section == "caijing" }

var shanghai = time.FixedZone("CST", 8*3600)

func main() {
	log.SetFlags(0)
	arts, err := readArticles("gen/articles.txt")
	if err != nil {
		log.Fatal(err)
	}
	out := "site"
	if err := os.RemoveAll(out); err != nil {
		log.Fatal(err)
	}
	s := &site{out: out, arts: arts, bySection: map[string][]*article{}}
	for _, a := range arts {
		s.bySection[a.Section] = append(s.bySection[a.Section], a)
	}
	for _, list := range s.bySection {
		slices.SortStableFunc(list, func(x, y *article) int { return strings.Compare(y.published, x.published) })
	}
	s.render()
	if err := s.writeTruth("expected.json"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %d articles and %d other files\n", len(arts), s.files-len(arts))
}

func readArticles(path string) ([]*article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var arts []*article
	var cur *article
	inBody := false
	var para []string
	flush := func() {
		if cur != nil && len(para) > 0 {
			cur.Paras = append(cur.Paras, strings.Join(para, ""))
			para = nil
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t")
		switch {
		case strings.HasPrefix(line, "### "):
			flush()
			cur = &article{Path: strings.TrimSpace(line[4:])}
			cur.Section = strings.Split(cur.Path, "/")[1]
			arts = append(arts, cur)
			inBody = false
		case cur == nil || strings.HasPrefix(line, "#"):
		case line == "---" && !inBody:
			inBody = true
		case inBody:
			if line == "" {
				flush()
			} else {
				sep := ""
				if len(para) > 0 && !cur.zh() {
					sep = " "
				}
				para = append(para, sep+strings.TrimSpace(line))
			}
		case line == "":
		default:
			key, val, ok := strings.Cut(line, ":")
			if !ok {
				return nil, fmt.Errorf("%s:%d: expected key: value", path, n)
			}
			val = strings.TrimSpace(val)
			switch key {
			case "title":
				cur.Title = val
			case "authors":
				for _, a := range strings.Split(val, ";") {
					cur.Authors = append(cur.Authors, strings.TrimSpace(a))
				}
			case "date":
				cur.Date = val
			case "modified":
				cur.Modified = val
			case "summary":
				cur.Summary = val
			case "source":
				cur.Source = val
			case "editor":
				cur.Editor = val
			case "tags":
				cur.Tags = strings.Fields(val)
			case "style":
				cur.Style = val
			case "ad":
				cur.AdAfter, _ = strconv.Atoi(val)
			default:
				return nil, fmt.Errorf("%s:%d: unknown key %q", path, n, key)
			}
		}
	}
	flush()
	for _, a := range arts {
		p, err := isoDate(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Path, err)
		}
		a.published = p
		if a.Title == "" || len(a.Paras) < 3 || a.Summary == "" {
			return nil, fmt.Errorf("%s: needs a title, a summary and at least 3 paragraphs", a.Path)
		}
	}
	return arts, sc.Err()
}

// isoDate turns the date the page shows into ISO 8601 at the page's
// precision; Chinese pages give local (UTC+8) times without a zone.
func isoDate(a *article) (string, error) {
	if !a.zh() {
		if _, err := time.Parse(time.RFC3339, a.Date); err != nil {
			return "", err
		}
		return a.Date, nil
	}
	d := a.Date
	d = strings.NewReplacer("年", "-", "月", "-", "日", "").Replace(d)
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, d, shanghai); err == nil {
			if layout == "2006-01-02" {
				return t.Format("2006-01-02"), nil
			}
			return t.Format("2006-01-02T15:04:05-07:00"), nil
		}
	}
	return "", fmt.Errorf("unreadable date %q", a.Date)
}

type site struct {
	out       string
	arts      []*article
	bySection map[string][]*article
	files     int
}

func (s *site) write(path string, content string, gbk bool) {
	data := []byte(content)
	if gbk {
		enc, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
		if err != nil {
			log.Fatalf("%s: cannot encode in GBK: %v", path, err)
		}
		data = enc
	}
	full := filepath.Join(s.out, filepath.FromSlash(strings.TrimPrefix(path, "/")))
	if strings.HasSuffix(path, "/") {
		full = filepath.Join(full, "index.html")
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		log.Fatal(err)
	}
	s.files++
}

var esc = html.EscapeString

func (s *site) render() {
	for _, a := range s.arts {
		switch a.Section {
		case "world", "tech":
			s.write(a.Path, s.englishArticle(a), false)
		case "guonei":
			s.write(a.Path, s.guoneiArticle(a), false)
		case "caijing":
			s.write(a.Path, s.caijingArticle(a), true)
		default:
			log.Fatalf("%s: unknown section", a.Path)
		}
	}
	s.renderLists()
	s.renderOthers()
}

// neighbours returns the article before and after a in its section list
// (newer, older) and up to n related stories: same tag first, then the
// section's nearest.
func (s *site) neighbours(a *article, n int) (newer, older *article, related []*article) {
	list := s.bySection[a.Section]
	i := slices.Index(list, a)
	if i > 0 {
		newer = list[i-1]
	}
	if i+1 < len(list) {
		older = list[i+1]
	}
	for _, b := range s.arts {
		if b != a && len(a.Tags) > 0 && len(b.Tags) > 0 && b.Tags[0] == a.Tags[0] && b.zh() == a.zh() {
			related = append(related, b)
		}
	}
	for d := 1; len(related) < n && d < len(list); d++ {
		for _, j := range []int{i + d, i - d} {
			if j >= 0 && j < len(list) && !slices.Contains(related, list[j]) && len(related) < n {
				related = append(related, list[j])
			}
		}
	}
	if len(related) > n {
		related = related[:n]
	}
	return newer, older, related
}

// truthArticle is one article of expected.json: the layout of the demo
// package's ExpectedArticle, kept in step by its TestExpectedJSONMatchesExpectedArticle.
type truthArticle struct {
	Path           string   `json:"path"`
	Lang           string   `json:"lang"`
	Charset        string   `json:"charset"`
	Title          string   `json:"title"`
	Authors        []string `json:"authors"`
	Published      string   `json:"published"`
	Modified       string   `json:"modified,omitempty"`
	Source         string   `json:"source,omitempty"`
	Editor         string   `json:"editor,omitempty"`
	SummaryStart   string   `json:"summary_start"`
	FirstParagraph string   `json:"first_paragraph"`
	LastParagraph  string   `json:"last_paragraph"`
	Paragraphs     int      `json:"paragraphs"`
	Tags           []string `json:"tags"`
	NotInBody      []string `json:"not_in_body"`
}

func (s *site) writeTruth(path string) error {
	var out struct {
		Articles    []truthArticle `json:"articles"`
		NonArticles []string       `json:"non_articles"`
		Disallowed  []string       `json:"disallowed"`
		Missing     []string       `json:"missing"`
	}
	for _, a := range s.arts {
		lang, cs := "en", "utf-8"
		if a.zh() {
			lang = "zh"
		}
		if a.gbk() {
			cs = "gbk"
		}
		newer, older, related := s.neighbours(a, 4)
		var not []string
		if a.zh() {
			not = []string{"当前位置", "相关推荐", "上一篇", "下一篇", "版权所有", "摘要"}
			if a.Editor != "" {
				not = append(not, "责任编辑")
			}
			if a.gbk() {
				not = append(not, "字号", "热点排行")
			} else {
				not = append(not, "字体", "点击")
			}
		} else {
			not = []string{"We use cookies", "Related stories", "Share this story", "Morning Tide", "All rights reserved"}
			if len(a.Authors) > 0 {
				not = append(not, "By "+a.Authors[0])
			}
		}
		if a.AdAfter > 0 {
			if a.zh() {
				not = append(not, adText(a))
			} else {
				not = append(not, "Advertisement", "Continue reading below")
			}
		}
		for _, r := range append(related, newer, older) {
			if r != nil && !slices.Contains(not, r.Title) {
				not = append(not, r.Title)
			}
		}
		authors := a.Authors
		if authors == nil {
			authors = []string{}
		}
		tags := a.Tags
		if tags == nil {
			tags = []string{}
		}
		out.Articles = append(out.Articles, truthArticle{
			Path: a.Path, Lang: lang, Charset: cs, Title: a.Title, Authors: authors,
			Published: a.published, Modified: a.Modified, Source: a.Source, Editor: a.Editor,
			SummaryStart: prefix(a.Summary, a.zh()), FirstParagraph: a.Paras[0],
			LastParagraph: a.Paras[len(a.Paras)-1], Paragraphs: len(a.Paras),
			Tags: tags, NotInBody: not,
		})
	}
	out.NonArticles = nonArticles
	out.Disallowed = []string{"/admin/"}
	out.Missing = []string{missingPath}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// prefix is the start of a summary: enough to identify it, short enough
// that an extractor's trimming does not matter.
func prefix(s string, zh bool) string {
	r := []rune(s)
	n := 40
	if zh {
		n = 15
	}
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

var nonArticles = []string{
	"/", "/world/", "/world/index_2.html", "/tech/", "/guonei/", "/caijing/", "/caijing/index_2.html",
	"/about.html", "/contact.html", "/tags/energy.html", "/search.html",
}

const missingPath = "/world/2023/12/31/ferry-timetable.html"
