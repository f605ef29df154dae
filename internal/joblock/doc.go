// Package joblock keeps two runs of the same job from overlapping.
//
// Acquire takes an exclusive, non-blocking flock(2) on a lock file and writes
// the holder's pid into it. The lock belongs to the open file, so the kernel
// drops it when the process exits for any reason, kill -9 included: a lock
// file left behind by a dead run never blocks the next one, and there is no
// staleness heuristic to get wrong.
//
// The lock file is never deleted, not even on Release: deleting it would let
// a waiting process lock the old, unlinked file while a new one locks a fresh
// file of the same name, and both would run.
//
// flock is advisory and per open file description: a second Acquire of the
// same path in the same process also fails with ErrLocked. On NFS, flock is
// emulated with byte-range locks and depends on the server's lock manager;
// keep lock files on local disks.
package joblock
