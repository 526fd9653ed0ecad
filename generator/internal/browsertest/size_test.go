package browsertest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// guideBudget is what a guide page's HTML plus its stylesheet may weigh
// compressed: 14 kB, the first round trip of a new TCP connection, so a
// phone on a slow network shows the page after one.
const guideBudget = 14 * 1024

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

var stylesheetHref = regexp.MustCompile(`<link rel="?stylesheet"? href="?([^" >]+)`)

// TestGuidePageWeight builds the sample site and wants every guide page's
// HTML plus the stylesheets it links within 14 kB gzip. It needs no
// browser.
func TestGuidePageWeight(t *testing.T) {
	dir, _ := builtSite(t)
	guides, err := filepath.Glob(filepath.Join(dir, "guide", "*", "index.html"))
	if err != nil || len(guides) == 0 {
		t.Fatalf("no guide pages in %s (%v)", dir, err)
	}
	largest, largestPage := 0, ""
	for _, g := range guides {
		page, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		total := gzipSize(t, page)
		for _, m := range stylesheetHref.FindAllSubmatch(page, -1) {
			href := string(m[1])
			if i := strings.IndexAny(href, "?#"); i >= 0 {
				href = href[:i]
			}
			css, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(href, "/"))))
			if err != nil {
				t.Fatalf("%s links %s: %v", g, m[1], err)
			}
			total += gzipSize(t, css)
		}
		rel, _ := filepath.Rel(dir, g)
		if strings.Contains(g, sampleGuide) {
			t.Logf("sample guide %s: HTML+CSS %d bytes gzip (budget %d)", rel, total, guideBudget)
		}
		if total > largest {
			largest, largestPage = total, rel
		}
		if total > guideBudget {
			t.Errorf("%s: HTML+CSS %d bytes gzip, over the %d budget", rel, total, guideBudget)
		}
	}
	t.Logf("largest of %d guide pages: %s, %d bytes gzip", len(guides), largestPage, largest)
}

var scriptTag = regexp.MustCompile(`(?is)<script\b([^>]*)>`)

// TestNoRenderBlockingScript wants every external script of every page to
// be defer or async (or a module): inline scripts and JSON-LD are fine.
func TestNoRenderBlockingScript(t *testing.T) {
	dir, _ := builtSite(t)
	for _, f := range htmlFiles(t, dir) {
		page, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range scriptTag.FindAllSubmatch(page, -1) {
			attrs := " " + strings.ToLower(string(m[1])) + " "
			if !strings.Contains(attrs, "src=") {
				continue
			}
			if !regexp.MustCompile(`\s(defer|async)[\s=>]|type="?module`).MatchString(attrs) {
				t.Errorf("%s: render-blocking script <script%s>", f, m[1])
			}
		}
	}
}

var headScript = regexp.MustCompile(`(?is)<head>(.*?)</head>`)

// TestLargePrintBeforeFirstPaint wants every page to set 关怀版 from the
// stored choice in a tiny inline script placed before its stylesheet, so
// a page never paints in small type first and then jumps.
func TestLargePrintBeforeFirstPaint(t *testing.T) {
	dir, _ := builtSite(t)
	for _, f := range htmlFiles(t, dir) {
		page, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		head := headScript.FindSubmatch(page)
		if head == nil {
			t.Errorf("%s: no <head>", f)
			continue
		}
		h := string(head[1])
		script, css := strings.Index(h, `localStorage.getItem("care")`), strings.Index(h, "stylesheet")
		if script < 0 || css < 0 || script > css {
			t.Errorf("%s: no inline 关怀版 script before the stylesheet", f)
			continue
		}
		start := strings.LastIndex(h[:script], "<script>")
		end := strings.Index(h[script:], "</script>")
		if size := script - start + end; start < 0 || size > 300 {
			t.Errorf("%s: the inline head script is %d bytes, want a tiny one (≤ 300)", f, size)
		}
	}
}
