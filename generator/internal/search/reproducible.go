package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapv17 "github.com/blevesearch/zapx/v17"
	bolt "go.etcd.io/bbolt"
)

// Two builds of the same site write byte-identical bleve indexes. Two
// things in bleve made them differ, and are fixed here:
//
//   - scorch's offline builder keeps a batch's documents in a map
//     (index.Batch.IndexOps) and hands them to the segment in the map's
//     iteration order, which Go randomises: document numbers, the stored
//     section and every postings list came out in a different order at
//     every build. sortedZap gives the segment its documents sorted by
//     ID. Which documents share a segment is already fixed (the builder
//     fills a segment with the next builderBatch guides in export order),
//     and merges go in segment order, so every document number is fixed.
//   - root.bolt records when the snapshot was written (the meta key
//     "timeStamp", time.Now()). fixSnapshotTime overwrites it with
//     snapshotTime. bleve reads it only to decide which old snapshots a
//     writable index keeps, never for a read-only one or a search.
//
// bbolt itself writes nothing that depends on time or memory: the same
// transactions give the same pages (freed pages are zeroed before
// reuse). Its page size is the system's, so an index is reproducible on
// machines with the same page size (4 KiB on x86-64 Linux).

// snapshotTime is the time every index says its snapshot was written.
var snapshotTime = time.Unix(0, 0).UTC()

// sortedZap is bleve's default segment format (zap v17), registered in
// its place, that builds a new segment from documents sorted by ID, so
// that the order of a batch's map does not show in the file. Opening,
// merging and the file format are zap's own: any bleve reads the index.
type sortedZap struct{ *zapv17.ZapPlugin }

func (z sortedZap) New(results []index.Document) (segment.Segment, uint64, error) {
	return z.ZapPlugin.New(sortedByID(results))
}

func (z sortedZap) NewUsing(results []index.Document, config map[string]interface{}) (segment.Segment, uint64, error) {
	return z.ZapPlugin.NewUsing(sortedByID(results), config)
}

// sortedByID sorts docs by ID in place and returns them. Any order is
// one scorch may see (its batches are maps), so no caller depends on it.
func sortedByID(docs []index.Document) []index.Document {
	slices.SortStableFunc(docs, func(a, b index.Document) int { return strings.Compare(a.ID(), b.ID()) })
	return docs
}

func init() { registerSortedZap() }

// registerSortedZap makes sortedZap bleve's zap v17 and its default
// segment format, for every index this process writes.
func registerSortedZap() {
	scorch.RegisterSegmentPlugin(sortedZap{&zapv17.ZapPlugin{}}, true)
}

// fixSnapshotTime sets the write time of every snapshot in the index
// store under storeDir (its root.bolt) to snapshotTime, then copies the
// database into a fresh file (bbolt.Compact, key by key in order): bbolt
// leaves the page the old time was on in the file as a free page, with
// its bytes.
func fixSnapshotTime(storeDir string) error {
	root := filepath.Join(storeDir, "root.bolt")
	err := setSnapshotTime(root)
	if err == nil {
		err = compactBolt(root)
	}
	if err != nil {
		return fmt.Errorf("写入搜索索引的 root.bolt 失败：%w", err)
	}
	return nil
}

// setSnapshotTime writes snapshotTime as every snapshot's time in the
// bolt database at path.
func setSnapshotTime(path string) error {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	stamp, _ := snapshotTime.MarshalText()
	err = db.Update(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket(util.BoltSnapshotsBucket)
		if snapshots == nil {
			return nil
		}
		var epochs [][]byte
		err := snapshots.ForEachBucket(func(epoch []byte) error {
			epochs = append(epochs, slices.Clone(epoch))
			return nil
		})
		for _, epoch := range epochs {
			meta := snapshots.Bucket(epoch).Bucket(util.BoltMetaDataKey)
			if err != nil || meta == nil || meta.Get(util.BoltMetaDataTimeStamp) == nil {
				continue
			}
			err = meta.Put(util.BoltMetaDataTimeStamp, stamp)
		}
		return err
	})
	return errors.Join(err, db.Close())
}

// compactBolt replaces the bolt database at path by a copy made in one
// pass, which holds only live pages, laid out by key order alone.
func compactBolt(path string) error {
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer src.Close()
	tmp := path + ".compact"
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, nil)
	if err != nil {
		return err
	}
	err = errors.Join(bolt.Compact(dst, src, 0), dst.Close())
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// sortZapSections fixes the one part of a zap v17 file that depends on
// map order: for each field, zap writes the (section type, address) pairs
// of its sections in the iteration order of a map (segmentSections in
// zapx write.go); readers put them into an array by type, so any order
// reads the same. sortZapSections sorts each field's pairs by type, in
// place (the file keeps its length and every offset), and rewrites the
// footer's CRC-32, which covers everything before it.
func sortZapSections(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = rewriteZapSections(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("整理搜索索引 %s 失败：%w", path, err)
	}
	return nil
}

// zapFooter is the size of a zap v17 footer without the writer ID (which
// bleve leaves empty): ID length, document count, stored index offset,
// sections index offset, chunk mode, version, CRC.
const zapFooter = 4 + 8 + 8 + 8 + 4 + 4 + 4

// rewriteZapSections is sortZapSections on an open file.
func rewriteZapSections(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	footer := make([]byte, zapFooter)
	if size < zapFooter {
		return errors.New("文件太短")
	}
	if _, err := f.ReadAt(footer, size-zapFooter); err != nil {
		return err
	}
	if binary.BigEndian.Uint32(footer) != 0 {
		return errors.New("不支持带写入者标识的 zap 文件")
	}
	sectionsAt := int64(binary.BigEndian.Uint64(footer[4+8+8:]))
	// the fields section runs from its index's addresses to the footer
	body := make([]byte, size-zapFooter-sectionsAt)
	if _, err := f.ReadAt(body, sectionsAt); err != nil {
		return err
	}
	fieldsAt, err := zapFieldAddrs(body)
	if err != nil {
		return err
	}
	for _, at := range fieldsAt {
		if at != 0 {
			if err := sortFieldSections(f, at); err != nil {
				return err
			}
		}
	}
	crc := crc32.NewIEEE()
	if _, err := io.Copy(crc, io.NewSectionReader(f, 0, size-4)); err != nil {
		return err
	}
	_, err = f.WriteAt(binary.BigEndian.AppendUint32(nil, crc.Sum32()), size-4)
	return err
}

// zapFieldAddrs reads the sections index: the number of fields, then the
// address of each field's entry.
func zapFieldAddrs(b []byte) ([]int64, error) {
	n, sz := binary.Uvarint(b)
	if sz <= 0 || uint64(len(b)-sz) < n*8 {
		return nil, errors.New("字段索引损坏")
	}
	addrs := make([]int64, n)
	for i := range addrs {
		addrs[i] = int64(binary.BigEndian.Uint64(b[sz+8*i:]))
	}
	return addrs, nil
}

// sortFieldSections sorts the section pairs of the field entry at at:
// name length and name, options, number of sections, then that many
// pairs of a 2-byte type and an 8-byte address.
func sortFieldSections(f *os.File, at int64) error {
	head := make([]byte, 3*binary.MaxVarintLen64+1<<16)
	n, err := f.ReadAt(head, at)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	head = head[:n]
	nameLen, a := binary.Uvarint(head)
	if a <= 0 || uint64(len(head)-a) < nameLen {
		return errors.New("字段名损坏")
	}
	pos := a + int(nameLen)
	_, b := binary.Uvarint(head[pos:])
	pos += max(b, 0)
	count, c := binary.Uvarint(head[pos:])
	if b <= 0 || c <= 0 || count > 64 {
		return errors.New("字段的段落表损坏")
	}
	pos += c
	pairs := make([]byte, 10*count)
	if _, err := f.ReadAt(pairs, at+int64(pos)); err != nil {
		return err
	}
	list := make([][]byte, count)
	for i := range list {
		list[i] = slices.Clone(pairs[10*i : 10*i+10])
	}
	slices.SortFunc(list, func(x, y []byte) int { return bytes.Compare(x[:2], y[:2]) })
	_, err = f.WriteAt(bytes.Join(list, nil), at+int64(pos))
	return err
}

// zapFinalName is the file scorch's offline builder gives the one segment
// it leaves.
const zapFinalName = "000000000002.zap"
