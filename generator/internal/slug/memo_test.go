package slug

import (
	"testing"

	"github.com/mozillazg/go-pinyin"
)

// TestRuneMemoLikePinyin requires the memo to give go-pinyin's own first
// reading for every character, on the call that fills a slot and on the
// calls that read it, inside the memo's blocks and outside them.
func TestRuneMemoLikePinyin(t *testing.T) {
	for _, style := range []int{pinyin.Tone3, pinyin.Normal} {
		m := &runeMemo{read: firstOf(styled(style))}
		args := styled(style)
		for _, r := range []rune{'a', '１', 'ǖ', 0x33FF, memoFirst, '办', '行', '银', memoLast, 0xA000, 0x20000} {
			want := ""
			if py := pinyin.SinglePinyin(r, args); len(py) > 0 {
				want = py[0]
			}
			for range 2 {
				if got := m.get(r); got != want {
					t.Errorf("style %d, %q: %q, want %q", style, r, got, want)
				}
			}
		}
	}
	if got, want := SortKey("行政许可Ａ"), "xing2 zheng4 xu3 ke3 a "; got != want {
		t.Errorf("SortKey: %q, want %q", got, want)
	}
}
