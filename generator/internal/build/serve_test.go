package build

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"zhinan/generator/internal/sitefixture"
	"zhinan/generator/internal/write"

	"zhinan/generator/internal/serve"
	"zhinan/generator/internal/site"
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
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, p, err := NewPreviewServer(serve.Options{Source: src})
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
	// The search API, behind serve's guard: GET and HEAD only, nosniff.
	for _, method := range []string{"GET", "HEAD", "POST", "DELETE"} {
		req, _ := http.NewRequest(method, base+"api/search?q=x", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := http.StatusOK
		if method != "GET" && method != "HEAD" {
			want = http.StatusMethodNotAllowed
		}
		if resp.StatusCode != want || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s /api/search = %d, nosniff %q; want %d, nosniff", method, resp.StatusCode, resp.Header.Get("X-Content-Type-Options"), want)
		}
	}

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

// TestSearchBeforeIndexIsJSON wants /api/search, asked before the first
// index exists, to answer 503 as JSON, like every answer of the API.
func TestSearchBeforeIndexIsJSON(t *testing.T) {
	p, err := newPreview(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=x", nil))
	var body struct{ Error string }
	if rec.Code != http.StatusServiceUnavailable || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") ||
		json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Error == "" {
		t.Errorf("before the index: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}

// TestPreviewEqualsBuild proves the preview's fast path (pages rendered on
// demand, data made on first request) equal to a full build: every file
// `build` writes, but the bleve index's own files, is what the preview
// serves, byte for byte.
func TestPreviewEqualsBuild(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	p, err := newPreview(src)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	comparePreviewWithBuild(t, p, src, nil)
}

// TestIncrementalEqualsClean edits a site step by step and after each
// step rebuilds the preview as `serve` does, told the changed paths, and
// wants what a clean build gives: the same diagnostics, and, when the
// site builds, every file with the same bytes. Guide edits take the
// incremental path (checkState.update), including those that change what
// other guides inherit (a standard, a code, a draft, a cycle, a
// duplicate) and layouts; config.toml, new folders and an extends that
// names no guide take the whole one.
func TestIncrementalEqualsClean(t *testing.T) {
	s := newEditedSite(t, sitefixture.WriteSite(t, sitefixture.SmallSite))
	p, err := newPreview(s.src)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	counts := countRebuilds(p)
	comparePreviewWithBuild(t, p, s.src, nil)
	stdOrig, _ := os.ReadFile(s.abs(stdFile))
	steps := append(inheritanceSteps(s), fileSteps(s, stdOrig)...)
	for _, step := range steps {
		step.do()
		before := counts.incremental
		t.Run(step.name, func(t *testing.T) { comparePreviewWithBuild(t, p, s.src, step.changed) })
		if fast := counts.incremental > before; fast != step.fast {
			t.Errorf("%s: incremental path taken = %v, want %v", step.name, fast, step.fast)
		}
	}
	if counts.cacheHits == 0 {
		t.Error("the whole rebuilds took no guide from the cache")
	}
	if counts.sitesCopied < 3 {
		t.Errorf("%d rebuilds copied the previous site (resolve.Patch), want at least 3", counts.sitesCopied)
	}
}

// rebuildCounts is what a preview's rebuilds did, as its observe hooks
// tell it: how many took the incremental path, how many of those copied
// the previous site, and how many guides the last whole build took from
// the decode cache.
type rebuildCounts struct {
	incremental, sitesCopied, cacheHits int
}

// countRebuilds hooks a rebuildCounts to p; call it before p's first
// build.
func countRebuilds(p *preview) *rebuildCounts {
	c := &rebuildCounts{}
	p.observe = func(e previewEvent) {
		switch e {
		case checkedIncrementally:
			c.incremental++
		case copiedSite:
			c.sitesCopied++
		}
	}
	p.cache.observe = func(hits int) { c.cacheHits = hits }
	return c
}

// The guides of sitefixture.SmallSite that TestIncrementalEqualsClean edits.
const (
	stdFile   = "content/sfj/lawfirm.md"
	localFile = "content/zhoushan/lawfirm.md"
	aidFile   = "content/sfj/aid.md"
)

// incrementalStep is one edit of TestIncrementalEqualsClean.
type incrementalStep struct {
	name    string
	changed []string // what the watcher reports
	fast    bool     // the incremental path is expected
	do      func()
}

// inheritanceSteps edits guides in ways that change what other guides
// inherit: a standard, a duplicate code, a draft, a cycle, an extends.
func inheritanceSteps(s *editedSite) []incrementalStep {
	return []incrementalStep{
		{"edit a guide", []string{aidFile}, true, func() { s.edit(aidFile, "法律援助正文。", "法律援助正文，已修订。") }},
		{"edit the standard a local guide extends", []string{stdFile}, true, func() {
			s.edit(stdFile, `title = "律师事务所设立审核登记"`, `title = "律师事务所（分所）设立审核登记"`)
		}},
		{"a county guide extends the local one", []string{"content/county/x.md"}, true, func() {
			os.MkdirAll(s.abs("content/county"), 0o755)
			os.WriteFile(s.abs("content/county/x.md"), []byte("+++\ncode = \"330902-SF-XK-0001\"\nextends = \"330900-SF-XK-0001\"\nregion = \"舟山市\"\n+++\n"), 0o644)
			s.tick(s.abs("content/county/x.md"))
		}},
		{"the standard changes for both", []string{stdFile}, true, func() { s.edit(stdFile, "promised_days = 15", "promised_days = 12") }},
		{"the local guide's code used twice", []string{"content/zhoushan/dup.md"}, true, func() {
			s.copyGuide(localFile, "content/zhoushan/dup.md", "", "")
		}},
		{"the standard changes meanwhile", []string{stdFile}, true, func() { s.edit(stdFile, "promised_days = 12", "promised_days = 10") }},
		{"the second copy goes", []string{"content/zhoushan/dup.md"}, true, func() { os.Remove(s.abs("content/zhoushan/dup.md")) }},
		{"break the standard's inherited phone", []string{stdFile}, true, func() { s.edit(stdFile, `phone = "0571-87000000"`, `phone = "87000000"`) }},
		{"fix it", []string{stdFile}, true, func() { s.edit(stdFile, `phone = "87000000"`, `phone = "0571-87000000"`) }},
		{"make the standard a draft", []string{stdFile}, true, func() { s.edit(stdFile, "updated = 2017-03-10", "updated = 2017-03-10\ndraft = true") }},
		{"publish it again", []string{stdFile}, true, func() { s.edit(stdFile, "\ndraft = true", "") }},
		{"a duplicate code", []string{"content/sfj/aid2.md"}, true, func() {
			s.copyGuide(aidFile, "content/sfj/aid2.md", "330000-SF-GG-0002", "330000-SF-GG-0002")
		}},
		{"the duplicate gets its own code", []string{"content/sfj/aid2.md"}, true, func() {
			s.edit("content/sfj/aid2.md", `code = "330000-SF-GG-0002"`, `code = "330000-SF-GG-0003"`)
		}},
		{"a cycle", []string{stdFile}, true, func() {
			s.edit(stdFile, `code = "330000-SF-XK-0001"`, "code = \"330000-SF-XK-0001\"\nextends = \"330900-SF-XK-0001\"")
		}},
		{"the cycle undone", []string{stdFile}, true, func() { s.edit(stdFile, "\nextends = \"330900-SF-XK-0001\"", "") }},
		{"extends a code nobody has", []string{localFile}, false, func() { s.edit(localFile, `extends = "330000-SF-XK-0001"`, `extends = "330000-SF-XK-0002"`) }},
		{"extends another guide", []string{localFile}, true, func() { s.edit(localFile, `extends = "330000-SF-XK-0002"`, `extends = "330000-SF-GG-0003"`) }},
		{"back to its standard", []string{localFile}, true, func() { s.edit(localFile, `extends = "330000-SF-GG-0003"`, `extends = "330000-SF-XK-0001"`) }},
		{"the standard changes its code", []string{stdFile}, false, func() { s.edit(stdFile, `code = "330000-SF-XK-0001"`, `code = "330000-SF-XK-0011"`) }},
		{"and back", []string{stdFile}, true, func() { s.edit(stdFile, `code = "330000-SF-XK-0011"`, `code = "330000-SF-XK-0001"`) }},
	}
}

// fileSteps adds, removes and renames files: unparseable guides, files
// that are no guide, forms, layouts, config.toml and folders; stdOrig is
// the standard guide as written.
func fileSteps(s *editedSite, stdOrig []byte) []incrementalStep {
	return []incrementalStep{
		{"a file that cannot be parsed", []string{aidFile}, true, func() { s.edit(aidFile, "+++\n", "++\n") }},
		{"parsed again", []string{aidFile}, true, func() { s.edit(aidFile, "++\n", "+++\n") }},
		{"a file that is no guide", []string{"content/sfj/_index.md", "content/sfj/notes.txt"}, true, func() {
			os.WriteFile(s.abs("content/sfj/_index.md"), []byte("not a guide"), 0o644)
			os.WriteFile(s.abs("content/sfj/notes.txt"), []byte("not a guide"), 0o644)
		}},
		{"add a guide", []string{"content/sfj/aid4.md"}, true, func() {
			s.copyGuide(aidFile, "content/sfj/aid4.md", "330000-SF-GG-0002", "330000-SF-GG-0004")
		}},
		{"rename a guide's file", []string{"content/sfj/aid4.md", "content/sfj/aid5.md"}, true, func() {
			os.Rename(s.abs("content/sfj/aid4.md"), s.abs("content/sfj/aid5.md"))
		}},
		{"delete a guide", []string{aidFile}, true, func() { os.Remove(s.abs(aidFile)) }},
		{"delete the standard", []string{stdFile}, false, func() { os.Remove(s.abs(stdFile)) }},
		{"bring it back", []string{stdFile}, true, func() {
			os.WriteFile(s.abs(stdFile), stdOrig, 0o644)
			s.tick(s.abs(stdFile))
		}},
		{"change a form's bytes", []string{"static/forms/app.docx"}, true, func() {
			os.WriteFile(s.abs("static/forms/app.docx"), []byte("新的表格"), 0o644)
		}},
		{"add a form", []string{"static/forms/new.docx"}, false, func() {
			os.WriteFile(s.abs("static/forms/new.docx"), []byte("表格"), 0o644)
		}},
		{"remove a form a guide names", []string{"static/forms/app.docx"}, false, func() { os.Remove(s.abs("static/forms/app.docx")) }},
		{"put it back", []string{"static/forms/app.docx"}, false, func() { os.WriteFile(s.abs("static/forms/app.docx"), []byte("表格"), 0o644) }},
		{"edit config.toml", []string{"config.toml"}, false, func() { s.edit("config.toml", `title = "测试站点"`, `title = "测试站点（新）"`) }},
		{"add a layout", []string{"layouts/404.html"}, true, func() {
			os.MkdirAll(s.abs("layouts"), 0o755)
			os.WriteFile(s.abs("layouts/404.html"), []byte(`{{define "main"}}<h1>找不到了</h1>{{end}}`), 0o644)
		}},
		{"edit the layout and a guide", []string{"layouts/404.html", "content/sfj/aid2.md"}, true, func() {
			os.WriteFile(s.abs("layouts/404.html"), []byte(`{{define "main"}}<h1>页面不存在</h1>{{end}}`), 0o644)
			s.edit("content/sfj/aid2.md", "法律援助正文", "法律援助的正文")
		}},
		{"remove the layouts folder", []string{"layouts"}, true, func() { os.RemoveAll(s.abs("layouts")) }},
		{"a new folder with a guide", []string{"content/new-dept"}, false, func() {
			s.copyGuide("content/sfj/aid2.md", "content/new-dept/x.md", "330000-SF-GG-0003", "330000-SF-GG-0077")
		}},
		{"the folder moved away", []string{"content/new-dept"}, false, func() { os.RemoveAll(s.abs("content/new-dept")) }},
	}
}

// editedSite is a site folder a test edits. Its files are dated an hour
// ago, and each edit a second later than the last, so that the cache
// trusts what it has read (see racyWindow).
type editedSite struct {
	t     *testing.T
	src   string
	clock time.Time
}

// newEditedSite dates every file of src an hour ago.
func newEditedSite(t *testing.T, src string) *editedSite {
	s := &editedSite{t: t, src: src, clock: time.Now().Add(-time.Hour)}
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, s.clock, s.clock)
		}
		return nil
	})
	return s
}

// tick dates file a second after the last edit.
func (s *editedSite) tick(file string) {
	s.clock = s.clock.Add(time.Second)
	os.Chtimes(file, s.clock, s.clock)
}

// abs is the path of the site's file rel.
func (s *editedSite) abs(rel string) string { return filepath.Join(s.src, filepath.FromSlash(rel)) }

// edit replaces the first old in file rel with new; old must be there.
func (s *editedSite) edit(rel, old, new string) {
	t := s.t
	t.Helper()
	data, err := os.ReadFile(s.abs(rel))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q", rel, old)
	}
	if err := os.WriteFile(s.abs(rel), []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	s.tick(s.abs(rel))
}

// copyGuide copies guide from to to, its first oldCode replaced by newCode.
func (s *editedSite) copyGuide(from, to, oldCode, newCode string) {
	data, _ := os.ReadFile(s.abs(from))
	os.MkdirAll(filepath.Dir(s.abs(to)), 0o755)
	os.WriteFile(s.abs(to), []byte(strings.Replace(string(data), oldCode, newCode, 1)), 0o644)
	s.tick(s.abs(to))
}

// comparePreviewWithBuild rebuilds the preview p (as a whole when
// changed is nil, else told the changed paths) and checks src cleanly. It
// wants the same diagnostics; and when the site builds, it builds src
// cleanly into a new folder and wants every file the build wrote (but the
// bleve index's own files) served by the preview with the same bytes.
func comparePreviewWithBuild(t *testing.T, p *preview, src string, changed []string) {
	t.Helper()
	res := p.Build(context.Background(), changed)
	clean, cleanErr := Check(context.Background(), src, false, nil, nil)
	if clean == nil {
		t.Fatal(cleanErr)
	}
	if got, want := diagnosticLines(res.Diagnostics), diagnosticLines(clean.Diagnostics); got != want {
		t.Fatalf("diagnostics of the preview:\n%s\nof a clean check:\n%s", got, want)
	}
	if (res.Err == nil) != (cleanErr == nil) {
		t.Fatalf("preview: %v; clean check: %v", res.Err, cleanErr)
	}
	if cleanErr != nil {
		return
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: src, Dest: dest, Search: true}); err != nil {
		t.Fatal(err)
	}
	served := map[string][]byte{}
	for _, f := range res.Files {
		served[f.Path] = f.Data
	}
	staticDir := filepath.Join(src, "static")
	Checked := 0
	for name, want := range sitefixture.Snapshot(t, dest) {
		if strings.HasPrefix(name, "search/index.bleve/") || name == write.Marker || name == write.Manifest {
			continue // the marker and the manifest are the build's own: the preview has neither
		}
		got, ok := served[name]
		if !ok {
			var err error
			if got, ok, err = res.OnDemand.Page(name); err != nil {
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
		Checked++
	}
	if Checked < 20 {
		t.Fatalf("only %d files compared", Checked)
	}
}

// diagnosticLines prints diagnostics one a line, with their severity.
func diagnosticLines(ds []site.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s %s\n", d.Severity, d)
	}
	return b.String()
}
