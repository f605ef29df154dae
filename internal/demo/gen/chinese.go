package main

import (
	"fmt"
	"strings"
)

func adText(a *article) string {
	if a.gbk() {
		return "【推广】开户送好礼，理财新客专享"
	}
	return "【广告】年货节满减进行中，点击查看详情"
}

func zhTopNav(gbk bool) string {
	if gbk {
		return `<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="topnav">
<tr><td height="32"><a href="/">网站首页</a> | <a href="/guonei/">国内</a> | <a href="/caijing/">财经</a> | <a href="/world/">World</a> | <a href="/tech/">Tech</a> | <a href="/search.html">站内搜索</a></td>
<td align="right"><a href="/admin/">管理登录</a></td></tr>
</table>`
	}
	return `<div class="top-nav"><div class="wrap">
<a href="/" class="logo">港湾新闻网</a>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/guonei/">国内</a></li><li><a href="/caijing/">财经</a></li><li><a href="/world/">国际 World</a></li><li><a href="/tech/">科技 Tech</a></li></ul>
<form action="/search.html" method="get" class="search"><input type="text" name="q" value="" /><input type="submit" value="搜索" /></form>
</div></div>`
}

func zhFooter(gbk bool) string {
	if gbk {
		return `<table width="960" border="0" align="center" class="footer"><tr><td align="center">
<a href="/about.html">关于我们</a> | <a href="/contact.html">联系我们</a> | <a href="/about.html#ads">广告服务</a><br />
Copyright &copy; 2008-2024 港湾新闻网财经频道 版权所有　未经书面授权禁止转载<br />
ICP备案号：示例00000000号
</td></tr></table>`
	}
	return `<div class="footer"><div class="wrap">
<p><a href="/about.html">关于我们</a> | <a href="/contact.html">联系我们</a> | <a href="/about.html#ads">广告服务</a> | <a href="/feed.xml">RSS订阅</a></p>
<p>Copyright &copy; 2010-2024 港湾新闻网 版权所有</p>
<p>未经授权禁止转载、摘编、复制或建立镜像，违者将依法追究法律责任。</p>
</div></div>`
}

// zhList renders a Chinese list of links with dates, as DedeCMS list templates do.
func zhLinkList(arts []*article) string {
	var b strings.Builder
	for _, r := range arts {
		fmt.Fprintf(&b, "<li><a href=\"%s\" target=\"_blank\">%s</a></li>\n", r.Path, esc(r.Title))
	}
	return b.String()
}

func zhPrevNext(newer, older *article) string {
	link := func(label string, a *article) string {
		if a == nil {
			return label + "：没有了"
		}
		return fmt.Sprintf(`%s：<a href="%s">%s</a>`, label, a.Path, esc(a.Title))
	}
	// DedeCMS: 上一篇 is the older article, 下一篇 the newer one.
	return link("上一篇", older) + "<br />\n" + link("下一篇", newer)
}

func (s *site) guoneiArticle(a *article) string {
	newer, older, related := s.neighbours(a, 5)
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>%s_国内新闻_港湾新闻网</title>
<meta name="keywords" content="%s" />
<meta name="description" content="%s" />
<style type="text/css">body{font:12px/1.8 "宋体",SimSun;margin:0}.wrap{width:960px;margin:0 auto}.content p{text-indent:2em}</style>
<script type="text/javascript">function fontZoom(size){document.getElementById('text').style.fontSize=size+'px';}</script>
</head>
<body>
%s
<div class="wrap">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/guonei/">国内</a> &gt; 正文</div>
<div class="main-left">
<div class="article">
<h1>%s</h1>
<div class="info">`, esc(a.Title), esc(strings.Join(a.Tags, ",")), esc(a.Summary), zhTopNav(false), esc(a.Title))
	var parts []string
	if len(a.Authors) > 0 {
		if a.Style == "reporter" {
			parts = append(parts, "作者:本报记者 "+esc(strings.Join(a.Authors, " ")))
		} else {
			parts = append(parts, "作者:"+esc(strings.Join(a.Authors, " ")))
		}
	}
	parts = append(parts, "发布于:"+esc(a.Date))
	if a.Source != "" {
		parts = append(parts, "来源:"+esc(a.Source))
	}
	parts = append(parts, `点击:<span id="hits">`+fmt.Sprint(1000+len(a.Paras)*173+len(a.Title)*7)+`</span>次`)
	b.WriteString(strings.Join(parts, "　"))
	b.WriteString(`　【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</div>` + "\n")
	fmt.Fprintf(&b, "<div class=\"summary\"><strong>摘要:</strong>%s</div>\n<div class=\"content\" id=\"text\">\n", esc(a.Summary))
	for i, p := range a.Paras {
		fmt.Fprintf(&b, "<p>　　%s</p>\n", esc(p))
		if i+1 == a.AdAfter {
			fmt.Fprintf(&b, "<div class=\"ad\" style=\"margin:10px 0\"><a href=\"/about.html#ads\">%s</a></div>\n", adText(a))
		}
	}
	if a.Editor != "" {
		fmt.Fprintf(&b, "<p class=\"editor\" style=\"text-align:right\">（责任编辑:%s）</p>\n", esc(a.Editor))
	}
	b.WriteString("</div>\n")
	fmt.Fprintf(&b, "<div class=\"prenext\">%s</div>\n", zhPrevNext(newer, older))
	fmt.Fprintf(&b, "<div class=\"related\"><h3>相关推荐</h3>\n<ul>\n%s</ul></div>\n", zhLinkList(related))
	b.WriteString("</div>\n</div>\n</div>\n")
	b.WriteString(zhFooter(false) + "\n</body>\n</html>\n")
	return b.String()
}

func (s *site) caijingArticle(a *article) string {
	newer, older, related := s.neighbours(a, 4)
	var b strings.Builder
	fmt.Fprintf(&b, `<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>%s-财经频道-港湾新闻网</title>
<meta name="keywords" content="%s">
<meta name="description" content="%s">
<style type="text/css">
body{margin:0;font-size:12px;font-family:"宋体"}
#content{font-size:14px;line-height:2}
</style>
<script language="javascript">function doZoom(size){document.getElementById('content').style.fontSize=size+'px';}</script>
</head>
<body>
%s
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="660" valign="top">
<div class="place">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/caijing/">财经</a> &gt;&gt; 正文</div>
<div class="title"><h1>%s</h1></div>
<div class="info">`, esc(a.Title), esc(strings.Join(a.Tags, ",")), esc(a.Summary), zhTopNav(true), esc(a.Title))
	parts := []string{"发布时间：" + esc(a.Date)}
	if a.Source != "" {
		parts = append(parts, "来源："+esc(a.Source))
	}
	if len(a.Authors) > 0 {
		parts = append(parts, "作者："+esc(strings.Join(a.Authors, "、")))
	}
	if a.Editor != "" {
		parts = append(parts, "责任编辑："+esc(a.Editor))
	}
	b.WriteString(strings.Join(parts, "&nbsp;&nbsp;"))
	b.WriteString("</div>\n")
	fmt.Fprintf(&b, "<div class=\"intro\">摘要：%s</div>\n", esc(a.Summary))
	b.WriteString(`<div class="fontsize">字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a></div>` + "\n")
	b.WriteString("<div id=\"content\" class=\"content\">\n")
	for i, p := range a.Paras {
		fmt.Fprintf(&b, "<p>　　%s</p>\n", esc(p))
		if i+1 == a.AdAfter {
			fmt.Fprintf(&b, "<table class=\"ad\" align=\"right\"><tr><td><a href=\"/about.html#ads\">%s</a></td></tr></table>\n", adText(a))
		}
	}
	b.WriteString("</div>\n")
	fmt.Fprintf(&b, "<div class=\"page\">%s</div>\n", zhPrevNext(newer, older))
	fmt.Fprintf(&b, "<div class=\"xg\"><b>相关推荐</b>\n<ul>\n%s</ul></div>\n", zhLinkList(related))
	b.WriteString("</td>\n<td width=\"20\"></td>\n<td width=\"280\" valign=\"top\" class=\"side\">\n<div class=\"box\"><h3>热点排行</h3>\n<ol>\n")
	for i, r := range s.bySection["caijing"] {
		if i == 6 {
			break
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", r.Path, esc(r.Title))
	}
	b.WriteString("</ol></div>\n</td>\n</tr>\n</table>\n")
	b.WriteString(zhFooter(true) + "\n</body>\n</html>\n")
	return b.String()
}
