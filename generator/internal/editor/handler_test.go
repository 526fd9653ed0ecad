package editor

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/serve"
)

// copySite copies the repository's sample site (config, content, static)
// into a temporary folder and returns it.
func copySite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..", "..")
	for _, p := range []string{"config.toml", "content", "static"} {
		if out, err := exec.Command("cp", "-r", filepath.Join(root, p), dir).CombinedOutput(); err != nil {
			t.Fatalf("cp %s: %v %s", p, err, out)
		}
	}
	return dir
}

// sampleCode is a guide of the sample site with a location phone.
const sampleCode = "330902-SF-GG-0001"

// sampleFile finds the file of a code in dir.
func sampleFile(t testing.TB, dir, code string) string {
	t.Helper()
	st, err := readSite(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	g := st.find(code)
	if g == nil {
		t.Fatalf("no guide %s in the sample site", code)
	}
	return filepath.Join(dir, filepath.FromSlash(g.File))
}

// openForm gets /edit/<code> and returns the values a browser would
// post for it (from the file, as the form shows it) and the page.
func openForm(t *testing.T, h http.Handler, dir, code string) (url.Values, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/edit/"+code, nil))
	if rec.Code != 200 {
		t.Fatalf("GET /edit/%s: %d %s", code, rec.Code, rec.Body)
	}
	page := rec.Body.String()
	data, _ := os.ReadFile(sampleFile(t, dir, code))
	doc, _ := load.Parse("x.md", data)
	v := browserValues(doc.Front, doc.Body)
	m := regexp.MustCompile(`name="_hash" id="hash" value="([0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no hash in the form")
	}
	v.Set(HashField, m[1])
	return v, page
}

// post sends the form as the editor's script does (JSON answer).
func post(t *testing.T, h http.Handler, path string, v url.Values) (int, saveResult) {
	t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(serve.TokenHeader, "t")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var res saveResult
	if strings.HasSuffix(path, "/check") {
		json.Unmarshal(rec.Body.Bytes(), &res.Verdict)
	} else if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
	}
	return rec.Code, res
}

// TestSaveOneLineAndStale: a bad phone is reported at its field with
// R8 and not saved; a good one is saved as a one-line change; a form
// whose file changed on disk since it was opened refuses to save.
func TestSaveOneLineAndStale(t *testing.T) {
	dir := copySite(t)
	h := New(dir).Handler("t")
	file := sampleFile(t, dir, sampleCode)
	before, _ := os.ReadFile(file)
	v, _ := openForm(t, h, dir, sampleCode)

	v.Set("locations.0.phone", "12")
	code, res := post(t, h, "/edit/"+sampleCode+"/check", v)
	if code != 200 || !strings.HasPrefix(strings.Join(res.Verdict.Fields["f-locations-0-phone"], ""), "[R8] ") {
		t.Fatalf("check: %d %+v", code, res.Verdict)
	}
	if code, res = post(t, h, "/edit/"+sampleCode+"/save", v); code != 422 || res.OK {
		t.Fatalf("save with a bad phone: %d %+v", code, res)
	}
	if now, _ := os.ReadFile(file); string(now) != string(before) {
		t.Fatal("a refused save wrote the file")
	}

	v.Set("locations.0.phone", "0580-2999999")
	code, res = post(t, h, "/edit/"+sampleCode+"/save", v)
	if code != 200 || !res.OK || !res.Changed {
		t.Fatalf("save: %d %+v", code, res)
	}
	after, _ := os.ReadFile(file)
	if d := diffLines(string(before), string(after)); d != 1 || !strings.Contains(string(after), `"0580-2999999"`) {
		t.Fatalf("diff of %d lines:\n%s", d, after)
	}

	// The form still holds the old hash: someone else's save came first.
	os.WriteFile(file, append(after, []byte("另一个人加的一行。\n")...), 0o644)
	theirs, _ := os.ReadFile(file)
	v.Set(HashField, res.Hash)
	v.Set("locations.0.phone", "0580-2888888")
	code, res = post(t, h, "/edit/"+sampleCode+"/save", v)
	if code != http.StatusConflict || !res.Stale || res.OK {
		t.Fatalf("stale save: %d %+v", code, res)
	}
	if now, _ := os.ReadFile(file); string(now) != string(theirs) {
		t.Fatal("a stale form overwrote the file")
	}
}

// TestAddMaterialSaves adds a material through the form: the file gets a
// new [[materials]] table and the site still checks clean.
func TestAddMaterialSaves(t *testing.T) {
	dir := copySite(t)
	h := New(dir).Handler("t")
	v, _ := openForm(t, h, dir, sampleCode)
	n := len(entryIndices(v, "materials"))
	at := "materials." + itoa(n+5) + "." // indices need not be dense
	v.Set(at+"_orig", "")
	v.Set(at+"name", "新加的材料")
	v.Set(at+"source", "申请人自备")
	v.Set(at+"required", "1")
	code, res := post(t, h, "/edit/"+sampleCode+"/save", v)
	if code != 200 || !res.OK {
		t.Fatalf("save: %d %+v", code, res)
	}
	data, _ := os.ReadFile(sampleFile(t, dir, sampleCode))
	doc, _ := load.Parse("x.md", data)
	ms := doc.Front["materials"].([]map[string]any)
	if len(ms) != n+1 || ms[n]["name"] != "新加的材料" {
		t.Fatalf("materials %v", ms)
	}
	if _, ok := ms[n]["required"]; ok {
		t.Error("required = true is the default and should not be written")
	}
	st, _ := readSite(t.Context(), dir)
	if g := st.find(sampleCode); g.Errors > 0 {
		t.Errorf("%d errors after adding a material", g.Errors)
	}
}

// TestPlainFormSave: without the script (no token header), a save
// redirects to the form, and a stale one shows the form with the notice.
func TestPlainFormSave(t *testing.T) {
	dir := copySite(t)
	h := New(dir).Handler("t")
	v, _ := openForm(t, h, dir, sampleCode)
	send := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/edit/"+sampleCode+"/save", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := send(); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/edit/"+sampleCode+"?saved=1" {
		t.Fatalf("plain save: %d %v", rec.Code, rec.Header())
	}
	v.Set(HashField, "0")
	if rec := send(); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "重新载入") {
		t.Fatalf("plain stale save: %d", rec.Code)
	}
}

// TestNewGuideWizard creates a blank guide and a local implementation of
// a standard item; the second inherits, and its form says so.
func TestNewGuideWizard(t *testing.T) {
	dir := copySite(t)
	h := New(dir).Handler("t")
	create := func(v url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/edit/_new", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := create(url.Values{"mode": {"blank"}, "code": {"330000-NEW-0001"}, "title": {"新事项"}, "department": {"省司法厅"}, "region": {"浙江省"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("blank: %d %s", rec.Code, rec.Body)
	}
	st, _ := readSite(t.Context(), dir)
	if g := st.find("330000-NEW-0001"); g == nil || !g.Todo || g.Errors > 0 {
		t.Fatalf("blank guide %+v", g)
	}
	base := st.guides[0].Code
	for _, g := range st.guides {
		if g.Level == "省级" && !g.Bundle && g.Extends == "" {
			base = g.Code
			break
		}
	}
	rec = create(url.Values{"mode": {"extends"}, "base": {base}, "code": {"330902-LOCAL-0001"}, "department": {"舟山市司法局"}, "region": {"舟山市"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("extends: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/edit/330902-LOCAL-0001", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "继承：") || !strings.Contains(rec.Body.String(), base) {
		t.Fatalf("local guide form: %d", rec.Code)
	}
	if rec := create(url.Values{"mode": {"blank"}, "code": {"330000-NEW-0001"}}); rec.Code != 422 || !strings.Contains(rec.Body.String(), "已经存在") {
		t.Fatalf("duplicate code: %d", rec.Code)
	}
}
