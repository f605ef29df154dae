// Package output writes gleaner's JSON Lines files so that a crash never
// leaves them unreadable, and reads them back to reconcile crawl state.
//
// # Guarantees
//
//   - One record is one line: Writer.Write encodes the value (invalid UTF-8
//     becomes U+FFFD; U+2028 and U+2029 are escaped, so no line splitter can
//     cut a record), appends '\n' and hands the whole line to the kernel in
//     one write(2) call on an O_APPEND file. Concurrent Write calls are
//     serialised. Only one Writer (one process) may append to a file at a
//     time; gleaner's job lock (package joblock) ensures that.
//   - Never a partial line from us: if a write fails part-way (ENOSPC, EIO),
//     the Writer truncates the file back to the last whole line before
//     returning the error. If that truncation fails too, the Writer refuses
//     further writes and the next OpenWriter repairs the tail.
//   - Torn tails are repaired: a process killed inside write(2) can leave an
//     unterminated last line. OpenWriter (and RepairTail) cut the file back
//     to its last '\n' before appending. The cut line was never acknowledged,
//     since Write returns only after the whole line was written.
//   - Group commit: a background goroutine fsyncs at most once per
//     SyncInterval (default 1 s), and only after writes. A record acknowledged
//     by Write survives kill -9 at once (it is in the page cache) and survives
//     power loss once the next sync has run, so at most one interval of
//     records is lost to a power cut. Call Sync for a barrier. An fsync error
//     is sticky: every later Write, Sync and Close returns it, because after a
//     failed fsync the kernel may have dropped the dirty pages.
//   - Snapshots: WriteFileAtomic writes a temporary file in the target's
//     directory, fsyncs it, renames it over the target and fsyncs the
//     directory, so readers see the old file or the new one, never a mix.
//     CleanTemp removes temporaries a crash left behind.
//
// ReadLines reads a file line by line for reconciliation after a crash,
// skipping (and counting) lines that are not valid JSON.
package output
