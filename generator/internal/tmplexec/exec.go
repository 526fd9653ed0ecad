package tmplexec

import (
	"bytes"
	"reflect"
	"sync/atomic"
)

// Execute runs the program with data as dot, appending to buf. On error
// buf holds part of a page: the caller discards it (and, for
// ErrUnsupported, executes with html/template instead). A panic in a
// function or method is returned as ErrUnsupported, so that
// html/template, which turns panics into errors, reports it.
func (p *Program) Execute(buf *bytes.Buffer, data any) (err error) {
	defer func() {
		if recover() != nil {
			err = ErrUnsupported
		}
	}()
	dot := reflect.ValueOf(data)
	s := &state{buf: buf, vars: make([]variable, 1, 8), callees: new([]*state)}
	s.vars[0] = variable{"$", dot}
	return s.list(p.root, dot)
}

type state struct {
	buf   *bytes.Buffer
	vars  []variable
	depth int
	// callees are the states of {{template}} calls, one a depth, shared
	// by the states of one Execute: calls nest, so a call reuses the
	// state of the last call that returned at its depth.
	callees *[]*state
}

// callee returns the state for a {{template}} call from s.
func (s *state) callee() *state {
	c := *s.callees
	for len(c) <= s.depth {
		c = append(c, &state{callees: s.callees})
	}
	*s.callees = c
	return c[s.depth]
}

// dropVars ends the variables declared since there were mark of them:
// those of a block ({{if}}, {{with}}, {{range}}) at its end, and those of
// a range's element before the next.
func (s *state) dropVars(mark int) { s.vars = s.vars[:mark] }

type variable struct {
	name  string
	value reflect.Value
}

func (s *state) lookup(name string) (reflect.Value, error) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, nil
		}
	}
	return reflect.Value{}, ErrUnsupported
}

func (s *state) assign(name string, v reflect.Value) error {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return nil
		}
	}
	return ErrUnsupported
}

// node is one compiled piece of a template.
type node interface {
	exec(s *state, dot reflect.Value) error
}

func (s *state) list(nodes []node, dot reflect.Value) error {
	for _, n := range nodes {
		if err := n.exec(s, dot); err != nil {
			return err
		}
	}
	return nil
}

type textNode []byte

func (t textNode) exec(s *state, _ reflect.Value) error {
	s.buf.Write(t)
	return nil
}

// actionNode prints a pipeline's value through the escapers html/template
// put at its end, or (with variables) declares or assigns them.
type actionNode struct {
	pipe     *pipeline // without the escapers
	escapers []escaper
}

func (a *actionNode) exec(s *state, dot reflect.Value) error {
	v, err := a.pipe.eval(s, dot)
	if err != nil || len(a.escapers) == 0 {
		return err
	}
	text, t, err := stringify(v)
	if err != nil {
		return err
	}
	for i, e := range a.escapers {
		if i > 0 {
			t = plain // escapers return plain strings
		}
		if text, err = e(text, t); err != nil {
			return err
		}
	}
	s.buf.WriteString(text)
	return nil
}

// ifNode is {{if}} or, with with set, {{with}} (which also moves dot).
// Variables declared inside end with it.
type ifNode struct {
	pipe      *pipeline
	with      bool
	then, els []node
}

func (n *ifNode) exec(s *state, dot reflect.Value) error {
	defer s.dropVars(len(s.vars))
	v, err := n.pipe.eval(s, dot)
	if err != nil {
		return err
	}
	truth, ok := isTrue(indirectInterface(v))
	if !ok {
		return ErrUnsupported
	}
	if truth {
		if n.with {
			dot = v
		}
		return s.list(n.then, dot)
	}
	return s.list(n.els, dot)
}

type rangeNode struct {
	pipe      *pipeline
	body, els []node
}

func (n *rangeNode) exec(s *state, dot reflect.Value) error {
	mark := len(s.vars)
	defer s.dropVars(mark)
	v, err := n.pipe.evalNoDecl(s, dot)
	if err != nil {
		return err
	}
	v, isNil := indirect(v)
	if isNil {
		return ErrUnsupported
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
	case reflect.Invalid:
		return s.list(n.els, dot)
	default:
		// Maps (sorted keys), integers, channels and functions are
		// text/template's to range over.
		return ErrUnsupported
	}
	if v.Len() == 0 {
		return s.list(n.els, dot)
	}
	for i := 0; i < v.Len(); i++ {
		elem := v.Index(i)
		switch len(n.pipe.decl) {
		case 1:
			s.vars = append(s.vars, variable{n.pipe.decl[0], elem})
		case 2:
			s.vars = append(s.vars, variable{n.pipe.decl[0], reflect.ValueOf(i)}, variable{n.pipe.decl[1], elem})
		}
		if err := s.list(n.body, elem); err != nil {
			return err
		}
		s.dropVars(mark)
	}
	return nil
}

// templateNode is {{template "name" pipeline}}: the called template gets
// the value as dot and as $, and no other variables.
type templateNode struct {
	body *[]node
	pipe *pipeline
}

func (n *templateNode) exec(s *state, dot reflect.Value) error {
	var v reflect.Value
	if n.pipe != nil {
		var err error
		if v, err = n.pipe.evalNoDecl(s, dot); err != nil {
			return err
		}
	}
	if s.depth >= 100 {
		return ErrUnsupported
	}
	// The called template's variables go on the caller's stack, past the
	// caller's own (which it cannot see): the caller waits, and what it
	// declares after the call may overwrite them. A new state and slice
	// a call were 3.9 GB of a clean build's allocation at 1,000,000 guides.
	inner := s.callee()
	inner.buf, inner.depth = s.buf, s.depth+1
	inner.vars = append(s.vars[len(s.vars):], variable{"$", v})
	return inner.list(*n.body, v)
}

// pipeline is a sequence of commands, each receiving the previous one's
// value as its last argument, with optional variables to declare or
// assign.
type pipeline struct {
	decl     []string
	isAssign bool
	cmds     []*command
}

func (p *pipeline) eval(s *state, dot reflect.Value) (reflect.Value, error) {
	v, err := p.evalNoDecl(s, dot)
	if err != nil {
		return v, err
	}
	for _, name := range p.decl {
		if p.isAssign {
			if err := s.assign(name, v); err != nil {
				return v, err
			}
		} else {
			s.vars = append(s.vars, variable{name, v})
		}
	}
	return v, nil
}

func (p *pipeline) evalNoDecl(s *state, dot reflect.Value) (reflect.Value, error) {
	var v reflect.Value
	for i, c := range p.cmds {
		var err error
		if v, err = c.eval(s, dot, v, i > 0); err != nil {
			return v, err
		}
		// A value of type any is used for what it holds, as
		// text/template does after each command.
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	return v, nil
}

// command is one step of a pipeline: a function with its arguments, or
// an operand (a field chain, a variable, a constant).
type command struct {
	fn      *function
	args    []operand
	operand operand
}

func (c *command) eval(s *state, dot, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if c.fn == nil {
		if hasFinal {
			return reflect.Value{}, ErrUnsupported
		}
		return c.operand.eval(s, dot)
	}
	return c.fn.call(s, dot, c.args, final, hasFinal)
}

// operand is a value in a command: dot, a field chain, a variable, a
// constant or a parenthesized pipeline.
type operand interface {
	eval(s *state, dot reflect.Value) (reflect.Value, error)
}

type constOperand struct{ v reflect.Value }

func (c constOperand) eval(*state, reflect.Value) (reflect.Value, error) { return c.v, nil }

type pipeOperand struct{ pipe *pipeline }

func (p *pipeOperand) eval(s *state, dot reflect.Value) (reflect.Value, error) {
	return p.pipe.evalNoDecl(s, dot)
}

const (
	baseDot = iota
	baseVar
	baseOperand
)

// fieldOperand is .A.B, $x.A.B or (pipeline).A.B.
type fieldOperand struct {
	base  int
	name  string  // variable name, for baseVar
	inner operand // for baseOperand
	chain []*fieldStep
}

func (f *fieldOperand) eval(s *state, dot reflect.Value) (reflect.Value, error) {
	var v reflect.Value
	switch f.base {
	case baseDot:
		v = dot
	case baseVar:
		var err error
		if v, err = s.lookup(f.name); err != nil {
			return v, err
		}
	case baseOperand:
		var err error
		if v, err = f.inner.eval(s, dot); err != nil {
			return v, err
		}
	}
	for _, step := range f.chain {
		var err error
		if v, err = step.eval(v); err != nil {
			return v, err
		}
	}
	return v, nil
}

func newChain(names []string) []*fieldStep {
	steps := make([]*fieldStep, len(names))
	for i, n := range names {
		steps[i] = &fieldStep{name: n}
	}
	return steps
}

// fieldStep is one .Name of a chain. It remembers, for the last type it
// met, whether Name is a method or a field and where: text/template looks
// both up by name on every evaluation.
type fieldStep struct {
	name  string
	cache atomic.Pointer[fieldPlace]
}

type fieldPlace struct {
	typ       reflect.Type // the receiver's type after indirection
	addr      bool         // the receiver was addressable (methods of *T apply)
	method    int          // method index in typ (or *typ when addr), or -1
	field     []int        // field index path, when not a method
	errResult bool         // the method returns (value, error)
}

func (f *fieldStep) eval(v reflect.Value) (reflect.Value, error) {
	if !v.IsValid() {
		return v, ErrUnsupported
	}
	v, isNil := indirect(v)
	if isNil || v.Kind() != reflect.Struct {
		// Maps, nil pointers and methods of non-structs: text/template's.
		return reflect.Value{}, ErrUnsupported
	}
	addr := v.CanAddr()
	place := f.cache.Load()
	if place == nil || place.typ != v.Type() || place.addr != addr {
		var ok bool
		if place, ok = findField(v.Type(), addr, f.name); !ok {
			return reflect.Value{}, ErrUnsupported
		}
		f.cache.Store(place)
	}
	if place.method >= 0 {
		recv := v
		if addr {
			recv = v.Addr()
		}
		out := recv.Method(place.method).Call(nil)
		if place.errResult && !out[1].IsNil() {
			return reflect.Value{}, out[1].Interface().(error)
		}
		return out[0], nil
	}
	return v.FieldByIndex(place.field), nil
}

var errorType = reflect.TypeFor[error]()

// findField finds name on a struct type as text/template does: first an
// exported method (of *T when the value is addressable), then a field.
// Only niladic methods returning one value, or a value and an error, are
// taken.
func findField(typ reflect.Type, addr bool, name string) (*fieldPlace, bool) {
	mt := typ
	if addr {
		mt = reflect.PointerTo(typ)
	}
	if m, ok := mt.MethodByName(name); ok {
		ft := m.Type // includes the receiver
		switch {
		case ft.NumIn() != 1:
			return nil, false
		case ft.NumOut() == 1:
			return &fieldPlace{typ: typ, addr: addr, method: m.Index}, true
		case ft.NumOut() == 2 && ft.Out(1) == errorType:
			return &fieldPlace{typ: typ, addr: addr, method: m.Index, errResult: true}, true
		}
		return nil, false
	}
	sf, ok := typ.FieldByName(name)
	if !ok || !sf.IsExported() {
		return nil, false
	}
	return &fieldPlace{typ: typ, addr: addr, method: -1, field: sf.Index}, true
}

// indirect follows pointers and interfaces to the value they hold; isNil
// reports a nil on the way.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns what an interface value holds.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface || v.IsNil() {
		return v
	}
	return v.Elem()
}

// isTrue is text/template's truth: false, 0, nil and empty are false;
// structs are always true.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}
