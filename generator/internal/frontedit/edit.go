package frontedit

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
)

// Doc is what a guide file should hold: its front matter decoded as
// site.Document.Front holds it (string, int64, float64, bool, time.Time,
// []any, map[string]any, []map[string]any) and its body (LF line endings).
type Doc struct {
	Front map[string]any
	Body  string
}

// Order gives the order in which keys of a table are written when they are
// new: table is "" for the top level, else the path of the table without
// array indices ("service", "materials", "time.special"). Keys it does not
// list come after, sorted. A nil Order sorts every table's keys.
type Order func(table string) []string

// Rewrite returns src changed so that it holds want, by the smallest edit
// (see the package comment), and whether anything changed. When src holds
// want already it returns src itself. The result is checked by parsing it
// again; a file the writer cannot edit safely gives ErrUnsupported.
func Rewrite(src []byte, want Doc, order Order) ([]byte, bool, error) {
	doc, diags := load.Parse("guide.md", src)
	if doc == nil {
		msg := "前置信息无法解析"
		if len(diags) > 0 {
			msg = diags[0].Message
		}
		return nil, false, fmt.Errorf("%w：%s", ErrUnsupported, msg)
	}
	if Equal(doc.Front, want.Front) && doc.Body == want.Body {
		return src, false, nil
	}
	l, err := scan(src)
	if err != nil {
		return nil, false, err
	}
	e := &editor{l: l, order: order, adds: map[int][]string{}}
	if err := e.table("", doc.Front, want.Front); err != nil {
		return nil, false, err
	}
	if doc.Body != want.Body {
		e.cut(l.bodyStart, len(src))
		e.insert(l.bodyStart, withNewline(want.Body, l.newline))
	}
	out := e.apply()
	if err := verify(out, want); err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// verify parses the edited file and compares it with what was wanted.
func verify(out []byte, want Doc) error {
	got, diags := load.Parse("guide.md", out)
	if got == nil {
		msg := ""
		if len(diags) > 0 {
			msg = diags[0].Message
		}
		return fmt.Errorf("%w：修改后的前置信息无法解析（%s）", ErrUnsupported, msg)
	}
	if !Equal(got.Front, want.Front) || got.Body != want.Body {
		return fmt.Errorf("%w：这个文件用了内联表或点号键等写法，修改后与预期不符", ErrUnsupported)
	}
	return nil
}

// span is a range of bytes to delete.
type span struct{ start, end int }

// editor collects the edits of one file: ranges to delete, text to insert
// at offsets, and new blocks to add before the closing +++.
type editor struct {
	l     *layout
	order Order
	cuts  []span
	adds  map[int][]string
	tail  []string
}

func (e *editor) cut(start, end int)         { e.cuts = append(e.cuts, span{start, end}) }
func (e *editor) insert(at int, text string) { e.adds[at] = append(e.adds[at], text) }

// table makes the table at path (holding old) hold want.
func (e *editor) table(path string, old, want map[string]any) error {
	for _, k := range slices.Sorted(maps.Keys(old)) {
		p := join(path, k)
		w, ok := want[k]
		var err error
		if !ok {
			err = e.remove(p)
		} else {
			err = e.change(path, k, old[k], w)
		}
		if err != nil {
			return err
		}
	}
	for _, k := range e.keys(path, want) {
		if _, ok := old[k]; !ok {
			if err := e.add(path, k, want[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// change makes key k of the table at path hold w instead of o.
func (e *editor) change(path, k string, o, w any) error {
	if Equal(o, w) {
		return nil
	}
	p := join(path, k)
	om, oTable := o.(map[string]any)
	wm, wTable := w.(map[string]any)
	if oTable && wTable {
		return e.table(p, om, wm)
	}
	oa, oArray := o.([]map[string]any)
	wa, wArray := w.([]map[string]any)
	if oArray && wArray {
		return e.array(p, oa, wa)
	}
	if oTable || wTable || oArray || wArray {
		if err := e.remove(p); err != nil {
			return err
		}
		return e.add(path, k, w)
	}
	en := e.l.byPath[p]
	if en == nil {
		return fmt.Errorf("%w：%s 写在内联表或点号键里", ErrUnsupported, p)
	}
	e.cut(en.valStart, en.valEnd)
	e.insert(en.valStart, Encode(w))
	return nil
}

// array makes the array of tables at path hold want: common elements are
// edited, extra old ones deleted, new ones added after the last.
func (e *editor) array(path string, old, want []map[string]any) error {
	for i := 0; i < len(old) && i < len(want); i++ {
		if err := e.table(join(path, strconv.Itoa(i)), old[i], want[i]); err != nil {
			return err
		}
	}
	for i := len(want); i < len(old); i++ {
		if err := e.remove(join(path, strconv.Itoa(i))); err != nil {
			return err
		}
	}
	if len(want) <= len(old) {
		return nil
	}
	last := join(path, strconv.Itoa(len(old)-1))
	at, ok := e.contentEnd(last)
	if !ok {
		return fmt.Errorf("%w：%s 不是用 [[…]] 表头写的", ErrUnsupported, path)
	}
	for _, m := range want[len(old):] {
		e.insert(at, e.l.newline+e.block(path, m, true))
	}
	return nil
}

// contentEnd is the offset after the last key of the table at path, or
// after its header when it has none.
func (e *editor) contentEnd(path string) (int, bool) {
	h := e.l.headerOf[path]
	if h == nil {
		return 0, false
	}
	at := h.lineEnd
	for _, en := range e.l.entries {
		if en.table == path && en.lineEnd > at {
			at = en.lineEnd
		}
	}
	return at, true
}

// remove deletes a key, a table or an element of an array of tables, with
// its lines.
func (e *editor) remove(path string) error {
	found := false
	for _, en := range e.l.entries {
		if en.path == path || strings.HasPrefix(en.path, path+".") {
			e.cut(en.lineStart, en.lineEnd)
			found = true
		}
	}
	for _, h := range e.l.headers {
		if h.path == path || strings.HasPrefix(h.path, path+".") {
			start := h.lineStart
			if h.blockEnd == e.l.frontEnd { // the last block: its blank line before goes too
				start = e.l.blankBefore(start)
			}
			e.cut(start, h.blockEnd)
			found = true
		}
	}
	if !found {
		return fmt.Errorf("%w：找不到 %s 所在的行", ErrUnsupported, path)
	}
	return nil
}

// add writes key k, new in the table at path: a value at the end of the
// table, a table or array of tables as new blocks before the closing +++.
func (e *editor) add(path, k string, w any) error {
	p := join(path, k)
	switch x := w.(type) {
	case map[string]any:
		e.tail = append(e.tail, e.l.newline+e.block(p, x, false))
		return nil
	case []map[string]any:
		for _, m := range x {
			e.tail = append(e.tail, e.l.newline+e.block(p, m, true))
		}
		return nil
	}
	line := encodeKey(k) + " = " + Encode(w) + e.l.newline
	if path == "" {
		at := e.l.frontStart
		for _, en := range e.l.entries {
			if en.table == "" {
				at = en.lineEnd
			}
		}
		e.insert(at, line)
		return nil
	}
	if at, ok := e.contentEnd(path); ok {
		e.insert(at, line)
		return nil
	}
	if strings.ContainsAny(path, "0123456789") && isIndexed(path) {
		return fmt.Errorf("%w：%s 不是用表头写的", ErrUnsupported, path)
	}
	e.tail = append(e.tail, e.l.newline+"["+path+"]"+e.l.newline+line)
	return nil
}

// blankBefore returns the start of the blank lines right before offset
// pos (pos itself when there are none), not going above the front matter.
func (l *layout) blankBefore(pos int) int {
	for pos > l.frontStart {
		prev := pos - 1 // the newline ending the line before
		start := prev
		for start > l.frontStart && l.src[start-1] != '\n' {
			start--
		}
		if len(bytes.TrimSpace(l.src[start:prev])) > 0 {
			return pos
		}
		pos = start
	}
	return pos
}

// isIndexed reports whether a path passes through an array element.
func isIndexed(path string) bool {
	for _, part := range strings.Split(path, ".") {
		if _, err := strconv.Atoi(part); err == nil {
			return true
		}
	}
	return false
}

// keys returns the keys of m in the order they are written.
func (e *editor) keys(path string, m map[string]any) []string {
	return orderedKeys(e.order, site.TableName(path), m)
}

// block writes a table or array element at path with its header.
func (e *editor) block(path string, m map[string]any, array bool) string {
	name := site.TableName(path)
	var b strings.Builder
	if array {
		b.WriteString("[[" + name + "]]" + e.l.newline)
	} else {
		b.WriteString("[" + name + "]" + e.l.newline)
	}
	writeTable(&b, e.order, name, m, e.l.newline)
	return b.String()
}

// apply makes the edited file.
func (e *editor) apply() []byte {
	src := e.l.src
	if len(e.tail) > 0 {
		e.insert(e.l.frontEnd, "")
		e.adds[e.l.frontEnd] = append(e.adds[e.l.frontEnd], e.tail...)
	}
	cuts := mergeSpans(e.cuts)
	points := make([]int, 0, len(e.adds))
	for p := range e.adds {
		points = append(points, p)
	}
	sort.Ints(points)
	out := bytes.NewBuffer(make([]byte, 0, len(src)+256))
	pos := 0
	for _, p := range points {
		pos = advance(out, src, pos, p, cuts)
		out.WriteString(strings.Join(e.adds[p], ""))
	}
	advance(out, src, pos, len(src), cuts)
	return out.Bytes()
}

// advance copies src from pos up to to, leaving out the cuts, and returns
// where it stopped (past to when a cut goes beyond it).
func advance(out *bytes.Buffer, src []byte, pos, to int, cuts []span) int {
	for pos < to {
		i := sort.Search(len(cuts), func(i int) bool { return cuts[i].end > pos })
		if i == len(cuts) || cuts[i].start >= to {
			out.Write(src[pos:to])
			return to
		}
		if c := cuts[i]; c.start > pos {
			out.Write(src[pos:c.start])
		}
		pos = cuts[i].end
	}
	return pos
}

// mergeSpans sorts spans and joins those that overlap.
func mergeSpans(s []span) []span {
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start })
	var out []span
	for _, c := range s {
		if n := len(out); n > 0 && c.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, c.end)
			continue
		}
		out = append(out, c)
	}
	return out
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// withNewline turns LF line endings into nl.
func withNewline(s, nl string) string {
	if nl == "\n" {
		return s
	}
	return strings.ReplaceAll(s, "\n", nl)
}
