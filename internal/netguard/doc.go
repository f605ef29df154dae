// Package netguard is gleaner's network safety guard: an address policy
// applied at dial time, so that a page, a link or a redirect cannot make the
// crawler connect to loopback, private, link-local, metadata or multicast
// addresses (server-side request forgery).
//
// The check runs on the resolved IP, right before the connection is made, and
// the dial then goes to that exact IP: a hostname allowlist cannot be
// bypassed by DNS names that resolve (or re-resolve) to internal addresses.
//
// Only the http and https schemes are allowed (CheckURL); redirect policy
// lives with the HTTP client in package crawl.
//
// Hosts named in the allowlist (name or IP, optional ":port") are let through
// although they resolve to blocked addresses: tests and the local demo.
package netguard
