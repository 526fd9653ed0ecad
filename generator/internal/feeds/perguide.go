package feeds

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"

	"zhinan/generator/internal/csvcell"
	"zhinan/generator/internal/site"
)

// The open-data files that list the guides (guides.json, guides.csv,
// materials.csv) are written as a head, one part per guide in the site's
// order with a separator between parts, and a tail. A guide's part
// depends on nothing but the guide as its page shows it and the site's
// base URL, so an incremental build whose guide did not change hands in
// the part the previous build wrote (WriteReusing) instead of encoding
// it again: at 100,000 guides the three files are 420 MB, and encoding
// them took 3.6 s CPU of a one-guide rebuild.

// Layout says where the guides' parts are in a written per-guide file:
// the head's Head bytes first, then part i of Lens[i] bytes, parts
// separated by Sep. Size is the file's size.
type Layout struct {
	Head int64
	Sep  int64
	Lens []int64
	Size int64
}

// Offsets returns where each part starts.
func (l Layout) Offsets() []int64 {
	offs := make([]int64, len(l.Lens))
	at := l.Head
	for i, n := range l.Lens {
		offs[i] = at
		at += n + l.Sep
	}
	return offs
}

// Reuse hands WriteReusing the parts the caller holds current in an
// earlier file of the same kind: Part says where the site's guide i has
// its part there (false: make it anew), and CopyTo copies n bytes of that
// file from off to w. WriteReusing copies each run of parts that follow
// one another in both files, separators and all, with one CopyTo: from
// a file to a file the kernel copies them (copy_file_range) without the
// bytes passing through the program, where reading and writing the 420
// MB of an edit's build at 100,000 guides took a second of CPU.
type Reuse interface {
	Part(i int) (off, n int64, ok bool)
	CopyTo(w io.Writer, off, n int64) error
}

// perGuide is how a per-guide file is made: its head, a maker of guide
// parts (for one file, not safe for concurrent use; a part is valid until
// the next call), the separator and the tail.
type perGuide struct {
	head  func(s *site.Site) ([]byte, error)
	parts func(s *site.Site) func(p *site.Page) ([]byte, error)
	sep   string
	tail  string
}

// PerGuide tells whether f has one part per guide, which WriteReusing can
// take from an earlier build.
func (f OpenDataFile) PerGuide() bool { return f.perGuide != nil }

// WriteReusing writes f as Write does, taking from reuse (when not nil)
// the parts it has, and says where each part went. For a file that is
// not per guide it is Write, with an empty layout.
func (f OpenDataFile) WriteReusing(w io.Writer, s *site.Site, reuse Reuse) (Layout, error) {
	if f.perGuide == nil {
		return Layout{}, f.Write(w, s)
	}
	pg := f.perGuide
	cw := &countingWriter{w: w}
	head, err := pg.head(s)
	if err != nil {
		return Layout{}, err
	}
	cw.Write(head)
	l := Layout{Head: cw.n, Sep: int64(len(pg.sep)), Lens: make([]int64, len(s.Guides))}
	part := pg.parts(s)
	var run earlierRun
	for i, p := range s.Guides {
		var off, n int64
		ok := false
		if reuse != nil {
			off, n, ok = reuse.Part(i)
		}
		if ok && run.extend(off, n, l.Sep) {
			l.Lens[i] = n
			continue
		}
		run.copyTo(cw, reuse)
		if i > 0 {
			io.WriteString(cw, pg.sep)
		}
		if ok {
			run = earlierRun{off: off, n: n, open: true}
			l.Lens[i] = n
			continue
		}
		b, err := part(p)
		if err != nil {
			return Layout{}, err
		}
		cw.Write(b)
		l.Lens[i] = int64(len(b))
		if cw.err != nil {
			return Layout{}, cw.err
		}
	}
	run.copyTo(cw, reuse)
	io.WriteString(cw, pg.tail)
	l.Size = cw.n
	return l, cw.err
}

// earlierRun is a run of parts of the earlier file, with the separators
// between them, that WriteReusing has yet to copy.
type earlierRun struct {
	off, n int64
	open   bool
}

// extend adds to the run the part of n bytes at off when it follows the
// run's last part in the earlier file, after a separator of sep bytes.
func (r *earlierRun) extend(off, n, sep int64) bool {
	if !r.open || off != r.off+r.n+sep {
		return false
	}
	r.n = off + n - r.off
	return true
}

// copyTo copies the run to cw, if there is one, and closes it.
func (r *earlierRun) copyTo(cw *countingWriter, reuse Reuse) {
	if r.open && cw.err == nil {
		before := cw.n
		if err := reuse.CopyTo(cw, r.off, r.n); err != nil {
			cw.err = err
		} else if cw.n-before != r.n {
			cw.err = io.ErrShortWrite
		}
	}
	*r = earlierRun{}
}

// write is WriteReusing without parts to reuse: OpenDataFile.Write of a
// per-guide file.
func (pg *perGuide) write(w io.Writer, s *site.Site) error {
	_, err := OpenDataFile{perGuide: pg}.WriteReusing(w, s, nil)
	return err
}

// countingWriter counts what it writes and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(b)
	c.n += int64(n)
	c.err = err
	return n, err
}

// ReadFrom copies r through the underlying writer's own ReadFrom when it
// has one (a bufio.Writer over a file hands a file reader to the
// kernel), counting what it copied.
func (c *countingWriter) ReadFrom(r io.Reader) (int64, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := io.Copy(c.w, r)
	c.n += n
	c.err = err
	return n, err
}

// jsonParts returns a maker of JSON values without the newline
// json.Encoder ends each with, HTML characters unescaped.
func jsonParts[T any](value func(T) any) func(T) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	return func(x T) ([]byte, error) {
		buf.Reset()
		if err := enc.Encode(value(x)); err != nil {
			return nil, err
		}
		return buf.Bytes()[:buf.Len()-1], nil
	}
}

// csvPart writes the CSV rows of one part into a buffer, each cell
// through csvcell.Safe (every CSV file of the open data is written with
// it, so none can carry a formula).
type csvPart struct {
	buf bytes.Buffer
	cw  *csv.Writer
}

func newCSVPart() *csvPart {
	c := &csvPart{}
	c.cw = csv.NewWriter(&c.buf)
	return c
}

// begin starts a part, dropping the one end handed out.
func (c *csvPart) begin() { c.buf.Reset() }

func (c *csvPart) row(cells []string) {
	for i, cell := range cells {
		cells[i] = csvcell.Safe(cell)
	}
	c.cw.Write(cells)
}

// end returns the part's rows, valid until the next begin.
func (c *csvPart) end() ([]byte, error) {
	c.cw.Flush()
	return c.buf.Bytes(), c.cw.Error()
}

// csvHead is a CSV file's head: the byte-order mark and the header row
// of the column keys.
func csvHead(header []Field) ([]byte, error) {
	c := newCSVPart()
	c.buf.WriteString(BOM)
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = h.Key
	}
	c.cw.Write(keys)
	return c.end()
}
