package state

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BeginRun implements Store.
func (b *Bolt) BeginRun(ctx context.Context, runID string) (resumed bool, err error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	b.mu.Lock()
	switch {
	case b.closed:
		b.mu.Unlock()
		return false, ErrClosed
	case b.active:
		b.mu.Unlock()
		return false, ErrRunActive
	}
	b.active = true // claimed now so a concurrent BeginRun fails
	b.mu.Unlock()

	err = b.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		switch string(meta.Get(keyRunState)) {
		case runRunning, runInterrupted:
			resumed = true
		default: // first run, or the last one completed
			if err := tx.DeleteBucket(bucketDone); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(bucketDone); err != nil {
				return err
			}
		}
		if err := requeueInFlight(tx); err != nil {
			return err
		}
		// Entries an earlier run deferred past its own end are this run's to try.
		if err := promoteDue(tx, time.Unix(1<<40, 0)); err != nil {
			return err
		}
		if err := meta.Put(keyRunID, []byte(runID)); err != nil {
			return err
		}
		return meta.Put(keyRunState, []byte(runRunning))
	})
	if err != nil {
		b.mu.Lock()
		b.active = false
		b.mu.Unlock()
		return false, fmt.Errorf("state: begin run %q: %w", runID, err)
	}
	b.dirty.Store(true)
	return resumed, nil
}

// EndRun implements Store. With NoSync it also fsyncs before returning.
func (b *Bolt) EndRun(ctx context.Context, complete bool) error {
	runState := runInterrupted
	if complete {
		runState = runComplete
	}
	err := b.update(ctx, true, func(tx *bolt.Tx) error {
		if err := requeueInFlight(tx); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyRunState, []byte(runState))
	})
	if err != nil {
		return fmt.Errorf("state: end run: %w", err)
	}
	b.mu.Lock()
	b.active = false
	b.mu.Unlock()
	if b.db.NoSync {
		if err := b.db.Sync(); err != nil {
			return fmt.Errorf("state: end run: sync: %w", err)
		}
	}
	return nil
}

// requeueInFlight puts every in-flight entry back into the ready queue at
// the position it was popped from.
func requeueInFlight(tx *bolt.Tx) error {
	inflight := tx.Bucket(bucketInFlight)
	var values [][]byte
	if err := inflight.ForEach(func(_, v []byte) error {
		values = append(values, bytes.Clone(v))
		return nil
	}); err != nil {
		return err
	}
	if len(values) == 0 {
		return nil
	}
	if err := tx.DeleteBucket(bucketInFlight); err != nil {
		return err
	}
	if _, err := tx.CreateBucket(bucketInFlight); err != nil {
		return err
	}
	ready, queued := tx.Bucket(bucketReady), tx.Bucket(bucketQueued)
	for _, v := range values {
		s, err := decodeStored(v)
		if err != nil {
			return err
		}
		k := seqKey(s.Seq)
		if err := ready.Put(k, v); err != nil {
			return err
		}
		if err := queued.Put([]byte(s.URL), append([]byte{'r'}, k...)); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	if err := addCounter(meta, keyInFlight, -len(values)); err != nil {
		return err
	}
	return addCounter(meta, keyQueued, len(values))
}
