package extract

import (
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// zhFiller is enough Chinese prose for a page to read as Chinese.
const zhFiller = `<p>近年来，这一社会群体作为新时期改革成本的承担者已越来越引人注目，他们的生活保障和再就业问题成为了政府和社会关注的焦点。本文从社会学的视角出发进行分析。</p>`

// TestChooseAuthorsZhPages runs the whole chain on small Chinese pages,
// one per convention of portals, forums, blogs and government sites.
func TestChooseAuthorsZhPages(t *testing.T) {
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, html, want string }{
		{"forum poster on a page with a Latin title",
			`<html><head><title>China-Pub blog--洞庭一叶</title></head><body><div>洞庭一叶</div>
			<div>[湖湘文化] 陈天华《警世钟》</div><div>ggjjzhzz 发表于 2005-9-15 11:46:00</div>` + zhFiller + `</body></html>`,
			"ggjjzhzz"},
		{"author card captions are not names; the reporter closing the story is",
			`<html><head><title>于欢的罪与悔</title></head><body><h1>于欢的罪与悔</h1>` + zhFiller +
				`<p>新京报记者 彭冲 山东冠县报道</p><p>【编辑:刘欢】</p>
			<div class="article-author-card"><div class="author-card-info">中国新闻网</div>
			<div class="author-card-message"><span class="author-card-message-label">文章</span>
			<span class="author-card-message-label">总阅读</span></div></div></body></html>`,
			"彭冲"},
		{"names under the heading when the <title> adds the board and the site",
			`<html><head><title>社会资本与再就业(页 1) - 学术前沿 - 社会学论坛</title></head><body>
			<div>社会学论坛 » 学术前沿 » 社会资本与再就业</div><div>2003-5-29 09:07 高山流水</div>
			<h2>社会资本与再就业</h2><p>赵延东、风笑天</p>` + zhFiller + `</body></html>`,
			"赵延东|风笑天"},
		{"a name under the first line when the <title> is no help",
			`<html><head><title>显示</title></head><body><p align="center"><strong>比赛革命的革命</strong></p>
			<p> 胡平<br><br>` + strings.Repeat("为了显示自己比别人更革命。", 8) + `</p></body></html>`,
			"胡平"},
		{"a menu under the first line is no credit",
			`<html><head><title>显示</title></head><body><div>新闻中心首页</div><div>时政</div><div>文化</div>` +
				zhFiller + `</body></html>`,
			""},
	}
	for _, c := range cases {
		doc, err := htmldoc.Parse([]byte(c.html), "text/html; charset=utf-8", nil)
		if err != nil {
			t.Fatal(err)
		}
		md := ex.metadata(doc)
		if got := strings.Join(md.Authors, "|"); got != c.want {
			t.Errorf("%s: authors = %q (from %s), want %q", c.name, got, md.authorsFrom, c.want)
		}
	}
}

func TestZhRules(t *testing.T) {
	if got := strings.Join(leadingPersonNames("彭冲 山东冠县", ""), "|"); got != "彭冲" {
		t.Errorf("leadingPersonNames = %q, want 彭冲", got)
	}
	// "文" introduces a byline only with a mark after it ("文/", "文："),
	// and one Han character is no name.
	if got := strings.Join(cleanAuthors("文章", ""), "|"); got != "文章" {
		t.Errorf("cleanAuthors(文章) = %q, want 文章", got)
	}
	if looksLikeName("章") {
		t.Error("a single character looks like a name")
	}
	if got := strings.Join(cleanAuthors("文/王磊", ""), "|"); got != "王磊" {
		t.Errorf("cleanAuthors(文/王磊) = %q, want 王磊", got)
	}
	if mostlyHan([]string{"Home", "About this site and its many English words"}) {
		t.Error("an English page read as Chinese")
	}
	if got := strings.Join(zhNames("流泉 访问统计： 2005年08月30日", ""), "|"); got != "流泉" {
		t.Errorf("zhNames before a colon-label = %q, want 流泉", got)
	}
}

func TestScanLabelsCredits(t *testing.T) {
	dp := dateParser{}
	cases := []struct {
		lines []string
		want  string
	}{
		{[]string{"执笔人：闵乐夫 赵兰波 刘韬", "编辑： 吕峥", "来源： 千龙网"}, "闵乐夫|赵兰波|刘韬"},
		// A document table: the value sits under its label.
		{[]string{"发文机关：", "吉林省人民政府", "成文日期：", "2022年01月27日"}, "吉林省人民政府"},
		// A bare label under which the next field starts is no credit.
		{[]string{"作者：", "来源：新华社"}, ""},
	}
	for _, c := range cases {
		got := strings.Join(scanLabels(c.lines, dp, "").authors, "|")
		if got != c.want {
			t.Errorf("scanLabels(%q) authors = %q, want %q", c.lines, got, c.want)
		}
	}
}

func TestZhCreditShapes(t *testing.T) {
	cases := []struct {
		name string
		got  []string
		want string
	}{
		{"bracketed reporter with a four-character name",
			scanCredit([]string{"据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区农业农村厅了解到。"}, ""), "格桑边觉"},
		{"bracketed words after 记者 are no name",
			scanCredit([]string{"（本报记者 综合报道）"}, ""), ""},
		{"name in brackets after the dateline's time",
			scanDatelineName([]string{"BUSINESS.SOHU.COM 2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]"}, ""), "黄宇"},
		{"a source in brackets is no dateline name",
			scanDatelineName([]string{"2004年7月16日08:19 来源：[ 国际金融报 ]"}, ""), ""},
		{"a board name in a menu is no reporter",
			scanReporter([]string{"日记人生", "麻辣杂谈", "记者江湖", "中国川剧"}, ""), ""},
		{"a reporter line between the title and the text",
			scanReporter([]string{"拆房屡出命案", "记者 王燕平", "2003-7-24 钱江晚报"}, ""), "王燕平"},
		{"spaced characters of one name in metadata",
			cleanAuthors("赵  培", ""), "赵培"},
	}
	for _, c := range cases {
		if got := strings.Join(c.got, "|"); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
