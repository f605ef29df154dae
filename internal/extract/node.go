package extract

// Attribute and class-word helpers shared by the metadata walk, the body
// scoring and the page-shape signals.

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// attr returns the value of n's attribute key, "" when it has none.
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// attrOK returns the value of n's attribute key and whether n has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasAttribute reports whether n has the attribute key, whatever its value.
func hasAttribute(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

// hasWord reports whether w is one of the space-separated tokens of s (a
// rel or class list).
func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// eachWord calls fn with each lower-cased word of a class or id value, split
// on non-alphanumerics and camelCase humps, until fn returns false.
func eachWord(s string, fn func(string) bool) {
	start := -1
	var prev rune
	emit := func(end int) bool {
		if start < 0 {
			return true
		}
		w := strings.ToLower(s[start:end])
		start = -1
		return fn(w)
	}
	for i, r := range s {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case !alnum:
			if !emit(i) {
				return
			}
		case start < 0:
			start = i
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			if !emit(i) {
				return
			}
			start = i
		}
		prev = r
	}
	emit(len(s))
}

// hasClassWord reports whether a class or id word of n is in words.
func hasClassWord(n *html.Node, words map[string]bool) bool {
	for _, at := range n.Attr {
		if at.Key != "class" && at.Key != "id" {
			continue
		}
		found := false
		eachWord(at.Val, func(w string) bool {
			found = words[w]
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
