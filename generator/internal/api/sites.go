package api

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"zhinan/generator/internal/search"
)

// generation is one opened set of the sites' indexes. Searches hold its
// read lock; retiring it takes the write lock, so it closes only after
// the searches using it have finished.
type generation struct {
	ix     *search.Index
	ids    []os.FileInfo // each site's search/ folder when it was opened
	mu     sync.RWMutex
	closed bool
}

// searchDirs are the search/ folders of the site output folders.
func searchDirs(sites []string) []string {
	dirs := make([]string, len(sites))
	for i, s := range sites {
		dirs[i] = filepath.Join(s, "search")
	}
	return dirs
}

// identities stats each folder (following symbolic links): a build
// publishes by swapping a new folder in, which has a new identity.
func identities(dirs []string) ([]os.FileInfo, error) {
	ids := make([]os.FileInfo, len(dirs))
	for i, d := range dirs {
		fi, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("找不到站点的搜索索引 %s：请先用 generator build 生成站点（不要加 --no-search）", d)
		}
		ids[i] = fi
	}
	return ids, nil
}

// sameIdentities tells whether a and b are the same folders.
func sameIdentities(a, b []os.FileInfo) bool {
	for i := range a {
		if !os.SameFile(a[i], b[i]) {
			return false
		}
	}
	return true
}

// openGeneration opens the indexes under dirs. A folder swapped while it
// was being opened could mix two builds' files, so it opens again until
// the folders are the same before and after.
func openGeneration(dirs []string) (*generation, error) {
	for attempt := 0; ; attempt++ {
		before, err := identities(dirs)
		if err != nil {
			return nil, err
		}
		ix, err := search.OpenAll(dirs)
		if err != nil {
			return nil, err
		}
		after, err := identities(dirs)
		if err == nil && sameIdentities(before, after) {
			return &generation{ix: ix, ids: after}, nil
		}
		ix.Close()
		if attempt == 5 {
			return nil, fmt.Errorf("站点的搜索索引 %v 在打开时一直在被替换，请稍后重试", dirs)
		}
	}
}

// acquire read-locks g for one search; false when g is already retired.
func (g *generation) acquire() bool {
	g.mu.RLock()
	if g.closed {
		g.mu.RUnlock()
		return false
	}
	return true
}

func (g *generation) release() { g.mu.RUnlock() }

// retire waits for the searches using g, then closes its indexes.
func (g *generation) retire() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	return g.ix.Close()
}
