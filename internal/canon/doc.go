// Package canon turns a URL into gleaner's canonical form: the one string the
// frontier, the crawl state and the output records use to decide that two
// links name the same page.
//
// # Rules
//
// Canonicalize applies these rules, in this order, to an absolute URL:
//
//  1. Leading and trailing spaces and ASCII control characters are trimmed.
//     Any other control character (tab, CR, LF, NUL, DEL) makes the URL
//     invalid (ErrInvalid): such links are injection attempts, not typos.
//  2. The fragment ("#..." including "#!") is dropped.
//  3. Only http and https are accepted; the scheme is lower-cased. Anything
//     else, including mailto:, javascript:, ftp: and file:, is ErrScheme. A
//     URL without a scheme or without "//" is ErrInvalid.
//  4. User information ("user:pass@") is dropped: canonical URLs end up in
//     output files and logs, where credentials must never appear.
//  5. The host is percent-decoded, mapped through IDNA (UTS #46, non-transitional)
//     to its ASCII (punycode) form and lower-cased. One trailing dot is removed.
//     Labels may hold letters, digits, '-' and '_'; empty labels, labels over
//     63 octets and hosts over 253 octets are ErrHost. IPv6 literals are
//     written in their RFC 5952 form ("[::1]"); zones are refused.
//  6. The port is written in decimal without leading zeros and dropped when it
//     is the scheme's default (80 for http, 443 for https). A port that is not
//     a number in 1-65535 is ErrHost.
//  7. Percent-encoding is normalised in path and query: escapes of unreserved
//     characters (A-Z a-z 0-9 - . _ ~) are decoded ("%7e" → "~"), other
//     escapes are kept with upper-case hex ("%2f" → "%2F"), and bytes that may
//     not appear literally (space, non-ASCII, '"', '<', '>', '\', '^', '`',
//     '{', '|', '}') are encoded. A '%' not followed by two hex digits is
//     encoded as "%25". Reserved characters are never decoded, so "a%2Fb"
//     stays distinct from "a/b".
//  8. Path session parameters ";jsessionid=..." are removed (case-insensitive).
//  9. Dot segments ("." and "..", also when written "%2E") are resolved as in
//     RFC 3986 §5.2.4; an empty path becomes "/". Path case is preserved.
//  10. Query parameters whose decoded, lower-cased name is a tracking or session
//     parameter are removed (see below); empty parameters ("a=1&&b=2") are
//     removed; the rest are sorted by name with a stable sort, so repeated
//     names keep their relative order. An empty query loses its '?'. '+' is
//     kept as written (it is not the same as "%20" to every server).
//
// Removed query parameters: every name starting with "utm_", "pk_", "mtm_"
// or "aspsessionid"; and fbclid, gclid, gclsrc, dclid, msclkid, yclid,
// twclid, ttclid, li_fat_id, mc_cid, mc_eid, _ga, _gl, _hsenc, _hsmi,
// mkt_tok, igshid, ref_src, ref_url, spm, scm, vero_id, wickedid,
// oly_enc_id, oly_anon_id, rb_clickid, s_cid, hmsr, hmpl, hmcu, hmkw, hmci,
// wt.mc_id, jsessionid, phpsessid, sid, sessionid, session_id.
//
// Canonicalize is idempotent: Canonicalize(Canonicalize(u)) == Canonicalize(u)
// for every u it accepts, and its output always parses with net/url. The
// output is pure ASCII.
//
// What it does not do: it does not resolve relative references (resolve
// against the page URL first), does not fold "www." or the trailing slash
// (they can name different pages), and does not rewrite numeric IPv4 forms
// such as "2130706433" (the fetcher's address policy sees the real address).
package canon
