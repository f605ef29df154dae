package eval

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// normalizeSpace collapses every run of white space to one ASCII space and
// trims both ends.
func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// normalizeText is the comparison form of titles and summaries: NFKC, then
// white space normalised.
func normalizeText(s string) string {
	return normalizeSpace(norm.NFKC.String(s))
}

// normalizeName is the comparison form of an author name: NFKC, case folded,
// white space normalised. A fresh Caser per call: Casers are not safe for
// concurrent use.
func normalizeName(s string) string {
	return normalizeSpace(cases.Fold().String(norm.NFKC.String(s)))
}
