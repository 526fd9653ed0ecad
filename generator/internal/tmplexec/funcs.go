package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	"time"
)

// function is a function a command calls: one of html/template's
// escapers, a text/template builtin, or a function of the set's FuncMap.
type function struct {
	name    string
	escaper escaper
	builtin string
	// user calls a FuncMap function with its evaluated arguments.
	user func(args []reflect.Value) (reflect.Value, error)
}

// builtins are the text/template builtins implemented here.
var builtins = map[string]bool{"and": true, "or": true, "not": true, "eq": true, "ne": true, "len": true, "index": true}

func (c *compiler) function(name string) (*function, error) {
	if e, ok := escapers[name]; ok {
		return &function{name: name, escaper: e}, nil
	}
	if f, ok := c.funcs[name]; ok {
		call, err := userFunc(f)
		if err != nil {
			return nil, fmt.Errorf("tmplexec: function %s: %w", name, err)
		}
		return &function{name: name, user: call}, nil
	}
	if builtins[name] {
		return &function{name: name, builtin: name}, nil
	}
	return nil, fmt.Errorf("tmplexec: unsupported function %s", name)
}

func (f *function) call(s *state, dot reflect.Value, args []operand, final reflect.Value, hasFinal bool) (reflect.Value, error) {
	if f.escaper != nil {
		// Escapers only end printing actions; see actionNode.
		return reflect.Value{}, ErrUnsupported
	}
	if f.builtin == "and" || f.builtin == "or" {
		// They stop at the first argument that decides, and return it.
		or := f.builtin == "or"
		var v reflect.Value
		for _, a := range args {
			var err error
			if v, err = a.eval(s, dot); err != nil {
				return v, err
			}
			t, ok := isTrue(indirectInterface(v))
			if !ok {
				return v, ErrUnsupported
			}
			if t == or {
				return v, nil
			}
		}
		if hasFinal {
			v = final
		}
		return v, nil
	}
	vals := make([]reflect.Value, 0, len(args)+1)
	for _, a := range args {
		v, err := a.eval(s, dot)
		if err != nil {
			return v, err
		}
		vals = append(vals, v)
	}
	if hasFinal {
		vals = append(vals, final)
	}
	if f.user != nil {
		return f.user(vals)
	}
	return builtin(f.builtin, vals)
}

// builtin calls text/template's built-in function name, for the argument
// kinds a guide site's templates use; anything else is ErrUnsupported.
func builtin(name string, args []reflect.Value) (reflect.Value, error) {
	switch name {
	case "not":
		return builtinNot(args)
	case "eq", "ne":
		return builtinEq(name == "eq", args)
	case "len":
		return builtinLen(args)
	case "index":
		return builtinIndex(args)
	}
	return reflect.Value{}, ErrUnsupported
}

// builtinNot is text/template's not.
func builtinNot(args []reflect.Value) (reflect.Value, error) {
	if len(args) != 1 {
		return reflect.Value{}, ErrUnsupported
	}
	t, ok := isTrue(indirectInterface(args[0]))
	if !ok {
		return reflect.Value{}, ErrUnsupported
	}
	return reflect.ValueOf(!t), nil
}

// builtinEq is text/template's eq (wantEq) or ne: whether the first
// argument equals any of the others; ne takes exactly two.
func builtinEq(wantEq bool, args []reflect.Value) (reflect.Value, error) {
	if len(args) < 2 || !wantEq && len(args) != 2 {
		return reflect.Value{}, ErrUnsupported
	}
	eq := false
	for _, b := range args[1:] {
		e, err := equal(args[0], b)
		if err != nil {
			return reflect.Value{}, err
		}
		if e {
			eq = true
			break
		}
	}
	return reflect.ValueOf(eq == wantEq), nil
}

// builtinLen is text/template's len of an array, map, slice or string.
func builtinLen(args []reflect.Value) (reflect.Value, error) {
	if len(args) != 1 {
		return reflect.Value{}, ErrUnsupported
	}
	v, isNil := indirect(args[0])
	if isNil {
		return reflect.Value{}, ErrUnsupported
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(v.Len()), nil
	}
	return reflect.Value{}, ErrUnsupported
}

// builtinIndex is text/template's index of an array or slice by one int
// within its bounds.
func builtinIndex(args []reflect.Value) (reflect.Value, error) {
	if len(args) != 2 {
		return reflect.Value{}, ErrUnsupported
	}
	item, isNil := indirect(indirectInterface(args[0]))
	i := indirectInterface(args[1])
	if isNil || !item.IsValid() || i.Kind() != reflect.Int {
		return reflect.Value{}, ErrUnsupported
	}
	switch item.Kind() {
	case reflect.Array, reflect.Slice:
		if n := int(i.Int()); n >= 0 && n < item.Len() {
			return item.Index(n), nil
		}
	}
	return reflect.Value{}, ErrUnsupported
}

// equal is text/template's eq for two values of the same basic kind;
// other comparisons are left to text/template.
func equal(a, b reflect.Value) (bool, error) {
	a, b = indirectInterface(a), indirectInterface(b)
	switch {
	case isInt(a) && isInt(b):
		return a.Int() == b.Int(), nil
	case a.Kind() == reflect.String && b.Kind() == reflect.String:
		return a.String() == b.String(), nil
	case a.Kind() == reflect.Bool && b.Kind() == reflect.Bool:
		return a.Bool() == b.Bool(), nil
	}
	return false, ErrUnsupported
}

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// userFunc wraps a FuncMap function. The shapes a guide site's templates
// use are called directly; any other through reflection, with
// text/template's argument rules (an argument must be assignable to its
// parameter; a value in an interface is taken out first).
func userFunc(f any) (func([]reflect.Value) (reflect.Value, error), error) {
	fv := reflect.ValueOf(f)
	ft := fv.Type()
	if !supportedFunc(ft) {
		return nil, fmt.Errorf("unsupported type %s", ft)
	}
	params := make([]reflect.Type, ft.NumIn())
	for i := range params {
		params[i] = ft.In(i)
	}
	arg := argTaker(params)
	if call := directCall(f, arg); call != nil {
		return call, nil
	}
	return reflectCall(fv, params, arg), nil
}

// supportedFunc tells whether ft is a function text/template can call: not
// variadic, returning one value or a value and an error.
func supportedFunc(ft reflect.Type) bool {
	if ft.Kind() != reflect.Func || ft.IsVariadic() {
		return false
	}
	switch ft.NumOut() {
	case 1:
		return true
	case 2:
		return ft.Out(1) == errorType
	}
	return false
}

// argTaker returns a function that takes argument i for its parameter in
// params, or fails: the argument must be assignable to it, or hold in an
// interface a value that is.
func argTaker(params []reflect.Type) func(args []reflect.Value, i int) (reflect.Value, bool) {
	return func(args []reflect.Value, i int) (reflect.Value, bool) {
		v := args[i]
		if !v.IsValid() {
			return v, false
		}
		if !v.Type().AssignableTo(params[i]) {
			if v.Kind() != reflect.Interface || v.IsNil() || !v.Elem().Type().AssignableTo(params[i]) {
				return v, false
			}
			v = v.Elem()
		}
		return v, true
	}
}

// directCall calls the function shapes a guide site's templates use
// without reflection; it returns nil for any other shape.
func directCall(f any, arg func([]reflect.Value, int) (reflect.Value, bool)) func([]reflect.Value) (reflect.Value, error) {
	switch f := f.(type) {
	case func(string) string:
		return unary(f, arg)
	case func(string) template.URL:
		return unary(f, arg)
	case func(time.Time) string:
		return unary(f, arg)
	case func(time.Time) bool:
		return unary(f, arg)
	case func([]string, string) string:
		return func(args []reflect.Value) (reflect.Value, error) {
			if len(args) != 2 {
				return reflect.Value{}, ErrUnsupported
			}
			a, ok1 := arg(args, 0)
			b, ok2 := arg(args, 1)
			if !ok1 || !ok2 || a.Type() != reflect.TypeFor[[]string]() {
				return reflect.Value{}, ErrUnsupported
			}
			return reflect.ValueOf(f(a.Interface().([]string), b.String())), nil
		}
	}
	return nil
}

// reflectCall calls fv through reflection, each argument taken by arg; a
// non-nil error result is returned as the error.
func reflectCall(fv reflect.Value, params []reflect.Type, arg func([]reflect.Value, int) (reflect.Value, bool)) func([]reflect.Value) (reflect.Value, error) {
	return func(args []reflect.Value) (reflect.Value, error) {
		if len(args) != len(params) {
			return reflect.Value{}, ErrUnsupported
		}
		in := make([]reflect.Value, len(args))
		for i := range args {
			v, ok := arg(args, i)
			if !ok {
				return reflect.Value{}, ErrUnsupported
			}
			in[i] = v
		}
		out := fv.Call(in)
		if len(out) == 2 && !out[1].IsNil() {
			return reflect.Value{}, out[1].Interface().(error)
		}
		return out[0], nil
	}
}

// unary calls a one-argument function directly, its argument taken as
// arg takes it (text/template's rules) and then of exactly type A.
func unary[A, R any](f func(A) R, arg func([]reflect.Value, int) (reflect.Value, bool)) func([]reflect.Value) (reflect.Value, error) {
	return func(args []reflect.Value) (reflect.Value, error) {
		if len(args) != 1 {
			return reflect.Value{}, ErrUnsupported
		}
		v, ok := arg(args, 0)
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		a, ok := reflect.TypeAssert[A](v)
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(f(a)), nil
	}
}
