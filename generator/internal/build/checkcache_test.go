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
	c := &checkCacheSite{t: t, src: sitefixture.WriteSite(t, sitefixture.SmallSite), dest: filepath.Join(t.TempDir(), "public")}
	if res := c.step("first build"); res.ChecksFromCache != 0 {
		t.Fatalf("first build: %d findings from a cache that did not exist", res.ChecksFromCache)
	}
	all := c.step("nothing changed").ChecksFromCache
	if all < 3 {
		t.Fatalf("nothing changed: %d guides' findings from the cache, want every guide's", all)
	}
	form := filepath.Join(c.src, "static/forms/app.docx")
	none := func(int) int { return 0 }
	for _, s := range []struct {
		name   string
		change func()
		hits   func(all int) int // the findings taken from the cache; nil: not counted
		diags  bool              // findings must be reported
	}{
		{"form removed", func() { os.Remove(form) }, none, true},
		{"form back", func() { os.WriteFile(form, []byte("blank form"), 0o644) }, nil, false},
		{"department renamed in config", func() {
			c.edit("config.toml", "name = \"舟山市司法局\"", "name = \"舟山市司法行政局\"")
		}, none, true},
		{"department back", func() {
			c.edit("config.toml", "name = \"舟山市司法行政局\"", "name = \"舟山市司法局\"")
		}, nil, false},
		// The local guide inherits [time] from the standard: all but the
		// standard and the guide that extends it.
		{"standard's promised days past the legal ones", func() {
			c.edit("content/sfj/lawfirm.md", "promised_days = 15", "promised_days = 45")
		}, func(all int) int { return all - 2 }, false},
		{"standard back", func() {
			c.edit("content/sfj/lawfirm.md", "promised_days = 45", "promised_days = 15")
		}, nil, false},
		// The same values two lines further down: the draft's warnings
		// move with them, though no value changed.
		{"lines moved", func() {
			c.edit("content/sfj/draft.md", "[service]\n", "# 服务\n\n[service]\n")
		}, func(all int) int { return all - 1 }, false},
		{"cache damaged", func() {
			if err := os.WriteFile(CheckCacheFile(c.dest), []byte("damaged"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, none, false},
		{"cache written again", func() {}, func(all int) int { return all }, false},
	} {
		s.change()
		res := c.step(s.name)
		if s.hits != nil && res.ChecksFromCache != s.hits(all) {
			t.Fatalf("%s: %d findings from the cache, want %d", s.name, res.ChecksFromCache, s.hits(all))
		}
		if s.diags && len(res.Diagnostics) == 0 {
			t.Fatalf("%s: nothing reported", s.name)
		}
	}
}

// checkCacheSite is a site built again and again into one output, each
// build's findings compared with a clean build's.
type checkCacheSite struct {
	t         *testing.T
	src, dest string
}

// step builds the site (after racyWindow, so that the guide cache trusts
// what it recorded) and fails unless it reports what a clean build does.
func (c *checkCacheSite) step(name string) Result {
	c.t.Helper()
	time.Sleep(racyWindow + 50*time.Millisecond)
	res, err := Run(context.Background(), Options{Source: c.src, Dest: c.dest})
	if err != nil && !errors.Is(err, ErrContent) {
		c.t.Fatalf("%s: %v", name, err)
	}
	clean, cerr := Run(context.Background(), Options{Source: c.src, Dest: filepath.Join(c.t.TempDir(), "clean"), Clean: true})
	if !errors.Is(cerr, err) && (cerr != nil || err != nil) {
		c.t.Fatalf("%s: the build says %v, a clean one %v", name, err, cerr)
	}
	if got, want := diagLines(res.Diagnostics), diagLines(clean.Diagnostics); !reflect.DeepEqual(got, want) {
		c.t.Fatalf("%s: the build reports\n%s\na clean build\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if clean.ChecksFromCache != 0 {
		c.t.Fatalf("%s: a clean build took %d guides' findings from the cache", name, clean.ChecksFromCache)
	}
	return res
}

// edit replaces old with new in the site's file rel.
func (c *checkCacheSite) edit(rel, old, new string) {
	c.t.Helper()
	p := filepath.Join(c.src, rel)
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		c.t.Fatalf("%s does not hold %q", rel, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		c.t.Fatal(err)
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
