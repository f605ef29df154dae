package extract

import (
	"strings"
	"testing"
)

func TestResolveStreamedSegmentsWithBoundaryComments(t *testing.T) {
	// As React streams it: a boundary with a fallback between its comments,
	// and the segment, holding a placeholder of its own, at the foot.
	page := `<html><body><main><h1>Harbour reopens</h1>
		<!--$?--><template id="B:0"></template><div>Loading paragraph...</div><div class="skeleton"></div><!--/$-->
		<p>Closing words stay after the streamed part.</p></main>
		<div hidden id="S:0"><p>First streamed paragraph.</p><template id="P:1"></template></div>
		<div hidden id="S:1"><p>Nested streamed paragraph.</p></div></body></html>`
	root := parseHTML(t, page)
	resolveStreamedSegments(root)
	got := strings.Join(renderLines(root), "\n")
	want := "Harbour reopens\nFirst streamed paragraph.\nNested streamed paragraph.\nClosing words stay after the streamed part."
	if got != want {
		t.Errorf("resolved page:\n%s\nwant:\n%s", got, want)
	}
}

func TestResolveStreamedSegmentsWithoutComments(t *testing.T) {
	// Saved without comments: only the short fallback right after the
	// marker goes; a marker without a segment keeps what follows it.
	page := `<html><body><article>
		<template id="B:0"></template><div>Loading paragraph...</div>
		<template id="B:1"></template><p>This paragraph follows an unresolved boundary and must stay where it is.</p>
		</article><div hidden id="S:0"><p>Streamed article text.</p></div></body></html>`
	root := parseHTML(t, page)
	resolveStreamedSegments(root)
	got := strings.Join(renderLines(root), "\n")
	want := "Streamed article text.\nThis paragraph follows an unresolved boundary and must stay where it is."
	if got != want {
		t.Errorf("resolved page:\n%s\nwant:\n%s", got, want)
	}
}

func TestBodyOfStreamedPage(t *testing.T) {
	var segs, marks strings.Builder
	for _, id := range []string{"0", "1", "2", "3"} {
		marks.WriteString(`<template id="B:` + id + `"></template><div>Loading paragraph...</div>`)
		segs.WriteString(`<div hidden id="S:` + id + `">` + prose(2, "Part "+id) + `</div>`)
	}
	page := `<html><body><nav><a href="/">Home</a></nav><article><h1>Index funds</h1>` + marks.String() +
		`</article><footer>Copyright</footer>` + segs.String() + `</body></html>`
	res := bodyOf(t, page)
	if strings.Contains(res.Text, "Loading paragraph") {
		t.Errorf("body kept the fallbacks:\n%s", res.Text)
	}
	for _, want := range []string{"Part 0 paragraph 0", "Part 3 paragraph 1"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("body lost %q:\n%s", want, res.Text)
		}
	}
}
