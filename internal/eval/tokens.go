package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isWordRune reports whether r belongs to a \w+ token as Python's re module
// (which the AEB scorer uses) defines it: letters, numbers and underscore.
// Combining marks are not word characters there, so they split tokens here too.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // ASCII fast path: most of the corpus
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isCJKRune reports whether r is a Han, Hiragana, Katakana or Hangul
// character: scripts written without spaces, where a \w+ run would be a whole
// sentence. Each such word character becomes its own token; symbols of those
// scripts (circled katakana, say) stay separators, as \w has it.
func isCJKRune(r rune) bool {
	if r < 0x1100 { // below the first Hangul Jamo: no CJK script
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// Tokenize returns the \w+ tokens of text (Unicode, case kept), as the
// original AEB scorer does.
func Tokenize(text string) []string {
	return tokenize(text, false)
}

// TokenizeCJK is [Tokenize] with every Han, Kana and Hangul character split
// into a token of its own. On text without those scripts it equals Tokenize.
func TokenizeCJK(text string) []string {
	return tokenize(text, true)
}

func tokenize(text string, splitCJK bool) []string {
	var tokens []string
	start := -1 // byte offset of the current token, -1 outside one
	for i, r := range text {
		switch {
		case splitCJK && isCJKRune(r) && isWordRune(r):
			if start >= 0 {
				tokens = append(tokens, text[start:i])
				start = -1
			}
			tokens = append(tokens, string(r))
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				tokens = append(tokens, text[start:i])
				start = -1
			}
		}
	}
	if start >= 0 {
		tokens = append(tokens, text[start:])
	}
	return tokens
}

// shingleSize is the AEB shingle length in tokens.
const shingleSize = 4

// shingles returns the multiset of 4-token shingles of tokens. A text of 1 to
// 3 tokens gives one shorter shingle and an empty text none, as in the AEB
// scorer. Keys join tokens with NUL, which no token contains.
func shingles(tokens []string) map[string]int {
	counts := make(map[string]int)
	if len(tokens) == 0 {
		return counts
	}
	n := max(1, len(tokens)-shingleSize+1)
	for i := range n {
		end := min(i+shingleSize, len(tokens))
		counts[strings.Join(tokens[i:end], "\x00")]++
	}
	return counts
}
