package write

import (
	"context"
	"os"
	"path/filepath"

	"zhinan/generator/internal/par"
)

// removeTree deletes a folder like os.RemoveAll, but spreads the work over
// several goroutines: the old output of a large site holds one folder per
// guide, and unlinking tens of thousands of entries one by one is what
// made replacing an existing output slow.
func removeTree(dir string) error {
	var jobs, folders []string
	top, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		if e.Name() == Marker {
			continue // last, so that a folder half removed is still known as ours
		}
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			jobs = append(jobs, p)
			continue
		}
		folders = append(folders, p)
		// One level further down: guide/<code>/, department/<slug>/ …
		sub, err := os.ReadDir(p)
		if err != nil {
			jobs = append(jobs, p)
			continue
		}
		for _, s := range sub {
			jobs = append(jobs, filepath.Join(p, s.Name()))
		}
	}
	if err := par.Each(context.Background(), len(jobs), fileWorkers(), func(i int) error { return os.RemoveAll(jobs[i]) }); err != nil {
		return err
	}
	// The emptied folders too before the marker: a build killed after the
	// marker went leaves an empty folder, which the next build removes.
	for _, f := range folders {
		if err := os.RemoveAll(f); err != nil {
			return err
		}
	}
	if err := os.Remove(filepath.Join(dir, Marker)); err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.RemoveAll(dir)
}
