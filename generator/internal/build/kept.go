package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"slices"

	"zhinan/generator/internal/render"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/write"
)

// An incremental build publishes in proportion to what changed (on Linux,
// where the swap is an atomic exchange): the output it replaces is kept
// beside the new one (write.KeptPath, .<dest>.previous) instead of being
// removed, with a record (keptRecord) of which build it precedes. The
// next build, when that record names the live output, takes the kept
// folder as its staging folder (write.Stage.Adopt) and brings it to what
// a fresh stage would hold after linking (updateKept):
//
//   - the kept folder is output n-1, the live one output n; every file of
//     output n that build n did not make itself (keptRecord.Made) is a
//     link to the same file of output n-1;
//   - so the kept folder's page and sheet of a guide this build reuses
//     and build n did not make are already the live files, and stay; so
//     do its browsing pages (manifest.Pages) this build reuses and build
//     n did not make;
//   - every other file of the kept folder goes: the other guides' files
//     (named by the codes of its own manifest), the other browsing pages,
//     the files every build makes anew (manifest.Files) and the search
//     folder;
//   - the reused guides and pages build n made are linked from the live
//     output.
//
// The stage then holds exactly the links a fresh stage would, and the
// build writes the rest as always (O_EXCL). Anything doubtful (no record,
// one of another live output or format, a clean build, a build that
// reuses nothing) takes the fresh stage, and the kept folder goes.

// keptRecord is the kept folder's write.KeptRecord.
type keptRecord struct {
	Format int
	Live   string   // sha256 of the manifest of the output this one precedes
	Made   []string // codes of the guides whose files that build made itself, sorted
	// MadePages are the browsing pages that build made itself, sorted.
	MadePages []string
}

// keptFolder is what usable read of a kept folder.
type keptFolder struct {
	record   keptRecord
	manifest keptManifest
}

// keptManifest is what updateKept needs of the kept folder's manifest:
// which guides (Order, the codes of its Guides), browsing pages and other
// files it holds, not their fingerprints. Leaving Guides out makes
// reading it about a quarter of the cost (a manifest of 100,000 guides is
// 12 MB of JSON, most of it the fingerprints).
type keptManifest struct {
	Format int
	Pages  map[string]string
	Files  []string
	Order  []string
}

func hashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// usable accepts a kept folder whose record names the published output
// (manifest bytes live) and whose own manifest is of this format and
// lists its guides; it keeps what it read in k.
func (k *keptFolder) usable(live []byte) func(record, man []byte) bool {
	return func(record, man []byte) bool {
		if json.Unmarshal(record, &k.record) != nil || json.Unmarshal(man, &k.manifest) != nil {
			return false
		}
		return k.record.Format == manifestFormat && k.record.Live == hashOf(live) &&
			k.manifest.Format == manifestFormat && len(k.manifest.Order) > 0
	}
}

// updateKept brings the adopted kept folder k to the links a fresh stage
// would hold for the guides of s that old (the published manifest) holds
// current.
func (inc *increment) updateKept(stage *write.Stage, s *site.Site, old manifest, k keptFolder) error {
	made := make(map[string]bool, len(k.record.Made))
	for _, c := range k.record.Made {
		made[c] = true
	}
	remove := slices.Clone(k.manifest.Files)
	kept := map[string]bool{}
	for _, code := range k.manifest.Order {
		if inc.reusable(old, code) && !made[code] {
			kept[code] = true
			continue
		}
		remove = append(remove, render.GuidePaths(code)...)
	}
	madePage := make(map[string]bool, len(k.record.MadePages))
	for _, p := range k.record.MadePages {
		madePage[p] = true
	}
	keptPages := map[string]bool{}
	for p := range k.manifest.Pages {
		if inc.reusablePage(old, p) && !madePage[p] {
			keptPages[p] = true
			continue
		}
		remove = append(remove, p)
	}
	if err := stage.RemoveFiles(remove); err != nil {
		return err
	}
	var linkPages []string
	for p := range inc.next.Pages {
		switch {
		case !inc.reusablePage(old, p):
		case keptPages[p]:
			inc.pages[p] = true
			inc.files++
		default:
			linkPages = append(linkPages, p)
		}
	}
	if err := inc.linkPages(stage, linkPages); err != nil {
		return err
	}
	var link []*site.Page
	for _, g := range s.Guides {
		switch {
		case !inc.reusable(old, g.Code):
		case kept[g.Code]:
			inc.reused[g] = true
			inc.files += len(render.GuideFiles(g))
		default:
			link = append(link, g)
		}
	}
	return inc.linkGuides(stage, link)
}

// otherFiles is manifest.Files: the files written (slash paths) that are
// neither the page or sheet of a guide of guides nor a browsing page of
// pages, sorted; nil without guides.
func otherFiles(written []string, guides, pages map[string]string) []string {
	if len(guides) == 0 {
		return nil
	}
	var out []string
	for _, p := range written {
		code := path.Base(path.Dir(p))
		if _, ok := guides[code]; ok && slices.Contains(render.GuidePaths(code), p) {
			continue
		}
		if _, ok := pages[p]; ok {
			continue
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// keepPrevious asks the stage to keep the output it replaces when the
// next build can take it: this build reused guide files from it, so most
// of its files are the live ones. The record names this build's manifest
// (data) and the guides it made itself. The replaced output's search
// folder and other files (its manifest's Files), which the next build
// would remove anyway, go at once, so that the kept folder holds little
// but links to the live files.
func (inc *increment) keepPrevious(stage *write.Stage, s *site.Site, data []byte) error {
	if inc.files == 0 || len(inc.next.Guides) == 0 {
		return nil
	}
	var made []string
	for _, g := range s.Guides {
		if !inc.reused[g] {
			made = append(made, g.Code)
		}
	}
	slices.Sort(made)
	var madePages []string
	for p := range inc.next.Pages {
		if !inc.pages[p] {
			madePages = append(madePages, p)
		}
	}
	slices.Sort(madePages)
	record, err := json.Marshal(keptRecord{Format: manifestFormat, Live: hashOf(data), Made: made, MadePages: madePages})
	if err != nil {
		return err
	}
	stage.KeepPrevious(record, append([]string{"search"}, inc.replaced...))
	return nil
}
