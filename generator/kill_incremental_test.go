//go:build linux

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"zhinan/generator/internal/sitefixture"
)

// TestKilledIncrementalBuildsLeaveAWholeSite kills incremental builds
// (hard links from the published output into the stage, a new manifest)
// with SIGKILL at random moments, 24 times, while the source moves between
// four versions (one title, ten bodies, a stylesheet of the site's own):
// the published folder always holds the whole site it held before or the
// whole new one, byte for byte a clean build's (manifest included); and
// the build after the kills publishes the site as a clean build does,
// whatever the killed ones left (staging folders, links).
func TestKilledIncrementalBuildsLeaveAWholeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills 24 processes")
	}
	exe := binary(t)
	root := t.TempDir()
	src := filepath.Join(root, "site")
	if out, err := exec.Command(exe, "corpus", "--dest", src, "--n", "250").CombinedOutput(); err != nil {
		t.Fatalf("corpus: %v\n%s", err, out)
	}
	versions := siteVersions(t, src)
	build := func(dest string, extra ...string) time.Duration {
		start := time.Now()
		args := append([]string{"build", "--quiet", "--source", src, "--dest", dest}, extra...)
		if out, err := exec.Command(exe, args...).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		return time.Since(start)
	}
	want := make([]string, len(versions))
	var took time.Duration
	for v := range versions {
		versions[v]()
		clean := filepath.Join(root, fmt.Sprintf("clean%d", v))
		took = max(took, build(clean, "--clean"))
		want[v] = sitefixture.Manifest(t, clean)
		os.RemoveAll(clean)
	}
	dest := filepath.Join(root, "public")
	versions[0]()
	build(dest)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("ZHINAN_KILL_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (set ZHINAN_KILL_SEED to replay)", seed)
	rng := rand.New(rand.NewPCG(seed, 17))
	current := 0
	for i := range 24 {
		next := rng.IntN(len(versions))
		versions[next]()
		buildAndSignal(t, exe, src, dest, syscall.SIGKILL, time.Duration(rng.Int64N(int64(took)*5/4)))
		switch sitefixture.Manifest(t, dest) {
		case want[current]:
		case want[next]:
			current = next
		default:
			t.Fatalf("run %d (version %d → %d): the published folder holds neither whole site", i, current, next)
		}
	}
	last := rng.IntN(len(versions))
	versions[last]()
	build(dest)
	if got := sitefixture.Manifest(t, dest); got != want[last] {
		t.Fatalf("the build after the kills differs from a clean build:\n%s", firstDifference(got, want[last]))
	}
	if left := stagingLeft(t, dest); len(left) > 0 {
		t.Fatalf("the next build left staging folders: %v", left)
	}
}

// siteVersions returns functions that each put src in one version: the
// corpus as generated, one guide retitled, ten bodies extended, and a
// stylesheet of the site's own.
func siteVersions(t *testing.T, src string) []func() {
	t.Helper()
	var guides []string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && len(guides) < 11 && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") {
			guides = append(guides, p)
		}
		return err
	})
	if len(guides) < 11 {
		t.Fatal("the corpus has fewer than 11 guides")
	}
	orig := map[string][]byte{}
	for _, g := range guides {
		orig[g], _ = os.ReadFile(g)
	}
	css := filepath.Join(src, "layouts", "site.css")
	reset := func() {
		for g, data := range orig {
			os.WriteFile(g, data, 0o644)
		}
		os.RemoveAll(filepath.Join(src, "layouts"))
	}
	return []func(){
		reset,
		func() {
			reset()
			os.WriteFile(guides[0], []byte(strings.Replace(string(orig[guides[0]]), "title = \"", "title = \"新版", 1)), 0o644)
		},
		func() {
			reset()
			for _, g := range guides[1:] {
				os.WriteFile(g, append(append([]byte{}, orig[g]...), "\n\n补充说明。\n"...), 0o644)
			}
		},
		func() {
			reset()
			os.MkdirAll(filepath.Dir(css), 0o755)
			os.WriteFile(css, []byte("body{color:#123}"), 0o644)
		},
	}
}

// firstDifference is the first line in which two manifests differ.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return la[i] + "\n" + lb[i]
		}
	}
	return fmt.Sprintf("%d lines, %d lines", len(la), len(lb))
}
