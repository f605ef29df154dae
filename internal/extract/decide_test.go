package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func listPage(n int) string {
	var b strings.Builder
	b.WriteString(`<html><body><nav><a href="/">Home</a></nav><h1>World news</h1><ul>`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<li><a href="/2024/01/%02d/story-%d.html">Headline number %d about events</a> <span>Jan %d</span></li>`, i%28+1, i, i, i%28+1)
	}
	b.WriteString(`</ul><a href="?page=2">Next page</a></body></html>`)
	return b.String()
}

func TestDecidePage(t *testing.T) {
	tests := []struct {
		name   string
		page   string
		url    string
		sig    pageSignals
		want   string
		reason string
	}{
		{"dated article", syntheticArticle(12), "https://news.example/2024/01/06/slug.html",
			pageSignals{HasPublished: true}, pageArticle, "url:date"},
		{"article by structured data", syntheticArticle(8), "https://news.example/story",
			pageSignals{JSONLDTypes: []string{"NewsArticle"}}, pageArticle, "jsonld:NewsArticle"},
		{"chinese numeric id", syntheticArticle(10), "https://news.example.cn/gn/20240106/1187.html",
			pageSignals{HasPublished: true}, pageArticle, "published"},
		{"section front", listPage(40), "https://news.example/world/", pageSignals{}, pageList, "link"},
		{"pagination", listPage(40), "https://news.example/world/index_2.html", pageSignals{}, pageList, "url:list"},
		{"product", syntheticArticle(6), "https://shop.example/item/123",
			pageSignals{JSONLDTypes: []string{"Product"}, OGType: "product"}, pageOther, "jsonld:Product"},
		{"home page", listPage(10), "https://news.example/", pageSignals{OGType: "website"}, pageList, "url:root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			tt.sig.URL = u
			root := parseHTML(t, tt.page)
			body := extractBody(bodyInput{Root: cloneTree(root), Base: u})
			got, reason := decidePage(root, tt.sig, body)
			if got != tt.want || !strings.Contains(reason, tt.reason) {
				t.Errorf("decidePage = %s (%s), want %s (reason containing %q)", got, reason, tt.want, tt.reason)
			}
		})
	}
}
