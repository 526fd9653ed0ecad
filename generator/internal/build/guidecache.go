package build

import (
	"context"
	"errors"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"zhinan/generator/internal/guidecodec"
	"zhinan/generator/internal/load"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/validate"
)

// guideCache keeps the guides that earlier builds decoded, by file, so
// that a build reads and decodes only the files whose stat changed
// (fileStat). The live preview keeps them in memory
// (newGuideCache); `build` keeps them in a file beside the output
// (GuideCacheFile, newDiskGuideCache). Everything after decoding
// (inheritance, the rules, resolve) still runs on the whole site at every
// build, so a change to a base guide, config.toml or a layout reaches
// every page that depends on it, and the result is the clean build's
// (TestIncrementalEqualsClean).
type guideCache struct {
	mu      sync.Mutex
	entries map[string]cachedGuide // nil when the cache is only on disk
	disk    *diskCache             // nil for the preview's
	// dest and clean are the build's (newDiskGuideCache), for the check
	// cache beside the guide cache (ruleCache); checks is that cache once
	// opened.
	dest   string
	clean  bool
	checks *checkCache
	// parsed and taken count, for the last decodeFiles, the files read
	// and parsed and the guides taken from the cache.
	parsed, taken int
	// sums are, after decodeFiles, the sums of the guides it decoded that
	// the disk cache holds (knownSums; the checks add those inheritance
	// makes, and Run lets go of them); nil for the preview's cache.
	sums knownSums
	// observe, when set (by tests, before the first build), is told after
	// every decodeFiles how many guides it took from the cache. Nil in
	// production.
	observe func(hits int)
}

type cachedGuide struct {
	stat  fileStat    // the file's when it was read; zero for no entry
	guide *site.Guide // nil when the file could not be parsed
	diags []site.Diagnostic
}

// racyWindow: a file modified this close to the moment it was read may be
// modified again with the same size and, the kernel's clock of file times
// being coarse, the same modification time; such an entry is not trusted
// and the file is read again (git calls these entries racy).
const racyWindow = 100 * time.Millisecond

// fileStat is what a cache compares to tell that a file is unchanged:
// size, modification time and, where the system gives them (Linux), the
// inode and the change time, which no tool can set back (git's index
// compares the same); and when the file was read.
type fileStat struct {
	size, mod, ctime, readAt int64 // times in Unix nanoseconds
	ino                      uint64
}

// statOf returns the file's stat as a cache records it, read at readAt;
// false where the system gives no inode and change time.
func statOf(info fs.FileInfo, readAt time.Time) (fileStat, bool) {
	ino, ctime, ok := fileIdentity(info)
	return fileStat{size: info.Size(), mod: info.ModTime().UnixNano(), ctime: ctime,
		readAt: readAt.UnixNano(), ino: ino}, ok
}

// unchanged tells whether a file that stats as info is still the one st
// was recorded from: the same stat, and not modified within racyWindow of
// being read.
func (st fileStat) unchanged(info fs.FileInfo) bool {
	now, _ := statOf(info, time.Unix(0, st.readAt))
	racy := st.readAt - int64(racyWindow)
	return st.readAt != 0 && now == st && st.mod < racy && st.ctime < racy
}

func newGuideCache() *guideCache { return &guideCache{entries: map[string]cachedGuide{}} }

// newDiskGuideCache opens the guide cache file of the output folder dest
// for a build of source (reading nothing from it when clean); nil where
// no cache file can be kept. Once the build has published, commit puts
// the next cache in place; abort (deferred) drops it otherwise.
func newDiskGuideCache(dest, source string, clean bool) *guideCache {
	d := openDiskCache(dest, source, clean)
	if d == nil {
		return nil
	}
	return &guideCache{disk: d, dest: dest, clean: clean}
}

// ruleCache opens the check cache (CheckCacheFile) beside the guide
// cache file, for guides checked in the environment env; nil for the
// preview's cache in memory, or nil. commit writes it.
func (c *guideCache) ruleCache(env func() checkKey) *checkCache {
	if c == nil || c.disk == nil {
		return nil
	}
	c.checks = openCheckCache(c.dest, env(), c.clean)
	return c.checks
}

// commit and abort end a cache file (diskCache.commit, abort); they do
// nothing for a cache in memory, or nil.
func (c *guideCache) commit() error {
	if c == nil {
		return nil
	}
	return errors.Join(c.disk.commit(), c.checks.commit())
}

func (c *guideCache) abort() error {
	if c == nil {
		return nil
	}
	return c.disk.abort()
}

// decodeFiles reads and decodes the guide files (as load.ContentFiles
// lists them) in parallel and returns, slot by slot, each file's guide
// (nil when the file could not be parsed) and diagnostics. With a cache,
// unchanged files are taken from it, and the cache forgets the files not
// among files. Once ctx is done, the files not yet read are left nil.
func decodeFiles(ctx context.Context, fsys fs.FS, files []string, cache *guideCache) ([]*site.Guide, [][]site.Diagnostic) {
	guides := make([]*site.Guide, len(files))
	perFile := make([][]site.Diagnostic, len(files))
	fresh := make([]cachedGuide, len(files))
	sums := make([]*guidecodec.Sums, len(files))
	var hits atomic.Int64
	// Decoding cannot fail (a bad file is a diagnostic); the only error is
	// ctx's, and the files it left out stay nil.
	_ = par.Each(ctx, len(files), 0, func(i int) error {
		var hit bool
		guides[i], perFile[i], fresh[i], sums[i], hit = cache.decode(fsys, files[i])
		if hit {
			hits.Add(1)
		}
		return nil
	})
	if cache == nil {
		return guides, perFile
	}
	cache.parsed, cache.taken = len(files)-int(hits.Load()), int(hits.Load())
	if cache.disk != nil {
		cache.disk.seal()
		cache.sums = make(knownSums, len(files))
		for i, s := range sums {
			if s != nil {
				cache.sums[guides[i]] = *s
			}
		}
	}
	if cache.entries != nil {
		entries := make(map[string]cachedGuide, len(files))
		for i, f := range files {
			if fresh[i].stat.readAt != 0 {
				entries[f] = fresh[i]
			}
		}
		cache.mu.Lock()
		cache.entries = entries
		cache.mu.Unlock()
	}
	if cache.observe != nil {
		cache.observe(int(hits.Load()))
	}
	return guides, perFile
}

// knownSums are the guides' sums the cache holds (guideCache.sums); nil
// for nil or the preview's cache.
func (c *guideCache) knownSums() knownSums {
	if c == nil {
		return nil
	}
	return c.sums
}

// decode returns the guide of file from the cache when the file is
// unchanged, else reads and decodes it and records it; hit tells which.
// sums are the guide's when the disk cache holds them, else nil.
func (c *guideCache) decode(fsys fs.FS, file string) (g *site.Guide, diags []site.Diagnostic, e cachedGuide, sums *guidecodec.Sums, hit bool) {
	if c == nil {
		g, diags = decodeFile(fsys, file)
		return g, diags, e, nil, false
	}
	info, err := load.StatFile(fsys, file)
	if err != nil {
		g, diags = decodeFile(fsys, file)
		return g, diags, e, nil, false
	}
	if c.entries != nil {
		c.mu.Lock()
		e, ok := c.entries[file]
		c.mu.Unlock()
		if ok && e.stat.unchanged(info) {
			return e.guide, e.diags, e, nil, true
		}
	}
	if c.disk != nil {
		if g, diags, sums, ok := c.disk.take(file, info); ok {
			return g, diags, e, sums, true
		}
	}
	st, identified := statOf(info, time.Now())
	g, diags = decodeFile(fsys, file)
	if c.disk != nil && identified {
		sums = c.disk.put(file, st, g, diags)
	}
	return g, diags, cachedGuide{stat: st, guide: g, diags: diags}, sums, false
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
