// Package htmldoc turns fetched bytes into one parsed page: decoded once,
// parsed once, shared by link discovery and extraction.
//
// [Parse] refuses bodies that are not text ([ErrNotHTML], wrapping the
// sniffed type), decodes with [charset.Decode] and parses with
// golang.org/x/net/html. Since x/net v0.45 the parser rejects documents
// nested deeper than 512 open elements; rather than lose such a page, Parse
// re-parses a copy whose excess nesting was dropped by the tokenizer, so the
// text survives, and records that in [Document.Fallback]. Only when that
// fails too does it return [ErrParseDepth].
//
// The methods of [Document] only read the tree. [Document.Links] and
// [Document.Feeds] resolve addresses as browsers do: against <base href>,
// with query strings percent-encoded in the page's charset and paths in
// UTF-8; they return only absolute http and https URLs of at most
// [MaxURLLength] characters.
//
// [charset.Decode]: github.com/gleaner-news/gleaner/internal/charset.Decode
package htmldoc
