package discover

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/gleaner-news/gleaner/internal/charset"
)

var gzipMagic = []byte{0x1F, 0x8B}

// prepare undoes gzip (bounded by MaxSitemapBytes) and decodes the text to
// UTF-8, honouring the XML declaration's encoding.
func prepare(body []byte) ([]byte, error) {
	if bytes.HasPrefix(body, gzipMagic) {
		var err error
		if body, err = gunzip(body, MaxSitemapBytes); err != nil {
			return nil, err
		}
	}
	if len(body) > MaxSitemapBytes {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(body))
	}
	return charset.Decode(body, "").Text, nil
}

// gunzip decompresses at most limit bytes; more is ErrTooLarge, so a gzip
// bomb costs at most limit bytes of memory.
func gunzip(body []byte, limit int64) ([]byte, error) {
	out, err := readGzip(body, limit+1)
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %w", ErrMalformed, err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes after decompression", ErrTooLarge, limit)
	}
	return out, nil
}

// gunzipPrefix returns up to limit decompressed bytes of a possibly
// truncated gzip stream: what decompressed before an error counts.
func gunzipPrefix(body []byte, limit int64) ([]byte, error) {
	out, err := readGzip(body, limit)
	if len(out) > 0 {
		return out, nil
	}
	return nil, err
}

// readGzip decompresses body, stopping after limit bytes of output. On a
// stream error it returns what decompressed before it, with the error.
func readGzip(body []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(io.LimitReader(zr, limit))
}

// newXMLDecoder reads already-decoded UTF-8 text leniently: unknown
// entities and bare ampersands (common in sitemap URLs) are kept as text,
// and the declared encoding is ignored because the text is UTF-8 by now.
func newXMLDecoder(text []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// trimStart drops a UTF-8 byte-order mark and leading white space.
func trimStart(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	return bytes.TrimLeft(b, " \t\r\n\f")
}

// rootElement returns the local name of the first element of an XML
// document, reading at most the tokens before it.
func rootElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

func attrValue(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}
