package browsertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pdfPage matches a page object of a PDF (not the /Pages tree node).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// pdfMediaBox matches a page size in points.
var pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)

// printSheet prints a guide's notification sheet to PDF on A4 paper, as
// the browser's print dialog would with default margins.
func printSheet(t *testing.T, tb *tab, code string) []byte {
	t.Helper()
	tb.open("/guide/" + code + "/print.html")
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// pdfPages counts the pages of a PDF and checks each is A4 (595 × 842
// points), cross-checked with pdfinfo when poppler-utils is installed.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	n := len(pdfPage.FindAll(pdf, -1))
	for _, m := range pdfMediaBox.FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if w < 594 || w > 596 || h < 841 || h > 843 {
			t.Errorf("page of %.0f × %.0f pt, want A4 (595 × 842)", w, h)
		}
	}
	if pdfinfo, err := exec.LookPath("pdfinfo"); err == nil {
		f := filepath.Join(t.TempDir(), "sheet.pdf")
		if err := os.WriteFile(f, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdfinfo, f).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("pdfinfo gave no page count:\n%s", out)
		}
		if got, _ := strconv.Atoi(string(m[1])); got != n {
			t.Errorf("pdfinfo counts %d pages, the page objects %d", got, n)
		}
	}
	return n
}

// largestSheet is the code of the guide whose sheet has the most text, by
// the size of its built page.
func largestSheet(t *testing.T) string {
	t.Helper()
	dir, _ := builtSite(t)
	sheets, err := filepath.Glob(filepath.Join(dir, "guide", "*", "print.html"))
	if err != nil || len(sheets) == 0 {
		t.Fatalf("no sheets in %s", dir)
	}
	code, size := "", int64(0)
	for _, s := range sheets {
		if fi, err := os.Stat(s); err == nil && fi.Size() > size {
			code, size = filepath.Base(filepath.Dir(s)), fi.Size()
		}
	}
	return code
}

// TestSheetPrintsOnOneA4Page prints to PDF the notification sheets of the
// sample guide (seven materials, two places), of a local guide and of the
// guide with the largest sheet, and wants exactly one A4 page each, in the
// standard and the large-print look, holding the QR code and the guide's
// date.
func TestSheetPrintsOnOneA4Page(t *testing.T) {
	needBrowser(t)
	codes := []string{sampleGuide, "330900-SF-XK-0007"}
	if big := largestSheet(t); big != sampleGuide {
		codes = append(codes, big)
	}
	for _, code := range codes {
		for _, care := range []bool{false, true} {
			name := code
			if care {
				name += "/care"
			}
			t.Run(name, func(t *testing.T) {
				tb := newTab(t)
				tb.open("/")
				tb.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("care", "` + map[bool]string{true: "1", false: "0"}[care] + `")`))
				pdf := printSheet(t, tb, code)
				if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
					t.Fatalf("not a PDF: %.20q", pdf)
				}
				if dir := os.Getenv("ZHINAN_KEEP_PDF"); dir != "" {
					// to look at the sheets: ZHINAN_KEEP_PDF=/tmp/sheets go test -run TestSheet
					f := filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".pdf")
					if err := os.WriteFile(f, pdf, 0o644); err != nil {
						t.Error(err)
					}
				}
				if n := pdfPages(t, pdf); n != 1 {
					t.Errorf("%s: the sheet prints on %d A4 pages, want 1", code, n)
				} else {
					t.Logf("%s: 1 A4 page, %d bytes of PDF", name, len(pdf))
				}
				if eval[int](tb, `document.querySelectorAll(".sheet-qr svg path").length`) != 1 {
					t.Error("the sheet has no QR code")
				}
				if care != eval[bool](tb, `document.documentElement.classList.contains("care")`) {
					t.Errorf("large print is %v on the sheet, want %v", !care, care)
				}
				foot := eval[string](tb, `document.querySelector(".sheet-foot").textContent`)
				if !strings.Contains(foot, "年") || !strings.Contains(foot, "/guide/"+code+"/") {
					t.Errorf("the sheet's footer lacks the guide's date or URL: %q", foot)
				}
			})
		}
	}
}
