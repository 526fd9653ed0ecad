// Package sitetest builds site values for the tests of other packages. It
// is imported only by tests, so none of it is in the generator's binary.
package sitetest

import (
	"sort"

	"zhinan/generator/internal/site"
)

// Positions returns positions holding exactly m, whose entries may point
// into several files, built as the loader and inheritance build them: the
// positions of each file (site.NewPositions), the later files' added with
// Positions.Inherit. Files are numbered in the order of their first path.
func Positions(m map[string]site.Pos) site.Positions {
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var files []string
	lines := map[string]map[string]int{}
	for _, p := range paths {
		f := m[p].File
		if lines[f] == nil {
			files = append(files, f)
			lines[f] = map[string]int{}
		}
		lines[f][p] = m[p].Line
	}
	var out site.Positions
	for i, f := range files {
		p := site.NewPositions(f, lines[f])
		if i == 0 {
			out = p
			continue
		}
		out = out.Inherit(p, func(string) bool { return true })
	}
	return out
}
