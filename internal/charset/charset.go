package charset

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Where a decision came from, as reported in Result.Source.
const (
	SourceBOM     = "bom"
	SourceHeader  = "header"
	SourceMeta    = "meta"
	SourceDetect  = "detect"
	SourceDefault = "default"
)

// Result is a decoded body.
type Result struct {
	// Text is the body as valid UTF-8, without a byte-order mark. When the
	// body already was valid UTF-8 it shares memory with the body given to
	// Decode: callers must not modify one and expect the other unchanged.
	Text []byte
	// Charset is the canonical lower-case name of the encoding the bytes
	// were decoded from: "utf-8", "gb18030", "big5", "shift_jis", "euc-kr",
	// "euc-jp", "windows-1252", ...
	Charset string
	// Source says what decided Charset: "bom", "header", "meta", "detect"
	// or "default".
	Source string
	// Mismatch is true when a declaration (header or meta) was overruled
	// because the bytes did not fit it.
	Mismatch bool
}

// maxLegacyErrorRatio is the share of undecodable characters above which a
// declared multi-byte charset is put to the test against detection. Real
// GBK pages carry a few broken sequences; a wrong declaration breaks most.
const maxLegacyErrorRatio = 0.05

// Decode decodes body to UTF-8. contentType is the HTTP Content-Type header
// value and may be empty. Decode never fails: undecodable bytes become
// U+FFFD. Its work is linear in len(body) and its output at most three
// times as long. Result.Text may share memory with body (see [Result]).
// Decode keeps no state and is safe for concurrent use.
func Decode(body []byte, contentType string) Result {
	if name, enc, n := bomEncoding(body); enc != nil {
		return Result{Text: decodeWith(enc, name, body[n:]), Charset: name, Source: SourceBOM}
	}
	facts := inspect(body)
	mismatch := false
	declarations := []struct{ label, source string }{
		{headerCharset(contentType), SourceHeader},
		{metaCharset(body), SourceMeta},
	}
	for _, decl := range declarations {
		if decl.label == "" {
			continue
		}
		name, enc, ok := lookup(decl.label)
		if !ok {
			continue
		}
		if decl.source == SourceMeta && (name == UTF16LE || name == UTF16BE) {
			// A document that can read its own meta tag as ASCII is not
			// UTF-16; the HTML standard says to use UTF-8.
			name, enc = UTF8, unicode.UTF8
		}
		if facts.fits(name, enc) {
			return Result{Text: decodeWith(enc, name, body), Charset: name, Source: decl.source, Mismatch: mismatch}
		}
		mismatch = true
	}
	res := facts.detect()
	return Result{Text: decodeWith(res.enc, res.Charset, body), Charset: res.Charset, Source: res.Source, Mismatch: mismatch}
}

// bomEncoding recognises a byte-order mark and returns the encoding and the
// mark's length.
func bomEncoding(body []byte) (string, encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8, unicode.UTF8, 3
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return UTF16BE, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return UTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	}
	return "", nil, 0
}

// decodeWith decodes body and guarantees valid UTF-8 output.
func decodeWith(enc encoding.Encoding, name string, body []byte) []byte {
	if name == UTF8 {
		if utf8.Valid(body) {
			return body
		}
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil || !utf8.Valid(out) {
		// Decoders replace bad input rather than fail; this is a last guard
		// so that the promise of valid UTF-8 holds whatever happens.
		return bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}

// bodyFacts holds what the checks learn about a body, computed once.
type bodyFacts struct {
	body []byte
	// sample is a bounded window starting at the first non-ASCII byte.
	sample []byte
	// hasHigh is true when any byte is >= 0x80.
	hasHigh bool
	// validUTF8 is true when the body is valid UTF-8, allowing a sequence
	// cut short at the very end (bodies are truncated at size limits).
	validUTF8 bool
}

// sampleBytes bounds the work of detection and of error counting.
const sampleBytes = 64 << 10

func inspect(body []byte) *bodyFacts {
	f := &bodyFacts{body: body}
	first := -1
	for i, b := range body {
		if b >= 0x80 {
			first = i
			break
		}
	}
	if first < 0 {
		f.validUTF8 = true
		return f
	}
	f.hasHigh = true
	f.sample = body[first:min(len(body), first+sampleBytes)]
	f.validUTF8 = validUTF8AllowingCutTail(body)
	return f
}

func validUTF8AllowingCutTail(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	// Find the start of the last rune; if it is incomplete, check the rest.
	for k := 1; k <= utf8.UTFMax && k <= len(b); k++ {
		c := b[len(b)-k]
		if c&0xC0 == 0x80 {
			continue
		}
		if c >= 0xC0 && !utf8.FullRune(b[len(b)-k:]) {
			return utf8.Valid(b[:len(b)-k])
		}
		return false
	}
	return false
}

// fits reports whether a declared charset may be trusted for the body.
func (f *bodyFacts) fits(name string, enc encoding.Encoding) bool {
	switch {
	case name == UTF8:
		return f.validUTF8
	case name == UTF16LE || name == UTF16BE:
		// Without a BOM, UTF-16 HTML has NULs in every other byte.
		head := f.body[:min(len(f.body), 1024)]
		return bytes.IndexByte(head, 0) >= 0
	case f.hasHigh && f.validUTF8:
		// Legacy-encoded text is almost never valid UTF-8 once it has
		// non-ASCII bytes: this is the "declares gb2312, is UTF-8" trap.
		return false
	case isMultiByteLegacy(name):
		ratio := errorRatio(enc, f.sample)
		if ratio <= maxLegacyErrorRatio {
			return true
		}
		alt := f.detect()
		if alt.Charset == name || alt.Source != SourceDetect {
			return true
		}
		return errorRatio(alt.enc, f.sample)*4 >= ratio
	}
	return true
}

// errorRatio is the share of the sample's non-ASCII characters that enc
// cannot decode.
func errorRatio(enc encoding.Encoding, sample []byte) float64 {
	if len(sample) == 0 {
		return 0
	}
	out, err := enc.NewDecoder().Bytes(sample)
	if err != nil {
		return 1
	}
	var bad, high int
	for len(out) > 0 {
		r, size := utf8.DecodeRune(out)
		out = out[size:]
		if r >= 0x80 {
			high++
			if r == utf8.RuneError {
				bad++
			}
		}
	}
	if high == 0 {
		return 0
	}
	return float64(bad) / float64(high)
}
