package render

import (
	"strings"
	"testing"
)

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

// TestSheetZeroVisitWording: a zero-visit item's sheet asks for the
// materials to upload online, never for materials to bring; every other
// sheet lists what to bring. Both kinds are in the fixture.
func TestSheetZeroVisitWording(t *testing.T) {
	seen := map[bool]int{}
	for path, data := range renderFixture(t, false) {
		if !strings.HasSuffix(path, "/print.html") {
			continue
		}
		page := string(data)
		zero := strings.Contains(page, "<strong>零上门</strong>")
		seen[zero]++
		online, bring := strings.Contains(page, "网上办理时需上传的材料"), strings.Contains(page, "要带的材料")
		if zero && (!online || bring) {
			t.Errorf("%s: a zero-visit sheet: 网上办理时需上传的材料 %v, 要带的材料 %v", path, online, bring)
		}
		if !zero && (online || !bring) && strings.Contains(page, `class="checklist"`) {
			t.Errorf("%s: 网上办理时需上传的材料 %v, 要带的材料 %v", path, online, bring)
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("the fixture's sheets: %d zero-visit, %d others; want both", seen[true], seen[false])
	}
}
