package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestNormalizeSpaceMatchesFields checks the one-pass normalizeSpace against
// its definition, FieldsFunc and Join, on blanks of every kind and on
// invalid UTF-8 (whose bytes must come back unchanged).
func TestNormalizeSpaceMatchesFields(t *testing.T) {
	inputs := []string{
		"", " ", "  \t\n", "a", " a", "a ", "a b", "a  b", "a\tb", "a\u00a0b", "\u3000标题\u3000",
		"x\u200by", "\ufeffbom", "one two three", " lead and trail ", "mixed \u00a0\t runs\n\nhere",
		"bad\xffbyte", "\xff \xfe", "日本語 テキスト", "a \u2028b",
	}
	for _, in := range inputs {
		want := strings.Join(strings.FieldsFunc(in, isBlank), " ")
		if got := normalizeSpace(in); got != want {
			t.Errorf("normalizeSpace(%q) = %q, want %q", in, got, want)
		}
		if isNormalized(in) != (in == want) {
			t.Errorf("isNormalized(%q) = %v, want %v", in, isNormalized(in), in == want)
		}
	}
}

// FuzzNormalizeSpace compares normalizeSpace with its definition on any input.
func FuzzNormalizeSpace(f *testing.F) {
	f.Add(" a\u00a0 b\xff ")
	f.Fuzz(func(t *testing.T, in string) {
		want := strings.Join(strings.FieldsFunc(in, isBlank), " ")
		if got := normalizeSpace(in); got != want {
			t.Fatalf("normalizeSpace(%q) = %q, want %q", in, got, want)
		}
	})
}

// TestSemanticTokenStems checks the prefilter of isSemanticContainer: every
// semantic token holds a stem, so no token can be missed.
func TestSemanticTokenStems(t *testing.T) {
	for _, tok := range semanticTokens {
		if !mayHoldSemanticToken(tok) {
			t.Errorf("semantic token %q holds no stem of semanticTokenStems", tok)
		}
	}
	if mayHoldSemanticToken("sidebar widget") {
		t.Error(`mayHoldSemanticToken("sidebar widget") = true, want false`)
	}
}

// TestCloneTreeIndependent checks that the slab-built clone renders as the
// original, shares no node with it, and keeps each node's attributes its own.
func TestCloneTreeIndependent(t *testing.T) {
	src := `<html><head><title>T</title></head><body><div id="a" class="x"><p class="p1">One <b>two</b></p>` +
		`<p class="p2" data-k="v">Three</p><br></div></body></html>`
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	render := func(n *html.Node) string {
		var b strings.Builder
		if err := html.Render(&b, n); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	want := render(doc)
	clone := cloneTree(doc)
	if got := render(clone); got != want {
		t.Fatalf("clone renders\n%s\nwant\n%s", got, want)
	}
	var ps []*html.Node
	var walk func(o, c *html.Node)
	walk = func(o, c *html.Node) {
		if o == c {
			t.Fatalf("clone shares node %q with the original", o.Data)
		}
		if c.Type == html.ElementNode && c.Data == "p" {
			ps = append(ps, c)
		}
		for oc, cc := o.FirstChild, c.FirstChild; oc != nil; oc, cc = oc.NextSibling, cc.NextSibling {
			if cc == nil || cc.Parent != c {
				t.Fatalf("clone of %q lost a child or its parent link", o.Data)
			}
			walk(oc, cc)
		}
	}
	walk(doc, clone)
	if len(ps) != 2 {
		t.Fatalf("found %d <p> in the clone, want 2", len(ps))
	}
	ps[0].Attr = append(ps[0].Attr, html.Attribute{Key: "added", Val: "1"})
	ps[0].Attr[0].Val = "changed"
	if ps[1].Attr[0].Key != "class" || ps[1].Attr[0].Val != "p2" || len(ps[1].Attr) != 2 {
		t.Errorf("second <p> attributes changed by the first's: %v", ps[1].Attr)
	}
	if render(doc) != want {
		t.Error("changing the clone changed the original")
	}
}
