package extract

import (
	"strings"
	"testing"
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
