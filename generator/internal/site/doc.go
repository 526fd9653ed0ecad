// Package site holds the types every build stage shares: the site
// configuration, the raw and the typed guide, diagnostics, the resolved
// site and the output files.
//
// It does no I/O and imports no other stage, so that every stage can import
// it and the import graph of the generator stays a tree.
package site
