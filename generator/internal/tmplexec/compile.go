// Package tmplexec executes html/template templates that html/template
// has already escaped, without text/template's reflective function calls.
//
// text/template evaluates every action through reflection: each field is
// looked up by name on every evaluation and every function, the escapers
// html/template inserts included, is called through reflect.Value.Call.
// That was two thirds of the render time of 10,000 guide pages. A Program
// is the same escaped parse tree compiled once into nodes that remember
// where each field is, call the escapers and the common function shapes
// directly, and keep text/template's semantics for everything they
// accept.
//
// It is deliberately partial. Compile refuses any construct it does not
// implement (an escaper or builtin it does not know, break, continue, …)
// and Execute returns an error on any value it is not sure about (a nil
// pointer, an unexpected type); the caller then executes the template
// with html/template, which gives the same page or the proper error. The
// render package's tests compare the two executors on every page of the
// sample site and of synthetic sites with hostile text.
package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"text/template/parse"
)

// ErrUnsupported is returned by Execute when a value takes a path the
// Program does not implement; the caller should use html/template.
var ErrUnsupported = errors.New("tmplexec: not supported, use html/template")

// Program is a compiled, escaped template and the templates it calls. It
// is safe for concurrent use.
type Program struct {
	root  []node
	progs map[string]*[]node // every template reachable by {{template}}
}

// Compile compiles the template called name in set, which html/template
// must already have escaped (executed it at least once), and every
// template it calls. funcs are the functions the set was given (Funcs);
// the escapers and builtins are known here.
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Program, error) {
	c := &compiler{set: set, funcs: funcs, prog: &Program{progs: map[string]*[]node{}}}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	c.prog.root = *root
	return c.prog, nil
}

type compiler struct {
	set   *template.Template
	funcs template.FuncMap
	prog  *Program
}

// template compiles a named template once; recursive calls get the same
// slot, filled when the body is done.
func (c *compiler) template(name string) (*[]node, error) {
	if p, ok := c.prog.progs[name]; ok {
		return p, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, fmt.Errorf("tmplexec: no template %q", name)
	}
	slot := new([]node)
	c.prog.progs[name] = slot
	body, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	*slot = body
	return slot, nil
}

func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	out := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		x, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if x != nil {
			out = append(out, x)
		}
	}
	return out, nil
}

// node compiles one node of a parsed template; comments compile to nil.
func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		return textNode(n.Text), nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.branch(&n.BranchNode, false)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeLoop(n)
	case *parse.TemplateNode:
		return c.templateCall(n)
	}
	return nil, fmt.Errorf("tmplexec: unsupported node %T: %s", n, n)
}

// action compiles a printing or declaring action. A printing action must
// end with html/template's escapers, which become the action's own; no
// escaper may appear elsewhere in its pipeline.
func (c *compiler) action(n *parse.ActionNode) (node, error) {
	p, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	a := &actionNode{pipe: p}
	if len(p.decl) == 0 {
		// html/template ends every printing action with escapers,
		// which take only the value before them; anything else was
		// not escaped by html/template.
		for len(p.cmds) > 1 {
			last := p.cmds[len(p.cmds)-1]
			if last.fn == nil || last.fn.escaper == nil || len(last.args) > 0 {
				break
			}
			a.escapers = append([]escaper{last.fn.escaper}, a.escapers...)
			p.cmds = p.cmds[:len(p.cmds)-1]
		}
		if len(a.escapers) == 0 {
			return nil, fmt.Errorf("tmplexec: action without an escaper: %s", n)
		}
	}
	for _, cmd := range p.cmds {
		if cmd.fn != nil && cmd.fn.escaper != nil {
			return nil, fmt.Errorf("tmplexec: escaper inside a pipeline: %s", n)
		}
	}
	return a, nil
}

// rangeLoop compiles {{range}} with at most two declared variables.
func (c *compiler) rangeLoop(n *parse.RangeNode) (node, error) {
	p, body, els, err := c.control(&n.BranchNode)
	if err != nil {
		return nil, err
	}
	if p.isAssign || len(p.decl) > 2 {
		return nil, fmt.Errorf("tmplexec: unsupported range: %s", n)
	}
	return &rangeNode{pipe: p, body: body, els: els}, nil
}

// templateCall compiles {{template "name" pipeline}}, compiling the called
// template too.
func (c *compiler) templateCall(n *parse.TemplateNode) (node, error) {
	prog, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	var p *pipeline
	if n.Pipe != nil {
		if p, err = c.valuePipe(n.Pipe); err != nil {
			return nil, err
		}
		if len(p.decl) > 0 {
			return nil, fmt.Errorf("tmplexec: declaration in a template call: %s", n)
		}
	}
	return &templateNode{body: prog, pipe: p}, nil
}

// branch compiles {{if}} or, with with set, {{with}}.
func (c *compiler) branch(b *parse.BranchNode, with bool) (node, error) {
	p, then, els, err := c.control(b)
	if err != nil {
		return nil, err
	}
	return &ifNode{pipe: p, with: with, then: then, els: els}, nil
}

// control compiles what {{if}}, {{with}} and {{range}} are made of: the
// pipeline, the body and the {{else}} part.
func (c *compiler) control(b *parse.BranchNode) (p *pipeline, body, els []node, err error) {
	if p, err = c.valuePipe(b.Pipe); err != nil {
		return nil, nil, nil, err
	}
	if body, err = c.list(b.List); err != nil {
		return nil, nil, nil, err
	}
	if els, err = c.list(b.ElseList); err != nil {
		return nil, nil, nil, err
	}
	return p, body, els, nil
}

func (c *compiler) pipe(p *parse.PipeNode) (*pipeline, error) {
	if p == nil || len(p.Cmds) == 0 {
		return nil, fmt.Errorf("tmplexec: empty pipeline")
	}
	out := &pipeline{isAssign: p.IsAssign}
	for _, v := range p.Decl {
		if len(v.Ident) != 1 {
			return nil, fmt.Errorf("tmplexec: unsupported declaration %s", v)
		}
		out.decl = append(out.decl, v.Ident[0])
	}
	for _, cmd := range p.Cmds {
		x, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		out.cmds = append(out.cmds, x)
	}
	return out, nil
}

// valuePipe compiles a pipeline whose value is used, not printed: it has
// no escapers.
func (c *compiler) valuePipe(p *parse.PipeNode) (*pipeline, error) {
	out, err := c.pipe(p)
	if err != nil {
		return nil, err
	}
	for _, cmd := range out.cmds {
		if cmd.fn != nil && cmd.fn.escaper != nil {
			return nil, fmt.Errorf("tmplexec: escaper in a pipeline that prints nothing: %s", p)
		}
	}
	return out, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (*command, error) {
	out := &command{}
	first := cmd.Args[0]
	if id, ok := first.(*parse.IdentifierNode); ok {
		f, err := c.function(id.Ident)
		if err != nil {
			return nil, err
		}
		out.fn = f
		for _, a := range cmd.Args[1:] {
			x, err := c.operand(a)
			if err != nil {
				return nil, err
			}
			out.args = append(out.args, x)
		}
		return out, nil
	}
	if len(cmd.Args) > 1 {
		return nil, fmt.Errorf("tmplexec: arguments to a non-function: %s", cmd)
	}
	x, err := c.operand(first)
	if err != nil {
		return nil, err
	}
	out.operand = x
	return out, nil
}

func (c *compiler) operand(n parse.Node) (operand, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return &fieldOperand{base: baseDot}, nil
	case *parse.FieldNode:
		return &fieldOperand{base: baseDot, chain: newChain(n.Ident)}, nil
	case *parse.VariableNode:
		return &fieldOperand{base: baseVar, name: n.Ident[0], chain: newChain(n.Ident[1:])}, nil
	case *parse.ChainNode:
		inner, err := c.operand(n.Node)
		if err != nil {
			return nil, err
		}
		return &fieldOperand{base: baseOperand, inner: inner, chain: newChain(n.Field)}, nil
	case *parse.PipeNode:
		p, err := c.valuePipe(n)
		if err != nil {
			return nil, err
		}
		if len(p.decl) > 0 {
			return nil, fmt.Errorf("tmplexec: declaration in a parenthesized pipeline")
		}
		return &pipeOperand{pipe: p}, nil
	case *parse.StringNode:
		return constOperand{reflect.ValueOf(n.Text)}, nil
	case *parse.BoolNode:
		return constOperand{reflect.ValueOf(n.True)}, nil
	case *parse.NumberNode:
		// Untyped constants take the type of the parameter they meet in
		// text/template; only plain integers are taken as int here.
		if n.IsInt && n.Text == strconv.FormatInt(n.Int64, 10) {
			return constOperand{reflect.ValueOf(int(n.Int64))}, nil
		}
	case *parse.IdentifierNode:
		// A niladic function used as an argument, e.g. {{f g}}.
		f, err := c.function(n.Ident)
		if err != nil {
			return nil, err
		}
		return &pipeOperand{pipe: &pipeline{cmds: []*command{{fn: f}}}}, nil
	}
	return nil, fmt.Errorf("tmplexec: unsupported operand %T: %s", n, n)
}
