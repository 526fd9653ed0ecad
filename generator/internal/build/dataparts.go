package build

import (
	"io"
	"os"
	"path/filepath"

	"zhinan/generator/internal/feeds"
	"zhinan/generator/internal/site"
)

// dataLayout is where the guides' parts are in one per-guide open-data
// file of an output (feeds.Layout), as its manifest records it.
type dataLayout struct {
	Path   string
	Layout feeds.Layout
}

// dataParts writes the open-data files of a build. For the per-guide ones
// (guides.json, guides.csv, materials.csv) it takes the part of every
// guide whose files the build reused (its fingerprint is the one the
// published manifest records, and a guide's part shows nothing its
// fingerprint does not cover) from the published file, where the
// published manifest says it is, and records where the parts of the new
// files are for the next build. A published file whose size is not the
// recorded one gives nothing. The files are byte for byte a clean
// build's (TestPublishIncrementalEqualsClean).
type dataParts struct {
	dest   string                  // the published output
	prev   map[string]feeds.Layout // the published files' layouts, by path
	index  map[string]int          // a code's place in the published order
	reused func(*site.Page) bool
	next   []dataLayout // filled in as the files are written
	taken  int          // parts taken from the published files
}

// newDataParts is what a build takes from the published output whose
// manifest is old (nil: nothing); reused says which guides' files were
// reused.
func newDataParts(dest string, old *manifest, reused func(*site.Page) bool) *dataParts {
	d := &dataParts{dest: dest, reused: reused}
	if old == nil || len(old.Order) == 0 {
		return d
	}
	d.prev = make(map[string]feeds.Layout, len(old.Data))
	for _, l := range old.Data {
		d.prev[l.Path] = l.Layout
	}
	d.index = make(map[string]int, len(old.Order))
	for i, code := range old.Order {
		d.index[code] = i
	}
	return d
}

// write writes f to w, taking what it can from the published file.
func (d *dataParts) write(f feeds.OpenDataFile, w io.Writer, s *site.Site) error {
	if !f.PerGuide() {
		return f.Write(w, s)
	}
	reuse, done := d.published(f.Path, s)
	defer done()
	l, err := f.WriteReusing(w, s, reuse)
	if err == nil {
		d.next = append(d.next, dataLayout{Path: f.Path, Layout: l})
	}
	return err
}

// published returns the parts of the published file at path (nil when
// there is nothing to take) and what closes it.
func (d *dataParts) published(path string, s *site.Site) (feeds.Reuse, func()) {
	l, ok := d.prev[path]
	if !ok || d.reused == nil {
		return nil, func() {}
	}
	f, err := os.Open(filepath.Join(d.dest, filepath.FromSlash(path)))
	if err != nil {
		return nil, func() {}
	}
	if info, err := f.Stat(); err != nil || info.Size() != l.Size || len(l.Lens) != len(d.index) {
		f.Close()
		return nil, func() {}
	}
	return &publishedParts{d: d, s: s, f: f, offs: l.Offsets(), lens: l.Lens}, func() { f.Close() }
}

// publishedParts are the parts of the reused guides in a published
// per-guide file f, whose parts start at offs and are lens long.
type publishedParts struct {
	d          *dataParts
	s          *site.Site
	f          *os.File
	offs, lens []int64
}

func (p *publishedParts) Part(i int) (off, n int64, ok bool) {
	g := p.s.Guides[i]
	j, ok := p.d.index[g.Code]
	if !ok || !p.d.reused(g) {
		return 0, 0, false
	}
	p.d.taken++
	return p.offs[j], p.lens[j], true
}

// CopyTo copies n bytes of the published file from off to w: with w a
// file (through a bufio.Writer), io.Copy of a limited file reader is
// copy_file_range.
func (p *publishedParts) CopyTo(w io.Writer, off, n int64) error {
	if _, err := p.f.Seek(off, io.SeekStart); err != nil {
		return err
	}
	got, err := io.Copy(w, io.LimitReader(p.f, n))
	if err == nil && got != n {
		err = io.ErrUnexpectedEOF
	}
	return err
}
