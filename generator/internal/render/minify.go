package render

import (
	"bytes"
	"html/template"
	"path"
	"regexp"
	"strings"

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

// newTemplateMinifier sets up the minifier for template sources: HTML only,
// with {{ }} kept intact. Inline <script> and <style> are left as written,
// since template actions inside them are not CSS or JavaScript yet.
func newTemplateMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		TemplateDelims:   [2]string{"{{", "}}"},
	})
	return m
}

// minifyTemplate minifies one template's source. Should the minified
// source not parse (it always does for the default layouts; a site's
// unusual template might not), the file is used as written: a page a
// little larger beats a broken page.
//
// Template comments are removed first: they print nothing, and markup
// inside them ("fills <head>") would confuse the minifier.
func (r *Renderer) minifyTemplate(f layoutFile) layoutFile {
	var out bytes.Buffer
	src := templateComment.ReplaceAll(f.data, nil)
	if err := r.tmin.Minify("text/html", &out, bytes.NewReader(src)); err != nil {
		return f
	}
	if _, err := template.New(f.name).Funcs(funcMap("", nil)).Parse(out.String()); err != nil {
		return f
	}
	f.data = out.Bytes()
	return f
}

// templateComment matches {{/* … */}} and {{- /* … */ -}}.
var templateComment = regexp.MustCompile(`(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}`)

// minifyFragment minifies an HTML fragment (a rendered Markdown section).
func (r *Renderer) minifyFragment(h template.HTML, buf *bytes.Buffer) (template.HTML, error) {
	if h == "" {
		return h, nil
	}
	buf.Reset()
	if err := r.min.Minify("text/html", buf, strings.NewReader(string(h))); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
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
