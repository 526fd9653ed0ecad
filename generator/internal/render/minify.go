package render

import (
	"bytes"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// newMinifier sets up one minifier for HTML pages and everything they may
// embed (style, script, JSON-LD, inline SVG). It is built once per Renderer
// and shared by all workers: minify.M is safe for concurrent use once set
// up.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true, // keep <html lang>, <head>, <body> explicit
		KeepQuotes:       false,
	})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	return m
}

// assetTypes maps the extensions of layout assets to the media types the
// minifier knows; other files are published as they are.
var assetTypes = map[string]string{
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// minifyAsset minifies a layout asset by its extension.
func (r *Renderer) minifyAsset(name string, data []byte) ([]byte, error) {
	mt, ok := assetTypes[path.Ext(name)]
	if !ok {
		return bytes.Clone(data), nil
	}
	var out bytes.Buffer
	if err := r.min.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
