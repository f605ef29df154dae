package state

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Push implements Store.
func (b *Bolt) Push(ctx context.Context, force bool, entries ...Entry) (int, error) {
	for i, e := range entries {
		if e.URL == "" {
			return 0, fmt.Errorf("%w: entry %d has no URL", ErrInvalidEntry, i)
		}
	}
	added := 0
	err := b.update(ctx, true, func(tx *bolt.Tx) error {
		added = 0 // the function may be retried from scratch
		queued, inflight, done := tx.Bucket(bucketQueued), tx.Bucket(bucketInFlight), tx.Bucket(bucketDone)
		pages, seqs := tx.Bucket(bucketPages), tx.Bucket(bucketSeq)
		for _, e := range entries {
			k := []byte(e.URL)
			if queued.Get(k) != nil || inflight.Get(k) != nil || done.Get(k) != nil {
				continue
			}
			if !force && pages.Get(k) != nil {
				continue
			}
			seq, err := seqs.NextSequence()
			if err != nil {
				return err
			}
			if err := enqueue(tx, stored{Entry: e, Seq: seq}); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("state: push: %w", err)
	}
	return added, nil
}

// enqueue files s under the ready queue or, when it has a NotBefore, the
// delayed one, and counts it.
func enqueue(tx *bolt.Tx, s stored) error {
	v, err := encodeStored(s)
	if err != nil {
		return err
	}
	var bucket *bolt.Bucket
	var k []byte
	var loc []byte
	if s.NotBefore.IsZero() {
		bucket, k = tx.Bucket(bucketReady), seqKey(s.Seq)
		loc = append([]byte{'r'}, k...)
	} else {
		bucket, k = tx.Bucket(bucketDelayed), delayedKey(s.NotBefore, s.Seq)
		loc = append([]byte{'d'}, k...)
	}
	if err := bucket.Put(k, v); err != nil {
		return err
	}
	if err := tx.Bucket(bucketQueued).Put([]byte(s.URL), loc); err != nil {
		return err
	}
	return addCounter(tx.Bucket(bucketMeta), keyQueued, 1)
}

// Pop implements Store. Delayed entries that are due join the ready queue at
// their push position first; then the first ready entry is taken. Both are
// cursor seeks, O(log n) plus the entries that became due.
func (b *Bolt) Pop(ctx context.Context, now time.Time) (e Entry, ok bool, err error) {
	err = b.update(ctx, true, func(tx *bolt.Tx) error {
		ok = false
		if err := promoteDue(tx, now); err != nil {
			return err
		}
		ready := tx.Bucket(bucketReady)
		k, v := ready.Cursor().First()
		if k == nil {
			return nil
		}
		s, err := decodeStored(v)
		if err != nil {
			return err
		}
		s.Seq = binary.BigEndian.Uint64(k)
		if err := ready.Delete(k); err != nil {
			return err
		}
		url := []byte(s.URL)
		if err := tx.Bucket(bucketQueued).Delete(url); err != nil {
			return err
		}
		nv, err := encodeStored(s)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketInFlight).Put(url, nv); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if err := addCounter(meta, keyQueued, -1); err != nil {
			return err
		}
		if err := addCounter(meta, keyInFlight, 1); err != nil {
			return err
		}
		e, ok = s.Entry, true
		return nil
	})
	if err != nil {
		return Entry{}, false, fmt.Errorf("state: pop: %w", err)
	}
	return e, ok, nil
}

// promoteDue moves delayed entries with NotBefore <= now to the ready queue,
// keyed by their original sequence.
func promoteDue(tx *bolt.Tx, now time.Time) error {
	delayed := tx.Bucket(bucketDelayed)
	limit := timeKey(now)
	type move struct{ k, v []byte }
	var due []move
	c := delayed.Cursor()
	for k, v := c.First(); k != nil && binary.BigEndian.Uint64(k[:8]) <= limit; k, v = c.Next() {
		due = append(due, move{bytes.Clone(k), bytes.Clone(v)})
	}
	ready, queued := tx.Bucket(bucketReady), tx.Bucket(bucketQueued)
	for _, m := range due {
		s, err := decodeStored(m.v)
		if err != nil {
			return err
		}
		if err := delayed.Delete(m.k); err != nil {
			return err
		}
		seq := m.k[8:]
		if err := ready.Put(seq, m.v); err != nil {
			return err
		}
		if err := queued.Put([]byte(s.URL), append([]byte{'r'}, seq...)); err != nil {
			return err
		}
	}
	return nil
}

// Done implements Store.
func (b *Bolt) Done(ctx context.Context, url string) error {
	err := b.update(ctx, true, func(tx *bolt.Tx) error {
		k := []byte(url)
		inflight, done := tx.Bucket(bucketInFlight), tx.Bucket(bucketDone)
		if inflight.Get(k) == nil {
			if done.Get(k) != nil {
				return nil
			}
			return ErrNotInFlight
		}
		if err := inflight.Delete(k); err != nil {
			return err
		}
		if err := done.Put(k, []byte{}); err != nil {
			return err
		}
		return addCounter(tx.Bucket(bucketMeta), keyInFlight, -1)
	})
	if err != nil {
		return fmt.Errorf("state: done %q: %w", url, err)
	}
	return nil
}

// Retry implements Store.
func (b *Bolt) Retry(ctx context.Context, e Entry) error {
	err := b.update(ctx, true, func(tx *bolt.Tx) error {
		k := []byte(e.URL)
		inflight := tx.Bucket(bucketInFlight)
		if len(k) == 0 || inflight.Get(k) == nil {
			return ErrNotInFlight
		}
		if err := inflight.Delete(k); err != nil {
			return err
		}
		if err := addCounter(tx.Bucket(bucketMeta), keyInFlight, -1); err != nil {
			return err
		}
		seq, err := tx.Bucket(bucketSeq).NextSequence()
		if err != nil {
			return err
		}
		return enqueue(tx, stored{Entry: e, Seq: seq})
	})
	if err != nil {
		return fmt.Errorf("state: retry %q: %w", e.URL, err)
	}
	return nil
}

// Len implements Store.
func (b *Bolt) Len(ctx context.Context) (queued, inFlight int, err error) {
	err = b.view(ctx, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		queued, inFlight = counter(meta, keyQueued), counter(meta, keyInFlight)
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("state: len: %w", err)
	}
	return queued, inFlight, nil
}
