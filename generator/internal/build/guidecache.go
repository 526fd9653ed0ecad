package build

import (
	"context"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// guideCache keeps the guides that earlier builds of the live preview
// decoded, by file, so that a rebuild reads and decodes only the files
// whose size or modification time changed. Everything after decoding
// (inheritance, the rules, resolve) still runs on the whole site at every
// rebuild, so a change to a base guide, config.toml or a layout reaches
// every page that depends on it, and the result is the clean build's
// (TestIncrementalEqualsClean).
type guideCache struct {
	mu      sync.Mutex
	entries map[string]cachedGuide
	// observe, when set (by tests, before the first build), is told after
	// every decodeFiles how many guides it took from the cache. Nil in
	// production.
	observe func(hits int)
}

type cachedGuide struct {
	size   int64
	mod    time.Time
	readAt time.Time   // when the file was read
	guide  *site.Guide // nil when the file could not be parsed
	diags  []site.Diagnostic
}

// racyWindow: a file modified this close to the moment it was read may be
// modified again with the same size and, the kernel's clock of file times
// being coarse, the same modification time; such an entry is not trusted
// and the file is read again (git calls these entries racy).
const racyWindow = 100 * time.Millisecond

// fresh tells whether the entry still describes a file of this size and
// modification time.
func (e cachedGuide) fresh(info fs.FileInfo) bool {
	return e.size == info.Size() && e.mod.Equal(info.ModTime()) && e.mod.Before(e.readAt.Add(-racyWindow))
}

func newGuideCache() *guideCache { return &guideCache{entries: map[string]cachedGuide{}} }

// decodeFiles reads and decodes the guide files (as load.ContentFiles
// lists them) in parallel and returns, slot by slot, each file's guide
// (nil when the file could not be parsed) and diagnostics. With a cache,
// unchanged files are taken from it, and the cache forgets the files not
// among files. Once ctx is done, the files not yet read are left nil.
func decodeFiles(ctx context.Context, fsys fs.FS, files []string, cache *guideCache) ([]*site.Guide, [][]site.Diagnostic) {
	guides := make([]*site.Guide, len(files))
	perFile := make([][]site.Diagnostic, len(files))
	fresh := make([]cachedGuide, len(files))
	var hits atomic.Int64
	// Decoding cannot fail (a bad file is a diagnostic); the only error is
	// ctx's, and the files it left out stay nil.
	_ = par.Each(ctx, len(files), 0, func(i int) error {
		var info fs.FileInfo
		if cache != nil {
			var err error
			if info, err = fs.Stat(fsys, files[i]); err == nil {
				cache.mu.Lock()
				e, ok := cache.entries[files[i]]
				cache.mu.Unlock()
				if ok && e.fresh(info) {
					guides[i], perFile[i], fresh[i] = e.guide, e.diags, e
					hits.Add(1)
					return nil
				}
			}
		}
		readAt := time.Now()
		guides[i], perFile[i] = decodeFile(fsys, files[i])
		if info != nil {
			fresh[i] = cachedGuide{size: info.Size(), mod: info.ModTime(), readAt: readAt, guide: guides[i], diags: perFile[i]}
		}
		return nil
	})
	if cache != nil {
		entries := make(map[string]cachedGuide, len(files))
		for i, f := range files {
			if !fresh[i].mod.IsZero() {
				entries[f] = fresh[i]
			}
		}
		cache.mu.Lock()
		cache.entries = entries
		cache.mu.Unlock()
		if cache.observe != nil {
			cache.observe(int(hits.Load()))
		}
	}
	return guides, perFile
}

// decodeFile reads, parses and decodes one guide file; the guide is nil
// when the file could not be read or parsed.
func decodeFile(fsys fs.FS, file string) (*site.Guide, []site.Diagnostic) {
	doc, ds := load.ReadDocument(fsys, file)
	if doc == nil {
		return nil, ds
	}
	g, d := validate.Decode(doc)
	return g, append(ds, d...)
}
