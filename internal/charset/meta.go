package charset

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/net/html"
)

// MetaScanBytes is how much of a body is scanned for a <meta> charset
// declaration. Browsers stop at 1024 bytes; real pages put kilobytes of
// comments, scripts and styles before their <meta>, so we look further.
const MetaScanBytes = 32 << 10

// headerCharset returns the charset parameter of a Content-Type value, or "".
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err == nil {
		return params["charset"]
	}
	// mime rejects some values real servers send ("text/html; charset=gbk;;");
	// fall back to a plain search.
	return charsetFromContent(contentType)
}

// metaCharset returns the first charset declared by a <meta> element in the
// first MetaScanBytes of body, or by an XML declaration at its start.
// The tokenizer skips comments and script contents, so a "charset=" inside
// them is not taken for a declaration.
func metaCharset(body []byte) string {
	if len(body) > MetaScanBytes {
		body = body[:MetaScanBytes]
	}
	if label := xmlDeclEncoding(body); label != "" {
		return label
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charsetAttr, httpEquiv, content string
			for more := true; more; {
				var key, val []byte
				key, val, more = z.TagAttr()
				switch string(key) {
				case "charset":
					charsetAttr = string(val)
				case "http-equiv":
					httpEquiv = strings.ToLower(strings.TrimSpace(string(val)))
				case "content":
					content = string(val)
				}
			}
			if label := strings.TrimSpace(charsetAttr); label != "" {
				return label
			}
			if httpEquiv == "content-type" {
				if label := charsetFromContent(content); label != "" {
					return label
				}
			}
		}
	}
}

// charsetFromContent extracts the encoding from a meta content value as the
// HTML standard's algorithm does: the first "charset", optional spaces, "=",
// then a quoted or unquoted value.
func charsetFromContent(content string) string {
	lower := strings.ToLower(content)
	for i := 0; ; {
		j := strings.Index(lower[i:], "charset")
		if j < 0 {
			return ""
		}
		rest := strings.TrimLeft(lower[i+j+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(rest, "=") {
			i += j + len("charset")
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\n\f\r")
		if rest == "" {
			return ""
		}
		if q := rest[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(rest[1:], q)
			if end < 0 {
				return ""
			}
			return rest[1 : 1+end]
		}
		end := strings.IndexAny(rest, " \t\n\f\r;")
		if end < 0 {
			end = len(rest)
		}
		return rest[:end]
	}
}

// xmlDeclEncoding returns the encoding pseudo-attribute of an XML
// declaration at the start of body (after optional whitespace), or "".
func xmlDeclEncoding(body []byte) string {
	body = bytes.TrimLeft(body, " \t\r\n")
	if !bytes.HasPrefix(body, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(body, []byte("?>"))
	if end < 0 || end > 512 {
		return ""
	}
	decl := string(body[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	close := strings.IndexByte(rest[1:], rest[0])
	if close < 0 {
		return ""
	}
	return rest[1 : 1+close]
}
