package sheets

import "io/fs"

// The helpers below are the parts of import that the form editor of
// `serve` (package editor) uses as well, so that a form and a spreadsheet
// cell are read, judged and saved the same way.

// NewOverlay returns base with the given files (paths relative to the
// site folder, slash-separated) replaced or added: the site as it would
// be after a save, for build.CheckFS to judge before anything is written.
func NewOverlay(base fs.FS, files map[string][]byte) fs.FS { return newOverlay(base, files) }

// ParseCell reads the text of a cell (or form field) of kind k as a TOML
// value, as import does: text that is not of the kind's type stays a
// string, so that the validator reports it with the build's rule.
func ParseCell(text string, k Kind) any { return parseCell(text, k) }

// WriteFiles writes files (paths relative to source, under content/),
// each atomically through a temporary file renamed over it, and refuses
// any path outside content/. Import and the form editor save through it.
func WriteFiles(source string, changes map[string][]byte, order []string) error {
	return writeFiles(source, changes, order)
}

// Clone copies decoded front matter deeply enough to edit it: tables and
// arrays of tables are copied, values are shared.
func Clone(v any) any { return clone(v) }
