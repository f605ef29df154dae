package extract_test

import (
	"fmt"
	"log"
	"net/url"
	"time"

	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

func Example() {
	page := []byte(`<html lang="zh-CN"><head><meta charset="utf-8">
<title>城市公园新增十条健身步道-晨光新闻网</title></head><body>
<h1>城市公园新增十条健身步道</h1>
<div>2024年3月8日 09:30　来源：晨光日报　作者：张伟　责任编辑：王芳</div>
<p>记者从市园林局获悉，今年全市城市公园将新增十条健身步道，总长度超过二十公里。</p>
<p>新建步道将采用透水材料铺设，并配套建设休息座椅、饮水点和照明设施。</p>
<p>步道选址充分听取了周边居民的意见，优先考虑健身场地不足的区域。</p>
</body></html>`)
	u, _ := url.Parse("http://news.example/2024/0308/5521.html")
	doc, err := htmldoc.Parse(page, "text/html", u)
	if err != nil {
		log.Fatal(err)
	}
	ex, err := extract.New(extract.Options{Location: time.FixedZone("CST", 8*3600)})
	if err != nil {
		log.Fatal(err)
	}
	res, err := ex.Extract(doc)
	if err != nil {
		log.Fatal(err)
	}
	r := res.Record
	fmt.Println(r.Title)
	fmt.Println(r.Authors, r.Source, r.Editor)
	fmt.Println(r.Published, r.Lang, r.SiteName)
	// Output:
	// 城市公园新增十条健身步道
	// [张伟] 晨光日报 王芳
	// 2024-03-08T09:30:00+08:00 zh 晨光新闻网
}
