package sheets

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"zhinan/generator/internal/build"
	"zhinan/generator/internal/frontedit"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// validate runs the build's checks on the site as it would be after the
// import and turns what they find in the changed files into problems at
// cells. An error in a file the import does not change counts only when
// the site without the import does not have it (the import caused it).
func (im *importer) validate(ctx context.Context, changes map[string][]byte, res *ImportResult) error {
	ov := newOverlay(im.sf.fsys, changes)
	after, err := build.CheckFS(ctx, ov, false)
	if after == nil {
		return err
	}
	before, err := build.CheckFS(ctx, im.sf.fsys, false)
	if before == nil {
		return err
	}
	known := map[string]bool{}
	for _, d := range before.Diagnostics {
		known[d.String()] = true
	}
	m := newMapper(ov, after)
	for _, d := range after.Diagnostics {
		t := im.byFile[d.File]
		switch {
		case t != nil:
			ce := CellError{Cell: m.cell(t, im.cellMap(t), d), Message: "[" + d.Rule + "] " + severityWord(d) + d.Message}
			if d.Severity == site.Error {
				im.problems = append(im.problems, ce)
			} else if !known[d.String()] {
				res.Warnings = append(res.Warnings, ce)
			}
		case d.Severity == site.Error && !known[d.String()]:
			im.problem(fmt.Sprintf("%s:%d", d.File, d.Line), "[%s] %s（由这次导入引起）", d.Rule, d.Message)
		}
	}
	return nil
}

func severityWord(d site.Diagnostic) string {
	if d.Severity == site.Warning {
		return "警告："
	}
	return ""
}

// mapper finds the cell of a diagnostic about a changed file.
type mapper struct {
	guides map[string]*site.Guide
	env    *rules.Env
}

func newMapper(ov *overlay, c *build.Checked) *mapper {
	m := &mapper{guides: map[string]*site.Guide{}}
	for _, g := range c.Guides {
		m.guides[g.File] = g
	}
	cfg, _ := load.Config(ov)
	static, _, _ := load.Static(ov)
	set := map[string]bool{}
	for _, p := range static {
		set[p] = true
	}
	m.env = rules.NewEnv(&cfg, func(p string) bool { return set[p] })
	return m
}

// cell returns the cell of the key path the diagnostic is about: the key
// written on its line, made more precise by the rule's own finding (a
// missing key is reported at its table's header), then the nearest cell
// the target has for that path or a table holding it.
func (m *mapper) cell(t *target, cells map[string]string, d site.Diagnostic) string {
	p := ""
	if d.Line > 0 {
		p = frontedit.PathAt(t.out, d.Line)
		if p == "" {
			if doc, _ := load.Parse(t.file, t.out); doc != nil && d.Line >= doc.BodyLine {
				p = "body"
			}
		}
	}
	p = m.refine(t, d, p)
	for {
		if ref, ok := cells[p]; ok {
			return ref
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return t.ref
		}
		p = p[:i]
	}
}

// refine returns the path of the guide rule's finding that made the
// diagnostic, when it lies within p.
func (m *mapper) refine(t *target, d site.Diagnostic, p string) string {
	g := m.guides[t.file]
	if g == nil {
		return p
	}
	for _, f := range rules.CheckGuide(g, m.env) {
		fp := f.Path()
		if f.Rule.ID == d.Rule && strings.HasPrefix(d.Message, f.Message) &&
			(p == "" || fp == p || strings.HasPrefix(fp, p+".")) {
			return fp
		}
	}
	return p
}

// writeFiles writes the changed files, each atomically (a temporary file
// in the same folder renamed over it), only inside content/: through an
// os.Root of the content folder, so that no path or link leads out.
func writeFiles(source string, changes map[string][]byte, order []string) error {
	root, err := os.OpenRoot(filepath.Join(source, load.ContentDir))
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range order {
		rel, ok := strings.CutPrefix(f, load.ContentDir+"/")
		if !ok || !filepath.IsLocal(filepath.FromSlash(rel)) {
			return fmt.Errorf("拒绝写入 content/ 以外的文件 %s", f)
		}
		if err := writeInRoot(root, rel, changes[f]); err != nil {
			return fmt.Errorf("写入 %s 失败：%w", f, err)
		}
	}
	return nil
}

// writeInRoot writes one file under root through a temporary file.
func writeInRoot(root *os.Root, rel string, data []byte) error {
	dir := path.Dir(rel)
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if fi, err := root.Stat(rel); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp := path.Join(dir, "."+path.Base(rel)+".import-tmp")
	root.Remove(tmp) // left by an import that was killed; ours by its name
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	werr = errors.Join(werr, f.Close())
	if werr == nil {
		werr = root.Rename(tmp, rel)
	}
	if werr != nil {
		root.Remove(tmp)
	}
	return werr
}
