package write

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"zhinan/generator/internal/par"
)

// The kept folder: after an atomic swap (Linux), the output a build
// replaced is not removed (that is one unlink a file, O(all files), on
// every build) but renamed to KeptPath beside the output, when the build
// asked for it (KeepPrevious). It holds the Marker, like a staging folder,
// and KeptRecord, written by the build that replaced it, which says which
// live output it is the predecessor of. The next build takes it as its
// staging folder (Adopt) and brings it up to date by removing only the
// files that differ from the live output (RemoveFiles) and linking in
// those it reuses: work in proportion to what changed. Its files are hard
// links shared with the live output or the previous version of a changed
// file, so it doubles nothing; deleting it is always safe (the next build
// then starts from an empty staging folder).

// KeptRecord is the file in the kept folder that says which build it is
// the predecessor of (its content is the caller's, see KeepPrevious). It
// is removed first when a build adopts the folder, so that a build killed
// while it changes the folder leaves no record that could be trusted.
const KeptRecord = ".zhinan-previous.json"

// KeptPath is the kept folder of the output folder dest: the hidden
// folder .<name>.previous beside it.
func KeptPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".previous")
}

// KeepPrevious asks Commit to keep the output it replaces as the kept
// folder, with record written into it as KeptRecord, less the files and
// folders of drop (slash paths relative to it: what the next build would
// remove from it anyway, so that the kept folder holds little but links
// to the live files). Without it (or where the swap is not an atomic
// exchange) the replaced output is removed.
func (s *Stage) KeepPrevious(record []byte, drop []string) { s.keep, s.drop = record, drop }

// keepOld removes drop from old (the replaced output, at the staging
// path), writes record into it and renames it to kept; false when it
// could not (the caller removes old). A folder already at kept is removed
// first when it is the tool's own (holds the Marker); otherwise it stays
// and old is not kept.
func keepOld(old, kept string, record []byte, drop []string) bool {
	if removePaths(old, drop) != nil {
		return false
	}
	f, err := os.OpenFile(filepath.Join(old, KeptRecord), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return false
	}
	_, err = f.Write(record)
	if err = errors.Join(err, f.Close()); err != nil {
		return false
	}
	if _, err := os.Lstat(kept); err == nil {
		if _, err := os.Lstat(filepath.Join(kept, Marker)); err != nil || removeTree(kept) != nil {
			return false
		}
	}
	return os.Rename(old, kept) == nil
}

// Adopt takes the kept folder of the destination as the stage's folder
// when usable accepts its KeptRecord and Manifest (their bytes): the
// empty staging folder goes, and the stage then holds the files of the
// kept folder, without its record and manifest, for the caller to bring
// up to date (RemoveFiles, LinkFrom) before it writes. A kept folder that
// usable refuses (or usable nil: the build will not use it) is removed;
// a folder at that path without the Marker is not the tool's and stays.
// It returns whether the stage now holds the kept folder.
func (s *Stage) Adopt(usable func(record, manifest []byte) bool) bool {
	kept := KeptPath(s.dest)
	release, err := lockMarker(filepath.Join(kept, Marker))
	if err != nil {
		return false // none, not ours, or another build's
	}
	record, rerr := os.ReadFile(filepath.Join(kept, KeptRecord))
	manifest, merr := os.ReadFile(filepath.Join(kept, Manifest))
	if usable == nil || rerr != nil || merr != nil || !usable(record, manifest) {
		removeTree(kept)
		release()
		return false
	}
	// The record goes first: from here on the folder is being changed.
	dir := s.dir + "-kept" // begins with stagingPrefix: a killed build's is removed
	if os.Remove(filepath.Join(kept, KeptRecord)) != nil ||
		os.Remove(filepath.Join(kept, Manifest)) != nil ||
		os.Rename(kept, dir) != nil {
		release()
		return false
	}
	s.release()
	os.RemoveAll(s.dir)
	s.dir, s.release = dir, release
	return true
}

// RemoveFiles removes files or folders of the stage (slash paths
// relative to it; a missing one is no error), then the folders that
// removing them left empty. Unlinking a name of the stage never changes
// the published file it may be a link to.
func (s *Stage) RemoveFiles(paths []string) error { return removePaths(s.dir, paths) }

// removePaths is RemoveFiles below dir.
func removePaths(dir string, paths []string) error {
	err := par.Each(context.Background(), len(paths), fileWorkers(), func(i int) error {
		if err := checkPath(paths[i]); err != nil {
			return err
		}
		return os.RemoveAll(filepath.Join(dir, filepath.FromSlash(paths[i])))
	})
	if err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	order := make([]string, 0, len(dirs))
	for d := range dirs {
		order = append(order, d)
	}
	// Deepest first, so that a parent is tried after its children.
	slices.SortFunc(order, func(a, b string) int {
		return strings.Count(b, "/") - strings.Count(a, "/")
	})
	for _, d := range order {
		os.Remove(filepath.Join(dir, filepath.FromSlash(d))) // fails when not empty: stays
	}
	return nil
}
