package guidecodec

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// TestRoundTripEveryField fills every field of site.Guide (found by
// reflection, so a field added later is filled too) with random values and
// checks that a guide read back equals the one written.
func TestRoundTripEveryField(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 17))
	for round := range 200 {
		g := &site.Guide{}
		fill(rng, reflect.ValueOf(g).Elem(), round%4 == 0)
		g.Positions = site.NewPositions(g.File, map[string]int{"code": 2, "materials.0.name": 9}, map[string]int{"body": 30})
		if round%3 == 0 {
			g.Positions = g.Positions.Inherit(site.NewPositions("content/base.md", map[string]int{"materials": 4}), func(top string) bool { return top == "materials" })
		}
		diags := []site.Diagnostic{{File: g.File, Line: rng.IntN(50), Rule: "R12", Severity: site.Warning, Message: "警告 " + g.Title}}
		if round%2 == 0 {
			diags = nil
		}
		tab := NewTable()
		rec := Append([]byte("prefix"), tab, g, diags)
		back, backDiags, err := Decode(rec[len("prefix"):], readBack(t, tab))
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		assertSame(t, g, back)
		if !reflect.DeepEqual(diags, backDiags) {
			t.Fatalf("round %d: diagnostics %v, read back %v", round, diags, backDiags)
		}
	}
}

// TestNilGuide: a file that could not be parsed has only diagnostics.
func TestNilGuide(t *testing.T) {
	diags := []site.Diagnostic{{File: "content/a.md", Line: 3, Rule: "R1", Message: "无法解析"}}
	tab := NewTable()
	rec := Append(nil, tab, nil, diags)
	g, back, err := Decode(rec, readBack(t, tab))
	if err != nil || g != nil || !reflect.DeepEqual(back, diags) {
		t.Fatalf("got %v %v %v", g, back, err)
	}
}

// TestCorruptRecords: every truncation of a record, and trailing bytes,
// are refused rather than read as a guide.
func TestCorruptRecords(t *testing.T) {
	g := &site.Guide{}
	fill(rand.New(rand.NewPCG(2, 3)), reflect.ValueOf(g).Elem(), false)
	tab := NewTable()
	rec := Append(nil, tab, g, nil)
	read := readBack(t, tab)
	for n := range len(rec) {
		if _, _, err := Decode(rec[:n], read); err == nil {
			t.Fatalf("a record cut to %d of %d bytes was read", n, len(rec))
		}
	}
	if _, _, err := Decode(append(rec, 0), read); err == nil {
		t.Fatal("a record with a trailing byte was read")
	}
	// A table that lacks the strings the record names.
	if _, _, err := Decode(rec, readBack(t, NewTable())); err == nil {
		t.Fatal("a record was read with a table that does not hold its strings")
	}
	// A position pointing past the files the record lists: positions are
	// last in a record, and its last entry is its path, its file (0, one
	// byte) and its line (9, one byte).
	one := &site.Guide{File: "content/a.md", Positions: site.NewPositions("content/a.md", map[string]int{"code": 9})}
	bad := Append(nil, tab, one, nil)
	if _, _, err := Decode(bad, readBack(t, tab)); err != nil {
		t.Fatalf("a whole record: %v", err)
	}
	bad[len(bad)-2] = 2 // zig-zag 1: the second file, of one
	if _, _, err := Decode(bad, readBack(t, tab)); err == nil {
		t.Fatal("a position in a file the record does not list was read")
	}
	data := tab.Bytes()
	for n := range len(data) {
		if _, err := ReadTable(data[:n]); err == nil {
			t.Fatalf("a table cut to %d of %d bytes was read", n, len(data))
		}
	}
}

// TestSampleSite: every guide of the repository's sample site, decoded
// from its file as a build does, reads back equal.
func TestSampleSite(t *testing.T) {
	root := filepath.Join(repoRoot(t))
	fsys := load.DirFS(root)
	files, _ := load.ContentFiles(fsys)
	if len(files) < 10 {
		t.Fatalf("only %d content files under %s", len(files), root)
	}
	tab := NewTable()
	type written struct {
		g     *site.Guide
		diags []site.Diagnostic
		rec   []byte
	}
	var all []written
	for _, f := range files {
		doc, ds := load.ReadDocument(fsys, f)
		if doc == nil {
			t.Fatalf("%s: %v", f, ds)
		}
		g, d := validate.Decode(doc)
		diags := append(ds, d...)
		all = append(all, written{g, diags, Append(nil, tab, g, diags)})
	}
	// One table for all the records, as the build's cache keeps it; a
	// second table that grows on (as a build adds guides parsed again)
	// still reads the first records.
	read := readBack(t, tab)
	extra := Append(nil, read, &site.Guide{Title: "新增的事项", Department: "新的部门"}, nil)
	if g, _, err := Decode(extra, readBack(t, read)); err != nil || g.Title != "新增的事项" || g.Department != "新的部门" {
		t.Fatalf("a record numbered after the loaded table: %v %v", g, err)
	}
	read = readBack(t, read)
	for _, w := range all {
		back, backDiags, err := Decode(w.rec, read)
		if err != nil {
			t.Fatalf("%s: %v", w.g.File, err)
		}
		assertSame(t, w.g, back)
		if len(w.diags) != len(backDiags) || (len(w.diags) > 0 && !reflect.DeepEqual(w.diags, backDiags)) {
			t.Fatalf("%s: diagnostics %v, read back %v", w.g.File, w.diags, backDiags)
		}
	}
}

// readBack is the table as the next build reads it from the file.
func readBack(t *testing.T, tab *Table) *Table {
	t.Helper()
	read, err := ReadTable(tab.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return read
}

func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	if _, err := fs.Stat(os.DirFS(root), "config.toml"); err != nil {
		t.Fatalf("no sample site at %s: %v", root, err)
	}
	return root
}

// assertSame compares two guides field by field; positions are compared
// by what they say, dates by instant, zone name and offset.
func assertSame(t *testing.T, want, got *site.Guide) {
	t.Helper()
	if !reflect.DeepEqual(want.Positions.Map(), got.Positions.Map()) || !reflect.DeepEqual(want.Positions.Files(), got.Positions.Files()) {
		t.Fatalf("%s: positions %v, read back %v", want.File, want.Positions.Map(), got.Positions.Map())
	}
	for _, pair := range [][2]time.Time{{want.Published, got.Published}, {want.Updated, got.Updated}, {want.Effective, got.Effective}} {
		wn, wo := pair[0].Zone()
		gn, gobs := pair[1].Zone()
		if !pair[0].Equal(pair[1]) || wn != gn || wo != gobs || pair[0].Location() == load.LocalDateLocation() != (pair[1].Location() == load.LocalDateLocation()) {
			t.Fatalf("%s: time %v read back as %v", want.File, pair[0], pair[1])
		}
	}
	w, g := *want, *got
	w.Positions, g.Positions = site.Positions{}, site.Positions{}
	w.Published, w.Updated, w.Effective = time.Time{}, time.Time{}, time.Time{}
	g.Published, g.Updated, g.Effective = time.Time{}, time.Time{}, time.Time{}
	normalize(reflect.ValueOf(&w).Elem())
	normalize(reflect.ValueOf(&g).Elem())
	if !reflect.DeepEqual(w, g) {
		t.Fatalf("%s: read back differs:\n%#v\n%#v", want.File, w, g)
	}
}

// normalize turns empty slices of structs into nil: the codec reads "none"
// back as nil, which every reader of a guide treats alike.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				normalize(v.Field(i))
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Struct && v.Len() == 0 && !v.IsNil() {
			v.Set(reflect.Zero(v.Type()))
		}
		for i := range v.Len() {
			normalize(v.Index(i))
		}
	}
}

var words = []string{"", "市民", "营业执照", "a", "https://example.gov.cn/x", "0571-12345", strings.Repeat("长", 300)}

// fill sets every exported field of v to a random value; sparse leaves
// about half of them zero.
func fill(rng *rand.Rand, v reflect.Value, sparse bool) {
	if sparse && rng.IntN(2) == 0 && v.Kind() != reflect.Struct {
		return
	}
	switch v.Type() {
	case reflect.TypeOf(time.Time{}):
		v.Set(reflect.ValueOf(randomTime(rng)))
		return
	case reflect.TypeOf(site.Positions{}):
		return // set by the caller
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(words[rng.IntN(len(words))] + words[rng.IntN(len(words))])
	case reflect.Int:
		v.SetInt(int64(rng.IntN(2000) - 1000))
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Pointer:
		if rng.IntN(3) == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(rng, p.Elem(), false)
		v.Set(p)
	case reflect.Slice:
		n := rng.IntN(4)
		if n == 0 && rng.IntN(2) == 0 && v.Type().Elem().Kind() == reflect.String {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // empty, not nil
			return
		}
		if n == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(rng, s.Index(i), false)
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(rng, v.Field(i), sparse)
			}
		}
	default:
		panic("guidecodec test: no filler for " + v.Type().String())
	}
}

func randomTime(rng *rand.Rand) time.Time {
	switch rng.IntN(4) {
	case 0:
		return time.Time{}
	case 1:
		return time.Date(2000+rng.IntN(30), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, load.LocalDateLocation())
	case 2:
		return time.Date(2017, 3, 1, 8, 30, 0, 500, time.UTC)
	}
	return time.Date(2019, 5, 27, 7, 32, 0, 0, time.FixedZone("", 8*3600))
}

// TestCanonicalSeesEveryField changes, one at a time, every value of a
// guide whose every field is set (found by reflection: strings, numbers,
// booleans, a pointer set or not, a list one longer or shorter, a date)
// and checks that AppendCanonical's bytes change each time; the positions
// alone do not count.
func TestCanonicalSeesEveryField(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for round := range 20 {
		g := &site.Guide{}
		fill(rng, reflect.ValueOf(g).Elem(), false)
		base := AppendCanonical(nil, g)
		if !bytes.Equal(base, AppendCanonical(nil, g)) {
			t.Fatal("the same guide gave other bytes")
		}
		changes := 0
		eachLeaf(reflect.ValueOf(g).Elem(), "", func(path string, change func() func()) {
			undo := change()
			if bytes.Equal(base, AppendCanonical(nil, g)) {
				t.Errorf("round %d: changing %s left the bytes as they were", round, path)
			}
			undo()
			changes++
		})
		if !bytes.Equal(base, AppendCanonical(nil, g)) {
			t.Fatal("a change was not undone")
		}
		if changes < 60 {
			t.Fatalf("only %d values changed", changes)
		}
		g.Positions = site.NewPositions("content/x.md", map[string]int{"code": 3})
		if !bytes.Equal(base, AppendCanonical(nil, g)) {
			t.Fatal("positions changed the bytes")
		}
	}
}

// eachLeaf calls visit for every value below v with a function that
// changes it and returns the undo.
func eachLeaf(v reflect.Value, path string, visit func(string, func() func())) {
	set := func(nv reflect.Value) func() {
		old := reflect.New(v.Type()).Elem()
		old.Set(v)
		v.Set(nv)
		return func() { v.Set(old) }
	}
	switch {
	case v.Type() == reflect.TypeOf(time.Time{}):
		visit(path, func() func() {
			return set(reflect.ValueOf(v.Interface().(time.Time).Add(24 * time.Hour)))
		})
		return
	case v.Type() == reflect.TypeOf(site.Positions{}):
		return
	}
	switch v.Kind() {
	case reflect.String:
		visit(path, func() func() { return set(reflect.ValueOf(v.String() + "改").Convert(v.Type())) })
	case reflect.Int:
		visit(path, func() func() { return set(reflect.ValueOf(int(v.Int()) + 1)) })
	case reflect.Bool:
		visit(path, func() func() { return set(reflect.ValueOf(!v.Bool())) })
	case reflect.Pointer:
		if v.IsNil() {
			visit(path+" (set)", func() func() { return set(reflect.New(v.Type().Elem())) })
			return
		}
		visit(path+" (unset)", func() func() { return set(reflect.Zero(v.Type())) })
		eachLeaf(v.Elem(), path+".*", visit)
	case reflect.Slice:
		visit(path+" (longer)", func() func() { return set(reflect.Append(v, reflect.Zero(v.Type().Elem()))) })
		if v.Len() > 0 {
			visit(path+" (shorter)", func() func() { return set(v.Slice(0, v.Len()-1)) })
		}
		for i := range v.Len() {
			eachLeaf(v.Index(i), fmt.Sprintf("%s[%d]", path, i), visit)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				eachLeaf(v.Field(i), path+"."+v.Type().Field(i).Name, visit)
			}
		}
	}
}

// TestCheckedSeesPositions: AppendChecked changes with every value, as
// AppendCanonical does, and with the positions: another file, another
// line, another key path.
func TestCheckedSeesPositions(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 9))
	g := &site.Guide{}
	fill(rng, reflect.ValueOf(g).Elem(), false)
	g.Positions = site.NewPositions("content/x.md", map[string]int{"code": 3, "title": 4})
	base := AppendChecked(nil, g)
	if !bytes.Equal(base, AppendChecked(nil, g)) {
		t.Fatal("the same guide gave other bytes")
	}
	eachLeaf(reflect.ValueOf(g).Elem(), "", func(path string, change func() func()) {
		undo := change()
		if bytes.Equal(base, AppendChecked(nil, g)) {
			t.Errorf("changing %s left the bytes as they were", path)
		}
		undo()
	})
	for _, p := range []site.Positions{
		site.NewPositions("content/y.md", map[string]int{"code": 3, "title": 4}),
		site.NewPositions("content/x.md", map[string]int{"code": 3, "title": 5}),
		site.NewPositions("content/x.md", map[string]int{"code": 3, "summary": 4}),
		site.NewPositions("content/x.md", map[string]int{"code": 3}),
	} {
		was := g.Positions
		g.Positions = p
		if bytes.Equal(base, AppendChecked(nil, g)) {
			t.Errorf("positions %v left the bytes as they were", p.Map())
		}
		g.Positions = was
	}
}
