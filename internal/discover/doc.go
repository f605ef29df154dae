// Package discover parses the documents that announce articles: sitemaps
// and feeds. (The Sitemap lines of robots.txt are read by package robots,
// with the rules.)
//
// It does no I/O: the crawler fetches, this package reads bytes. Parsers
// are lenient where the web is sloppy (byte-order marks, white space,
// namespaces or their absence, unescaped ampersands, dates without a time
// or zone, legacy charsets named in the XML declaration, which are decoded
// with the charset package so gb2312 means GB18030) and strict where it
// matters: gzip input is decompressed to at most [MaxSitemapBytes]
// ([ErrTooLarge] beyond), and input that is not the expected format is an
// error wrapping [ErrMalformed] or [ErrUnknownFormat].
//
// URLs are returned as the documents give them, trimmed of white space;
// callers canonicalise and scope them. Every function is pure: it keeps no
// state, never retains or modifies the body it is given, and is safe for
// concurrent use. Returned structs and slices are new and the caller's.
package discover
