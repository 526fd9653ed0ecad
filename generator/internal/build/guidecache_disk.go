package build

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/site"
)

// GuideCacheFile is the guide cache of the output folder dest: the hidden
// file .<name>.guide-cache beside it, never published. It keeps, for every
// guide file the last build read, the guide decoded from it (package
// guidecodec), so that the next build parses only the files that changed
// since. At 100,000 guides parsing is about a third of an edit's build.
//
// A file is taken from the cache only when its size, modification time,
// inode and change time are all the ones recorded, and it was not
// modified within racyWindow of being read; the cache names the binary
// that wrote it and the source folder, and a cache of another binary or
// source is not read. A record whose checksum does not match is parsed
// again. The next cache is written to .<name>.guide-cache.new under an
// exclusive lock, then renamed into place once the build has published,
// so a build killed at any moment leaves either cache whole, and a failed
// build leaves the previous one.
func GuideCacheFile(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".guide-cache")
}

const guideCacheMagic = "zhinan guide cache 2\n"

// A record is its CRC-32 (of the rest), the guide's sums
// (guidecodec.Sums: Content, then Checked; zeros for a file that could
// not be parsed) and the guidecodec record.
const (
	sumsSize   = 2 * 32
	recordHead = 4 + sumsSize
)

// The file is the header (guideCacheMagic, the binary's ID, the source
// folder), one record per guide file (its path, fileStat, and a record:
// recordHead), the table of the strings the
// records share (guidecodec.Table), and a trailer: the table's offset,
// its CRC-32 and trailerMagic.
const trailerMagic = "ZGC1"

const trailerSize = 8 + 4 + len(trailerMagic)

// tableGrowth bounds the table of shared strings, which keeps the strings
// of earlier versions of the guides: once it holds more than this many a
// record (plus a few thousand), the cache is not kept, and the next build
// starts a new one.
const tableGrowth = 64

// diskCache is a build's view of the guide cache file: the previous
// build's records (mapped, not read) and the next file being written.
type diskCache struct {
	old   map[uint64]diskRecord // by recordKey of the file's path
	unmap func()
	seed  maphash.Seed
	tab   *guidecodec.Table // the previous file's, numbering on; new when none
	kept  int               // records written to the next file

	path string
	mu   sync.Mutex
	out  *os.File // .new, locked; nil when this build does not write
	w    *bufio.Writer
	err  error
	// sealed is set once the table and trailer are written (seal).
	sealed bool
}

// diskRecord is one guide file's record in the cache.
type diskRecord struct {
	file []byte // the path, in the mapping
	stat fileStat
	rec  []byte // guidecodec record, in the mapping
}

// openDiskCache opens the guide cache of dest for a build of source: it
// reads the previous records unless clean, and starts the next file. It
// returns nil where there is no cache to keep (not Linux, the binary
// unreadable, dest's parent missing); a cache that cannot be read is
// treated as empty.
func openDiskCache(dest, source string, clean bool) *diskCache {
	gen := generatorID()
	abs, err := filepath.Abs(source)
	if !guideCacheOnDisk || gen == "" || err != nil {
		return nil
	}
	header := appendStr(appendStr([]byte(guideCacheMagic), gen), abs)
	d := &diskCache{path: GuideCacheFile(dest), old: map[uint64]diskRecord{}, seed: maphash.MakeSeed()}
	if !clean {
		d.read(header)
	}
	if d.tab == nil {
		d.old = map[uint64]diskRecord{}
		d.tab = guidecodec.NewTable()
	}
	out, err := os.OpenFile(d.path+".new", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return d
	}
	if !lockFile(out) || out.Truncate(0) != nil {
		out.Close() // another build is writing the cache: leave it to that one
		return d
	}
	d.out, d.w = out, bufio.NewWriterSize(out, 1<<20)
	_, d.err = d.w.Write(header)
	return d
}

// read maps the previous cache file and indexes its records; a file of
// another binary or source, or one cut short, gives no records.
func (d *diskCache) read(header []byte) {
	f, err := os.Open(d.path)
	if err != nil {
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return
	}
	data, unmap, err := mapFile(f, info.Size())
	if err != nil {
		return
	}
	tab, records, ok := splitCacheFile(data, header)
	if !ok {
		unmap()
		return
	}
	d.unmap, d.tab = unmap, tab
	rest := records
	for len(rest) > 0 {
		name, r, ok := readStr(rest)
		var st fileStat
		var rec []byte
		if ok {
			st, r, ok = readStat(r)
		}
		if ok {
			rec, r, ok = readStr(r)
		}
		if !ok {
			return // a malformed record: keep the ones before it
		}
		d.old[maphash.Bytes(d.seed, name)] = diskRecord{file: name, stat: st, rec: rec}
		rest = r
	}
}

// take returns the guide of file from the previous cache when the file is
// unchanged, with its sums, and copies its record into the next cache.
func (d *diskCache) take(file string, info fs.FileInfo) (*site.Guide, []site.Diagnostic, *guidecodec.Sums, bool) {
	r, ok := d.old[maphash.String(d.seed, file)]
	if !ok || string(r.file) != file || len(r.rec) < recordHead {
		return nil, nil, nil, false
	}
	if !r.stat.unchanged(info) {
		return nil, nil, nil, false
	}
	body := r.rec[4:]
	if binary.LittleEndian.Uint32(r.rec) != crc32.ChecksumIEEE(body) {
		return nil, nil, nil, false
	}
	g, diags, err := guidecodec.Decode(body[sumsSize:], d.tab)
	if err != nil {
		return nil, nil, nil, false
	}
	var sums *guidecodec.Sums
	if g != nil {
		sums = new(guidecodec.Sums)
		copy(sums.Content[:], body)
		copy(sums.Checked[:], body[len(sums.Content):])
	}
	d.write(file, r.stat, r.rec)
	return g, diags, sums, true
}

// put records a guide just decoded from file, whose stat (with inode and
// change time) was taken before reading it, in the next cache, and
// returns its sums (nil when g is).
func (d *diskCache) put(file string, st fileStat, g *site.Guide, diags []site.Diagnostic) *guidecodec.Sums {
	// seal, which drops the table, runs only once decodeFiles has decoded
	// every file: no put runs beside it, and none after it writes
	if d.out == nil || d.tab == nil {
		return nil
	}
	buf := guideBufs.Get().(*[]byte)
	rec := append((*buf)[:0], make([]byte, recordHead)...) // the CRC and the sums, filled below
	var sums *guidecodec.Sums
	if g != nil {
		s := guidecodec.SumsOf(g)
		sums = &s
		copy(rec[4:], s.Content[:])
		copy(rec[4+len(s.Content):], s.Checked[:])
	}
	rec = guidecodec.Append(rec, d.tab, g, diags)
	binary.LittleEndian.PutUint32(rec, crc32.ChecksumIEEE(rec[4:]))
	d.write(file, st, rec) // copies rec
	*buf = rec
	guideBufs.Put(buf)
	return sums
}

func (d *diskCache) write(file string, st fileStat, rec []byte) {
	if d.out == nil {
		return
	}
	entry := appendStr(make([]byte, 0, len(file)+64), file)
	entry = appendStat(entry, st)
	entry = binary.AppendUvarint(entry, uint64(len(rec)))
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err != nil {
		return
	}
	if _, d.err = d.w.Write(entry); d.err == nil {
		_, d.err = d.w.Write(rec)
	}
	d.kept++
}

// splitCacheFile checks the header and the trailer of a cache file and
// returns its table and its records.
func splitCacheFile(data, header []byte) (*guidecodec.Table, []byte, bool) {
	if !bytes.HasPrefix(data, header) || len(data) < len(header)+trailerSize {
		return nil, nil, false
	}
	trailer := data[len(data)-trailerSize:]
	if string(trailer[12:]) != trailerMagic {
		return nil, nil, false
	}
	off := binary.LittleEndian.Uint64(trailer)
	if off < uint64(len(header)) || off > uint64(len(data)-trailerSize) {
		return nil, nil, false
	}
	table := data[off : len(data)-trailerSize]
	if binary.LittleEndian.Uint32(trailer[8:]) != crc32.ChecksumIEEE(table) {
		return nil, nil, false
	}
	tab, err := guidecodec.ReadTable(table)
	if err != nil {
		return nil, nil, false
	}
	return tab, data[len(header):off], true
}

// seal ends the next file (its table and trailer) once every guide is
// decoded, and lets the previous one go; the next file waits, locked, for
// commit or abort. It may be called more than once.
func (d *diskCache) seal() {
	if d == nil {
		return
	}
	if d.unmap != nil {
		d.old = nil
		d.unmap()
		d.unmap = nil
	}
	if d.out == nil || d.sealed {
		return
	}
	d.sealed = true
	if d.err == nil {
		d.err = d.writeTable(d.out)
	}
	if d.err == nil && d.tab.Len() > tableGrowth*d.kept+4096 {
		d.err = errors.New("the table of shared strings outgrew the guides: start a new cache")
	}
	// written: its index (a map of every string, 70 MB at 1,000,000
	// guides) need not be scanned by every collection until commit
	d.tab = nil
}

// commit puts the sealed next file in place of the previous one, once the
// build has published: a build that fails leaves no cache it made (a
// first build beside a new destination leaves nothing at all), and the
// previous cache stays. A file whose writing failed is dropped.
func (d *diskCache) commit() error {
	if d == nil || d.out == nil {
		return nil
	}
	d.seal()
	if d.err != nil {
		return d.abort()
	}
	out := d.out
	d.out = nil
	err := os.Rename(out.Name(), d.path) // still holding the lock
	if err != nil {
		os.Remove(out.Name())
	}
	return errors.Join(err, out.Close())
}

// abort drops the next file; it does nothing after commit.
func (d *diskCache) abort() error {
	if d == nil || d.out == nil {
		return nil
	}
	d.seal()
	out := d.out
	d.out = nil
	return errors.Join(os.Remove(out.Name()), out.Close())
}

// writeTable ends the next file with the table and the trailer.
func (d *diskCache) writeTable(out *os.File) error {
	if err := d.w.Flush(); err != nil {
		return err
	}
	off, err := out.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	table := d.tab.Bytes()
	trailer := binary.LittleEndian.AppendUint64(nil, uint64(off))
	trailer = binary.LittleEndian.AppendUint32(trailer, crc32.ChecksumIEEE(table))
	trailer = append(trailer, trailerMagic...)
	if _, err := d.w.Write(table); err != nil {
		return err
	}
	if _, err := d.w.Write(trailer); err != nil {
		return err
	}
	return d.w.Flush()
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func readStr(b []byte) (s, rest []byte, ok bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, false
	}
	return b[k : k+int(n)], b[k+int(n):], true
}

func appendStat(b []byte, st fileStat) []byte {
	for _, v := range []int64{st.size, st.mod, st.ctime, st.readAt} {
		b = binary.AppendVarint(b, v)
	}
	return binary.AppendUvarint(b, st.ino)
}

func readStat(b []byte) (fileStat, []byte, bool) {
	var vs [4]int64
	for i := range vs {
		v, k := binary.Varint(b)
		if k <= 0 {
			return fileStat{}, nil, false
		}
		vs[i], b = v, b[k:]
	}
	ino, k := binary.Uvarint(b)
	if k <= 0 {
		return fileStat{}, nil, false
	}
	return fileStat{size: vs[0], mod: vs[1], ctime: vs[2], readAt: vs[3], ino: ino}, b[k:], true
}
