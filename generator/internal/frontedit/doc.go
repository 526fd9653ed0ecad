// Package frontedit changes the TOML front matter of a guide file by the
// smallest edit: values that changed are rewritten in place, keys that went
// away are deleted with their line, new keys go at the end of their table,
// new tables and new elements of arrays of tables at the end of their
// group, and every other byte (comments, key order, blank lines, CRLF line
// endings, a byte-order mark, the body when unchanged) stays as it was.
//
// Callers say what the file should hold (a Doc: decoded front matter in
// the shapes site.Document.Front uses, and the body) and Rewrite works out
// the edit; Render writes a new file. `generator import` saves through it,
// and the form editor of `serve` is meant to save through it too.
//
// Rewrite checks its own work: the edited file is parsed again with the
// project's loader and must decode to exactly the wanted values, otherwise
// it returns ErrUnsupported and the file is left to a human (front matter
// written with inline tables or dotted keys that a change would have to
// reach into).
package frontedit
