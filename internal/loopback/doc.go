// Package loopback is the one test network of gleaner's tests: a dialer that
// only ever connects to loopback and a canary listener that counts the
// connections it receives. The crawl, netguard and hostile tests give the
// code under test this dialer instead of writing their own.
//
// It exists because of a project rule: tests touch 127.0.0.0/8 and ::1 and
// nothing else, even when the guard they test is broken. The address policy
// in package netguard is what the tests check, so it cannot also be what
// keeps them on this machine; the [Dialer] is the independent second line.
//
// A Dialer connects to a loopback "ip:port", or to the loopback address its
// name map gives for a host or a "host:port". It refuses everything else
// before any packet is sent (no connect, no DNS lookup) and fails the test
// through the testing.TB it was made with: an IP that is not loopback once
// unmapped (0.0.0.0, ::, private, link-local, public), a name not in its map
// (dialling it would mean a DNS query) and a name mapped to something that
// is not loopback. A test that meets a refusal has a broken guard or a
// broken harness; refusals the test expects are the guard's to make, not
// the Dialer's.
//
// Refusals wrap [ErrRefused]. What a Dialer records: every address it was
// asked for, in order, refused or not ([Dialer.Addrs]), and the bytes read
// from the connections it made ([Dialer.BytesRead]).
//
// A [Canary] listens on 127.0.0.1 at a free port, accepts and closes every
// connection and counts them ([Canary.Hits]); a test points hostile URLs at
// it and asserts that nothing arrived.
//
// The package imports only the standard library, so the internal tests of
// any package (netguard and crawl included) can use it without a cycle.
package loopback
