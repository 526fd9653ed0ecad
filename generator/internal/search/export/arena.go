package export

import "sync"

// byteArena holds the bytes of many growing lists (the export's posting
// lists) in large pages, as chains of blocks: a list's first block is
// small and each next one twice as large, up to maxBlock. Nothing is
// copied when a list grows and nothing becomes garbage, which appending
// to one slice per list did (about as many bytes again as the lists hold,
// 550 MB at 100,000 guides). The pages hold no pointers, so the garbage
// collector does not scan them.
type byteArena struct {
	pages [][]byte
}

// freePages keeps the pages of arenas that were released (release) for
// the next arena: a build fills one arena a search batch, a megabyte
// page at a time, and at 100,000 guides those pages were 0.8 GB of the
// 21 GB a build with search allocates.
var freePages = sync.Pool{New: func() any { return new([]byte) }}

// release hands the arena's pages back for reuse and empties it. Nothing
// may read the arena afterwards.
func (a *byteArena) release() {
	for _, p := range a.pages {
		p := p[:0]
		freePages.Put(&p)
	}
	a.pages = nil
}

// newPage returns an empty page of capacity pageSize whose bytes are all
// zero (newBlock counts on zero links), reused when one is free.
func newPage() []byte {
	p := *freePages.Get().(*[]byte)
	if cap(p) != pageSize {
		return make([]byte, 0, pageSize)
	}
	clear(p[:pageSize])
	return p
}

// arenaList is one list in a byteArena. Its zero value is an empty list.
type arenaList struct {
	head, tail blockRef
	used       uint16 // bytes of the tail block's data in use
	size       uint16 // data size of the tail block
	length     int32  // bytes in the list
}

// blockRef locates a block: page<<pageBits | offset; 0 is no block (page
// 0 starts with an unused byte).
type blockRef uint32

const (
	pageBits   = 20
	pageSize   = 1 << pageBits
	firstBlock = 12   // data bytes of a list's first block
	maxBlock   = 4096 // data bytes of a block at most
	linkSize   = 4    // each block starts with the blockRef of the next
)

// block returns the bytes of the block at r: its link, then its data.
func (a *byteArena) block(r blockRef, size uint16) []byte {
	off := int(r & (pageSize - 1))
	return a.pages[r>>pageBits][off : off+linkSize+int(size)]
}

// newBlock allocates a block with size data bytes and a zero link.
func (a *byteArena) newBlock(size uint16) blockRef {
	need := linkSize + int(size)
	if n := len(a.pages); n == 0 || len(a.pages[n-1])+need > pageSize {
		if n >= 1<<(32-pageBits) {
			panic("search: byte arena full") // 4 GB of postings
		}
		page := newPage()
		if n == 0 {
			page = page[:1] // keep blockRef 0 free
		}
		a.pages = append(a.pages, page)
	}
	n := len(a.pages) - 1
	p := a.pages[n]
	r := blockRef(n<<pageBits | len(p))
	a.pages[n] = p[:len(p)+need] // fresh pages are zero: the link is 0
	return r
}

// append adds b to the end of l.
func (a *byteArena) append(l *arenaList, b []byte) {
	l.length += int32(len(b))
	for len(b) > 0 {
		if l.tail == 0 || l.used == l.size {
			size := uint16(firstBlock)
			if l.tail != 0 {
				size = min(2*l.size+linkSize, maxBlock)
			}
			r := a.newBlock(size)
			if l.tail == 0 {
				l.head = r
			} else {
				link := a.block(l.tail, l.size)
				link[0], link[1], link[2], link[3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
			}
			l.tail, l.used, l.size = r, 0, size
		}
		data := a.block(l.tail, l.size)[linkSize:]
		n := copy(data[l.used:], b)
		l.used += uint16(n)
		b = b[n:]
	}
}

// appendTo appends the bytes of l to dst.
func (a *byteArena) appendTo(dst []byte, l *arenaList) []byte {
	size := uint16(firstBlock)
	for r := l.head; r != 0; {
		blk := a.block(r, size)
		next := blockRef(blk[0]) | blockRef(blk[1])<<8 | blockRef(blk[2])<<16 | blockRef(blk[3])<<24
		if next == 0 { // the tail
			return append(dst, blk[linkSize:linkSize+int(l.used)]...)
		}
		dst = append(dst, blk[linkSize:]...)
		r, size = next, min(2*size+linkSize, maxBlock)
	}
	return dst
}
