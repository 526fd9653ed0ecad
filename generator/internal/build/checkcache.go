package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"zhinan/generator/internal/atomicfile"
	"zhinan/generator/internal/binread"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// CheckCacheFile is the check cache of the output folder dest: the hidden
// file .<name>.check-cache beside it, never published. It keeps what the
// rules found in each guide after inheritance (validate.Checker.Check),
// by a key that hashes everything the rules read: the guide's values and
// positions (guidecodec.Sums.Checked, which the guide's own file and
// those it inherits from make), and the environment every guide is
// checked in (checkEnvKey: the binary, config.toml as loaded, the static
// files). A guide whose key the last build recorded takes that build's
// findings instead of running the rules again: at 100,000 guides they
// were 1.3–1.9 s of CPU of an edit's build.
//
// The file is written whole (atomicfile) once the build has published;
// one whose checksum, magic or environment does not match is not read,
// and then every guide is checked. A failed or killed build leaves the
// previous file.
func CheckCacheFile(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".check-cache")
}

const checkCacheMagic = "zhinan check cache 2\n"

// checkKey is the hash of a guide's check input.
type checkKey [sha256.Size]byte

// checkCache is a build's view of the check cache: the findings the last
// build recorded, and those this build used, for the next.
type checkCache struct {
	path string
	env  checkKey
	prev map[checkKey][]site.Diagnostic
	mu   sync.Mutex
	next map[checkKey][]site.Diagnostic
	hits atomic.Int64
	// sealed is the next cache file's bytes once the checks are over
	// (seal), and done is set; prev and next are then let go.
	sealed []byte
	done   atomic.Bool
}

// openCheckCache reads the check cache of dest for guides checked in the
// environment env, unless clean; nil where the binary cannot be read
// (generatorID), as for the guide cache.
func openCheckCache(dest string, env checkKey, clean bool) *checkCache {
	if generatorID() == "" {
		return nil
	}
	c := &checkCache{path: CheckCacheFile(dest), env: env, next: map[checkKey][]site.Diagnostic{}}
	// what a build killed while it wrote the cache left (atomicfile's
	// temporary name); the names are the tool's own
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(c.path), "."+filepath.Base(c.path)+".tmp-*"))
	for _, p := range stale {
		os.Remove(p)
	}
	if !clean {
		if data, err := os.ReadFile(c.path); err == nil {
			c.prev = decodeCheckCache(data, env)
		}
	}
	return c
}

// checkEnvKey hashes what every guide is checked in: the binary (its
// rules), the loaded config and the static files (rule 9 asks whether a
// linked form exists). Any change to them checks every guide again.
func checkEnvKey(cfg *site.Config, static []string) checkKey {
	return sha256.Sum256([]byte(newDigest().add(checkCacheMagic, generatorID(), cfg, static).sum()))
}

// check returns checker's findings about g, whose Sums.Checked is sum:
// the recorded ones when g's key is in the cache, else checker.Check's,
// recorded for the next build. Safe for concurrent use.
func (c *checkCache) check(checker *validate.Checker, g *site.Guide, sum [sha256.Size]byte) []site.Diagnostic {
	if c.done.Load() {
		return checker.Check(g) // after seal, nothing is recorded
	}
	var in [2 * sha256.Size]byte
	copy(in[:], c.env[:])
	copy(in[len(c.env):], sum[:])
	key := checkKey(sha256.Sum256(in[:]))
	ds, ok := c.prev[key]
	if ok {
		c.hits.Add(1)
	} else {
		ds = checker.Check(g)
	}
	c.mu.Lock()
	c.next[key] = ds
	c.mu.Unlock()
	return ds
}

// seal encodes the findings this build used, for commit, and lets go of
// both maps: the checks are over once the site is checked (checkAll),
// and at 1,000,000 guides the maps held some 130 MB each that the
// garbage collector would scan at every collection while pages and the
// index are made. It must not run while checks do: checkAll calls it
// after the last. Nil does nothing.
func (c *checkCache) seal() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sealed == nil {
		c.sealed = encodeCheckCache(c.env, c.next)
		c.done.Store(true)
		c.prev, c.next = nil, nil
	}
}

// commit writes the findings this build used as the next cache (sealing
// it first if need be); nil does nothing.
func (c *checkCache) commit() error {
	if c == nil {
		return nil
	}
	c.seal()
	return atomicfile.Write(c.path, func(w io.Writer) error {
		_, err := w.Write(c.sealed)
		return err
	})
}

// The file: checkCacheMagic, the environment key, the number of guides,
// then for each its key, the number of findings and each finding's file,
// line, rule, severity and message (numbers as uvarints, strings with
// their length first), and last the CRC-32 of all before it.

func encodeCheckCache(env checkKey, entries map[checkKey][]site.Diagnostic) []byte {
	b := append([]byte(checkCacheMagic), env[:]...)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	for k, ds := range entries {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(ds)))
		for _, d := range ds {
			str(d.File)
			b = binary.AppendUvarint(b, uint64(d.Line))
			str(d.Rule)
			b = binary.AppendUvarint(b, uint64(d.Severity))
			str(d.Message)
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// decodeCheckCache reads a cache file of the environment env; nil when
// it is of another environment or not whole.
func decodeCheckCache(data []byte, env checkKey) map[checkKey][]site.Diagnostic {
	n := len(data) - 4
	if n < 0 || crc32.ChecksumIEEE(data[:n]) != binary.LittleEndian.Uint32(data[n:]) {
		return nil
	}
	r := binread.Make(data[:n])
	if !bytes.Equal(r.Next(len(checkCacheMagic)), []byte(checkCacheMagic)) || !bytes.Equal(r.Next(len(env)), env[:]) {
		return nil
	}
	str := func() string { return string(r.Bytes()) }
	count := r.Uvarint()
	out := make(map[checkKey][]site.Diagnostic, min(count, uint64(len(data))/uint64(len(env))))
	for i := uint64(0); i < count && !r.Bad(); i++ {
		var k checkKey
		copy(k[:], r.Next(len(k)))
		nd := r.Uvarint()
		if nd > uint64(r.Len()) {
			return nil
		}
		var ds []site.Diagnostic
		for j := uint64(0); j < nd && !r.Bad(); j++ {
			ds = append(ds, site.Diagnostic{File: str(), Line: int(r.Uvarint()), Rule: str(),
				Severity: site.Severity(r.Uvarint()), Message: str()})
		}
		out[k] = ds
	}
	if r.Bad() || r.Len() != 0 {
		return nil
	}
	return out
}
