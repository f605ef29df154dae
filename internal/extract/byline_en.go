package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// inline holds what the text patterns found near the title: the Chinese
// label scanner (scanLabels) and the English one (scanEnglish) fill it.
type inline struct {
	authors   []string
	editor    string
	source    string
	published string
	modified  string
	summary   string
	// authorFrom is the label the authors came from (作者, 记者, …).
	authorFrom string
	// editorLabel is 责任编辑 (the desk editor who signed the page off) or
	// 编辑 (on small sites often the one who wrote or compiled it).
	editorLabel string
}

// English bylines and dates printed near the title.
var (
	reEnBy = regexp.MustCompile(`(?i)^(?:written\s+|posted\s+|story\s+)?by(?:\s*:\s*|\s+)\S`)
	// An author box anywhere on the page: "Written by Emily Walker".
	reEnWrittenBy = regexp.MustCompile(`(?i)^(?:written|authored)\s+by\s*:?\s*\S`)
	// Labels that say which date follows; one line may carry both
	// ("Published March 3, 2022 · Updated March 5, 2022").
	reEnDateLabel = regexp.MustCompile(`(?i)\b(first published|originally published|published|posted|date|last updated|updated|last modified|modified)\b(?:\s+on)?\s*:?\s*`)
)

// scanEnglish reads "By …", "Published …" and "Updated …" lines.
func scanEnglish(lines []string, dp dateParser, siteName string) inline {
	var in inline
	for _, line := range lines {
		if len(line) > 200 {
			continue
		}
		labels := reEnDateLabel.FindAllStringSubmatchIndex(line, -1)
		by := (len(in.authors) == 0 || len(labels) > 0) && reEnBy.MatchString(line)
		if len(in.authors) == 0 && by {
			in.authors = visibleAuthors(line, siteName)
			if in.published == "" && len(labels) == 0 {
				in.published = dp.parse(line)
			}
		}
		for i, m := range labels {
			// A label counts at the start of the line or after a byline,
			// a separator or a date, not inside a sentence.
			if m[0] > 0 && !by && !strings.ContainsAny(line[max(0, m[0]-3):m[0]], "|·•—–-,(") && !unicode.IsDigit(lastRune(line[:m[0]])) {
				continue
			}
			end := len(line)
			if i+1 < len(labels) {
				end = labels[i+1][0]
			}
			seg := line[m[1]:end]
			switch strings.ToLower(line[m[2]:m[3]]) {
			case "last updated", "updated", "last modified", "modified":
				if in.modified == "" {
					in.modified = dp.parse(seg)
				}
			default:
				if in.published == "" {
					in.published = dp.parse(seg)
				}
			}
		}
	}
	return in
}

// writtenByAnywhere reads the first short "Written by …" line of the
// page, as author boxes after the article print it. Only a line that is
// the credit alone counts: a bio sentence is not a byline.
func writtenByAnywhere(lines []string, siteName string) []string {
	for _, line := range lines {
		if len(line) > 80 || !reEnWrittenBy.MatchString(line) {
			continue
		}
		if names := visibleAuthors(line, siteName); len(names) > 0 {
			return names
		}
	}
	return nil
}
