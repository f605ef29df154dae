package charset

import (
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Canonical names used in Result.Charset for the encodings callers most
// often branch on.
const (
	UTF8        = "utf-8"
	GB18030     = "gb18030"
	Big5        = "big5"
	ShiftJIS    = "shift_jis"
	EUCKR       = "euc-kr"
	EUCJP       = "euc-jp"
	Windows1252 = "windows-1252"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
)

// extraLabels maps names that detectors and servers use but the WHATWG
// index does not know (saintfish/chardet says "GB-18030") to our names.
var extraLabels = map[string]string{
	"gb-18030":    GB18030,
	"gb_18030":    GB18030,
	"gb18030":     GB18030,
	"cp936":       GB18030, // Microsoft's names for GBK, seen in headers
	"ms936":       GB18030,
	"windows-936": GB18030,
	"cp949":       EUCKR,
	"uhc":         EUCKR,
	"cp950":       Big5,
	"iso-8859-1":  Windows1252, // WHATWG decodes latin1 labels as windows-1252
}

// lookup resolves an encoding label (from a header, a meta tag, an XML
// declaration or a detector) to a canonical name and its encoding. Labels of
// the GBK family resolve to GB18030. ok is false for unknown labels and for
// the WHATWG "replacement" and "x-user-defined" encodings, which would lose
// the text rather than decode it.
func lookup(label string) (name string, enc encoding.Encoding, ok bool) {
	label = strings.ToLower(strings.Trim(label, " \t\n\f\r\"'"))
	if label == "" {
		return "", nil, false
	}
	if mapped, found := extraLabels[label]; found {
		label = mapped
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return "", nil, false
	}
	name, err = htmlindex.Name(e)
	if err != nil {
		return "", nil, false
	}
	switch name {
	case "gbk", GB18030:
		return GB18030, simplifiedchinese.GB18030, true
	case UTF8:
		return UTF8, unicode.UTF8, true
	case "replacement", "x-user-defined":
		return "", nil, false
	}
	return name, e, true
}

// Encoding returns the encoding for a canonical charset name as reported in
// Result.Charset (or any WHATWG label), with the GBK family mapped to
// GB18030. It returns nil for unknown names. Callers use it to encode URL
// query strings in a page's charset, as browsers do.
func Encoding(name string) encoding.Encoding {
	_, enc, ok := lookup(name)
	if !ok {
		return nil
	}
	return enc
}

// isMultiByteLegacy reports whether name is a legacy CJK encoding whose
// decoding errors tell whether it fits the bytes.
func isMultiByteLegacy(name string) bool {
	switch name {
	case GB18030, Big5, ShiftJIS, EUCJP, EUCKR:
		return true
	}
	return false
}
