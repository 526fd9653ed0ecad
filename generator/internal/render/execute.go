package render

import (
	"bytes"
	"html/template"
	"sync"
	"sync/atomic"

	"zhinan/generator/internal/tmplexec"
)

// program is a page template's set compiled by tmplexec, made once the
// set has been escaped (html/template escapes on first execution).
type program struct {
	once sync.Once
	prog atomic.Pointer[tmplexec.Program]
}

// execute runs page template tmpl inside the frame with d as dot,
// appending to buf. The compiled program runs when there is one; when
// there is none yet, or it declines a value (tmplexec.ErrUnsupported) or
// fails, html/template runs instead and gives the page or the error
// authors know. Both give the same bytes: TestCompiledEqualsHTMLTemplate.
func (p *prepared) execute(tmpl string, buf *bytes.Buffer, d *PageData) error {
	slot := p.programs[tmpl]
	start := buf.Len()
	if slot != nil {
		if prog := slot.prog.Load(); prog != nil {
			if err := prog.Execute(buf, d); err == nil {
				return nil
			}
			buf.Truncate(start)
			p.declined.Add(1)
		}
	}
	set := p.sets[tmpl]
	if err := set.ExecuteTemplate(buf, baseTemplate, d); err != nil {
		return err
	}
	if slot != nil {
		slot.once.Do(func() { slot.compile(set, p.funcs) })
	}
	return nil
}

// compile compiles the frame of an escaped set; a set tmplexec cannot
// compile keeps running on html/template.
func (slot *program) compile(set *template.Template, funcs template.FuncMap) {
	if prog, err := tmplexec.Compile(set, baseTemplate, funcs); err == nil {
		slot.prog.Store(prog)
	}
}
