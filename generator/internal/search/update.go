package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"zhinan/generator/internal/search/export"
	"zhinan/generator/internal/site"
)

// Update writes into dir the search files of s that BuildContext(ctx, s,
// dir, opts) would write, byte for byte, taking from prev (the search
// folder of the previous build, usually the published site's) what it
// can prove is the same. prev is only read: what Update takes it hard
// links into dir, and Update never writes into a file that is a link
// (files it writes are new files renamed into place). dir must not hold
// files of another search build that are links into prev unless this
// Update may replace them; anything else in it (the search page
// index.html) is left alone.
//
// When prev's manifest (build.json) records the same input digest
// (inputs: the executable, the options, the synonyms and pinyin
// overrides, every document of the search) and every file it lists is
// still the size and CRC-32C it records, the files are linked into dir.
// Otherwise (no or a damaged manifest, another generator, other options,
// any document changed, a file damaged since) it builds with
// BuildContext, which with opts.Cache analyses only the batches of
// documents the cache does not hold (batches.go), and links from prev's
// data folder the export files whose bytes did not change
// (export.Write). It returns the number
// of documents reused (linked, or taken from the cache) and rebuilt.
func Update(ctx context.Context, s *site.Site, prev, dir string, opts Options) (reused, rebuilt int, err error) {
	order := export.Order(s)
	in, err := inputsOf(s, order, opts)
	opts.ContentSum = nil // read only for the inputs: whatever it holds may go
	if err != nil {
		return 0, 0, fmt.Errorf("计算搜索输入摘要失败：%w", err)
	}
	if prev != "" && reuseWhole(in, prev, dir) == nil {
		return len(order), 0, nil
	}
	reused, err = buildContext(ctx, s, order, in, dir, prev, opts)
	return reused, len(order) - reused, err
}

// reuseWhole links every file of the previous build prev into dir when
// it was made from the same inputs and is undamaged; on any error it
// removes what it linked and says why.
func reuseWhole(in *inputs, prev, dir string) error {
	m, err := readManifest(prev)
	if err != nil {
		return err
	}
	if in.digest() != m.Input {
		return errors.New("搜索输入已变")
	}
	for _, f := range m.Files {
		if err := checkFile(filepath.Join(prev, filepath.FromSlash(f.Path)), f); err != nil {
			return err
		}
	}
	files := append(append([]manifestFile{}, m.Files...), manifestFile{Path: manifestName})
	if err := clearBuild(dir); err != nil {
		return err
	}
	for i, f := range files {
		rel := filepath.FromSlash(f.Path)
		err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755)
		if err == nil {
			err = os.Link(filepath.Join(prev, rel), filepath.Join(dir, rel))
		}
		if err != nil {
			for _, done := range files[:i] {
				os.Remove(filepath.Join(dir, filepath.FromSlash(done.Path)))
			}
			return fmt.Errorf("链接搜索文件失败：%w", err)
		}
	}
	return nil
}

// clearBuild removes from dir what a search build writes (its manifest,
// meta.json, search.js, data folders, the index's shards) so that links can take
// their place: removing a link leaves the file it shares alone. The
// search page (index.html) stays.
func clearBuild(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		switch name := e.Name(); {
		case name == manifestName, name == "meta.json", name == "search.js", IsIndexFolder(name), name == shardStatsName,
			e.IsDir() && export.IsDataFolder(name):
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}
