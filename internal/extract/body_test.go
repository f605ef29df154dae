package extract

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parseHTML(t *testing.T, s string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestRenderLinesSplitsParagraphs(t *testing.T) {
	root := parseHTML(t, `<div>
		<p>  First   paragraph
		spans lines. </p>
		<p>　　第二段，缩进的中文段落。</p>
		<div>Line one<br><br>Line two<br>Line three</div>
		<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>
		<p><script>var x = 1;</script><span style="display:none">hidden</span>Visible</p>
	</div>`)
	got := renderLines(root)
	want := []string{
		"First paragraph spans lines.",
		"第二段，缩进的中文段落。",
		"Line one", "Line two", "Line three",
		"a b", "c",
		"Visible",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("renderLines:\n got %q\nwant %q", got, want)
	}
}

func TestExtractBodyDropsBoilerplate(t *testing.T) {
	page := syntheticArticle(12)
	u, _ := url.Parse("https://news.example/2024/01/06/story.html")
	res := extractBody(bodyInput{Root: parseHTML(t, page), Base: u, Title: "T", Lang: "en"})
	if res.Paragraphs != 12 {
		t.Errorf("Paragraphs = %d, want 12; text:\n%s", res.Paragraphs, res.Text)
	}
	for _, bad := range []string{"Section 3", "Another story", "Copyright", "Related"} {
		if strings.Contains(res.Text, bad) {
			t.Errorf("body keeps %q", bad)
		}
	}
	if !strings.HasPrefix(res.Text, "Paragraph 0 of the article") {
		t.Errorf("body starts %q", res.Text[:min(60, len(res.Text))])
	}
	if res.LinkDensity != 0 {
		t.Errorf("LinkDensity = %v, want 0", res.LinkDensity)
	}
	if !strings.Contains(res.HTML, "<p>Paragraph 11") {
		t.Errorf("HTML lacks the paragraphs: %.200s", res.HTML)
	}
}

func TestExtractBodyChinesePortal(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><div class="nav"><a href="/">首页</a> <a href="/gn">国内</a> <a href="/gj">国际</a></div>
	<div class="crumb">当前位置：首页 > 新闻 > 正文</div>
	<table><tr><td class="left"><a href="/1">一条新闻</a><br><a href="/2">两条新闻</a></td>
	<td><h1>标题</h1><div class="info">作者:admin 发布于:2024-01-06 来源:本站</div>
	<div>文字:【大】【中】【小】</div><div id="endText">`)
	for i := 0; i < 6; i++ {
		b.WriteString(`　　这是正文的一段，记者在现场看到了很多情况，并且采访了有关人员。他们表示，这件事情非常重要。<br><br>`)
	}
	b.WriteString(`</div><div>收藏 挑错 推荐 打印</div><div>上一篇：另一条新闻</div>
	<div class="related">相关推荐<ul><li><a href="/3">三条新闻</a></li><li><a href="/4">四条新闻</a></li></ul></div>
	</td></tr></table><div class="footer">版权所有 © 2024 某某网</div></body></html>`)
	res := extractBody(bodyInput{Root: parseHTML(t, b.String()), Title: "标题", Lang: "zh"})
	if res.Paragraphs != 6 {
		t.Errorf("Paragraphs = %d, want 6; text:\n%s", res.Paragraphs, res.Text)
	}
	for _, bad := range []string{"当前位置", "作者:admin", "【大】", "收藏", "上一篇", "相关推荐", "版权所有", "一条新闻", "　"} {
		if strings.Contains(res.Text, bad) {
			t.Errorf("body keeps %q:\n%s", bad, res.Text)
		}
	}
}

func TestExtractBodySelectorAndDrop(t *testing.T) {
	page := `<html><body><div id="main"><p>Keep this paragraph, it is the article.</p><div class="ad">Buy now</div></div>
		<div id="other"><p>Another long paragraph that a generic extractor might prefer over the main one, really.</p></div></body></html>`
	res := extractBody(bodyInput{Root: parseHTML(t, page), Selector: "#main", Drop: []string{".ad"}})
	if res.Text != "Keep this paragraph, it is the article." {
		t.Errorf("Text = %q", res.Text)
	}
}

func TestExtractBodyEmpty(t *testing.T) {
	if res := extractBody(bodyInput{}); res.Text != "" || res.HTML != "" {
		t.Errorf("nil root gave %+v", res)
	}
	res := extractBody(bodyInput{Root: parseHTML(t, `<html><body><nav><a href="/">Home</a></nav></body></html>`)})
	if strings.Contains(res.Text, "Home") {
		t.Errorf("navigation-only page gave body %q", res.Text)
	}
}
