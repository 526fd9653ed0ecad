// Package guidecodec writes a decoded guide (a site.Guide with its
// positions, and the diagnostics its decoding gave) as bytes and reads it
// back, so that a build can keep the guides it decoded for the next build
// (the build's guide cache) instead of parsing every file again.
//
// The encoding is private to one binary: whoever stores records must tag
// them with the binary that wrote them and never read another's. It is
// written by hand, field by field, because reading 100,000 guides back
// must cost a fraction of parsing them; TestRoundTripEveryField fills
// every field of site.Guide by reflection, so a field added to the guide
// and forgotten here fails the tests.
package guidecodec

import (
	"encoding/binary"
	"errors"
	"time"

	"zhinan/generator/internal/binread"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
)

// ErrCorrupt is returned for a record that is not one Append wrote.
var ErrCorrupt = errors.New("guidecodec: corrupt record")

// Append appends the record of g (nil for a file that could not be
// parsed) and its diagnostics to b, numbering in t the strings many
// guides share. Safe for concurrent use.
func Append(b []byte, t *Table, g *site.Guide, diags []site.Diagnostic) []byte {
	w := &writer{b: b, t: t}
	writeSlice(w, diags, func(d site.Diagnostic) {
		w.str(d.File)
		w.int(d.Line)
		w.str(d.Rule)
		w.int(int(d.Severity))
		w.str(d.Message)
	})
	w.bool(g != nil)
	if g != nil {
		w.guide(g)
	}
	return w.b
}

// AppendCanonical appends the bytes of g's values, everything but its
// positions, with every string held in place: a content hash of the
// guide (build's fingerprints, the search's document digests), never
// read back. Two guides that differ in any value have different bytes
// (TestCanonicalSeesEveryField), as two that differ in any value have
// different records (TestRoundTripEveryField); the same guide gives the
// same bytes in any process.
func AppendCanonical(b []byte, g *site.Guide) []byte {
	w := &writer{b: b, canonical: true}
	w.guide(g)
	return w.b
}

// AppendChecked is AppendCanonical with the positions too
// (site.Positions.AppendKey): everything the rules read of a guide
// (build's check cache), the same bytes in every process. Two guides
// that differ in any value or position have different bytes
// (TestCheckedSeesPositions).
func AppendChecked(b []byte, g *site.Guide) []byte {
	return g.Positions.AppendKey(AppendCanonical(b, g))
}

// Decode reads a record Append wrote with a table t was read from
// (ReadTable). Safe for concurrent use.
func Decode(b []byte, t *Table) (*site.Guide, []site.Diagnostic, error) {
	r := &reader{Reader: binread.Make(b), t: t}
	diags := readSlice(r, func(r *reader) site.Diagnostic {
		return site.Diagnostic{File: r.str(), Line: r.int(), Rule: r.str(),
			Severity: site.Severity(r.int()), Message: r.str()}
	})
	var g *site.Guide
	if r.bool() {
		g = r.guide()
	}
	if r.Bad() || r.Len() != 0 {
		return nil, nil, ErrCorrupt
	}
	return g, diags, nil
}

func (w *writer) guide(g *site.Guide) {
	w.str(g.Code)
	w.shareds(g.Title, g.Department, g.Region, g.Type)
	w.list(g.Audience)
	w.list(g.Topics)
	w.list(g.Keywords)
	w.int(g.Batch)
	w.time(g.Published)
	w.time(g.Updated)
	w.bool(g.Draft)
	w.str(g.Extends)
	w.list(g.Basis)
	w.list(g.JointDepartments)
	w.strs(g.BasicCode, g.ImplCode)
	w.shareds(g.Level, g.Scope)
	w.list(g.CrossModes)
	w.shared(g.Limit)
	w.list(g.Intermediary)
	w.shared(g.Status)
	w.time(g.Effective)
	w.strs(g.ReplacedBy, g.EvaluateURL)
	w.result(g.Result)
	writeSlice(w, g.Situations, func(s site.Situation) { w.shareds(s.Name, s.Question, s.Note) })
	writeSlice(w, g.FAQ, func(f site.FAQ) { w.shareds(f.Q, f.A) })
	w.shared(g.Kind)
	w.list(g.Items)
	w.shareds(g.Lead, g.Stage)
	w.service(g.Service)
	w.timeLimits(g.Time)
	w.optBool(g.Fee.Charged)
	w.shareds(g.Fee.Standard, g.Fee.Basis)
	writeSlice(w, g.Materials, w.material)
	writeSlice(w, g.Steps, func(s site.Step) {
		w.shared(s.Name)
		w.optInt(s.Days)
		w.shared(s.Detail)
	})
	writeSlice(w, g.Locations, func(l site.Location) {
		w.shared(l.Name)
		w.str(l.Address)
		w.shareds(l.Window, l.Hours)
		w.str(l.Phone)
		w.shared(l.Region)
	})
	w.list(g.Contact.Consult)
	w.list(g.Contact.Complain)
	w.strs(g.Body, g.File)
	w.positions(g.Positions)
}

// guide reads what writer.guide wrote. Strings that the validator interns
// (validate's shared: departments, names, hours …) are interned here too,
// so that a guide read back takes the memory a parsed one does.
func (r *reader) guide() *site.Guide {
	g := &site.Guide{}
	g.Code, g.Title, g.Department, g.Region, g.Type = r.str(), r.shared(), r.shared(), r.shared(), r.shared()
	g.Audience, g.Topics, g.Keywords = r.list(), r.list(), r.list()
	g.Batch = r.int()
	g.Published, g.Updated = r.time(), r.time()
	g.Draft = r.bool()
	g.Extends = r.str()
	g.Basis, g.JointDepartments = r.list(), r.list()
	g.BasicCode, g.ImplCode, g.Level, g.Scope = r.str(), r.str(), r.shared(), r.shared()
	g.CrossModes = r.list()
	g.Limit = r.shared()
	g.Intermediary = r.list()
	g.Status = r.shared()
	g.Effective = r.time()
	g.ReplacedBy, g.EvaluateURL = r.str(), r.str()
	g.Result = r.result()
	g.Situations = readSlice(r, func(r *reader) site.Situation {
		return site.Situation{Name: r.shared(), Question: r.shared(), Note: r.shared()}
	})
	g.FAQ = readSlice(r, func(r *reader) site.FAQ { return site.FAQ{Q: r.shared(), A: r.shared()} })
	g.Kind = r.shared()
	g.Items = r.list()
	g.Lead, g.Stage = r.shared(), r.shared()
	g.Service = r.service()
	g.Time = r.timeLimits()
	g.Fee.Charged = r.optBool()
	g.Fee.Standard, g.Fee.Basis = r.shared(), r.shared()
	g.Materials = readSlice(r, (*reader).material)
	g.Steps = readSlice(r, func(r *reader) site.Step {
		return site.Step{Name: r.shared(), Days: r.optInt(), Detail: r.shared()}
	})
	g.Locations = readSlice(r, func(r *reader) site.Location {
		return site.Location{Name: r.shared(), Address: r.str(), Window: r.shared(),
			Hours: r.shared(), Phone: r.str(), Region: r.shared()}
	})
	g.Contact.Consult, g.Contact.Complain = r.list(), r.list()
	g.Body, g.File = r.str(), r.str()
	g.Positions = r.positions()
	return g
}

func (w *writer) result(res *site.Result) {
	w.bool(res != nil)
	if res == nil {
		return
	}
	w.shareds(res.Name, res.Type, res.Sample, res.Validity)
	w.bool(res.ELicense)
	w.list(res.Delivery)
}

func (r *reader) result() *site.Result {
	if !r.bool() {
		return nil
	}
	return &site.Result{Name: r.shared(), Type: r.shared(), Sample: r.shared(), Validity: r.shared(),
		ELicense: r.bool(), Delivery: r.list()}
}

func (w *writer) service(s site.Service) {
	w.int(s.Star)
	w.int(s.Visits)
	w.shared(s.Mode)
	w.str(s.OnlineURL)
	w.bools(s.Mobile, s.Delivery, s.Appointment, s.Immediate, s.Agent)
	w.shared(s.NegativeReason)
	w.bools(s.PayOnline, s.SelfService)
}

func (r *reader) service() site.Service {
	return site.Service{Star: r.int(), Visits: r.int(), Mode: r.shared(), OnlineURL: r.str(),
		Mobile: r.bool(), Delivery: r.bool(), Appointment: r.bool(), Immediate: r.bool(), Agent: r.bool(),
		NegativeReason: r.shared(), PayOnline: r.bool(), SelfService: r.bool()}
}

func (w *writer) timeLimits(t site.Time) {
	w.optInt(t.LegalDays)
	w.optInt(t.PromisedDays)
	w.shareds(t.Unit, t.Note)
	writeSlice(w, t.Special, func(s site.SpecialProcedure) {
		w.shared(s.Name)
		w.optInt(s.Days)
		w.shared(s.Note)
	})
}

func (r *reader) timeLimits() site.Time {
	t := site.Time{LegalDays: r.optInt(), PromisedDays: r.optInt(), Unit: r.shared(), Note: r.shared()}
	t.Special = readSlice(r, func(r *reader) site.SpecialProcedure {
		return site.SpecialProcedure{Name: r.shared(), Days: r.optInt(), Note: r.shared()}
	})
	return t
}

func (w *writer) material(m site.Material) {
	w.shared(m.Name)
	w.bool(m.Required)
	w.shared(m.Source)
	w.int(m.Copies)
	w.optBool(m.Original)
	w.bools(m.Electronic, m.Shared)
	w.shareds(m.Note, m.Template, m.Sample, m.Issuer, m.Freshness, m.ELicense)
	w.bool(m.Commitment)
	w.list(m.When)
}

func (r *reader) material() site.Material {
	return site.Material{Name: r.shared(), Required: r.bool(), Source: r.shared(), Copies: r.int(),
		Original: r.optBool(), Electronic: r.bool(), Shared: r.bool(),
		Note: r.shared(), Template: r.shared(), Sample: r.shared(), Issuer: r.shared(),
		Freshness: r.shared(), ELicense: r.shared(), Commitment: r.bool(), When: r.list()}
}

func (w *writer) positions(p site.Positions) {
	if w.canonical {
		return
	}
	files, entries := p.Export()
	// The files are the guide's own and its bases': held in the record,
	// not numbered, since every guide's own file is a string of its own.
	w.int(len(files))
	w.strs(files...)
	w.int(p.Len())
	for e := range entries {
		w.shared(e.Path.String())
		w.int(e.File)
		w.int(e.Line)
	}
}

func (r *reader) positions() site.Positions {
	files := make([]string, r.len())
	for i := range files {
		files[i] = r.str()
	}
	n := r.len()
	if n == 0 && len(files) == 0 {
		return site.Positions{}
	}
	bad := false
	p := site.PositionsFrom(files, n, func() site.PositionEntry {
		e := site.PositionEntry{Path: r.path(), File: r.int(), Line: r.int()}
		bad = bad || e.File < 0 || e.File >= len(files)
		return e
	})
	if bad {
		r.Fail()
		return site.Positions{}
	}
	return p
}

// Times carry their location: none (the zero time), UTC, the local-date
// location of BurntSushi/toml, or a fixed zone by name and offset.
const (
	zoneZero = iota
	zoneUTC
	zoneLocalDate
	zoneFixed
)

func (w *writer) time(t time.Time) {
	switch {
	case t.IsZero() && t.Location() == time.UTC:
		w.int(zoneZero)
		return
	case t.Location() == time.UTC:
		w.int(zoneUTC)
	case t.Location() == load.LocalDateLocation():
		w.int(zoneLocalDate)
	default:
		name, offset := t.Zone()
		w.int(zoneFixed)
		w.str(name)
		w.int(offset)
	}
	w.int(int(t.Unix()))
	w.int(t.Nanosecond())
}

func (r *reader) time() time.Time {
	var loc *time.Location
	switch r.int() {
	case zoneZero:
		return time.Time{}
	case zoneUTC:
		loc = time.UTC
	case zoneLocalDate:
		loc = load.LocalDateLocation()
	case zoneFixed:
		name := r.str()
		loc = time.FixedZone(name, r.int())
	default:
		r.Fail()
		return time.Time{}
	}
	sec := r.int()
	if loc == nil {
		r.Fail()
		return time.Time{}
	}
	return time.Unix(int64(sec), int64(r.int())).In(loc)
}

type writer struct {
	b             []byte
	t             *Table
	canonical     bool // AppendCanonical's: strings in place, no positions
	withPositions bool // AppendChecked's: canonical, with the positions
}

// shared writes a string as its number in the table (in place, for
// AppendCanonical).
func (w *writer) shared(s string) {
	if w.canonical {
		w.str(s)
		return
	}
	w.int(w.t.number(s))
}

func (w *writer) shareds(ss ...string) {
	for _, s := range ss {
		w.shared(s)
	}
}

func (w *writer) int(v int) { w.b = binary.AppendVarint(w.b, int64(v)) }

func (w *writer) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *writer) bools(vs ...bool) {
	for _, v := range vs {
		w.bool(v)
	}
}

func (w *writer) str(s string) {
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) strs(ss ...string) {
	for _, s := range ss {
		w.str(s)
	}
}

// list writes a string slice, keeping nil apart from empty: a guide that
// does not say is not one that says "none".
func (w *writer) list(ss []string) {
	if ss == nil {
		w.int(-1)
		return
	}
	w.int(len(ss))
	w.shareds(ss...)
}

func (w *writer) optInt(p *int) {
	w.bool(p != nil)
	if p != nil {
		w.int(*p)
	}
}

func (w *writer) optBool(p *bool) {
	switch {
	case p == nil:
		w.b = append(w.b, 2)
	default:
		w.bool(*p)
	}
}

// reader reads a record; the first malformed value sets bad, and every
// read after it returns zero values.
type reader struct {
	binread.Reader
	t *Table
}

func (r *reader) int() int { return int(r.Varint()) }

// writeSlice writes the count of xs, then each with write.
func writeSlice[T any](w *writer, xs []T, write func(T)) {
	w.int(len(xs))
	for _, x := range xs {
		write(x)
	}
}

// readSlice reads a count and that many values with read; nil for none.
func readSlice[T any](r *reader, read func(*reader) T) []T {
	n := r.len()
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = read(r)
	}
	return out
}

// len reads a count, refusing one larger than the bytes left could hold.
func (r *reader) len() int {
	n := r.int()
	if n < 0 || n > r.Len() {
		r.Fail()
		return 0
	}
	return n
}

func (r *reader) bool() bool {
	b := r.Next(1)
	if len(b) == 0 || b[0] > 1 {
		r.Fail()
		return false
	}
	return b[0] == 1
}

// str reads a string into memory of its own.
func (r *reader) str() string { return string(r.Bytes()) }

// shared reads a string the record names by its number in the table.
func (r *reader) shared() string {
	id := r.int()
	if id < 0 || id >= len(r.t.loaded) {
		r.Fail()
		return ""
	}
	return r.t.loaded[id]
}

// path reads a key path the record names by its number in the table.
func (r *reader) path() site.KeyPath {
	id := r.int()
	if id < 0 || id >= len(r.t.loaded) {
		r.Fail()
		return 0
	}
	return r.t.keyPath(id)
}

// list reads a string slice, interning its elements.
func (r *reader) list() []string {
	n := r.int()
	if n == -1 {
		return nil
	}
	if n < 0 || n > r.Len() {
		r.Fail()
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.shared()
	}
	return out
}

func (r *reader) optInt() *int {
	if !r.bool() {
		return nil
	}
	v := r.int()
	return &v
}

func (r *reader) optBool() *bool {
	if c, ok := r.Peek(); ok && c == 2 {
		r.Next(1)
		return nil
	}
	v := r.bool()
	return &v
}
