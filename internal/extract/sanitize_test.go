package extract

import (
	"net/url"
	"strings"
	"testing"
)

func TestSanitizeBody(t *testing.T) {
	root := parseHTML(t, `<div id="a">
		<p onclick="steal()" style="color:red">Text <a href="javascript:alert(1)">bad link</a> <a href="/rel/page">good link</a></p>
		<img src="pic.jpg" onerror="alert(1)">
		<script>alert(1)</script><style>p{}</style>
		<svg onload="alert(1)"><circle r="1"/></svg>
		<iframe srcdoc="<script>alert(1)</script>"></iframe>
		<form action="/x"><input name="q"></form>
	</div>`)
	base, _ := url.Parse("https://news.example/2024/story.html")
	got := sanitizeBody(firstElement(root, "div"), base)
	for _, bad := range []string{"<script", "alert", "onclick", "onerror", "onload", "javascript:", "<svg", "<iframe", "srcdoc", "style=", "<style", "<form", "<input"} {
		if strings.Contains(got, bad) {
			t.Errorf("sanitised HTML keeps %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{`href="https://news.example/rel/page"`, `src="https://news.example/2024/pic.jpg"`, "good link", "Text"} {
		if !strings.Contains(got, want) {
			t.Errorf("sanitised HTML lacks %q:\n%s", want, got)
		}
	}
}
