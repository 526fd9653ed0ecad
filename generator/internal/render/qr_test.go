package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rsc.io/qr"
)

// TestQRSVGDrawsTheBitmap redraws the SVG's path as a bitmap and wants it
// equal to the QR library's, quiet zone included, and the same bytes on a
// second call.
func TestQRSVGDrawsTheBitmap(t *testing.T) {
	const url = "https://zwfw.example.gov.cn/guide/330000-SF-XK-0001/"
	svg, err := qrSVG(url, "扫码打开<指南>")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := qrSVG(url, "扫码打开<指南>")
	if svg != again {
		t.Error("two calls gave different SVG")
	}
	if !strings.Contains(string(svg), `aria-label="扫码打开&lt;指南&gt;"`) {
		t.Errorf("label not escaped: %.200s", svg)
	}
	if strings.Count(string(svg), "<path") != 1 {
		t.Errorf("want one path, got %d", strings.Count(string(svg), "<path"))
	}
	code, err := qr.Encode(url, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	want := withQuietZone(code)
	n := len(want)
	if !strings.Contains(string(svg), `viewBox="0 0 `+strconv.Itoa(n)+" "+strconv.Itoa(n)+`"`) {
		t.Errorf("viewBox does not match the %d-module bitmap", n)
	}
	got := make([][]bool, n)
	for i := range got {
		got[i] = make([]bool, n)
	}
	d := regexp.MustCompile(`<path d="([^"]*)"`).FindStringSubmatch(string(svg))[1]
	cmd := regexp.MustCompile(`([Mm])(-?\d+) (\d+)h(\d+)v1h-(\d+)z`)
	if rest := cmd.ReplaceAllString(d, ""); rest != "" {
		t.Fatalf("path holds more than runs: %q", rest)
	}
	px, py := 0, 0 // the pen, back at the run's start after each z
	for _, m := range cmd.FindAllStringSubmatch(d, -1) {
		x, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		w, _ := strconv.Atoi(m[4])
		if m[1] == "m" {
			x, y = px+x, py+y
		}
		if m[4] != m[5] {
			t.Fatalf("run at %d,%d does not close: %s", x, y, m[0])
		}
		for i := x; i < x+w; i++ {
			if got[y][i] {
				t.Fatalf("module %d,%d drawn twice", i, y)
			}
			got[y][i] = true
		}
		px, py = x, y
	}
	for y := range want {
		for x := range want[y] {
			if got[y][x] != want[y][x] {
				t.Fatalf("module %d,%d: drawn %v, want %v", x, y, got[y][x], want[y][x])
			}
		}
	}
	if want[0][0] || !want[4][4] {
		t.Error("bitmap lacks the 4-module quiet zone before the finder pattern")
	}
}

func BenchmarkQRSVG(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := qrSVG("https://zwfw.example.gov.cn/guide/330902-SF-XK-"+strconv.Itoa(10000+i%9000)+"/", "二维码"); err != nil {
			b.Fatal(err)
		}
	}
}

// withQuietZone returns the code's modules as rows of booleans (true is
// dark), with the four-module quiet zone around them: the reference the
// SVG is checked against.
func withQuietZone(code *qr.Code) [][]bool {
	const quiet = 4
	n := code.Size + 2*quiet
	rows := make([][]bool, n)
	for y := range rows {
		rows[y] = make([]bool, n)
		if y < quiet || y >= quiet+code.Size {
			continue
		}
		for x := 0; x < code.Size; x++ {
			rows[y][x+quiet] = code.Black(x, y-quiet)
		}
	}
	return rows
}

// encodeQR, with its plans made once, must give qr.Encode's modules for
// every kind of text (digits, upper-case alphanumerics, bytes) and size.
func TestEncodeQRMatchesTheLibrary(t *testing.T) {
	for _, text := range []string{
		"12345678901234567890",
		"HTTPS://EXAMPLE.GOV.CN/GUIDE/330000-SF-XK-0001/",
		"https://zwfw.example.gov.cn/guide/330000-SF-XK-0001/",
		"https://zwfw.example.gov.cn/zhinan/guide/" + strings.Repeat("x", 300) + "/",
	} {
		want, err := qr.Encode(text, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time with the plan made
			got, err := encodeQR(text)
			if err != nil {
				t.Fatal(err)
			}
			if got.Size != want.Size {
				t.Fatalf("%q: size %d, want %d", text, got.Size, want.Size)
			}
			for y := 0; y < want.Size; y++ {
				for x := 0; x < want.Size; x++ {
					if got.Black(x, y) != want.Black(x, y) {
						t.Fatalf("%q: module %d,%d differs", text, x, y)
					}
				}
			}
		}
	}
}
