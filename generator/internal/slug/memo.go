package slug

import (
	"sync/atomic"

	"github.com/mozillazg/go-pinyin"
)

// runeMemo remembers one go-pinyin reading per character of the CJK
// blocks (U+3400–U+9FFF), filled on first use. go-pinyin's SinglePinyin
// styles every reading through regular expressions on each call: at
// 100,000 guide titles that was 0.7 s of CPU of every build (#17), for
// a few thousand distinct characters. Safe for concurrent use: two
// goroutines that miss at once compute the same string.
type runeMemo struct {
	read  func(rune) string
	slots [memoLast - memoFirst + 1]atomic.Pointer[string]
}

const (
	memoFirst = 0x3400
	memoLast  = 0x9FFF
)

// get returns read(r), from the memo when r is in its blocks.
func (m *runeMemo) get(r rune) string {
	if r < memoFirst || r > memoLast {
		return m.read(r)
	}
	slot := &m.slots[r-memoFirst]
	if p := slot.Load(); p != nil {
		return *p
	}
	s := m.read(r)
	slot.Store(&s)
	return s
}

// firstOf returns a function giving the first reading of a character in
// go-pinyin's style args ("" for one it does not know).
func firstOf(args pinyin.Args) func(rune) string {
	return func(r rune) string {
		if py := pinyin.SinglePinyin(r, args); len(py) > 0 {
			return py[0]
		}
		return ""
	}
}

var (
	// tonedMemo is the first toned reading (an3), SortKey's.
	tonedMemo = &runeMemo{read: firstOf(styled(pinyin.Tone3))}
	// tonelessMemo is the first toneless reading, firstReading's.
	tonelessMemo = &runeMemo{read: firstOf(styled(pinyin.Normal))}
)

// styled is go-pinyin's default arguments with another style.
func styled(style int) pinyin.Args {
	args := pinyin.NewArgs()
	args.Style = style
	return args
}
