package feeds

import (
	"bytes"
	"testing"
)

// TestWriteReusing: for every per-guide file, the layout says where each
// guide's part is, parts taken from an earlier file give the same bytes
// as parts made anew, and a part handed in is what the file holds (so a
// wrong part would show).
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
		offs := l.Offsets()
		part := func(i int) []byte { return first.Bytes()[offs[i] : offs[i]+l.Lens[i]] }
		taken := 0
		var again bytes.Buffer
		if _, err := f.WriteReusing(&again, s, func(i int) ([]byte, bool) {
			if i%2 == 1 {
				return nil, false
			}
			taken++
			return part(i), true
		}); err != nil {
			t.Fatal(err)
		}
		if taken == 0 || !bytes.Equal(again.Bytes(), plain.Bytes()) {
			t.Fatalf("%s: reusing %d parts changed the file:\n%s\nwant\n%s", f.Path, taken, again.Bytes(), plain.Bytes())
		}
		var wrong bytes.Buffer
		f.WriteReusing(&wrong, s, func(i int) ([]byte, bool) { return []byte("X"), i == 0 })
		if bytes.Equal(wrong.Bytes(), plain.Bytes()) || !bytes.Contains(wrong.Bytes(), []byte("X")) {
			t.Fatalf("%s: a part handed in did not reach the file", f.Path)
		}
	}
}
