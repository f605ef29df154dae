package extract

import "strings"

func leadSummary(body string, lang string) string {
	first, _, _ := strings.Cut(body, "\n")
	return first
}
