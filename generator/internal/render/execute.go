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
	return p.executeIn(tmpl, baseTemplate, buf, d)
}

// executeIn runs template name of the set of page template set, as
// execute does.
func (p *prepared) executeIn(set, name string, buf *bytes.Buffer, data any) error {
	slot := p.programs[programKey{set, name}]
	start := buf.Len()
	if slot != nil {
		if prog := slot.prog.Load(); prog != nil {
			if err := prog.Execute(buf, data); err == nil {
				return nil
			}
			buf.Truncate(start)
			p.declined.Add(1)
		}
	}
	t := p.sets[set]
	if err := t.ExecuteTemplate(buf, name, data); err != nil {
		return err
	}
	if slot != nil {
		slot.once.Do(func() { slot.compile(t, name, p.funcs, data, buf.Bytes()[start:]) })
	}
	return nil
}

// programKey names a compiled template: a page template's set and the
// template run in it (the frame, or a partial such as a list's item).
type programKey struct{ set, name string }

// compile compiles template name of an escaped set; what tmplexec cannot
// compile keeps running on html/template. As a last guard for a site's
// own layouts, the program must also give the page html/template just
// gave (want, from data) byte for byte, or it is not used.
func (slot *program) compile(set *template.Template, name string, funcs template.FuncMap, data any, want []byte) {
	prog, err := tmplexec.Compile(set, name, funcs)
	if err != nil {
		return
	}
	var got bytes.Buffer
	if prog.Execute(&got, data) != nil || !bytes.Equal(got.Bytes(), want) {
		return
	}
	slot.prog.Store(prog)
}
