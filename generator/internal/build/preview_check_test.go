package build

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/serve"
)

// TestIncrementalRandomEdits makes random edits to a generated site, the
// kind that move guides between what inheritance and resolve look at
// (codes, extends, drafts, departments, visits, dates, deleted and copied
// files, unparseable files), and after each wants the preview's
// incremental rebuild to hold what a clean check gives: the same
// diagnostics, the same resolved guides and the same resolved site.
func TestIncrementalRandomEdits(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Generate(src, 120, 7, corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	e := newRandomEditor(src)
	// With a server (never run), the search index is built once, then in
	// the background: this test is about the check and resolve.
	srv, p, err := NewPreviewServer(serve.Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	defer p.close()
	counts := countRebuilds(p)
	if res := p.build(context.Background()); res.Err != nil {
		t.Fatal(res.Err)
	}
	e.clock = time.Now()
	built := 0
	for step := range 80 {
		changed := e.step(step)
		res := p.buildChanged(context.Background(), changed)
		if checkAgainstClean(t, p, res, src, step, changed) {
			built++
		}
	}
	t.Logf("%d of 80 rebuilds incremental, %d built, %d copied the previous site", counts.incremental, built, counts.sitesCopied)
	if built < 15 {
		t.Errorf("only %d rebuilds built a site", built)
	}
	if counts.incremental < 40 {
		t.Errorf("only %d rebuilds took the incremental path", counts.incremental)
	}
}

// checkAgainstClean wants the preview's rebuild res after a step to hold
// what a clean check of src gives: the same diagnostics, resolved guides
// and, when the site builds, resolved site. It tells whether it builds.
func checkAgainstClean(t *testing.T, p *preview, res serve.Result, src string, step int, changed []string) bool {
	t.Helper()
	clean, cleanErr := Check(context.Background(), src, false, nil, nil)
	if got, want := diagnosticLines(res.Diagnostics), diagnosticLines(clean.Diagnostics); got != want {
		t.Fatalf("step %d (%v): diagnostics of the preview:\n%s\nof a clean check:\n%s", step, changed, got, want)
	}
	if (res.Err == nil) != (cleanErr == nil) {
		t.Fatalf("step %d: preview: %v; clean: %v", step, res.Err, cleanErr)
	}
	if _, resolved := p.state.result(); !reflect.DeepEqual(resolved, clean.Guides) {
		t.Fatalf("step %d (%v): the resolved guides differ from a clean check's", step, changed)
	}
	if cleanErr == nil && p.site != nil {
		// The build day is the preview's own (today, under a server); a
		// clean check has none.
		clean.Site.Today = p.site.Today
	}
	if cleanErr == nil && !reflect.DeepEqual(p.site, clean.Site) {
		t.Fatalf("step %d (%v): the resolved site differs from a clean check's", step, changed)
	}
	return cleanErr == nil
}

// codeLine matches a guide's code line; its group is the code.
var codeLine = regexp.MustCompile(`(?m)^code = "([^"]*)"`)

// randomEditor makes the random edits of TestIncrementalRandomEdits to the
// guides of a site folder, each dated a second after the last.
type randomEditor struct {
	src      string
	files    []string          // the guides' files, slash-separated, sorted
	codes    map[string]string // by file
	original map[string]string // the files' text, by file
	rng      *rand.Rand
	edits    []func(data string) string
	clock    time.Time       // of the last edit
	dirty    map[string]bool // files changed since the last undo
}

// newRandomEditor reads the guides of the site folder src.
func newRandomEditor(src string) *randomEditor {
	e := &randomEditor{src: src, codes: map[string]string{}, original: map[string]string{},
		rng: rand.New(rand.NewPCG(7, 7)), dirty: map[string]bool{}}
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(src, p)
			e.files = append(e.files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(e.files)
	for _, f := range e.files {
		data, _ := os.ReadFile(filepath.Join(src, f))
		e.original[f] = string(data)
		if m := codeLine.FindSubmatch(data); m != nil {
			e.codes[f] = string(m[1])
		}
	}
	e.edits = e.guideEdits()
	return e
}

func (e *randomEditor) pick() string     { return e.files[e.rng.IntN(len(e.files))] }
func (e *randomEditor) someCode() string { return e.codes[e.pick()] }

// guideEdits are the edits of a guide's text step picks from.
func (e *randomEditor) guideEdits() []func(data string) string {
	rng := e.rng
	return []func(data string) string{
		func(d string) string { return strings.Replace(d, "\ntitle = \"", "\ntitle = \"改", 1) },
		func(d string) string { // extend another guide, or stop extending
			d = regexp.MustCompile(`(?m)^extends = ".*"\n`).ReplaceAllString(d, "")
			if rng.IntN(3) > 0 {
				d = strings.Replace(d, "\ncode = ", fmt.Sprintf("\nextends = %q\ncode = ", e.someCode()), 1)
			}
			return d
		},
		func(d string) string { return codeLine.ReplaceAllString(d, fmt.Sprintf("code = %q", e.someCode())) },
		func(d string) string {
			if strings.Contains(d, "\ndraft = true") {
				return strings.Replace(d, "\ndraft = true", "", 1)
			}
			return strings.Replace(d, "\ncode = ", "\ndraft = true\ncode = ", 1)
		},
		func(d string) string {
			return regexp.MustCompile(`(?m)^department = ".*"`).ReplaceAllString(d, `department = "舟山市司法局"`)
		},
		func(d string) string {
			return regexp.MustCompile(`(?m)^visits = \d+`).ReplaceAllString(d, fmt.Sprintf("visits = %d", rng.IntN(3)))
		},
		func(d string) string {
			return regexp.MustCompile(`(?m)^updated = .*`).ReplaceAllString(d, fmt.Sprintf("updated = 2025-0%d-01", 1+rng.IntN(9)))
		},
		func(d string) string { return strings.Replace(d, "+++\n", "++\n", 1) },
		func(d string) string { return strings.Replace(d, "++\n", "+++\n", 1) },
	}
}

// step makes the edit of step number step and returns the files it
// changed: every third step undoes the edits since the last undo; the
// others delete a guide, copy one to a new file or edit one.
func (e *randomEditor) step(step int) []string {
	var changed []string
	touch := func(f string) {
		e.clock = e.clock.Add(time.Second)
		os.Chtimes(filepath.Join(e.src, f), e.clock, e.clock)
		changed = append(changed, f)
		e.dirty[f] = true
	}
	switch r := e.rng.IntN(12); {
	case step%3 == 2: // undo every edit since the last undo
		changed = e.undo()
	case r == 0: // delete a guide
		f := e.pick()
		os.Remove(filepath.Join(e.src, f))
		changed = append(changed, f)
		e.dirty[f] = true
	case r == 1: // copy one to a new file
		from, to := e.pick(), fmt.Sprintf("content/copy%d.md", step)
		data, _ := os.ReadFile(filepath.Join(e.src, from))
		os.WriteFile(filepath.Join(e.src, to), data, 0o644)
		touch(to)
	default: // edit a guide
		f := e.pick()
		if data, err := os.ReadFile(filepath.Join(e.src, f)); err == nil {
			os.WriteFile(filepath.Join(e.src, f), []byte(e.edits[e.rng.IntN(len(e.edits))](string(data))), 0o644)
			touch(f)
		}
	}
	return changed
}

// undo puts back every file changed since the last undo, removing the
// new ones, and returns them.
func (e *randomEditor) undo() []string {
	var changed []string
	for _, f := range slices.Sorted(maps.Keys(e.dirty)) {
		if orig, ok := e.original[f]; ok {
			os.WriteFile(filepath.Join(e.src, f), []byte(orig), 0o644)
			e.clock = e.clock.Add(time.Second)
			os.Chtimes(filepath.Join(e.src, f), e.clock, e.clock)
		} else {
			os.Remove(filepath.Join(e.src, f))
		}
		changed = append(changed, f)
	}
	clear(e.dirty)
	return changed
}
