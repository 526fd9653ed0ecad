package render

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"rsc.io/qr/coding"
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
	code, err := encodeQR(text)
	if err != nil {
		return "", err
	}
	const quiet = 4 // modules of white around the code, as the standard asks
	size := code.Size + 2*quiet
	n := strconv.Itoa(size)
	// One buffer, sized once, whose string is the result: the path takes
	// about 3.3 bytes a module (3.6 kB for a version 4 code, 5.5 kB for
	// version 6), and a sheet draws two codes. A guess of 1.5 regrew the
	// buffer twice, 0.9 GB of garbage at 100,000 guides; a byte slice
	// converted to the string at the end was as much again (strings.Builder
	// hands its bytes over). Numbers under 100, every coordinate of a code
	// up to version 10, are strconv's own strings: no allocation.
	var b strings.Builder
	b.Grow(256 + len(label) + code.Size*code.Size*7/2)
	b.WriteString(`<svg class="qr" viewBox="0 0 ` + n + " " + n +
		`" role="img" aria-label="` + template.HTMLEscapeString(label) + `" shape-rendering="crispEdges">`)
	b.WriteString(`<rect width="` + n + `" height="` + n + `" fill="#fff"/><path d="`)
	for y := 0; y < code.Size; y++ {
		last := -1 // start of the previous run on this row
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < code.Size && code.Black(x, y) {
				x++
			}
			// A run is a rectangle one module high. After z the pen is
			// back at the run's start, so the next run of the row is a
			// relative move along it.
			if last < 0 {
				b.WriteByte('M')
				b.WriteString(strconv.Itoa(start + quiet))
				b.WriteByte(' ')
				b.WriteString(strconv.Itoa(y + quiet))
			} else {
				b.WriteByte('m')
				b.WriteString(strconv.Itoa(start - last))
				b.WriteString(" 0")
			}
			w := strconv.Itoa(x - start)
			b.WriteByte('h')
			b.WriteString(w)
			b.WriteString("v1h-")
			b.WriteString(w)
			b.WriteByte('z')
			last = start
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}

// encodeQR encodes text at level M exactly as qr.Encode does (the smallest
// encoding and version that fit, mask 0), with the plan of each version
// made once: making the plan (where every module goes) was most of the
// encoding time, and a plan serves any number of codes, concurrently.
func encodeQR(text string) (*coding.Code, error) {
	var enc coding.Encoding
	switch {
	case coding.Num(text).Check() == nil:
		enc = coding.Num(text)
	case coding.Alpha(text).Check() == nil:
		enc = coding.Alpha(text)
	default:
		enc = coding.String(text)
	}
	const level = coding.M
	v := coding.Version(coding.MinVersion)
	for enc.Bits(v) > v.DataBytes(level)*8 {
		if v++; v > coding.MaxVersion {
			return nil, errors.New("网址太长，无法编成二维码")
		}
	}
	p, err := qrPlans[v].get(v, level)
	if err != nil {
		return nil, err
	}
	return p.Encode(enc)
}

// qrPlans holds the plan of each QR version, made on first use.
var qrPlans [coding.MaxVersion + 1]qrPlan

type qrPlan struct {
	once sync.Once
	plan *coding.Plan
	err  error
}

func (q *qrPlan) get(v coding.Version, l coding.Level) (*coding.Plan, error) {
	q.once.Do(func() { q.plan, q.err = coding.NewPlan(v, l, 0) })
	return q.plan, q.err
}
