//go:build linux

package main

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zhinan/generator/internal/sitefixture"
	"zhinan/generator/internal/tmpfs"
)

// generatorBinary builds the command once per test binary: the kill and
// full-disk tests need a process of its own to kill or to starve.
var generatorBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "zhinan-bin-")
	if err != nil {
		return "", err
	}
	exe := filepath.Join(dir, "generator")
	out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput()
	if err != nil {
		return "", errors.New(string(out))
	}
	return exe, nil
})

func binary(t *testing.T) string {
	t.Helper()
	exe, err := generatorBinary()
	if err != nil {
		t.Fatalf("go build: %v", err)
	}
	return exe
}

// siteManifest is manifest without bleve's own files, which differ
// between two builds of the same input (their names and the rest of the
// output do not): it says which whole site a folder holds.
func siteManifest(t *testing.T, dir string) string {
	t.Helper()
	var keep []string
	for _, line := range strings.Split(sitefixture.Manifest(t, dir), "\n") {
		if !strings.HasPrefix(line, "search/index.bleve/") || strings.HasSuffix(line, "/") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// stagingLeft lists the staging folders beside dest.
func stagingLeft(t *testing.T, dest string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".staging-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// TestKilledBuildsLeaveAWholeSite kills builds with SIGKILL at random
// moments (25 times) and stops others with SIGTERM (6 times), while the
// source alternates between two versions: the published folder always
// holds one whole site, the old or the new, and the next build removes
// every staging folder the killed ones left.
func TestKilledBuildsLeaveAWholeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills 31 processes")
	}
	exe := binary(t)
	root := t.TempDir()
	src := filepath.Join(root, "site")
	if out, err := exec.Command(exe, "corpus", "--dest", src, "--n", "250").CombinedOutput(); err != nil {
		t.Fatalf("corpus: %v\n%s", err, out)
	}
	guide := firstGuide(t, src)
	versionA, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	versionB := bytes.Replace(versionA, []byte("title = \""), []byte("title = \"新版"), 1)
	dest := filepath.Join(root, "public")
	buildTo := func(d string) time.Duration {
		start := time.Now()
		if out, err := exec.Command(exe, "build", "--quiet", "--source", src, "--dest", d).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		return time.Since(start)
	}
	os.WriteFile(guide, versionB, 0o644)
	buildTo(filepath.Join(root, "b"))
	wantB := siteManifest(t, filepath.Join(root, "b"))
	os.WriteFile(guide, versionA, 0o644)
	took := buildTo(dest)
	wantA := siteManifest(t, dest)
	if wantA == wantB {
		t.Fatal("the two versions build the same site")
	}

	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 31 {
		sig := syscall.SIGKILL
		if i%5 == 4 {
			sig = syscall.SIGTERM
		}
		version := versionA
		if i%2 == 0 {
			version = versionB
		}
		os.WriteFile(guide, version, 0o644)
		leftBefore := len(stagingLeft(t, dest))
		stderr, err := buildAndSignal(t, exe, src, dest, sig, time.Duration(rng.Int64N(int64(took)*5/4)))
		got := siteManifest(t, dest)
		if got != wantA && got != wantB {
			t.Fatalf("run %d (%v): the published folder holds neither whole site", i, sig)
		}
		if sig == syscall.SIGTERM {
			checkTerminated(t, i, err, stderr, dest, leftBefore)
		}
	}
	t.Logf("staging folders left by killed builds: %d", len(stagingLeft(t, dest)))
	os.WriteFile(guide, versionA, 0o644)
	buildTo(dest)
	if left := stagingLeft(t, dest); len(left) > 0 {
		t.Fatalf("the next build left staging folders: %v", left)
	}
	if siteManifest(t, dest) != wantA {
		t.Fatal("the build after the kills did not publish the site")
	}
}

// firstGuide returns the path of one guide of a site.
// buildAndSignal starts a build of src into dest, sends it sig after the
// given delay and returns its stderr and what its Wait returned.
func buildAndSignal(t *testing.T, exe, src, dest string, sig os.Signal, after time.Duration) (stderr string, err error) {
	cmd := exec.Command(exe, "build", "--quiet", "--source", src, "--dest", dest)
	var buf bytes.Buffer
	cmd.Stderr = &buf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(after)
	cmd.Process.Signal(sig)
	err = cmd.Wait()
	return buf.String(), err
}

// checkTerminated checks how the build of run i ended after SIGTERM: err
// is what its Wait returned; dest held leftBefore staging folders before.
func checkTerminated(t *testing.T, i int, err error, stderr, dest string, leftBefore int) {
	t.Helper()
	// Exit 3, or 0 when the build was over first; -1 (killed by
	// the signal) only when it came before the handler was set up,
	// before anything was written.
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() != exitFailure && ee.ExitCode() != -1 {
		t.Fatalf("run %d: SIGTERM gave exit %d, want %d\n%s", i, ee.ExitCode(), exitFailure, stderr)
	}
	// It removes its own staging folder (and, once it got as far,
	// those of the killed builds before it).
	if left := stagingLeft(t, dest); len(left) > leftBefore {
		t.Fatalf("run %d: SIGTERM left its staging folder: %v", i, left)
	}
}

func firstGuide(t *testing.T, src string) string {
	t.Helper()
	var found string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && found == "" && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), "_") {
			found = p
		}
		return err
	})
	if found == "" {
		t.Fatal("the corpus has no guide")
	}
	return found
}

// TestFullDiskLosesNothing builds into small tmpfs mounts, with and
// without search, so that the disk fills up at every stage (pages, data,
// the search export, bleve's segments): every build that runs out of space
// exits 3 with a plain message, leaves no staging folder and leaves the
// previous output whole. It needs root, to mount; under CI it must run.
func TestFullDiskLosesNothing(t *testing.T) {
	exe := binary(t)
	root := t.TempDir()
	src := filepath.Join(root, "site")
	if out, err := exec.Command(exe, "corpus", "--dest", src, "--n", "120").CombinedOutput(); err != nil {
		t.Fatalf("corpus: %v\n%s", err, out)
	}
	full := filepath.Join(root, "full")
	if out, err := exec.Command(exe, "build", "--quiet", "--source", src, "--dest", full).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	need := diskUse(t, full)
	searchNeed := diskUse(t, filepath.Join(full, "search"))
	mnt := filepath.Join(root, "mnt")
	os.MkdirAll(mnt, 0o755)
	failures := 0
	var messages []string
	// Sizes just under what the whole output needs (the search stage
	// alone on a full disk is TestBuildOnFullDisk in package search).
	nearlyAll := []float64{}
	for _, k := range []float64{0.05, 0.2, 0.4, 0.6, 0.8, 1.0} {
		nearlyAll = append(nearlyAll, 1-k*float64(searchNeed)/float64(need))
	}
	for _, search := range []bool{true, false} {
		fractions := []float64{0.05, 0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 1.3, 1.6, 1.9}
		if search {
			fractions = append(fractions, nearlyAll...)
		}
		for _, fraction := range fractions {
			args := []string{"build", "--quiet", "--source", src}
			if !search {
				args = append(args, "--no-search")
			}
			// Below 1, the first build fails on an empty disk; above 1,
			// it fits, and the second (which needs room for both) fails.
			unmount := tmpfs.Mount(t, mnt, int64(fraction*float64(need)))
			dest := filepath.Join(mnt, "public")
			for attempt := range 2 {
				before := sitefixture.Manifest(t, mnt)
				cmd := exec.Command(exe, append(args, "--dest", dest)...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				if err == nil {
					continue
				}
				failures++
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || !strings.Contains(stderr.String(), "保持原样") {
					t.Fatalf("search=%v size=%.2f attempt %d: %v, want exit %d and a plain message:\n%s",
						search, fraction, attempt, err, exitFailure, stderr.String())
				}
				messages = append(messages, firstLine(stderr.String()))
				if after := sitefixture.Manifest(t, mnt); after != before {
					t.Fatalf("search=%v size=%.2f attempt %d: the disk's files changed", search, fraction, attempt)
				}
				if left := stagingLeft(t, dest); len(left) > 0 {
					t.Fatalf("search=%v size=%.2f: staging folders left: %v", search, fraction, left)
				}
			}
			unmount()
		}
	}
	if failures < 10 {
		t.Fatalf("only %d builds ran out of space", failures)
	}
	t.Logf("%d builds ran out of space; first lines: %s", failures, strings.Join(messages, " | "))
}

func diskUse(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil {
			n += (fi.Size() + 4095) / 4096 * 4096
		}
		return err
	})
	return n
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
