// Package zhinan holds the files the generator compiles into its binary
// from the repository root, where editors and tools read them: the default
// layouts (layouts/) and the JSON Schema of a guide's front matter
// (schema/). They are embedded once, here, because go:embed cannot reach a
// parent folder; generator/internal/render and generator/internal/schema
// take them from this package. Editing a file under layouts/ or schema/ and
// rebuilding is enough: there is no copy to refresh.
package zhinan

import (
	"embed"
	"io/fs"
)

//go:embed layouts schema
var files embed.FS

// Layouts is the layouts/ folder: the default templates, stylesheet,
// script and icon (and layouts/README.md, which render does not publish).
var Layouts = sub("layouts")

// Schema is the schema/ folder; guide.schema.json is the JSON Schema of a
// guide's front matter.
var Schema = sub("schema")

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // dir is a literal embedded above
	}
	return f
}
