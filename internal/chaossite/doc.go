// Package chaossite is a fault-injecting web site for gleaner's tests: a
// loopback httptest server whose endpoints misbehave in the ways real
// portals do (slow, broken, huge, compressed to bombs, mislabelled,
// trapping), with an access log and a per-host concurrency gauge, plus a
// raw-TCP listener for malformed HTTP. The canary listener that must never be
// connected to, and the dialer that keeps tests on loopback, are in package
// loopback.
//
// It is used only by tests. Everything listens on 127.0.0.1; nothing here
// opens an outbound connection.
//
// Endpoints of a [Site] (all GET; unknown paths give 404):
//
//	/status/{code}                 that status, a small HTML body
//	/delay/{ms}                    a page after ms milliseconds
//	/trickle/{bps}                 a 64 KiB page sent at bps bytes per second
//	/hang                          accepts and never answers
//	/drop-mid-body                 Content-Length 100000, 3000 bytes, connection closed
//	/cl-mismatch                   a page with Content-Length 5000 bytes too high, connection closed
//	/broken-chunked                chunked body with an invalid chunk header
//	/reset                         connection closed with a TCP RST, no response
//	/bomb/{kind}?size=N            kind gzip, deflate (zlib), rawdeflate, br, zstd,
//	                               nested ("Content-Encoding: gzip, gzip"),
//	                               gzip-in-gzip (gzip body inside one gzip layer);
//	                               N decompressed bytes (default 1 GiB; suffixes k, m, g)
//	/ct-gzip                       a gzip bomb as Content-Type application/x-gzip
//	/sitemap.xml.gz                the same under a sitemap name
//	/big?mb=N[&declare=1]          N MiB of HTML streamed; declare=1 sends Content-Length
//	/binary-as-html/{kind}         png, zip, pdf or random (1 MiB with NULs) as text/html
//	/redirect?to=U&code=C          a redirect (default 302)
//	/redirect-chain/{n}            n redirects, then a page
//	/redirect-loop                 redirects forever between two URLs
//	/cal/{y}/{m}/{d}               a calendar page linking the previous and next day
//	/loop/...                      relative links that deepen the path forever
//	/sid, /sid/{page}              links carrying a new random ?sid= each time
//	/outlinks/{n}                  a page with n distinct links
//	/deep/{n}[?article=1]          n nested <div>s (streamed)
//	/charset/{enc}/{decl}          the charset matrix (see Encodings, Declarations, Golden)
//	/robots/{variant}              a robots.txt variant (see RobotsVariant)
//	/robots.txt                    per host, as set by Site.SetRobots (default allow all)
//	/retry-after/{value}?times=n   429 with Retry-After: value n times (default 1), then 200;
//	                               value "date+S" sends an HTTP-date S seconds ahead
//	/flaky/{n}?code=C              C (default 503) n times for this URL, then 200
//	/page/{anything}               a small article page
//	/links?to=U&to=V               a page linking each to= value verbatim
//
// Every endpoint ignores query parameters it does not name, so tests can
// make each URL unique (/status/500?n=17) and the crawler fetch each once.
//
// The access log grows by one Hit per request; a long run (a soak) tallies
// it as it goes with Site.TakeLog, which hands over the log and empties it.
//
// Several hosts: a Site routes by the Host header, so URLs such as
// http://a.test:PORT/ (with a test dialer or resolver that maps the names
// to 127.0.0.1) reach the same server and are logged, gauged and given
// robots.txt per host name.
package chaossite
