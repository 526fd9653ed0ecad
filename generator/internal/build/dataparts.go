package build

import (
	"io"
	"os"
	"path/filepath"
	"slices"

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

// published returns the reuse function of the published file at path
// (nil when there is nothing to take) and what closes it.
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
	offs := l.Offsets()
	win := &readWindow{f: f}
	return func(i int) ([]byte, bool) {
		p := s.Guides[i]
		j, ok := d.index[p.Code]
		if !ok || !d.reused(p) {
			return nil, false
		}
		b, err := win.slice(offs[j], int(l.Lens[j]))
		if err != nil {
			return nil, false
		}
		d.taken++
		return b, true
	}, func() { f.Close() }
}

// readWindowSize is how much of a published file a readWindow reads at
// once: parts are asked for mostly in file order, so one read serves
// hundreds of them. Reading each part on its own was 300,000 reads at
// 100,000 guides, a second of CPU in an edit's build.
const readWindowSize = 4 << 20

// readWindow reads a file through a window of readWindowSize bytes that
// moves forward as parts further on are asked for.
type readWindow struct {
	f     *os.File
	buf   []byte
	start int64 // the file offset of buf[0]
}

// slice returns the n bytes at off, valid until the next call.
func (w *readWindow) slice(off int64, n int) ([]byte, error) {
	if off >= w.start && off+int64(n) <= w.start+int64(len(w.buf)) {
		return w.buf[off-w.start:][:n], nil
	}
	size := max(n, readWindowSize)
	w.buf = slices.Grow(w.buf[:0], size)[:size]
	got, err := w.f.ReadAt(w.buf, off)
	w.buf, w.start = w.buf[:got], off
	if got < n {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return w.buf[:n], nil
}
