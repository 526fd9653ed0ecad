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
	if err := corpus.Generate(src, 120, 7); err != nil {
		t.Fatal(err)
	}
	var files []string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(src, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(files)
	codes := map[string]string{}
	original := map[string]string{}
	codeLine := regexp.MustCompile(`(?m)^code = "([^"]*)"`)
	for _, f := range files {
		data, _ := os.ReadFile(filepath.Join(src, f))
		original[f] = string(data)
		if m := codeLine.FindSubmatch(data); m != nil {
			codes[f] = string(m[1])
		}
	}
	// With a server (never run), the search index is built once, then in
	// the background: this test is about the check and resolve.
	srv, p, err := NewPreviewServer(serve.Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	defer p.close()
	if res := p.build(context.Background()); res.Err != nil {
		t.Fatal(res.Err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	pick := func() string { return files[rng.IntN(len(files))] }
	someCode := func() string { return codes[pick()] }
	edits := []func(data string) string{
		func(d string) string { return strings.Replace(d, "\ntitle = \"", "\ntitle = \"改", 1) },
		func(d string) string { // extend another guide, or stop extending
			d = regexp.MustCompile(`(?m)^extends = ".*"\n`).ReplaceAllString(d, "")
			if rng.IntN(3) > 0 {
				d = strings.Replace(d, "\ncode = ", fmt.Sprintf("\nextends = %q\ncode = ", someCode()), 1)
			}
			return d
		},
		func(d string) string { return codeLine.ReplaceAllString(d, fmt.Sprintf("code = %q", someCode())) },
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
	clock := time.Now()
	built := 0
	dirty := map[string]bool{} // files changed since the last undo
	for step := range 80 {
		var changed []string
		touch := func(f string) {
			clock = clock.Add(time.Second)
			os.Chtimes(filepath.Join(src, f), clock, clock)
			changed = append(changed, f)
			dirty[f] = true
		}
		switch r := rng.IntN(12); {
		case step%3 == 2: // undo every edit since the last undo
			for _, f := range slices.Sorted(maps.Keys(dirty)) {
				if orig, ok := original[f]; ok {
					os.WriteFile(filepath.Join(src, f), []byte(orig), 0o644)
					clock = clock.Add(time.Second)
					os.Chtimes(filepath.Join(src, f), clock, clock)
				} else {
					os.Remove(filepath.Join(src, f))
				}
				changed = append(changed, f)
			}
			clear(dirty)
		case r == 0: // delete a guide
			f := pick()
			os.Remove(filepath.Join(src, f))
			changed = append(changed, f)
			dirty[f] = true
		case r == 1: // copy one to a new file
			from, to := pick(), fmt.Sprintf("content/copy%d.md", step)
			data, _ := os.ReadFile(filepath.Join(src, from))
			os.WriteFile(filepath.Join(src, to), data, 0o644)
			touch(to)
		default: // edit a guide
			f := pick()
			if data, err := os.ReadFile(filepath.Join(src, f)); err == nil {
				os.WriteFile(filepath.Join(src, f), []byte(edits[rng.IntN(len(edits))](string(data))), 0o644)
				touch(f)
			}
		}
		res := p.buildChanged(context.Background(), changed)
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
		if cleanErr == nil {
			built++
		}
		if cleanErr == nil && !reflect.DeepEqual(p.site, clean.Site) {
			t.Fatalf("step %d (%v): the resolved site differs from a clean check's", step, changed)
		}
	}
	t.Logf("%d of 80 rebuilds incremental, %d built, %d copied the previous site", p.patched, built, p.sitesPatched)
	if built < 15 {
		t.Errorf("only %d rebuilds built a site", built)
	}
	if p.patched < 40 {
		t.Errorf("only %d rebuilds took the incremental path", p.patched)
	}
}
