package guidecodec

import (
	"crypto/sha256"
	"sync"

	"zhinan/generator/internal/site"
)

// Sums are the two content hashes of a guide that later builds compare:
// the build's check cache keys a guide by Checked, its fingerprints and
// the search's document digests hash Content. They are defined here, and
// only here, so that a build's guide cache can store them with each guide
// it decodes (they are a function of the guide alone) and a later build
// that takes the guide from the cache need not encode it again: at
// 100,000 guides the three encodings were about 1.7 s of an edit's CPU.
type Sums struct {
	// Content is SHA-256 of AppendCanonical of the guide with its File
	// left empty: what the guide says, wherever it is written.
	Content [sha256.Size]byte
	// Checked is SHA-256 of AppendChecked of the guide: its values, its
	// file and where each value was written.
	Checked [sha256.Size]byte
}

// SumsOf computes both sums of g.
func SumsOf(g *site.Guide) Sums {
	return Sums{Content: ContentSum(g), Checked: CheckedSum(g)}
}

// ContentSum is Sums.Content of g.
func ContentSum(g *site.Guide) [sha256.Size]byte {
	buf := bufs.Get().(*[]byte)
	defer bufs.Put(buf)
	nowhere := *g
	nowhere.File = ""
	*buf = AppendCanonical((*buf)[:0], &nowhere)
	return sha256.Sum256(*buf)
}

// CheckedSum is Sums.Checked of g.
func CheckedSum(g *site.Guide) [sha256.Size]byte {
	buf := bufs.Get().(*[]byte)
	defer bufs.Put(buf)
	*buf = AppendChecked((*buf)[:0], g)
	return sha256.Sum256(*buf)
}

// bufs lend a buffer for one guide's encoding while it is hashed.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}
