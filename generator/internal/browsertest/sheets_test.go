package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"zhinan/generator/internal/testdeps"
)

// sheetsToPrint is the notification sheets to print: every 一件事's and
// the largest guides' (by the size of the built page: most materials,
// places and facts, the 好差评 QR), sorted; with ZHINAN_ALL_SHEETS=1
// every sheet of the site (150 prints, several minutes).
func sheetsToPrint(t *testing.T, largest int) []string {
	t.Helper()
	dir, _ := builtSite(t)
	guides, _ := filepath.Glob(filepath.Join(dir, "guide", "*", "print.html"))
	things, _ := filepath.Glob(filepath.Join(dir, "thing", "*", "print.html"))
	if len(guides) < largest || len(things) == 0 {
		t.Fatalf("%d guide sheets and %d bundle sheets in %s", len(guides), len(things), dir)
	}
	size := func(f string) int64 {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	sort.SliceStable(guides, func(i, j int) bool { return size(guides[i]) > size(guides[j]) })
	if os.Getenv("ZHINAN_ALL_SHEETS") != "1" {
		guides = guides[:largest]
	}
	var paths []string
	for _, f := range append(guides, things...) {
		rel, _ := filepath.Rel(dir, f)
		paths = append(paths, "/"+filepath.ToSlash(rel))
	}
	sort.Strings(paths)
	return paths
}

// TestEverySheetOnePageReadableUnbroken prints the sheets of the sample
// site (every 一件事's and the ten largest guides'; every one with
// ZHINAN_ALL_SHEETS=1) to PDF on A4 in both looks and wants one page each; on paper (print media) every text at least 10 pt and of
// AA contrast on white; and in the PDF's text no line that ends inside an
// ASCII word, number or URL (pdftotext reads the lines back).
func TestEverySheetOnePageReadableUnbroken(t *testing.T) {
	needBrowser(t)
	pdftotext := testdeps.Path(t, testdeps.Pdftotext)
	sheets := sheetsToPrint(t, 10)
	// A tab prints a dozen sheets: fewer tabs and home-page loads, and
	// each tab stays well inside its time limit.
	const perTab = 12
	for _, care := range []bool{false, true} {
		look := map[bool]string{false: "standard", true: "care"}[care]
		for start := 0; start < len(sheets); start += perTab {
			batch := sheets[start:min(start+perTab, len(sheets))]
			t.Run(fmt.Sprintf("%s/%d", look, start/perTab+1), func(t *testing.T) {
				tb := newTab(t)
				tb.open("/")
				tb.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("care", "` + map[bool]string{true: "1", false: "0"}[care] + `")`))
				for _, p := range batch {
					tb.open(p)
					checkSheet(t, tb, p, pdftotext)
				}
			})
		}
	}
}

// checkSheet prints the sheet open in tb and checks it: one A4 page, no
// broken word, nothing small or faint on paper.
func checkSheet(t *testing.T, tb *tab, p, pdftotext string) {
	t.Helper()
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(t, pdf); n != 1 {
		t.Errorf("%s: prints on %d A4 pages, want 1", p, n)
	}
	text := eval[string](tb, `document.querySelector(".sheet").innerText`)
	for _, b := range brokenWords(pdfLines(t, pdftotext, pdf), text) {
		t.Errorf("%s: a word is broken across lines: %s", p, b)
	}
	printMedia(t, tb, "print")
	for _, small := range eval[[]string](tb, smallOrFaintText) {
		t.Errorf("%s on paper: %s", p, small)
	}
	printMedia(t, tb, "")
}

// pdfLines is the text of a PDF as pdftotext reads it, line by line, in
// the order Chromium drew it (-raw: no joining of a word broken after a
// hyphen, which the default mode would hide).
func pdfLines(t *testing.T, pdftotext string, pdf []byte) []string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(string(out), "\n")
}

var (
	// wordEnd is the ASCII word, number or URL part a line ends with.
	wordEnd = regexp.MustCompile(`[A-Za-z0-9_-]+$`)
	// wordStart is the one a line begins with.
	wordStart = regexp.MustCompile(`^[A-Za-z0-9_-]+`)
)

// brokenWords finds the places where a line of the printed text ends
// inside an ASCII run: the line ends with letters, digits or a hyphen, the
// next begins with them, and the page's text holds the two joined without
// a space (so the break is not at a space, nor after a /, ., ?, & or =,
// where a URL may break). A code broken after its hyphen (330900-GA-QR-⏎
// 0001) counts as broken. Chinese text may
// break anywhere and is not looked at.
func brokenWords(lines []string, text string) []string {
	joined := strings.Join(strings.Fields(text), " ")
	var broken []string
	for i := 0; i+1 < len(lines); i++ {
		a := wordEnd.FindString(strings.TrimRight(lines[i], " "))
		b := wordStart.FindString(strings.TrimLeft(lines[i+1], " "))
		if a == "" || b == "" {
			continue
		}
		if strings.Contains(joined, a+b) {
			broken = append(broken, strings.TrimSpace(lines[i])+"⏎"+strings.TrimSpace(lines[i+1]))
		}
	}
	return broken
}

// smallOrFaintText, evaluated under print media, lists the sheet's texts
// (elements with a text node of their own) set under 10 pt (13.33 px) or
// in a colour under 4.5:1 on white.
const smallOrFaintText = `(() => {
  const lum = c => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const el of document.querySelectorAll(".sheet, .sheet *")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const s = getComputedStyle(el);
    const px = parseFloat(s.fontSize);
    const ratio = 1.05 / (lum(s.color) + 0.05);
    const what = el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " “" + el.textContent.trim().slice(0, 20) + "”";
    if (px < 13.3) out.push(what + ": " + (px * 0.75).toFixed(1) + " pt, want ≥ 10 pt");
    if (ratio < 4.5) out.push(what + ": contrast " + ratio.toFixed(2) + ":1, want ≥ 4.5:1");
  }
  return out;
})()`

// printMedia emulates a CSS media type ("print", or "" for the screen).
func printMedia(t *testing.T, tb *tab, media string) {
	t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		t.Fatal(err)
	}
}

// TestBrokenWords checks the checker on lines pdftotext -raw read from
// sheets: the ID-card sheet as main printed it before the sheet's URLs
// broke only after / . ? & = (its URL broken after QR-), a window range
// broken after its hyphen, and breaks that are allowed.
func TestBrokenWords(t *testing.T) {
	text := "办理前请扫码或访问 https://zwfw.example.gov.cn/guide/330900-GA-QR-0001/ 查看最新要求。 舟山市行政服务中心户籍窗口（公安综合窗口 E1-E4） 咨询：0580-2042110 投诉：12345 地址：翁山路555号"
	for _, c := range []struct {
		lines []string
		want  int
	}{
		{[]string{"办理前请扫码或访问https://zwfw.example.gov.cn/guide/330900-GA-QR-", "0001/查看最新要求。"}, 1},
		{[]string{"舟山市行政服务中心户籍窗口（公安综合窗口E1-", "E4）"}, 1},
		{[]string{"办理前请扫码或访问https://zwfw.example.gov.cn/guide/", "330900-GA-QR-0001/查看最新要求。"}, 0},
		{[]string{"办理前请扫码或访问https://zwfw.example.", "gov.cn/guide/330900-GA-QR-0001/"}, 0},
		{[]string{"咨询：0580-2042110", "投诉：12345"}, 0},
		{[]string{"地址：翁山路555", "号"}, 0},
	} {
		if got := brokenWords(c.lines, text); len(got) != c.want {
			t.Errorf("%q: %d broken (%q), want %d", c.lines, len(got), got, c.want)
		}
	}
}
