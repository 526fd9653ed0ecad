package build

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/resolve"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// checkState is the first half of a build (load → validate → resolve's
// inheritance) as the live preview keeps it between rebuilds, file by
// file, so that after a save it can redo only what the saved guides
// affect (update) and still give what Check gives for the whole
// site (TestIncrementalEqualsClean).
//
// What a guide's findings and resolved values depend on:
//
//   - decoding: its own file only;
//   - inheritance (resolve.Inherit): its own guide, the guides along its
//     chain of bases, and the guides sharing its code or a code on the
//     chain (duplicates; the first file of a code is the base). Every
//     finding of Inherit is at a line of the guide's own file (`code` or
//     `extends`), which update checks;
//   - the rules (validate): its resolved values, config.toml and static/.
//
// config.toml, static/ and anything update cannot place (a folder that
// appeared or vanished, lost events) make the preview check everything
// again.
type checkState struct {
	source    string
	fsys      fs.FS
	cfg       site.Config
	cfgDiags  []site.Diagnostic // load.Config's
	listDiags []site.Diagnostic // load.ContentFiles's
	static    []string
	checker   *validate.Checker
	// checks, for a build, keeps the rules' findings between builds
	// (checkCache); nil for the preview, which checks again only what a
	// save changed.
	checks *checkCache
	// sums are the guides' sums the guide cache holds (knownSums), for
	// the check cache's keys; nil for the preview.
	sums       knownSums
	order      []string // every guide file, sorted
	files      map[string]*fileState
	byCode     map[string][]string // code → files of guides with that code, sorted
	extendedBy map[string][]string // code → files of guides that extend it, sorted

	// stray are findings of inheritance at a line of no guide it was
	// resolving: none today (see checkState); if a whole check finds some,
	// it keeps them here and the state takes no incremental update.
	stray []site.Diagnostic

	// replaced maps each resolved guide the last update replaced to its
	// new value (nil: the file was removed or no longer parses; a new
	// file maps from nil), for resolve.Patch. It is nil after checkAll.
	replaced map[*site.Guide]*site.Guide
	// before holds, during update, the resolved guide each touched file
	// had before it.
	before map[string]*site.Guide
}

// fileState is one guide file's share of the check.
type fileState struct {
	decoded  *site.Guide // nil when the file could not be parsed
	resolved *site.Guide // decoded with inheritance resolved; nil likewise
	// The file's findings, stage by stage: decoding, inheritance (those
	// at a line of this file), and the rules run on this guide (which may
	// point into a base's file).
	decodeDiags, inheritDiags, ruleDiags []site.Diagnostic
}

// errCannotPatch means update cannot tell what a change affects; the
// preview then checks the whole site.
var errCannotPatch = errors.New("incremental check not possible")

// checkAll reads and checks the whole site, taking unchanged files from
// cache, and returns the state later saves update; progress is told the
// stages as they start. The error is for what stops a check before any
// guide is judged (static/ unreadable) and for ctx done.
func checkAll(ctx context.Context, source string, cache *guideCache, progress func(Stage, int)) (*checkState, error) {
	return checkAllFS(ctx, source, load.DirFS(source), cache, progress)
}

// checkAllFS is checkAll reading the site through fsys (source is only
// used by the preview's later updates).
func checkAllFS(ctx context.Context, source string, fsys fs.FS, cache *guideCache, progress func(Stage, int)) (*checkState, error) {
	progress(StageRead, 0)
	st := &checkState{source: source, fsys: fsys, files: map[string]*fileState{},
		byCode: map[string][]string{}, extendedBy: map[string][]string{}}
	st.cfg, st.cfgDiags = load.Config(fsys)
	st.order, st.listDiags = load.ContentFiles(fsys)
	decoded, diags := decodeFiles(ctx, fsys, st.order, cache)
	st.sums = cache.knownSums()
	static, staticDiags, err := load.Static(fsys)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.listDiags = append(st.listDiags, staticDiags...)
	st.static = static
	st.checker = newRuleChecker(&st.cfg, static)
	st.checks = cache.ruleCache(func() checkKey { return checkEnvKey(&st.cfg, static) })
	for i, f := range st.order {
		st.files[f] = &fileState{decoded: decoded[i], decodeDiags: diags[i]}
		st.index(f, decoded[i], true)
	}
	guides := compact(decoded)
	progress(StageValidate, len(guides))
	st.inherit(guides, true)
	st.checks.seal()
	return st, nil
}

// checkGuide runs the rules on a guide after inheritance, or takes what
// they found from the check cache. For a build (the check cache open), a
// guide whose sums the guide cache did not hold (one that inheritance
// made) has them computed, once: made returns them, for st.sums, where
// the fingerprints and the search take them too.
func (st *checkState) checkGuide(g *site.Guide) (diags []site.Diagnostic, made *guidecodec.Sums) {
	if st.checks == nil {
		return st.checker.Check(g), nil
	}
	sums, known := st.sums.known(g)
	if !known {
		sums = guidecodec.SumsOf(g)
		if st.sums != nil {
			made = &sums
		}
	}
	return st.checks.check(st.checker, g, sums.Checked), made
}

// newRuleChecker prepares the rules for the site's config and static files.
func newRuleChecker(cfg *site.Config, static []string) *validate.Checker {
	staticSet := make(map[string]bool, len(static))
	for _, p := range static {
		staticSet[p] = true
	}
	return validate.NewChecker(cfg, func(p string) bool { return staticSet[p] })
}

// index adds (or, with add false, removes) a decoded guide of file f to
// the code indexes.
func (st *checkState) index(f string, g *site.Guide, add bool) {
	if g == nil {
		return
	}
	edit := func(m map[string][]string, code string) {
		if code == "" {
			return
		}
		list := m[code]
		i, found := slices.BinarySearch(list, f)
		switch {
		case add && !found:
			m[code] = slices.Insert(list, i, f)
		case !add && found:
			if list = slices.Delete(list, i, i+1); len(list) == 0 {
				delete(m, code)
			} else {
				m[code] = list
			}
		}
	}
	edit(st.byCode, g.Code)
	edit(st.extendedBy, g.Extends)
}

// inherit resolves inheritance for guides, a set closed under what
// inheritance looks at (see checkState), runs the rules on the results
// and stores both in the guides' files. whole says guides are all the
// site's: a finding at a line of no guide among them is then kept as
// stray; otherwise it is errCannotPatch.
func (st *checkState) inherit(guides []*site.Guide, whole bool) error {
	resolved, diags := resolve.Inherit(guides)
	mine := make(map[string][]site.Diagnostic, len(guides))
	for _, g := range guides {
		mine[g.File] = nil
	}
	for _, d := range diags {
		if _, ok := mine[d.File]; !ok {
			if !whole {
				return errCannotPatch // a finding outside the set: not what update knows
			}
			st.stray = append(st.stray, d)
			continue
		}
		mine[d.File] = append(mine[d.File], d)
	}
	rules := make([][]site.Diagnostic, len(resolved))
	made := make([]*guidecodec.Sums, len(resolved))
	par.Each(context.Background(), len(resolved), 0, func(i int) error {
		rules[i], made[i] = st.checkGuide(resolved[i])
		return nil
	})
	for i, sums := range made {
		if sums != nil {
			st.sums[resolved[i]] = *sums
		}
	}
	for i, g := range resolved {
		st.touch(g.File)
		fs := st.files[g.File]
		fs.resolved, fs.inheritDiags, fs.ruleDiags = g, mine[g.File], rules[i]
	}
	return nil
}

// update takes in the changes to the given paths (relative to the site
// folder, slash-separated), all under content/. It reads again only the
// changed guide files and redoes inheritance and the rules only for the
// guides those changes can affect. errCannotPatch means it could not
// place a change; the state is then unusable and the site must be checked
// again as a whole.
func (st *checkState) update(paths []string) error {
	changed, err := st.guideFiles(paths)
	if err != nil {
		return err
	}
	st.before = map[string]*site.Guide{}
	defer st.noteReplaced()
	if len(changed) == 0 {
		return nil
	}
	if len(st.stray) > 0 {
		return errCannotPatch
	}
	codes, used, affected := st.reread(changed)
	// An extends that names no guide is reported with the nearest code of
	// the whole site: when a code comes or goes, leave such reports to a
	// whole check.
	for c, was := range used {
		if was != (len(st.byCode[c]) > 0) && st.anyUnresolved() {
			return errCannotPatch
		}
	}
	st.addDependents(codes, affected)
	if err := st.addBases(affected); err != nil {
		return err
	}
	guides := make([]*site.Guide, 0, len(affected))
	for f := range affected {
		guides = append(guides, st.files[f].decoded)
	}
	return st.inherit(guides, false)
}

// guideFiles keeps the paths that are guide files, now or before.
func (st *checkState) guideFiles(paths []string) ([]string, error) {
	var changed []string
	for _, p := range paths {
		guide, err := st.isGuideFile(p)
		if err != nil {
			return nil, err
		}
		if guide {
			changed = append(changed, p)
		}
	}
	return changed, nil
}

// noteReplaced records, at the end of update, which resolved guide each
// touched file had before and has now (st.replaced, for resolve.Patch).
func (st *checkState) noteReplaced() {
	st.replaced = make(map[*site.Guide]*site.Guide, len(st.before))
	for f, old := range st.before {
		var now *site.Guide
		if fs := st.files[f]; fs != nil {
			now = fs.resolved
		}
		if old != nil || now != nil {
			st.replaced[old] = now
		}
	}
	st.before = nil
}

// reread reads the changed guide files again and updates the files, the
// order and the code indexes. It returns the codes whose guides changed,
// whether each code had a guide before, and the files that now decode.
func (st *checkState) reread(changed []string) (codes, used, affected map[string]bool) {
	codes, used, affected = map[string]bool{}, map[string]bool{}, map[string]bool{}
	note := func(g *site.Guide) {
		if g == nil {
			return
		}
		codes[g.Code] = true
		if _, ok := used[g.Code]; !ok {
			used[g.Code] = len(st.byCode[g.Code]) > 0
		}
	}
	for _, f := range changed {
		st.touch(f)
		old := st.files[f]
		if old != nil {
			note(old.decoded)
			st.index(f, old.decoded, false)
		}
		g, diags, exists := st.read(f)
		if !exists {
			if old != nil {
				delete(st.files, f)
				if i, ok := slices.BinarySearch(st.order, f); ok {
					st.order = slices.Delete(st.order, i, i+1)
				}
			}
			continue
		}
		if old == nil {
			i, _ := slices.BinarySearch(st.order, f)
			st.order = slices.Insert(st.order, i, f)
		}
		note(g)
		st.files[f] = &fileState{decoded: g, decodeDiags: diags}
		st.index(f, g, true)
		if g != nil {
			affected[f] = true
		}
	}
	return codes, used, affected
}

// addDependents adds to affected the guides whose inheritance a change of
// codes can change: those sharing a changed code, and those extending one
// of them, transitively.
func (st *checkState) addDependents(codes, affected map[string]bool) {
	queue := make([]string, 0, len(codes))
	for c := range codes {
		queue = append(queue, c)
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		for _, f := range st.byCode[c] {
			affected[f] = true
		}
		for _, f := range st.extendedBy[c] {
			affected[f] = true
			queue = append(queue, st.files[f].decoded.Code)
		}
	}
}

// addBases adds to affected what inheritance reads for them: the guides
// of their codes and of the codes up their chains of bases.
func (st *checkState) addBases(affected map[string]bool) error {
	work := make([]string, 0, len(affected))
	for f := range affected {
		work = append(work, f)
	}
	for len(work) > 0 {
		g := st.files[work[len(work)-1]].decoded
		work = work[:len(work)-1]
		if g.Extends != "" && len(st.byCode[g.Extends]) == 0 {
			// Inherit suggests a near code from the whole site: leave
			// that to a whole check.
			return errCannotPatch
		}
		for _, c := range []string{g.Code, g.Extends} {
			for _, f := range st.byCode[c] {
				if !affected[f] {
					affected[f] = true
					work = append(work, f)
				}
			}
		}
	}
	return nil
}

// staticStillThere tells whether p (relative to the site folder) is a
// file under static/ that the site lists and that is still a regular
// file: a change to its bytes changes nothing the check or resolve made.
func (st *checkState) staticStillThere(p string) bool {
	rel, ok := strings.CutPrefix(p, load.StaticDir+"/")
	if !ok {
		return false
	}
	if _, listed := slices.BinarySearch(st.static, rel); !listed {
		return false
	}
	fi, err := os.Lstat(filepath.Join(st.source, filepath.FromSlash(p)))
	return err == nil && fi.Mode().IsRegular()
}

// anyUnresolved tells whether some guide extends a code no guide has.
func (st *checkState) anyUnresolved() bool {
	for c := range st.extendedBy {
		if len(st.byCode[c]) == 0 {
			return true
		}
	}
	return false
}

// touch notes, during update, the resolved guide file f has before the
// update changes it.
func (st *checkState) touch(f string) {
	if st.before == nil {
		return
	}
	if _, done := st.before[f]; done {
		return
	}
	var g *site.Guide
	if fs := st.files[f]; fs != nil {
		g = fs.resolved
	}
	st.before[f] = g
}

// isGuideFile tells whether p is a guide file (now or before the change)
// as load.ContentFiles would list it. errCannotPatch is for what only a
// whole check answers: a folder, a link, something unreadable.
func (st *checkState) isGuideFile(p string) (bool, error) {
	rest, ok := strings.CutPrefix(p, load.ContentDir+"/")
	if !ok {
		return false, errCannotPatch
	}
	if _, known := st.files[p]; known {
		return true, nil
	}
	parts := strings.Split(rest, "/")
	for _, dir := range parts[:len(parts)-1] {
		if strings.HasPrefix(dir, ".") {
			return false, nil // in a hidden folder: never read
		}
	}
	fi, err := os.Lstat(filepath.Join(st.source, filepath.FromSlash(p)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Gone: a file that was no guide, or a folder that held some.
		prefix := p + "/"
		i, _ := slices.BinarySearch(st.order, prefix)
		if i < len(st.order) && strings.HasPrefix(st.order[i], prefix) {
			return false, errCannotPatch
		}
		return false, nil
	case err != nil || !fi.Mode().IsRegular():
		return false, errCannotPatch
	}
	name := path.Base(p)
	return !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".") && path.Ext(name) == ".md", nil
}

// read decodes guide file f; exists is false when it is no longer there.
func (st *checkState) read(f string) (g *site.Guide, diags []site.Diagnostic, exists bool) {
	g, diags = decodeFile(st.fsys, f)
	if g == nil {
		if _, err := os.Lstat(filepath.Join(st.source, filepath.FromSlash(f))); errors.Is(err, fs.ErrNotExist) {
			return nil, nil, false
		}
	}
	return g, diags, true
}

// result is what Check returns for the site as the state holds it:
// every diagnostic, in Check's order (with the site-wide findings of
// resolve.ReplacedBy, made anew each time), and the resolved guides
// sorted by code, then file.
func (st *checkState) result() ([]site.Diagnostic, []*site.Guide) {
	diags := append([]site.Diagnostic(nil), st.cfgDiags...)
	diags = append(diags, st.listDiags...)
	var inherit, rules []site.Diagnostic
	resolved := make([]*site.Guide, 0, len(st.order))
	for _, f := range st.order {
		fs := st.files[f]
		diags = append(diags, fs.decodeDiags...)
		inherit = append(inherit, fs.inheritDiags...)
		rules = append(rules, fs.ruleDiags...)
		if fs.resolved != nil {
			resolved = append(resolved, fs.resolved)
		}
	}
	diags = append(diags, inherit...)
	diags = append(diags, st.stray...)
	// Rule 19 across files: a bundle's members are any files, so it runs
	// over the whole site here, on a whole check and after every update.
	diags = append(diags, validate.Bundles(resolved)...)
	site.SortDiagnostics(rules)
	rules = slices.Compact(rules)
	diags = append(diags, rules...)
	// Rule 16's cross-file half looks at every code of the site: a cheap
	// pass, done here so that whole and incremental checks agree.
	diags = append(diags, resolve.ReplacedBy(resolved)...)
	site.SortDiagnostics(diags)
	slices.SortFunc(resolved, func(a, b *site.Guide) int {
		return cmp.Or(strings.Compare(a.Code, b.Code), strings.Compare(a.File, b.File))
	})
	return diags, resolved
}
