package htmldoc

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
)

// sniffWindow is how much of the body is examined for binary content.
const sniffWindow = 8 << 10

// sniffBinary returns the media type of a body that is not text, or "".
// It checks magic numbers (http.DetectContentType knows PNG, JPEG, GIF,
// WebP, PDF, ZIP, gzip, fonts, audio and video) and then the share of
// control bytes, which text never has. UTF-16 text is full of NULs, so a
// body with a UTF-16 byte-order mark or header charset skips that check.
func sniffBinary(body []byte, contentType string) string {
	head := body[:min(len(body), sniffWindow)]
	detected := http.DetectContentType(head)
	if !strings.HasPrefix(detected, "text/") && detected != "application/octet-stream" {
		mediaType, _, err := mime.ParseMediaType(detected)
		if err != nil {
			return detected
		}
		return mediaType
	}
	if bytes.HasPrefix(body, []byte{0xFE, 0xFF}) || bytes.HasPrefix(body, []byte{0xFF, 0xFE}) {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil && strings.HasPrefix(strings.ToLower(params["charset"]), "utf-16") {
		return ""
	}
	control := 0
	for _, b := range head {
		if isBinaryByte(b) {
			control++
		}
	}
	// More than 1% control bytes (and more than a few): random data has
	// about 10%, text none; a stray NUL in a real page stays below this.
	if control >= 4 && control*100 > len(head) {
		return "application/octet-stream"
	}
	return ""
}

// isBinaryByte matches the "binary data bytes" of the WHATWG MIME Sniffing
// standard: C0 controls other than tab, newline, form feed, carriage
// return and escape.
func isBinaryByte(b byte) bool {
	return b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)
}
