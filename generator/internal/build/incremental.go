package build

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/render"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/version"
	"zhinan/generator/internal/write"
)

// An incremental build (Run without Options.Clean) takes from the
// published output every file whose inputs did not change since the
// build that made it, as hard links into the stage (or already there,
// when the stage is the kept folder: kept.go), and makes the rest:
//
//   - a guide's page and sheet are taken when its fingerprint
//     (guideFingerprints) is the one the previous build's manifest
//     records for it;
//   - the search folder is search.Update's: taken whole when its own
//     manifest (search/build.json) records the same inputs, else made
//     anew from the batch cache (SearchCache), analysing only the
//     batches of guides that changed;
//   - a browsing page (department, region, topic, list) is taken when
//     its fingerprint (the site key and render.ListPageKeys: its frame
//     and every line it lists) is the one the manifest records for its
//     path; so an edit remakes the few pages that list the guide;
//   - every other page and data file (home, bundles, figures, feeds,
//     sitemaps, open data, assets) and the static files are made anew
//     each time: they depend on many guides, and making them is a small
//     part of a build.
//
// The manifest (write.Manifest, JSON) lives inside the output, so that it
// is published and swapped with the files it describes: a build killed at
// any moment leaves the old output with the old manifest or the new with
// the new. A manifest that is missing, unreadable, of another format, of
// another generator binary, of another source folder or of other site-wide
// inputs (config, layouts, build day, --no-search) takes nothing: the
// build is a whole one. The result is byte for byte a clean build's
// (TestPublishIncrementalEqualsClean).
type manifest struct {
	Format    int
	Generator string // generatorID of the binary that wrote it
	Source    string // the site folder, absolute
	Site      string // siteKey
	// Guides maps each guide's code to the fingerprint of its page and
	// sheet; empty when the site's own layouts make guide pages (a layout
	// may read any part of the site).
	Guides map[string]string
	// Pages maps the output path of each browsing page to its
	// fingerprint; empty when Guides is, or when the site's own layouts
	// make browsing pages (render.ListLayout).
	Pages map[string]string
	// Files lists, sorted, every other file of the output but the search
	// folder, the manifest and the marker (pages, data, assets, static
	// files): what a build makes anew every time, so that a later build
	// that takes this output as its staging folder (the kept folder, see
	// kept.go) knows what to remove. Empty when Guides is.
	Files []string
	// Order is the published guides' codes in the site's order, and Data
	// where each one's part is in the per-guide open-data files
	// (dataParts); empty when Guides is.
	Order []string
	Data  []dataLayout
}

// manifestFormat changes whenever what a fingerprint covers, or what the
// manifest records, changes.
const manifestFormat = 6

// increment is what an incremental build takes from the previous output
// and what it records for the next one.
type increment struct {
	next   manifest
	reused map[*site.Page]bool // guides whose files were linked into the stage
	// pages are the browsing pages (output paths) linked into the stage.
	pages map[string]bool
	// withSearch is Options.Search; search is true when the search folder
	// was linked whole from prevSearch, the published output's search
	// folder ("" for a clean build or when the manifest takes nothing).
	withSearch bool
	search     bool
	prevSearch string
	// searchCache is the folder of search.Options.Cache when the search
	// folder is made anew: the analysed batches of guides, kept beside
	// the output (SearchCache) so that a build re-analyses only the
	// batches whose guides changed; "" for a clean build.
	searchCache string
	// files is how many guide files and browsing pages were linked.
	files int
	// written is every file this build wrote but the search folder's
	// (for manifest.Files).
	written []string
	// own says which pages the site's own layouts make.
	own ownLayouts
	// old is the published output's manifest when this build may take
	// files from it (planIncrement); kept is the kept folder the stage
	// adopted, if any.
	old  *manifest
	kept *keptFolder
	// fromKept is true when the stage is the adopted kept folder.
	fromKept bool
	// replaced is the Files of the published output's manifest: what
	// the output this build replaces holds that no later build reuses.
	replaced []string
	// data writes the open-data files, with the parts of reused guides
	// taken from the published ones.
	data *dataParts
	// sums are the guides' sums the guide cache holds (knownSums), for the
	// fingerprints and the search's inputs; Run lets go of them once both
	// are made.
	sums knownSums
}

// skip tells the renderer which guides not to render.
func (inc *increment) skip(g *site.Page) bool { return inc.reused[g] }

// reuse tells the renderer which pages not to render.
func (inc *increment) reuse() render.Reuse {
	return render.Reuse{Guide: inc.skip, List: func(path string) bool { return inc.pages[path] }}
}

// generatorID identifies the running binary by the hash of its file: a
// build by another binary (another version, or a development build of
// other code) reuses nothing. "" when the binary cannot be read, and then
// nothing is reused either.
func generatorID() string { return version.Executable() }

// planIncrement decides, from the published output's manifest alone,
// what this build may take from it: unless clean, it keeps that manifest
// (increment.old) when it was made from the same site-wide inputs, and
// settles the stage (the adopted kept folder, or a fresh one) so that the
// search index can be built into it (startSearch) while reuseFiles works
// out and links the guides and pages that did not change.
func planIncrement(c *Checked, stage *write.Stage, opts Options, clean bool) (*increment, error) {
	abs, _ := filepath.Abs(opts.Source)
	s := c.Site
	inc := &increment{reused: map[*site.Page]bool{}, pages: map[string]bool{}, next: manifest{
		Format: manifestFormat, Generator: generatorID(), Source: abs,
	}}
	layouts, own := layoutFiles(c.FS)
	inc.own = own
	inc.next.Site = siteKey(s, opts.Search, layouts)
	inc.withSearch = opts.Search
	inc.data = newDataParts(stage.Dest(), nil, nil)
	if clean || inc.next.Generator == "" {
		stage.Adopt(nil) // a kept folder is of no use after this build
		return inc, nil
	}
	inc.searchCache = SearchCache(stage.Dest())
	old, raw, ok := readManifest(stage)
	if !ok || old.Format != manifestFormat || old.Generator != inc.next.Generator || old.Source != inc.next.Source {
		stage.Adopt(nil)
		return inc, nil
	}
	inc.prevSearch = filepath.Join(stage.Dest(), "search")
	if old.Site != inc.next.Site {
		stage.Adopt(nil)
		return inc, nil
	}
	inc.old, inc.replaced = &old, old.Files
	inc.data = newDataParts(stage.Dest(), &old, inc.skip)
	if own.guides || len(s.Guides) == 0 {
		stage.Adopt(nil) // the site's layouts make guide pages: nothing to reuse
		return inc, nil
	}
	var k keptFolder
	if stage.Adopt(k.usable(raw)) {
		inc.kept, inc.fromKept = &k, true
		// the search folder is made anew, into the stage
		if err := stage.Remove("search"); err != nil {
			return nil, err
		}
	}
	return inc, nil
}

// reuseFiles fingerprints the guides and browsing pages of the checked
// site for the next manifest and puts into the stage the files of those
// the published output holds current (planIncrement's old manifest):
// kept in the adopted kept folder (kept.go), else linked.
func (inc *increment) reuseFiles(c *Checked, r *render.Renderer, stage *write.Stage) error {
	s := c.Site
	if !inc.own.guides {
		inc.next.Guides = guideFingerprints(s, inc.next.Site, ownKeys(s, inc.sums), inc.sums)
	}
	if !inc.own.guides && !inc.own.lists {
		var err error
		if inc.next.Pages, err = pageFingerprints(r, s, inc.next.Site); err != nil {
			return fmt.Errorf("%w：%v", ErrTemplate, err)
		}
	}
	if inc.old == nil || len(inc.next.Guides) == 0 {
		return nil
	}
	return inc.reuseGuides(stage, s, *inc.old)
}

// readManifest reads the published output's manifest (and its bytes);
// false when there is none or it cannot be read.
func readManifest(stage *write.Stage) (manifest, []byte, bool) {
	var m manifest
	data, err := stage.ReadPublished(write.Manifest)
	if err != nil || json.Unmarshal(data, &m) != nil {
		return manifest{}, nil, false
	}
	return m, data, true
}

// reusable tells whether the published output's files of the guide with
// this code are current: its fingerprint is the one old records.
func (inc *increment) reusable(old manifest, code string) bool {
	fp := inc.next.Guides[code]
	return fp != "" && old.Guides[code] == fp
}

// reusablePage tells whether the published output's browsing page at
// path is current: its fingerprint is the one old records.
func (inc *increment) reusablePage(old manifest, path string) bool {
	fp := inc.next.Pages[path]
	return fp != "" && old.Pages[path] == fp
}

// reuseGuides puts into the stage the page and sheet of every guide and
// the browsing pages the published output (manifest old) holds current:
// from the kept folder when the stage adopted it (kept.go), else as links
// into an empty stage.
func (inc *increment) reuseGuides(stage *write.Stage, s *site.Site, old manifest) error {
	if inc.kept != nil {
		return inc.updateKept(stage, s, old, *inc.kept)
	}
	var guides []*site.Page
	for _, g := range s.Guides {
		if inc.reusable(old, g.Code) {
			guides = append(guides, g)
		}
	}
	if err := inc.linkGuides(stage, guides); err != nil {
		return err
	}
	var pages []string
	for p := range inc.next.Pages {
		if inc.reusablePage(old, p) {
			pages = append(pages, p)
		}
	}
	return inc.linkPages(stage, pages)
}

// linkPages links each of the browsing pages at paths from the published
// output; a page that could not be linked is made anew.
func (inc *increment) linkPages(stage *write.Stage, paths []string) error {
	slices.Sort(paths) // the order of the links does not show, but keep it fixed
	linked, _, err := stage.LinkFrom(paths)
	if err != nil {
		return err
	}
	for i, ok := range linked {
		if ok {
			inc.pages[paths[i]] = true
			inc.files++
		}
	}
	return nil
}

// linkGuides links the page and sheet of each of guides from the
// published output. A guide of which one file could not be linked is made
// anew (its other link removed).
func (inc *increment) linkGuides(stage *write.Stage, guides []*site.Page) error {
	var paths []string
	for _, g := range guides {
		paths = append(paths, render.GuideFiles(g)...)
	}
	linked, _, err := stage.LinkFrom(paths)
	if err != nil {
		return err
	}
	per := len(paths) / max(len(guides), 1)
	for i, g := range guides {
		all := true
		for _, ok := range linked[i*per : (i+1)*per] {
			all = all && ok
		}
		if all {
			inc.reused[g] = true
			inc.files += per
			continue
		}
		for k, ok := range linked[i*per : (i+1)*per] {
			if ok {
				if err := stage.Remove(paths[i*per+k]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeManifest records inc.next, with the files this build wrote, in the
// stage, to be published with it, and asks the stage to keep the output
// it replaces when the next build can use it (keepPrevious).
func writeManifest(stage *write.Stage, s *site.Site, inc *increment) error {
	inc.next.Files = otherFiles(inc.written, inc.next.Guides, inc.next.Pages)
	if len(inc.next.Guides) > 0 {
		inc.next.Order = make([]string, len(s.Guides))
		for i, g := range s.Guides {
			inc.next.Order[i] = g.Code
		}
		inc.next.Data = inc.data.next
	}
	data, err := json.Marshal(inc.next)
	if err != nil {
		return err
	}
	if err := stage.WriteManifest(data); err != nil {
		return err
	}
	return inc.keepPrevious(stage, s, data)
}

// ownLayouts says which pages the site's own layouts make.
type ownLayouts struct {
	guides bool // a guide's page or sheet (render.GuideLayout)
	lists  bool // a browsing page (render.ListLayout)
}

// layoutFiles reads every file of the site's layouts/ folder (path and
// bytes, in path order) and tells which pages any of them makes.
func layoutFiles(fsys fs.FS) (files []string, own ownLayouts) {
	fs.WalkDir(fsys, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			data = []byte("unreadable: " + err.Error())
		}
		files = append(files, p, string(data))
		name := p[len("layouts/"):]
		own.guides = own.guides || render.GuideLayout(name)
		own.lists = own.lists || render.ListLayout(name)
		return nil
	})
	return files, own
}

// groupKey is what a guide's page shows of a group it is listed in.
type groupKey struct{ Kind, Name, Slug, URL string }

func groupOf(g *site.Group) groupKey {
	if g == nil {
		return groupKey{}
	}
	return groupKey{g.Kind, g.Name, g.Slug, g.URL}
}

// siteKey hashes what every page may show of the site as a whole: the
// binary, the build's flags, config, the three lists (the header) and the
// site's layouts. Not the build day: a guide's page shows it only through
// its own stale notice and lifecycle notice, which ownKey covers, so a
// build on the next day remakes only the pages whose notice changed.
func siteKey(s *site.Site, search bool, layouts []string) string {
	lists := make([]groupKey, len(s.Lists))
	for i, g := range s.Lists {
		lists[i] = groupOf(g)
	}
	return newDigest().add("site", generatorID(), search, s.Config, lists, layouts).sum()
}

// ownKeys hashes, for each guide of the site (same index), what its own
// page shows of itself: the guide as resolved, its URL, its stale notice
// and whether it is in force on the build day, the groups it is listed
// in, the bundles it belongs to and the item that replaces it.
// sums are the guides' sums the guide cache holds.
func ownKeys(s *site.Site, sums knownSums) []string {
	keys := make([]string, len(s.Guides))
	par.Each(context.Background(), len(s.Guides), par.Workers(1), func(i int) error {
		keys[i] = ownKey(s, sums, s.Guides[i])
		return nil
	})
	return keys
}

func ownKey(s *site.Site, sums knownSums, p *site.Page) string {
	// hashed value by value, not through digest.add: reflection over the
	// groups and the pages was half of the own keys' CPU (0.36 of 0.74 s
	// at 100,000 guides)
	d := newGuideDigest(sums)
	d.guide(p.Guide)
	d.k.Str(p.URL)
	d.k.Int(site.StaleDays(p.Updated, s.Today, s.Config.StaleAfterDays))
	d.k.Bool(s.InForce(p))
	d.group(p.DepartmentGroup)
	d.group(p.RegionGroup)
	d.k.Int(len(p.TopicGroups))
	for _, t := range p.TopicGroups {
		d.group(t)
	}
	d.k.Int(len(p.Bundles))
	for _, b := range p.Bundles {
		d.guide(b.Guide)
		d.k.Str(b.URL)
	}
	r, ok := s.ByCode[p.ReplacedBy]
	replaced := ok && p.ReplacedBy != "" && r != p
	d.k.Bool(replaced)
	if replaced {
		d.k.Str(r.Title, r.URL)
	}
	return d.sum()
}

// group hashes what a guide's page shows of a group it is listed in
// (groupOf), or that it is in none.
func (d *digest) group(g *site.Group) {
	d.k.Bool(g != nil)
	if g != nil {
		d.k.Str(g.Kind, g.Name, g.Slug, g.URL)
	}
}

// guideFingerprints is, for each guide's code, the hash of everything its
// page and sheet show: the site-wide key, its own key, and the own keys
// of its standard and its implementations (their lines on its page).
func guideFingerprints(s *site.Site, siteKey string, own []string, sums knownSums) map[string]string {
	index := make(map[*site.Page]int, len(s.Guides))
	for i, g := range s.Guides {
		index[g] = i
	}
	keyOf := func(q *site.Page) string {
		if i, ok := index[q]; ok {
			return own[i]
		}
		return ownKey(s, sums, q) // a standard that is not published itself
	}
	fps := make([]string, len(s.Guides))
	par.Each(context.Background(), len(s.Guides), par.Workers(1), func(i int) error {
		g := s.Guides[i]
		d := newDigest().add(siteKey, own[i], g.Standard != nil)
		if g.Standard != nil {
			d.add(keyOf(g.Standard))
		}
		d.add(len(g.Implementations))
		for _, q := range g.Implementations {
			d.add(keyOf(q))
		}
		fps[i] = d.sum()
		return nil
	})
	out := make(map[string]string, len(s.Guides))
	for i, g := range s.Guides {
		out[g.Code] = fps[i]
	}
	return out
}

// pageFingerprints is, for each browsing page's output path, the hash of
// the site-wide key and the page's own (render.ListPageKeys).
func pageFingerprints(r *render.Renderer, s *site.Site, siteKey string) (map[string]string, error) {
	keys, err := r.ListPageKeys(s)
	if err != nil {
		return nil, err
	}
	for p, k := range keys {
		keys[p] = newDigest().add(siteKey, k).sum()
	}
	return keys, nil
}

// SearchCache is the search batch cache of the output folder dest: the
// hidden folder .<name>.search-cache beside it (where the staging folder
// is made too), never published. Only incremental builds read it; every
// build with search that is not clean keeps it to the batches of its
// guides (search.Options.Cache).
func SearchCache(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".search-cache")
}
