package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/site"
	"zhinan/generator/internal/sitefixture"
)

// TestCheckCacheFindsWhatTheRulesFind: through the changes an office
// makes (nothing, a form removed from static/, a department removed
// from config.toml, a standard edited that a local guide inherits, the
// cache file damaged), every build with the check cache reports exactly
// what a clean build reports, and takes from the cache only when
// nothing a guide's rules read changed.
func TestCheckCacheFindsWhatTheRulesFind(t *testing.T) {
	if !guideCacheOnDisk {
		t.Skip("the caches beside the output are kept on Linux only")
	}
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
	dest := filepath.Join(t.TempDir(), "public")
	settle := func() { time.Sleep(racyWindow + 50*time.Millisecond) }
	step := func(name string) Result {
		t.Helper()
		settle()
		res, err := Run(context.Background(), Options{Source: src, Dest: dest})
		if err != nil && !errors.Is(err, ErrContent) {
			t.Fatalf("%s: %v", name, err)
		}
		clean, cerr := Run(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "clean"), Clean: true})
		if !errors.Is(cerr, err) && (cerr != nil || err != nil) {
			t.Fatalf("%s: the build says %v, a clean one %v", name, err, cerr)
		}
		if got, want := diagLines(res.Diagnostics), diagLines(clean.Diagnostics); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the build reports\n%s\na clean build\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if clean.ChecksFromCache != 0 {
			t.Fatalf("%s: a clean build took %d guides' findings from the cache", name, clean.ChecksFromCache)
		}
		return res
	}
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(src, rel)
		data, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(data), old) {
			t.Fatalf("%s does not hold %q", rel, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if res := step("first build"); res.ChecksFromCache != 0 {
		t.Fatalf("first build: %d findings from a cache that did not exist", res.ChecksFromCache)
	}
	all := step("nothing changed").ChecksFromCache
	if all < 3 {
		t.Fatalf("nothing changed: %d guides' findings from the cache, want every guide's", all)
	}

	form := filepath.Join(src, "static/forms/app.docx")
	os.Remove(form)
	if res := step("form removed"); res.ChecksFromCache != 0 || len(res.Diagnostics) == 0 {
		t.Fatalf("form removed: %d findings from the cache, %d reported; want none and the missing form", res.ChecksFromCache, len(res.Diagnostics))
	}
	os.WriteFile(form, []byte("blank form"), 0o644)
	step("form back")

	edit("config.toml", "name = \"舟山市司法局\"", "name = \"舟山市司法行政局\"")
	if res := step("department renamed in config"); res.ChecksFromCache != 0 || len(res.Diagnostics) == 0 {
		t.Fatalf("department renamed: %d findings from the cache, %d reported", res.ChecksFromCache, len(res.Diagnostics))
	}
	edit("config.toml", "name = \"舟山市司法行政局\"", "name = \"舟山市司法局\"")
	step("department back")

	// The local guide inherits [time] from the standard.
	edit("content/sfj/lawfirm.md", "promised_days = 15", "promised_days = 45")
	res := step("standard's promised days past the legal ones")
	if res.ChecksFromCache != all-2 {
		t.Fatalf("standard edited: %d findings from the cache, want %d (all but the standard and the guide that extends it)", res.ChecksFromCache, all-2)
	}
	edit("content/sfj/lawfirm.md", "promised_days = 45", "promised_days = 15")
	step("standard back")

	// The same values two lines further down: the draft's warnings move
	// with them, though no value changed.
	edit("content/sfj/draft.md", "[service]\n", "# 服务\n\n[service]\n")
	if res := step("lines moved"); res.ChecksFromCache != all-1 {
		t.Fatalf("lines moved: %d findings from the cache, want %d (all but the draft's)", res.ChecksFromCache, all-1)
	}

	if err := os.WriteFile(CheckCacheFile(dest), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res := step("cache damaged"); res.ChecksFromCache != 0 {
		t.Fatalf("cache damaged: %d findings taken from it", res.ChecksFromCache)
	}
	if res := step("cache written again"); res.ChecksFromCache != all {
		t.Fatalf("after the damaged cache: %d findings from the cache, want %d", res.ChecksFromCache, all)
	}
}

func diagLines(ds []site.Diagnostic) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s:%d [%s] %d %s", d.File, d.Line, d.Rule, d.Severity, d.Message))
	}
	return out
}

// TestCheckCacheFileRoundTrip: findings written are read back for the
// same environment, and nothing is read for another or from a file cut
// short.
func TestCheckCacheFileRoundTrip(t *testing.T) {
	env := checkKey{1}
	entries := map[checkKey][]site.Diagnostic{
		{2}: nil,
		{3}: {{File: "content/a.md", Line: 7, Rule: "R3", Severity: site.Warning, Message: "缺少办理时限"},
			{File: "content/b.md", Line: 1, Rule: "R9", Message: "表格不存在"}},
	}
	data := encodeCheckCache(env, entries)
	if got := decodeCheckCache(data, env); !reflect.DeepEqual(got, entries) {
		t.Fatalf("read back %v, want %v", got, entries)
	}
	if got := decodeCheckCache(data, checkKey{9}); got != nil {
		t.Fatalf("another environment read %v", got)
	}
	for n := 0; n < len(data); n++ {
		if got := decodeCheckCache(data[:n], env); got != nil {
			t.Fatalf("a file cut at %d of %d bytes read %v", n, len(data), got)
		}
	}
}
