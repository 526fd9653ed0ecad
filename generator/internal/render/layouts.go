package render

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"zhinan"
	"zhinan/generator/internal/site"
)

// baseTemplate is the page frame every page template is executed in. Page
// templates fill it by defining "main" (and, if they like, "head").
const baseTemplate = "base.html"

// layoutFile is one file of the merged layouts: the site's own when it has
// one of that name, else the default.
type layoutFile struct {
	name   string // path relative to the layouts folder: guide.html, partials/x.html
	origin string // where it came from, for messages: layouts/guide.html or 内置模板 guide.html
	data   []byte
}

// asset is a non-template file of the layouts (CSS, JavaScript, SVG),
// published minified under assets/.
type asset struct {
	name    string // site.css
	data    []byte // minified
	version string // first 8 hex digits of its SHA-1, for cache busting
}

// mergeLayouts reads the default layouts (the repository's layouts/
// folder, compiled into the binary by the root package zhinan) and overlays the site's: a site
// file replaces the default file of the same name, file by file; new names
// are added. The result is sorted by name.
func mergeLayouts(siteLayouts fs.FS) ([]layoutFile, error) {
	files := make(map[string]layoutFile)
	if err := readLayouts(zhinan.Layouts, "内置模板 ", files); err != nil {
		return nil, err
	}
	if siteLayouts != nil {
		if err := readLayouts(siteLayouts, "layouts/", files); err != nil {
			return nil, err
		}
	}
	out := make([]layoutFile, 0, len(files))
	for _, f := range files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func readLayouts(fsys fs.FS, prefix string, into map[string]layoutFile) error {
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a site without layouts/
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("读不出模板文件 %s%s：%w", prefix, p, err)
		}
		into[p] = layoutFile{name: p, origin: prefix + p, data: data}
		return nil
	})
	if err != nil {
		return fmt.Errorf("读取模板目录失败：%w", err)
	}
	return nil
}

// isPartial tells whether a layout file is shared by every page template
// (the frame and anything under partials/) rather than being a page
// template of its own.
func isPartial(name string) bool {
	return name == baseTemplate || strings.HasPrefix(name, "partials/")
}

// parseLayouts compiles the templates: every page template (a top-level
// .html file other than base.html) gets its own set holding the frame, the
// partials and itself, so that each page can define "main" its own way.
// Other files become assets, except Markdown files, which document the
// layouts and are not published. The sets are never executed, so they can be
// cloned for each site (see Renderer.prepare).
//
// When r.minified, every template's source is minified before it is parsed
// (see minifyTemplate), so pages come out of the templates minified and
// need no second pass.
func (r *Renderer) parseLayouts(files []layoutFile, funcs template.FuncMap) (map[string]*template.Template, []asset, error) {
	var shared, pages []layoutFile
	var assets []asset
	for _, f := range files {
		switch {
		case path.Ext(f.name) == ".md":
			// Documentation of the layouts (README.md), not published.
		case !strings.HasSuffix(f.name, ".html"):
			data, err := r.minifyAsset(f.name, f.data)
			if err != nil {
				return nil, nil, fmt.Errorf("%s：压缩失败：%w", f.origin, err)
			}
			sum := sha1.Sum(data)
			assets = append(assets, asset{name: f.name, data: data, version: hex.EncodeToString(sum[:4])})
		case isPartial(f.name):
			shared = append(shared, f)
		default:
			pages = append(pages, f)
		}
	}
	if !hasFile(shared, baseTemplate) {
		return nil, nil, fmt.Errorf("缺少页面框架模板 %s", baseTemplate)
	}

	// Compile and check the files as written first, so that errors give
	// the lines the author sees; then, when minifying, compile the
	// minified sources, falling back to the files as written should the
	// minified ones fail (they do not for the default layouts).
	sets, err := buildSets(shared, pages, funcs)
	if err != nil {
		return nil, nil, err
	}
	if r.minified {
		small := func(fs []layoutFile) []layoutFile {
			out := make([]layoutFile, len(fs))
			for i, f := range fs {
				out[i] = r.minifyTemplate(f)
			}
			return out
		}
		if minSets, err := buildSets(small(shared), small(pages), funcs); err == nil {
			sets = minSets
		}
	}
	return sets, assets, nil
}

// buildSets gives every page template a set holding the shared templates
// (frame and partials) and itself, and checks each set.
func buildSets(shared, pages []layoutFile, funcs template.FuncMap) (map[string]*template.Template, error) {
	common := template.New(baseTemplate).Funcs(funcs)
	for _, f := range shared {
		if err := parseOne(common, f); err != nil {
			return nil, err
		}
	}
	sets := make(map[string]*template.Template, len(pages))
	for _, f := range pages {
		set, err := common.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseOne(set, f); err != nil {
			return nil, err
		}
		if set.Lookup("main") == nil {
			return nil, fmt.Errorf("%s：没有定义 {{define \"main\"}}，页面正文无处可放", f.origin)
		}
		if err := checkEscaping(set, f, shared); err != nil {
			return nil, err
		}
		sets[f.name] = set
	}
	return sets, nil
}

// checkEscaping finds, at load time, the template errors html/template
// only reports when a template first runs: markup whose context it cannot
// tell (an action inside an unquoted attribute name, a branch that ends
// inside a tag, …). It runs a clone of the page, and each partial, on
// empty data and keeps only such errors; failures of the empty data itself
// (a nil field) mean nothing and are ignored. The set itself stays
// unexecuted, so it can still be cloned.
func checkEscaping(set *template.Template, page layoutFile, partials []layoutFile) error {
	try := func(name, origin string) (err error) {
		c, err := set.Clone()
		if err != nil {
			return err
		}
		defer func() {
			if recover() != nil {
				err = nil // a panic on empty data says nothing about the template
			}
		}()
		err = c.ExecuteTemplate(io.Discard, name, &PageData{Site: &site.Site{}})
		var terr *template.Error
		if errors.As(err, &terr) {
			return fmt.Errorf("模板 %s 有错误：%w", origin, err)
		}
		return nil
	}
	if err := try(baseTemplate, page.origin); err != nil {
		return err
	}
	for _, p := range partials {
		if p.name == baseTemplate {
			continue
		}
		if err := try(p.name, p.origin); err != nil {
			return err
		}
	}
	return nil
}

// parseOne parses one file into set under the file's own name, so that
// html/template's messages (template: guide.html:12: …) name the file and
// line; the error adds where the file came from.
func parseOne(set *template.Template, f layoutFile) error {
	var t *template.Template
	if f.name == set.Name() {
		t = set
	} else {
		t = set.New(f.name)
	}
	if _, err := t.Parse(string(f.data)); err != nil {
		return fmt.Errorf("模板 %s 有语法错误：%w", f.origin, err)
	}
	return nil
}

func hasFile(files []layoutFile, name string) bool {
	for _, f := range files {
		if f.name == name {
			return true
		}
	}
	return false
}
