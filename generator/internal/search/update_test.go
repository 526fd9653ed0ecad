package search

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhinan/generator/internal/corpus"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/search/analysis"
	"zhinan/generator/internal/search/export"
	"zhinan/generator/internal/search/internal/testsite"
	"zhinan/generator/internal/site"
)

// editSite is a site under a sequence of random edits: its configuration
// and resolved guides, which each edit replaces (never changes in place,
// since earlier sites share them).
type editSite struct {
	cfg    site.Config
	guides []*site.Guide
	rng    *rand.Rand
	next   int // numbers new guides' codes
}

func newEditSite(t testing.TB, n int, seed uint64) *editSite {
	src := filepath.Join(t.TempDir(), "site")
	if err := corpus.Generate(src, n, int64(seed), corpus.ShapeStandard); err != nil {
		t.Fatal(err)
	}
	cfg, guides := testsite.Guides(t, src)
	return &editSite{cfg: cfg, guides: guides, rng: rand.New(rand.NewPCG(seed, 7))}
}

func (e *editSite) site() *site.Site {
	return resolve.BuildOn(e.cfg, e.guides, nil, time.Time{})
}

// edit makes one random change and says what it did: a guide's body,
// keywords or title edited, a guide added or deleted, the synonyms
// changed, or nothing.
func (e *editSite) edit() string {
	i := e.rng.IntN(len(e.guides))
	g := *e.guides[i]
	other := e.guides[e.rng.IntN(len(e.guides))]
	switch k := e.rng.IntN(8); k {
	case 0, 1:
		g.Body += "\n\n" + other.Title + "需要注意的事项。"
	case 2:
		g.Keywords = append(slices.Clone(g.Keywords), other.Department+"服务")
	case 3:
		g.Title = other.Title + "（变更）"
	case 4:
		if g.Kind == "" && !e.extended(g.Code) {
			e.guides = slices.Delete(slices.Clone(e.guides), i, i+1)
			return "删除 " + g.Code
		}
		return "不变"
	case 5:
		if g.Kind != "" || g.Extends != "" {
			return "不变"
		}
		e.next++
		g.Code = fmt.Sprintf("%s-N%d", g.Code, e.next)
		g.Title = other.Title + "（新）"
		e.guides = append(slices.Clone(e.guides), &g)
		return "新增 " + g.Code
	case 6:
		syn := slices.Clone(e.cfg.Synonyms)
		if len(syn) > 0 && e.rng.IntN(2) == 0 {
			syn = syn[:len(syn)-1]
		} else {
			syn = append(syn, []string{other.Department, fmt.Sprintf("部门%d", e.rng.IntN(100))})
		}
		e.cfg.Synonyms = syn
		return "同义词"
	default:
		return "不变"
	}
	e.guides = slices.Clone(e.guides)
	e.guides[i] = &g
	return "编辑 " + g.Code
}

// extended says whether another guide extends the one with code.
func (e *editSite) extended(code string) bool {
	for _, g := range e.guides {
		if g.Extends == code {
			return true
		}
	}
	return false
}

// readTree reads every file under dir, by slash-separated path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree fails the test unless the folders a and b hold the same files
// with the same bytes.
func sameTree(t testing.TB, what, a, b string) {
	t.Helper()
	fa, fb := readTree(t, a), readTree(t, b)
	for name, data := range fa {
		if other, ok := fb[name]; !ok {
			t.Errorf("%s: %s only in %s", what, name, a)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			t.Errorf("%s: %s only in %s", what, name, b)
		}
	}
}

// TestUpdateEqualsClean: over a random sequence of edits (guides edited,
// retitled, added and deleted, synonyms changed, nothing changed), Update
// from the previous step's folder writes exactly the files a clean build
// writes, and leaves the previous folder as it was.
func TestUpdateEqualsClean(t *testing.T) {
	steps := 40
	if testing.Short() {
		steps = 10
	}
	for _, noBleve := range []bool{false, true} {
		for _, cache := range []bool{false, true} {
			t.Run(fmt.Sprintf("NoBleve=%v,Cache=%v", noBleve, cache), func(t *testing.T) {
				opts := Options{NoBleve: noBleve}
				if cache {
					opts.Cache = filepath.Join(t.TempDir(), "cache")
				}
				updateSequence(t, opts, steps)
			})
		}
	}
}

// testBatch is the batch size the update tests build with, and
// testShard the batches of a shard.
const (
	testBatch = 48
	testShard = 2
)

// smallShards makes batches and shards small (testBatch, testShard)
// until the function it returns is called.
func smallShards() func() {
	b, sh := builderBatch, shardBatches
	builderBatch, shardBatches = testBatch, testShard
	return func() { builderBatch, shardBatches = b, sh }
}

// updateSequence runs TestUpdateEqualsClean with opts for Update; the
// clean builds use no cache. Batches are made small (testBatch), so that
// the site has several and an edit leaves others to reuse, and so are
// the index's shards (testShard batches).
func updateSequence(t *testing.T, opts Options, steps int) {
	defer smallShards()()
	e := newEditSite(t, 5*testBatch+20, 3)
	root := t.TempDir()
	prev := filepath.Join(root, "step0")
	if err := BuildContext(context.Background(), e.site(), prev, opts); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	linked := 0 // export files of a rebuilt folder linked from the previous one
	for step := 1; step <= steps; step++ {
		what := e.edit()
		s := e.site()
		clean := filepath.Join(root, fmt.Sprintf("clean%d", step))
		if err := BuildContext(context.Background(), s, clean, Options{NoBleve: opts.NoBleve}); err != nil {
			t.Fatal(err)
		}
		before := readTree(t, prev)
		next := filepath.Join(root, fmt.Sprintf("step%d", step))
		reused, rebuilt, err := Update(context.Background(), s, prev, next, opts)
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		kinds[fmt.Sprintf("%s reused=%v", strings.Fields(what)[0], reused > 0)]++
		if reused+rebuilt != len(s.Guides)+len(s.Bundles)-cancelled(s) {
			t.Errorf("step %d: reused %d + rebuilt %d", step, reused, rebuilt)
		}
		sameTree(t, fmt.Sprintf("step %d (%s)", step, what), clean, next)
		manifestHolds(t, fmt.Sprintf("step %d (%s)", step, what), next)
		if rebuilt > 0 {
			linked += linkedDataFiles(t, prev, next)
		}
		after := readTree(t, prev)
		for name, data := range before {
			if !bytes.Equal(after[name], data) {
				t.Fatalf("step %d (%s): Update changed %s of the previous build", step, what, name)
			}
		}
		os.RemoveAll(clean)
		prev = next
	}
	t.Logf("%v; %d export files linked", kinds, linked)
	if linked == 0 {
		t.Error("no rebuilt search folder linked an unchanged export file from the previous one")
	}
}

// manifestHolds checks that build.json of the search folder dir records
// the size and CRC-32C each file has: a build takes most of them from
// what it wrote and linked (export.Meta.Files) instead of reading the
// files.
func manifestHolds(t *testing.T, step, dir string) {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		if err := checkFile(filepath.Join(dir, filepath.FromSlash(f.Path)), f); err != nil {
			t.Fatalf("%s: build.json is wrong about %s: %v", step, f.Path, err)
		}
	}
}

// linkedDataFiles counts the files of next's data folder that are the
// same file as prev's of that name.
func linkedDataFiles(t *testing.T, prev, next string) int {
	t.Helper()
	a, b := dataFolder(t, prev), dataFolder(t, next)
	n := 0
	for name := range readTree(t, filepath.Join(next, b)) {
		fa, errA := os.Stat(filepath.Join(prev, a, name))
		fb, errB := os.Stat(filepath.Join(next, b, name))
		if errA == nil && errB == nil && os.SameFile(fa, fb) {
			n++
		}
	}
	return n
}

// cancelled counts the guides the search leaves out (not Listed).
func cancelled(s *site.Site) int {
	n := 0
	for _, p := range s.Guides {
		if !p.Listed() {
			n++
		}
	}
	return n
}

// TestUpdateFallsBack: a previous build that cannot be proved the same
// (no manifest, a damaged manifest, a damaged file, another format) is
// not reused; Update builds afresh, writes what a clean build writes,
// and leaves the previous folder as it was.
func TestUpdateFallsBack(t *testing.T) {
	e := newEditSite(t, 40, 5)
	s := e.site()
	root := t.TempDir()
	clean := filepath.Join(root, "clean")
	if err := Build(s, clean); err != nil {
		t.Fatal(err)
	}
	damage := map[string]func(dir string) error{
		"no manifest": func(dir string) error { return os.Remove(filepath.Join(dir, manifestName)) },
		"bad manifest": func(dir string) error {
			return os.WriteFile(filepath.Join(dir, manifestName), []byte("{"), 0o644)
		},
		"other format": func(dir string) error {
			return rewrite(filepath.Join(dir, manifestName), `"format": 1`, `"format": 99`)
		},
		"damaged shard":   func(dir string) error { return flipByte(filepath.Join(dir, dataFolder(t, dir), "p", "0.bin")) },
		"damaged segment": func(dir string) error { return flipByte(filepath.Join(dir, "index.bleve", "store", zapFinalName)) },
		"missing file":    func(dir string) error { return os.Remove(filepath.Join(dir, "search.js")) },
	}
	for name, fn := range damage {
		t.Run(name, func(t *testing.T) {
			prev := filepath.Join(t.TempDir(), "prev")
			if err := Build(s, prev); err != nil {
				t.Fatal(err)
			}
			if err := fn(prev); err != nil {
				t.Fatal(err)
			}
			before := readTree(t, prev)
			next := filepath.Join(t.TempDir(), "next")
			reused, _, err := Update(context.Background(), s, prev, next, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if reused != 0 {
				t.Errorf("reused %d documents of a damaged build", reused)
			}
			sameTree(t, name, clean, next)
			after := readTree(t, prev)
			for f, data := range before {
				if !bytes.Equal(after[f], data) {
					t.Errorf("Update changed %s of the previous build", f)
				}
			}
		})
	}
}

// TestUpdateLinksUnchanged: with nothing changed, Update reuses every
// document and links the previous build's files instead of writing them;
// into a folder holding links to the previous build (a staged copy of
// the published site), a rebuild replaces them without writing into
// them.
func TestUpdateLinksUnchanged(t *testing.T) {
	e := newEditSite(t, 40, 9)
	s := e.site()
	root := t.TempDir()
	prev := filepath.Join(root, "prev")
	if err := Build(s, prev); err != nil {
		t.Fatal(err)
	}
	next := filepath.Join(root, "next")
	reused, rebuilt, err := Update(context.Background(), s, prev, next, Options{})
	if err != nil || rebuilt != 0 || reused == 0 {
		t.Fatalf("reused %d, rebuilt %d, %v", reused, rebuilt, err)
	}
	for name := range readTree(t, prev) {
		a, _ := os.Stat(filepath.Join(prev, name))
		b, _ := os.Stat(filepath.Join(next, name))
		if !os.SameFile(a, b) {
			t.Errorf("%s is not linked", name)
		}
	}
	// next now holds links into prev; an edit makes Update rebuild there
	before := readTree(t, prev)
	e.edit()
	for e.edit() == "不变" {
	}
	if _, _, err := Update(context.Background(), e.site(), prev, next, Options{}); err != nil {
		t.Fatal(err)
	}
	after := readTree(t, prev)
	for f, data := range before {
		if !bytes.Equal(after[f], data) {
			t.Errorf("Update wrote into %s of the previous build through a link", f)
		}
	}
}

// dataFolder is the name of the data folder of the search folder dir.
func dataFolder(t testing.TB, dir string) string {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		if top, _, ok := strings.Cut(f.Path, "/"); ok && top != "index.bleve" {
			return top
		}
	}
	t.Fatal("no data folder")
	return ""
}

func rewrite(path, old, new string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Contains(data, []byte(old)) {
		return fmt.Errorf("%s not in %s", old, path)
	}
	return os.WriteFile(path, bytes.ReplaceAll(data, []byte(old), []byte(new)), 0o644)
}

func flipByte(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	data[len(data)/2] ^= 0xff
	return os.WriteFile(path, data, 0o644)
}

// TestUpdateDamagedCache: batch files damaged in the cache (a flipped
// byte in a segment and in a fragment, a truncated segment) are not
// reused: those batches are analysed again; nor are the shards'
// segments (a flipped byte in each): they are merged again. The files
// equal a clean build's, and the cache then holds exactly the build's
// batches and shards.
func TestUpdateDamagedCache(t *testing.T) {
	defer smallShards()()
	e := newEditSite(t, 4*testBatch, 11)
	s := e.site()
	root := t.TempDir()
	clean := filepath.Join(root, "clean")
	if err := Build(s, clean); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(root, "cache")
	if err := BuildContext(context.Background(), s, filepath.Join(root, "first"), Options{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(cache, "*.zap"))
	frags, _ := filepath.Glob(filepath.Join(cache, "*.frag"))
	if len(zaps) != 4 || len(frags) != 4 {
		t.Fatalf("cache holds %d segments and %d fragments, want 4 and 4", len(zaps), len(frags))
	}
	if err := flipByte(zaps[0]); err != nil {
		t.Fatal(err)
	}
	if err := flipByte(frags[1]); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(zaps[2], 100); err != nil {
		t.Fatal(err)
	}
	shards, _ := filepath.Glob(filepath.Join(cache, "*.szap"))
	if len(shards) != 2 {
		t.Fatalf("cache holds %d shard segments, want 2", len(shards))
	}
	for _, f := range shards { // linked from the first build's index: damage a copy
		data, err := os.ReadFile(f)
		if err == nil {
			err = os.Remove(f)
		}
		if err == nil {
			err = os.WriteFile(f, data, 0o644)
		}
		if err == nil {
			err = flipByte(f)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	next := filepath.Join(root, "next")
	reused, rebuilt, err := Update(context.Background(), s, "", next, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if reused != testBatch || rebuilt != 3*testBatch {
		t.Errorf("reused %d and rebuilt %d documents, want %d and %d", reused, rebuilt, testBatch, 3*testBatch)
	}
	sameTree(t, "damaged cache", clean, next)
	after, _ := filepath.Glob(filepath.Join(cache, "*"))
	if len(after) != 10 {
		t.Errorf("cache holds %d files after the build, want 10", len(after))
	}
}

// TestUpdateWholeShardSkipsBatchSegments: a batch whose shard's segment
// the cache holds whole is reused without its own segment being read, so
// a damaged one goes unnoticed as long as the shard is linked; once an
// edit in the same shard makes it merge again, the damaged segment is
// found and its batch analysed again. The files equal a clean build's
// each time.
func TestUpdateWholeShardSkipsBatchSegments(t *testing.T) {
	defer smallShards()()
	e := newEditSite(t, 4*testBatch, 17)
	root := t.TempDir()
	cache := filepath.Join(root, "cache")
	if err := BuildContext(context.Background(), e.site(), filepath.Join(root, "first"), Options{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	in, err := inputsOf(e.site(), export.Order(e.site()), Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	bs, _ := planBatches(in, cache, false)
	if err := os.Truncate(bs[0].zap, 100); err != nil {
		t.Fatal(err)
	}
	step := func(name string, wantRebuilt int) {
		t.Helper()
		s := e.site()
		clean := filepath.Join(root, "clean-"+name)
		if err := Build(s, clean); err != nil {
			t.Fatal(err)
		}
		next := filepath.Join(root, name)
		_, rebuilt, err := Update(context.Background(), s, "", next, Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if rebuilt != wantRebuilt {
			t.Errorf("%s: rebuilt %d documents, want %d", name, rebuilt, wantRebuilt)
		}
		sameTree(t, name, clean, next)
	}
	step("shard whole", 0)
	// edit a guide of the second batch: the first shard merges again
	second := export.Order(e.site())[testBatch].Guide
	for i, g := range e.guides {
		if g == second {
			edited := *g
			edited.Body += "\n\n补充说明。"
			e.guides[i] = &edited
		}
	}
	step("shard merged", 2*testBatch)
}

// TestCacheSmallSites: with a batch cache, a site of one batch (whose
// segment the builder renames instead of merging) and a site without
// guides build the files a build without the cache does (for the empty
// site, all but root.bolt and so build.json: see below).
func TestCacheSmallSites(t *testing.T) {
	e := newEditSite(t, 30, 13)
	empty := resolve.BuildOn(e.cfg, nil, nil, time.Time{})
	for name, s := range map[string]*site.Site{"one batch": e.site(), "empty": empty} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			clean, cached := filepath.Join(root, "clean"), filepath.Join(root, "cached")
			if err := Build(s, clean); err != nil {
				t.Fatal(err)
			}
			opts := Options{Cache: filepath.Join(root, "cache")}
			if err := BuildContext(context.Background(), s, cached, opts); err != nil {
				t.Fatal(err)
			}
			if s == empty {
				// an empty site's index is made by a live scorch index
				// (buildEmptyIndex), whose root.bolt is not reproducible
				// (two clean builds differ too): compare the rest
				for _, dir := range []string{clean, cached} {
					os.Remove(filepath.Join(dir, "index.bleve", "store", "root.bolt"))
					os.Remove(filepath.Join(dir, manifestName))
				}
			}
			sameTree(t, name, clean, cached)
		})
	}
}

// TestFragmentExactSize checks that a batch's fragment is made in one
// allocation: its computed size is its length, with FragmentSlack to
// spare for the checksum.
func TestFragmentExactSize(t *testing.T) {
	e := newEditSite(t, 300, 3)
	order := export.Order(e.site())
	pc := export.NewCollector()
	pc.Add(analyseGuides([]*analysis.Analyser{analysis.NewAnalyser(false)}, order, 0))
	frag := pc.Fragment()
	pc.Release()
	if len(frag) < 1000 || cap(frag)-len(frag) != export.FragmentSlack {
		t.Fatalf("fragment of %d bytes has capacity %d, want %d", len(frag), cap(frag), len(frag)+export.FragmentSlack)
	}
}
