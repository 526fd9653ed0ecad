package render

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func gzipSize(t *testing.T, data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// TestGuidePageBudget keeps a guide page and its CSS within 14 kB gzipped,
// the first round trip of a TCP connection on a slow mobile network.
func TestGuidePageBudget(t *testing.T) {
	files := renderFixture(t, true)
	html := files["guide/330000-SF-XK-0001/index.html"]
	css := files["assets/site.css"]
	h, c := gzipSize(t, html), gzipSize(t, css)
	t.Logf("guide page: %d B (%d B gzip); site.css: %d B (%d B gzip)", len(html), h, len(css), c)
	if h+c > 14*1024 {
		t.Errorf("guide page + CSS = %d B gzipped, over the 14 kB budget", h+c)
	}
}

// TestLargestGuideWithinBudget checks the same budget on the largest guide
// of a synthetic site (7 materials, 3 steps, a body with a table and
// questions, implementations listed).
func TestLargestGuideWithinBudget(t *testing.T) {
	r, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r.Render(syntheticSite(200))
	if err != nil {
		t.Fatal(err)
	}
	var css, largest []byte
	var largestPath string
	for _, f := range files {
		if f.Path == "assets/site.css" {
			css = f.Data
		}
		// guide pages, not their printable sheets
		if strings.HasPrefix(f.Path, "guide/") && !strings.HasSuffix(f.Path, "/print.html") && len(f.Data) > len(largest) {
			largest, largestPath = f.Data, f.Path
		}
	}
	h, c := gzipSize(t, largest), gzipSize(t, css)
	t.Logf("%s: %d B (%d B gzip) + css %d B gzip", largestPath, len(largest), h, c)
	if h+c > 14*1024 {
		t.Errorf("%s + CSS = %d B gzipped, over 14 kB", largestPath, h+c)
	}
}
