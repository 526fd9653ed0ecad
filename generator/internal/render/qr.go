package render

import (
	"html/template"
	"strconv"

	"rsc.io/qr"
)

// qrSVG draws a QR code of text as inline SVG for a printed sheet: a white
// square with the quiet zone of four modules the standard asks for, and
// one <path> holding every run of dark modules, row by row. One module is
// one user unit, so the code scales to any size without blurring. The same
// text always gives the same bytes. label is what a screen reader says.
//
// Level M (15 % of the code may be lost) suits paper that gets folded and
// ticked: a guide URL of about 60 characters gives version 4 or 5, 33 or
// 37 modules a side.
//
// rsc.io/qr encodes in about 20 µs where skip2/go-qrcode, which scores all
// eight masks, took 800 µs: at 10,000 guides that was 4.7 CPU-seconds of a
// build whose whole budget is 2 seconds.
func qrSVG(text, label string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", err
	}
	bits := withQuietZone(code)
	n := strconv.Itoa(len(bits))
	// One buffer, numbers appended in place: a build draws 10,000 codes.
	buf := make([]byte, 0, 160+len(bits)*len(bits)/2)
	buf = append(buf, `<svg class="qr" viewBox="0 0 `+n+" "+n+
		`" role="img" aria-label="`+template.HTMLEscapeString(label)+`" shape-rendering="crispEdges">`...)
	buf = append(buf, `<rect width="`+n+`" height="`+n+`" fill="#fff"/><path d="`...)
	for y, row := range bits {
		last := -1 // start of the previous run on this row
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			// A run is a rectangle one module high. After z the pen is
			// back at the run's start, so the next run of the row is a
			// relative move along it.
			if last < 0 {
				buf = append(buf, 'M')
				buf = strconv.AppendInt(buf, int64(start), 10)
				buf = append(buf, ' ')
				buf = strconv.AppendInt(buf, int64(y), 10)
			} else {
				buf = append(buf, 'm')
				buf = strconv.AppendInt(buf, int64(start-last), 10)
				buf = append(buf, " 0"...)
			}
			w := int64(x - start)
			buf = append(buf, 'h')
			buf = strconv.AppendInt(buf, w, 10)
			buf = append(buf, "v1h-"...)
			buf = strconv.AppendInt(buf, w, 10)
			buf = append(buf, 'z')
			last = start
		}
	}
	buf = append(buf, `"/></svg>`...)
	return template.HTML(buf), nil
}

// withQuietZone returns the code's modules as rows of booleans (true is
// dark), with the four-module quiet zone around them.
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
