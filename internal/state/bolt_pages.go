package state

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Page implements Store.
func (b *Bolt) Page(ctx context.Context, url string) (p Page, ok bool, err error) {
	err = b.view(ctx, func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get([]byte(url))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return Page{}, false, fmt.Errorf("state: page %q: %w", url, err)
	}
	return p, ok, nil
}

// PutPage implements Store. It does not need a run.
func (b *Bolt) PutPage(ctx context.Context, p Page) error {
	if p.URL == "" {
		return fmt.Errorf("%w: page has no URL", ErrInvalidEntry)
	}
	v, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("state: put page: %w", err)
	}
	err = b.update(ctx, false, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPages).Put([]byte(p.URL), v)
	})
	if err != nil {
		return fmt.Errorf("state: put page %q: %w", p.URL, err)
	}
	return nil
}
