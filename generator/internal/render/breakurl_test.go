package render

import "testing"

// TestBreakURL: a URL on the sheet may wrap only after / . ? & = #, each
// part between kept whole, and its text is escaped.
func TestBreakURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.cn/guide/330900-GA-QR-0001/": `<span class=nw>https://</span><wbr><span class=nw>a.</span><wbr><span class=nw>cn/</span><wbr><span class=nw>guide/</span><wbr><span class=nw>330900-GA-QR-0001/</span>`,
		"https://a.cn/x?b=1&c=<2>":              `<span class=nw>https://</span><wbr><span class=nw>a.</span><wbr><span class=nw>cn/</span><wbr><span class=nw>x?</span><wbr><span class=nw>b=</span><wbr><span class=nw>1&amp;</span><wbr><span class=nw>c=</span><wbr><span class=nw>&lt;2&gt;</span>`,
		"":                                      "",
	} {
		if got := string(breakURL(in)); got != want {
			t.Errorf("breakURL(%q) =\n%s\nwant\n%s", in, got, want)
		}
	}
}
