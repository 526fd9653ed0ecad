package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/serve"
)

// get fetches a URL of the test server and returns the body.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// eventually polls check until it holds or the time runs out.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeWithThePipeline runs `serve` on a real site through the real
// pipeline: an edit shows on the page, the search API catches up, a broken
// guide shows its diagnostic and a fix clears it.
func TestServeWithThePipeline(t *testing.T) {
	src := writeSite(t, smallSite)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, p, err := newPreviewServer(ctx, serve.Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	base := srv.URL()
	status := func() serve.Status {
		var st serve.Status
		json.Unmarshal([]byte(get(t, base+"_serve/status")), &st)
		return st
	}
	eventually(t, "the first build", func() bool { return status().Builds >= 1 })

	page := base + "guide/330000-SF-GG-0002/"
	if !strings.Contains(get(t, page), "法律援助申请") {
		t.Fatal("guide page not served")
	}
	guide := filepath.Join(src, "content/sfj/aid.md")
	orig, _ := os.ReadFile(guide)
	edited := strings.Replace(string(orig), `title = "法律援助申请"`, `title = "法律援助申请及指派"`, 1)
	os.WriteFile(guide, []byte(edited), 0o644)
	eventually(t, "the edited title on the page", func() bool { return strings.Contains(get(t, page), "法律援助申请及指派") })
	eventually(t, "the search API to find the new title", func() bool {
		return strings.Contains(get(t, base+"api/search?q="+"指派"), "法律援助申请及指派")
	})

	os.WriteFile(guide, []byte(strings.Replace(edited, "visits = 0", "visits = 3", 1)), 0o644)
	eventually(t, "the diagnostic of the broken guide", func() bool {
		st := status()
		return !st.OK && len(st.Diagnostics) > 0 && strings.Contains(st.Diagnostics[0].Text, "content/sfj/aid.md")
	})
	if !strings.Contains(get(t, page), "法律援助申请及指派") {
		t.Error("the last good page is no longer served while the guide is broken")
	}
	os.WriteFile(guide, []byte(edited), 0o644)
	eventually(t, "the fix to clear the errors", func() bool { return status().OK })

	// A folder created after the server started, with a guide saved into
	// it the way many editors save: a temporary file renamed into place.
	dir := filepath.Join(src, "content", "new-dept")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fresh := strings.Replace(edited, `code = "330000-SF-GG-0002"`, `code = "330000-SF-GG-0077"`, 1)
	fresh = strings.Replace(fresh, "法律援助申请及指派", "新设事项七十七", 1)
	tmp := filepath.Join(dir, ".new.md.swp")
	os.WriteFile(tmp, []byte(fresh), 0o644)
	os.Rename(tmp, filepath.Join(dir, "new.md"))
	eventually(t, "the guide in the new folder", func() bool {
		return strings.Contains(get(t, base+"guide/330000-SF-GG-0077/"), "新设事项七十七")
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestPreviewEqualsBuild proves the preview's fast path (pages rendered on
// demand, data made on first request) equal to a full build: every file
// `build` writes, but the bleve index's own files, is what the preview
// serves, byte for byte.
func TestPreviewEqualsBuild(t *testing.T) {
	src := writeSite(t, smallSite)
	p, err := newPreview(src)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	comparePreviewWithBuild(t, p, src)
}

// TestIncrementalEqualsClean edits a site step by step (a guide, the
// standard others extend, config.toml, a layout, a new guide, a deleted
// guide, a broken then fixed guide) and after each step wants the
// preview's incremental rebuild equal to a clean build.
func TestIncrementalEqualsClean(t *testing.T) {
	src := writeSite(t, smallSite)
	// Files written an hour ago, and each edit a second later than the
	// last, so that the cache trusts what it has read (see racyWindow).
	clock := time.Now().Add(-time.Hour)
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, clock, clock)
		}
		return nil
	})
	tick := func(file string) {
		clock = clock.Add(time.Second)
		os.Chtimes(file, clock, clock)
	}
	p, err := newPreview(src)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	comparePreviewWithBuild(t, p, src)
	edit := func(rel, old, new string) {
		t.Helper()
		file := filepath.Join(src, filepath.FromSlash(rel))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s lacks %q", rel, old)
		}
		if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		tick(file)
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"edit a guide", func() { edit("content/sfj/aid.md", "法律援助正文。", "法律援助正文，已修订。") }},
		{"edit the standard a local guide extends", func() {
			edit("content/sfj/lawfirm.md", `title = "律师事务所设立审核登记"`, `title = "律师事务所（分所）设立审核登记"`)
		}},
		{"edit config.toml", func() { edit("config.toml", `title = "测试站点"`, `title = "测试站点（新）"`) }},
		{"add a layout", func() {
			os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
			os.WriteFile(filepath.Join(src, "layouts", "404.html"), []byte(`{{define "main"}}<h1>找不到了</h1>{{end}}`), 0o644)
		}},
		{"add a guide", func() {
			data, _ := os.ReadFile(filepath.Join(src, "content/sfj/aid.md"))
			os.WriteFile(filepath.Join(src, "content/sfj/aid2.md"),
				[]byte(strings.Replace(string(data), `code = "330000-SF-GG-0002"`, `code = "330000-SF-GG-0003"`, 1)), 0o644)
			tick(filepath.Join(src, "content/sfj/aid2.md"))
		}},
		{"delete a guide", func() { os.Remove(filepath.Join(src, "content/sfj/aid.md")) }},
	}
	for _, step := range steps {
		step.do()
		t.Run(step.name, func(t *testing.T) { comparePreviewWithBuild(t, p, src) })
		if p.cache.hits == 0 {
			t.Errorf("%s: the rebuild took no guide from the cache", step.name)
		}
	}
	// A broken guide fails the preview's build; fixing it brings back the
	// clean build's output.
	edit("content/sfj/aid2.md", "visits = 0", "visits = 4")
	if _, res := p.build(context.Background()); res.Err == nil {
		t.Fatal("a broken guide built")
	}
	edit("content/sfj/aid2.md", "visits = 4", "visits = 0")
	comparePreviewWithBuild(t, p, src)
}

// comparePreviewWithBuild rebuilds the preview p and builds src cleanly
// into a new folder, and wants every file the build wrote (but the bleve
// index's own files) served by the preview with the same bytes.
func comparePreviewWithBuild(t *testing.T, p *preview, src string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(context.Background(), buildOptions{Source: src, Dest: dest, Search: true}); err != nil {
		t.Fatal(err)
	}
	files, res := p.build(context.Background())
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	served := map[string][]byte{}
	for _, f := range files {
		served[f.Path] = f.Data
	}
	staticDir := filepath.Join(src, "static")
	checked := 0
	for name, want := range snapshot(t, dest) {
		if strings.HasPrefix(name, "search/index.bleve/") {
			continue
		}
		got, ok := served[name]
		if !ok {
			var err error
			if got, ok, err = res.Lazy(name); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if !ok { // static files are served from static/ itself
			var err error
			got, err = os.ReadFile(filepath.Join(staticDir, filepath.FromSlash(name)))
			ok = err == nil
		}
		if !ok {
			t.Errorf("%s: written by build, not served by the preview", name)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s: the preview serves other bytes than build writes", name)
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("only %d files compared", checked)
	}
}
