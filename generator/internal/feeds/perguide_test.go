package feeds

import (
	"bytes"
	"io"
	"testing"
)

// bytesReuse hands WriteReusing the parts of an earlier file held in
// memory: those of the guides take says true of.
type bytesReuse struct {
	file   []byte
	l      Layout
	offs   []int64
	take   func(i int) bool
	copies int // CopyTo calls
}

func (r *bytesReuse) Part(i int) (int64, int64, bool) {
	if !r.take(i) {
		return 0, 0, false
	}
	return r.offs[i], r.l.Lens[i], true
}

func (r *bytesReuse) CopyTo(w io.Writer, off, n int64) error {
	r.copies++
	_, err := w.Write(r.file[off : off+n])
	return err
}

// TestWriteReusing: for every per-guide file, the layout says where each
// guide's part is, parts taken from an earlier file give the same bytes
// as parts made anew, parts that follow one another there are copied at
// once, and a part handed in is what the file holds (so a wrong part
// would show).
func TestWriteReusing(t *testing.T) {
	s := fixture()
	for _, f := range OpenDataFiles {
		if !f.PerGuide() {
			continue
		}
		var plain bytes.Buffer
		if err := f.Write(&plain, s); err != nil {
			t.Fatal(err)
		}
		var first bytes.Buffer
		l, err := f.WriteReusing(&first, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), plain.Bytes()) || l.Size != int64(plain.Len()) || len(l.Lens) != len(s.Guides) {
			t.Fatalf("%s: WriteReusing without reuse differs from Write (layout %+v)", f.Path, l)
		}
		for _, c := range []struct {
			name   string
			take   func(i int) bool
			copies int
		}{
			{"every other part", func(i int) bool { return i%2 == 0 }, (len(s.Guides) + 1) / 2},
			{"every part", func(int) bool { return true }, 1},
			{"all but the second", func(i int) bool { return i != 1 }, 2},
		} {
			r := &bytesReuse{file: first.Bytes(), l: l, offs: l.Offsets(), take: c.take}
			var again bytes.Buffer
			l2, err := f.WriteReusing(&again, s, r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), plain.Bytes()) || l2.Size != l.Size {
				t.Fatalf("%s, %s: reusing parts changed the file:\n%s\nwant\n%s", f.Path, c.name, again.Bytes(), plain.Bytes())
			}
			if r.copies != c.copies {
				t.Errorf("%s, %s: %d copies, want %d", f.Path, c.name, r.copies, c.copies)
			}
		}
		wrong := &bytesReuse{file: []byte("X"), l: Layout{Lens: []int64{1}}, offs: []int64{0}, take: func(i int) bool { return i == 0 }}
		var out bytes.Buffer
		f.WriteReusing(&out, s, wrong)
		if bytes.Equal(out.Bytes(), plain.Bytes()) || !bytes.Contains(out.Bytes(), []byte("X")) {
			t.Fatalf("%s: a part handed in did not reach the file", f.Path)
		}
	}
}
