package chaossite

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// bombBlock is the unit bombs are built from: 1 MiB of zeros, compressed once.
const bombBlock = 1 << 20

// DefaultBombSize is the decompressed size of a bomb without ?size=.
const DefaultBombSize = 1 << 30

// bombCache holds one compressed block, computed on first use: a bomb of
// any size is then written by repeating it, without compressing (or
// holding) the decompressed bytes.
type bombCache struct {
	once sync.Once
	// head, repeat and tail are a raw deflate stream of whole blocks of
	// zeros: head encodes the first block, repeat each further one (it only
	// refers back into zeros, so it can follow itself), tail closes the stream.
	head, repeat, tail []byte
	crcBlock           uint32 // CRC-32 of one block of zeros
}

func (c *bombCache) init() {
	c.once.Do(func() {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		zeros := make([]byte, bombBlock)
		fw.Write(zeros)
		fw.Flush() // byte-aligned: what follows can be spliced
		a := buf.Len()
		fw.Write(zeros)
		fw.Flush()
		b := buf.Len()
		fw.Close()
		all := buf.Bytes()
		c.head = append([]byte(nil), all[:a]...)
		c.repeat = append([]byte(nil), all[a:b]...)
		c.tail = append([]byte(nil), all[b:]...)
		c.crcBlock = crc32.ChecksumIEEE(zeros)
	})
}

// rawDeflate writes a raw deflate stream of blocks·1 MiB zeros.
func (c *bombCache) rawDeflate(w io.Writer, blocks int64) error {
	c.init()
	if _, err := w.Write(c.head); err != nil {
		return err
	}
	for i := int64(1); i < blocks; i++ {
		if _, err := w.Write(c.repeat); err != nil {
			return err
		}
	}
	_, err := w.Write(c.tail)
	return err
}

// zlibStream writes a zlib (RFC 1950) stream of blocks·1 MiB zeros.
func (c *bombCache) zlibStream(w io.Writer, blocks int64) error {
	if _, err := w.Write([]byte{0x78, 0xda}); err != nil {
		return err
	}
	if err := c.rawDeflate(w, blocks); err != nil {
		return err
	}
	// Adler-32 of n zeros: a stays 1, b adds 1 per byte.
	n := uint64(blocks) * bombBlock
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], uint32(n%65521)<<16|1)
	_, err := w.Write(trailer[:])
	return err
}

// gzipStream writes a single-member gzip (RFC 1952) of blocks·1 MiB zeros.
func (c *bombCache) gzipStream(w io.Writer, blocks int64) error {
	if _, err := w.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}); err != nil {
		return err
	}
	if err := c.rawDeflate(w, blocks); err != nil {
		return err
	}
	crc := uint32(0)
	zeros := make([]byte, bombBlock)
	for range blocks {
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:4], crc)
	binary.LittleEndian.PutUint32(trailer[4:], uint32(uint64(blocks)*bombBlock))
	_, err := w.Write(trailer[:])
	return err
}

// WriteGzipBomb writes a gzip stream that decompresses to about size bytes
// of zeros (rounded up to whole MiB), streaming, in a few KiB of memory.
func (s *Site) WriteGzipBomb(w io.Writer, size int64) error {
	return s.bombs.gzipStream(w, blocksFor(size))
}

func blocksFor(size int64) int64 { return max(1, (size+bombBlock-1)/bombBlock) }

// parseSize reads "1048576", "64k", "8m", "1g" (binary units).
func parseSize(v string, def int64) (int64, error) {
	if v == "" {
		return def, nil
	}
	mult := int64(1)
	switch strings.ToLower(v[len(v)-1:]) {
	case "k":
		mult = 1 << 10
	case "m":
		mult = 1 << 20
	case "g":
		mult = 1 << 30
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("bad size %q", v)
	}
	return n * mult, nil
}

func (s *Site) bomb(w http.ResponseWriter, r *http.Request) {
	size, err := parseSize(r.URL.Query().Get("size"), DefaultBombSize)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	blocks := blocksFor(size)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// The server ignores Accept-Encoding: hostile servers do.
	var write func(io.Writer) error
	switch kind := r.PathValue("kind"); kind {
	case "gzip":
		h.Set("Content-Encoding", "gzip")
		write = func(w io.Writer) error { return s.bombs.gzipStream(w, blocks) }
	case "deflate":
		h.Set("Content-Encoding", "deflate")
		write = func(w io.Writer) error { return s.bombs.zlibStream(w, blocks) }
	case "rawdeflate":
		h.Set("Content-Encoding", "deflate")
		write = func(w io.Writer) error { return s.bombs.rawDeflate(w, blocks) }
	case "br", "zstd":
		// Not a real brotli/zstd stream (no encoder in the standard
		// library): a client must refuse the coding before decoding anything.
		h.Set("Content-Encoding", kind)
		write = func(w io.Writer) error { return s.bombs.rawDeflate(w, blocks) }
	case "nested":
		h.Set("Content-Encoding", "gzip, gzip")
		write = func(w io.Writer) error { return s.nestedGzip(w, blocks) }
	case "gzip-in-gzip":
		h.Set("Content-Encoding", "gzip")
		write = func(w io.Writer) error { return s.nestedGzip(w, blocks) }
	default:
		http.Error(w, "unknown bomb", http.StatusNotFound)
		return
	}
	w.WriteHeader(http.StatusOK)
	_ = write(w) // a client that stops reading ends the stream with an error
}

// nestedGzip writes gzip(gzip(zeros)).
func (s *Site) nestedGzip(w io.Writer, blocks int64) error {
	outer, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err := s.bombs.gzipStream(outer, blocks); err != nil {
		return err
	}
	return outer.Close()
}

// ctGzip serves a gzip bomb as a file (Content-Type application/x-gzip, no
// Content-Encoding): colly decompresses such bodies without a limit.
func (s *Site) ctGzip(w http.ResponseWriter, r *http.Request) {
	size, err := parseSize(r.URL.Query().Get("size"), DefaultBombSize)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/x-gzip")
	w.WriteHeader(http.StatusOK)
	_ = s.bombs.gzipStream(w, blocksFor(size))
}
