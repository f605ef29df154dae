package state

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets of the bbolt file.
var (
	bucketMeta     = []byte("meta")     // run state and counters
	bucketReady    = []byte("ready")    // seq → stored entry, FIFO
	bucketDelayed  = []byte("delayed")  // notBefore ns ‖ seq → stored entry
	bucketQueued   = []byte("queued")   // url → key in ready or delayed
	bucketInFlight = []byte("inflight") // url → stored entry
	bucketDone     = []byte("done")     // url → nothing; this run only
	bucketPages    = []byte("pages")    // url → Page
	bucketSeq      = []byte("seq")      // only its NextSequence is used

	allBuckets = [][]byte{bucketMeta, bucketReady, bucketDelayed, bucketQueued,
		bucketInFlight, bucketDone, bucketPages, bucketSeq}

	keyRunID    = []byte("run_id")
	keyRunState = []byte("run_state")
	keyQueued   = []byte("n_queued")
	keyInFlight = []byte("n_inflight")
)

// Values of keyRunState.
const (
	runRunning     = "running"
	runComplete    = "complete"
	runInterrupted = "interrupted"
)

func createBuckets(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// stored is an Entry with its queue position, kept while in flight so a
// resumed run puts it back where it was.
type stored struct {
	Entry
	Seq uint64 `json:"seq"`
}

func encodeStored(s stored) ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("state: encode entry: %w", err)
	}
	return b, nil
}

func decodeStored(b []byte) (stored, error) {
	var s stored
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("state: corrupt entry: %w", err)
	}
	return s, nil
}

func seqKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), seq)
}

// timeKey orders times as big-endian nanoseconds since 1970; earlier times
// are 0 and times past 2262 saturate.
func timeKey(t time.Time) uint64 {
	if t.Unix() <= 0 {
		return 0
	}
	if t.Unix() >= math.MaxInt64/int64(time.Second) {
		return math.MaxUint64
	}
	return uint64(t.UnixNano())
}

func delayedKey(notBefore time.Time, seq uint64) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 16), timeKey(notBefore))
	return binary.BigEndian.AppendUint64(k, seq)
}

// addCounter adds delta to a meta counter.
func addCounter(meta *bolt.Bucket, key []byte, delta int) error {
	n := int64(0)
	if v := meta.Get(key); len(v) == 8 {
		n = int64(binary.BigEndian.Uint64(v))
	}
	n += int64(delta)
	return meta.Put(key, binary.BigEndian.AppendUint64(nil, uint64(n)))
}

func counter(meta *bolt.Bucket, key []byte) int {
	if v := meta.Get(key); len(v) == 8 {
		return int(int64(binary.BigEndian.Uint64(v)))
	}
	return 0
}
