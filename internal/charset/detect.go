package charset

import (
	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// detection is the outcome of the statistical step.
type detection struct {
	Charset string
	Source  string
	enc     encoding.Encoding
}

// Thresholds for accepting a detector's candidate: the first candidate (in
// confidence order) that decodes cleanly wins; failing that, the one with
// the fewest errors, if that is few enough.
const (
	cleanErrorRatio  = 0.01
	usableErrorRatio = 0.10
)

// detect decides the charset from the bytes alone. Valid UTF-8 wins outright
// (it is very unlikely by chance); pure ASCII is UTF-8 by default; otherwise
// the ICU-derived detector ranks candidates and each is checked by decoding.
func (f *bodyFacts) detect() detection {
	if !f.hasHigh {
		return detection{Charset: UTF8, Source: SourceDefault, enc: unicode.UTF8}
	}
	if f.validUTF8 {
		return detection{Charset: UTF8, Source: SourceDetect, enc: unicode.UTF8}
	}
	results, err := chardet.NewHtmlDetector().DetectAll(f.sample)
	if err == nil {
		best := detection{}
		bestRatio := 2.0
		for _, r := range results {
			name, enc, ok := lookup(r.Charset)
			if !ok || name == UTF8 || name == UTF16LE || name == UTF16BE || enc == nil {
				continue
			}
			ratio := errorRatio(enc, f.sample)
			if ratio <= cleanErrorRatio {
				return detection{Charset: name, Source: SourceDetect, enc: enc}
			}
			if ratio < bestRatio {
				best, bestRatio = detection{Charset: name, Source: SourceDetect, enc: enc}, ratio
			}
		}
		if bestRatio <= usableErrorRatio {
			return best
		}
	}
	return detection{Charset: Windows1252, Source: SourceDefault, enc: charmap.Windows1252}
}
