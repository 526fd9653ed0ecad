package render

import (
	"bytes"
	"compress/gzip"
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
