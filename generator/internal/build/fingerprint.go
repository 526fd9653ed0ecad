package build

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"time"

	"zhinan/generator/internal/keyhash"
	"zhinan/generator/internal/site"
)

// digest hashes values of any type for the fingerprints of an incremental
// build: every field, exported or not, followed through pointers, maps in
// key order, so that two values hash alike exactly when they hold the
// same data. Diagnostic positions (site.Positions) are left out: the
// build drops them before it renders (dropDiagnosticData), so no output
// depends on them.
type digest struct {
	k    *keyhash.Hash
	sums knownSums // the guides' sums the guide cache holds, if any
}

func newDigest() *digest { return &digest{k: keyhash.New()} }

// newGuideDigest is a digest that takes the sums of guides from sums.
func newGuideDigest(sums knownSums) *digest { return &digest{k: keyhash.New(), sums: sums} }

var (
	timeType      = reflect.TypeFor[time.Time]()
	positionsType = reflect.TypeFor[site.Positions]()
	guideType     = reflect.TypeFor[*site.Guide]()
)

// add hashes each value in turn.
func (d *digest) add(vs ...any) *digest {
	for _, v := range vs {
		d.value(reflect.ValueOf(v), 0)
	}
	return d
}

// sum is the digest so far, in hex.
func (d *digest) sum() string { return d.k.Sum() }

func (d *digest) uint(n uint64) { d.k.Uint(n) }

func (d *digest) str(s string) { d.k.Str(s) }

// value hashes v, its kind first so that values of different shapes never
// collide.
func (d *digest) value(v reflect.Value, depth int) {
	if depth > 64 {
		panic("build: fingerprint of a value nested too deep (a cycle?)")
	}
	if !v.IsValid() {
		d.uint(0)
		return
	}
	d.uint(uint64(v.Kind()))
	switch v.Kind() {
	case reflect.String:
		d.str(v.String())
	case reflect.Bool:
		var b uint64
		if v.Bool() {
			b = 1
		}
		d.uint(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.uint(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.uint(v.Uint())
	case reflect.Float32, reflect.Float64:
		d.uint(math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		d.pointer(v, depth)
	case reflect.Slice, reflect.Array:
		d.uint(uint64(v.Len()))
		for i := range v.Len() {
			d.value(v.Index(i), depth+1)
		}
	case reflect.Map:
		d.mapValue(v, depth)
	case reflect.Struct:
		d.structValue(v, depth)
	default: // func, chan: nothing a page could show
		d.str(v.Type().String())
	}
}

func (d *digest) pointer(v reflect.Value, depth int) {
	if v.IsNil() {
		d.uint(0)
		return
	}
	d.uint(1)
	if v.Type() == guideType && v.CanInterface() {
		d.guide(v.Interface().(*site.Guide))
		return
	}
	if v.Kind() == reflect.Interface {
		d.str(v.Elem().Type().String())
	}
	d.value(v.Elem(), depth+1)
}

// guide hashes a guide's values (everything but its positions) through
// its file's name and its content sum (guidecodec.Sums.Content), taken
// from d.sums when the guide cache holds it: by reflection the guide was
// most of the fingerprints' CPU, 1 s of an edit's build at 100,000 guides,
// and encoding it again half of what was left.
func (d *digest) guide(g *site.Guide) {
	sum := d.sums.content(g)
	d.k.Str(g.File)
	d.k.Bytes(sum[:])
}

// guideBufs lend a buffer for one guide's cache record while
// diskCache.put writes it. A buffer a guide would be garbage
// once for every guide: diskCache.put's alone was 4 GB in a clean build
// of 1,000,000 guides.
var guideBufs = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

func (d *digest) structValue(v reflect.Value, depth int) {
	t := v.Type()
	switch t {
	case positionsType:
		return
	case timeType:
		if v.CanInterface() {
			tm := v.Interface().(time.Time)
			d.str(tm.Format(time.RFC3339Nano) + " " + tm.Location().String())
			return
		}
	}
	d.str(t.String())
	for i := range v.NumField() {
		d.value(v.Field(i), depth+1)
	}
}

func (d *digest) mapValue(v reflect.Value, depth int) {
	keys := v.MapKeys()
	names := make([]string, len(keys))
	order := make([]int, len(keys))
	for i, k := range keys {
		names[i] = fmt.Sprint(k)
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(names[a], names[b]) })
	d.uint(uint64(len(keys)))
	for _, i := range order {
		d.value(keys[i], depth+1)
		d.value(v.MapIndex(keys[i]), depth+1)
	}
}
