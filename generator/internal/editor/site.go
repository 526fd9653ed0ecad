package editor

import (
	"bytes"
	"context"
	"io/fs"
	"sort"
	"strings"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/sheets"
	"zhinan/generator/internal/site"
)

// guideInfo is what the list of guides shows of one file.
type guideInfo struct {
	File, Code, Title, Department, Region, Extends, Level string
	Bundle                                                bool
	TitleInherited                                        bool // Title is the base's
	Errors, Warnings                                      int
	Todo                                                  bool // the file still says 待填写
	front                                                 map[string]any
}

// Attention reports whether the list's "needs attention" filter shows it.
func (g guideInfo) Attention() bool { return g.Errors > 0 || g.Todo }

// siteState is the site's guides as read now, with the check's findings.
type siteState struct {
	fsys   fs.FS
	guides []guideInfo
	cfg    site.Config
}

// readSite reads every content file and runs the build's check over the
// site, for the list and for what a guide inherits.
func readSite(ctx context.Context, source string) (*siteState, error) {
	fsys := load.DirFS(source)
	files, _ := load.ContentFiles(fsys)
	cfg, _ := load.Config(fsys)
	st := &siteState{fsys: fsys, cfg: cfg}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			continue
		}
		gi := guideInfo{File: f, Todo: bytes.Contains(data, []byte("待填写"))}
		if doc, _ := load.Parse(f, data); doc != nil {
			gi.front = doc.Front
			str := func(k string) string { s, _ := doc.Front[k].(string); return s }
			gi.Code, gi.Title, gi.Department, gi.Region = str("code"), str("title"), str("department"), str("region")
			gi.Extends, gi.Level, gi.Bundle = str("extends"), str("level"), str("kind") != ""
		}
		st.guides = append(st.guides, gi)
	}
	c, err := build.CheckFS(ctx, fsys, false)
	if c == nil {
		return nil, err
	}
	count := map[string][2]int{}
	for _, d := range c.Diagnostics {
		n := count[d.File]
		if d.Severity == site.Error {
			n[0]++
		} else {
			n[1]++
		}
		count[d.File] = n
	}
	for i := range st.guides {
		n := count[st.guides[i].File]
		st.guides[i].Errors, st.guides[i].Warnings = n[0], n[1]
	}
	sort.SliceStable(st.guides, func(i, j int) bool { return st.guides[i].Code < st.guides[j].Code })
	for i := range st.guides {
		g := &st.guides[i]
		if t, ok := st.inherited(g.Extends)["title"].(string); ok && g.Title == "" {
			g.Title, g.TitleInherited = t, true
		}
	}
	return st, nil
}

// find returns the guide with the code, or nil.
func (st *siteState) find(code string) *guideInfo {
	for i := range st.guides {
		if st.guides[i].Code == code && code != "" {
			return &st.guides[i]
		}
	}
	return nil
}

// inherited is the front matter a guide inherits through its extends
// chain, merged key by key (a nearer base wins), or nil.
func (st *siteState) inherited(extends string) map[string]any {
	var out map[string]any
	seen := map[string]bool{}
	for code := extends; code != "" && !seen[code]; {
		seen[code] = true
		b := st.find(code)
		if b == nil || b.front == nil {
			break
		}
		if out == nil {
			out = map[string]any{}
		}
		for k, v := range b.front {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
		code = b.Extends
	}
	return out
}

// verdict is what the validator says about a would-be file, mapped to
// the form's fields.
type verdict struct {
	Fields   map[string][]string `json:"fields"`  // by field id
	General  []string            `json:"general"` // about no field of the form
	Errors   int                 `json:"errors"`
	Warnings int                 `json:"warnings"`
}

// judge runs the build's check on the site with file holding out and
// maps what it finds in that file to the fields of the form: the same
// rule ids and messages as `generator check`.
func judge(ctx context.Context, st *siteState, file string, out []byte, ids map[string]bool) (verdict, error) {
	ov := sheets.NewOverlay(st.fsys, map[string][]byte{file: out})
	c, err := build.CheckFS(ctx, ov, false)
	if c == nil {
		return verdict{}, err
	}
	v := verdict{Fields: map[string][]string{}, General: []string{}}
	m := newMapper(st, c, file, out)
	for _, d := range c.Diagnostics {
		if d.File != file {
			continue
		}
		msg := "[" + d.Rule + "] " + d.Message
		if d.Severity == site.Error {
			v.Errors++
		} else {
			v.Warnings++
			msg = "[" + d.Rule + "] 警告：" + d.Message
		}
		if id := m.field(d, ids); id != "" {
			v.Fields[id] = append(v.Fields[id], msg)
		} else {
			v.General = append(v.General, d.String())
		}
	}
	return v, nil
}

// mapper finds the form field a diagnostic is about.
type mapper struct {
	out   []byte
	guide *site.Guide
	env   *rules.Env
	body  int
}

// newMapper prepares the mapping of diagnostics about file, whose
// would-be bytes are out, from the check c of the site with it.
func newMapper(st *siteState, c *build.Checked, file string, out []byte) *mapper {
	m := &mapper{out: out}
	for _, g := range c.Guides {
		if g.File == file {
			m.guide = g
		}
	}
	if doc, _ := load.Parse(file, out); doc != nil {
		m.body = doc.BodyLine
	}
	static, _, _ := load.Static(st.fsys)
	set := map[string]bool{}
	for _, p := range static {
		set[p] = true
	}
	m.env = rules.NewEnv(&st.cfg, func(p string) bool { return set[p] })
	return m
}

// field returns the id of the field of d: the key on its line, made more
// precise by the rule's own finding (a missing key is reported at its
// table's header), then the nearest field the form has for that path or
// a table holding it; "" for none.
func (m *mapper) field(d site.Diagnostic, ids map[string]bool) string {
	p := ""
	if d.Line > 0 {
		p = frontedit.PathAt(m.out, d.Line)
		if p == "" && m.body > 0 && d.Line >= m.body {
			p = BodyField
		}
	}
	if m.guide != nil {
		for _, f := range rules.CheckGuide(m.guide, m.env) {
			fp := f.Path()
			if f.Rule.ID == d.Rule && strings.HasPrefix(d.Message, f.Message) &&
				(p == "" || fp == p || strings.HasPrefix(fp, p+".")) {
				p = fp
				break
			}
		}
	}
	for p != "" {
		if ids[fieldID(p)] {
			return fieldID(p)
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return ""
}
