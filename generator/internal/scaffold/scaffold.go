// Package scaffold writes the new guide of `generator new`: a file with
// every key of the guide format, each explained in Chinese with its allowed
// values, placed in the folder where the site keeps guides of the same
// department (or region).
//
// The guide it writes is a draft (draft = true) that validates: required
// keys hold valid values, and text the editor must supply holds the
// placeholder "待填写：…", which `generator check` reports key by key
// (rule C-placeholder). Optional keys whose value the generator cannot
// guess (type, online_url, time limits, fee, template, …) are written
// commented out ("# key = example  # 说明"); removing the "# " enables them.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// BundleOnlyKeys are the top-level keys only a bundle (一件事, kind =
// "一件事") writes: site.Guide and the JSON Schema have them, but a guide
// must not, so the scaffold of a guide leaves them out and the drift tests
// that compare the scaffold with the schema and the Go types skip them.
var BundleOnlyKeys = []string{"kind", "items", "lead", "stage"}

// Options say which guide to write and where the site is.
type Options struct {
	// Source is the site folder (config.toml, content/).
	Source string
	// Code is the new item's code (事项编码); required.
	Code string
	// Title, Department and Region fill those keys; empty ones get a
	// placeholder (Region defaults to the declared region of Department).
	Title, Department, Region string
	// Existing, when set, reports codes that exist already (for example all
	// codes the loader found, drafts included). Write also scans content/
	// itself, so it may be nil.
	Existing func(code string) bool
	// Today is the date written as `updated`; default: today.
	Today time.Time
}

// Write creates the guide file and returns its path (relative to
// opts.Source, with forward slashes, e.g. "content/sfj/330000-SF-XK-0009.md").
// It refuses, with a Chinese message, a code that is malformed or already
// used, a department or region that config.toml does not declare (when it
// declares some), and a file that already exists.
func Write(opts Options) (string, error) {
	code := strings.TrimSpace(opts.Code)
	if code == "" {
		return "", errors.New("请给出新事项的编码，例如 generator new 330000-SF-XK-0009")
	}
	// The rule of validate (slug.Check, slug.MaxLen), and no leading "."
	// since the file is named after the code and content/.x.md is not read.
	if slug.Check(code) != slug.OK || strings.HasPrefix(code, ".") {
		return "", fmt.Errorf("事项编码 %q 不合格式：只能包含英文字母、数字、-、_ 和 .，且不能以 . 开头", code)
	}
	if len(code) > slug.MaxLen {
		return "", fmt.Errorf("事项编码最长 %d 个字符，现在有 %d 个：请用正式的事项编码，例如 330000-SF-XK-0009", slug.MaxLen, len(code))
	}
	opts.Code = code
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	cfg, err := readConfig(opts.Source)
	if err != nil {
		return "", err
	}
	if err := checkDeclared(&opts, cfg); err != nil {
		return "", err
	}
	existing, err := scanGuides(opts.Source)
	if err != nil {
		return "", err
	}
	for _, g := range existing {
		if g.Code == code {
			return "", fmt.Errorf("事项编码 %s 已经存在（%s）：编码在全站必须唯一，请换一个编码，或直接修改那个文件", code, g.File)
		}
	}
	if opts.Existing != nil && opts.Existing(code) {
		return "", fmt.Errorf("事项编码 %s 已经存在：编码在全站必须唯一，请换一个编码", code)
	}

	rel := path.Join(Folder(existing, opts.Department, opts.Region, code), code+".md")
	full := filepath.Join(opts.Source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", fmt.Errorf("无法创建文件夹 %s：%w", path.Dir(rel), err)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("文件 %s 已经存在，没有覆盖它", rel)
		}
		return "", fmt.Errorf("无法创建 %s：%w", rel, err)
	}
	_, werr := f.Write(Render(opts, cfg))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(full)
		return "", fmt.Errorf("写入 %s 失败：%w", rel, werr)
	}
	return rel, nil
}

// readConfig reads the parts of config.toml the scaffold uses. A missing
// config.toml is an empty one; a broken one is an error, since the build
// would fail on it anyway.
func readConfig(source string) (site.Config, error) {
	var cfg site.Config
	data, err := os.ReadFile(filepath.Join(source, "config.toml"))
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if l := load.NestingLine(data); l > 0 {
		return cfg, fmt.Errorf("config.toml 无法解析，请先改正它：第 %d 行嵌套超过 %d 层", l, load.MaxNesting)
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return cfg, fmt.Errorf("config.toml 无法解析，请先改正它：%v", err)
	}
	return cfg, nil
}

// checkDeclared refuses a department or region that config.toml does not
// declare (when it declares any), listing the declared ones, and fills the
// region from the department's when it is not given.
func checkDeclared(opts *Options, cfg site.Config) error {
	if opts.Department != "" && len(cfg.Departments) > 0 {
		d, ok := cfg.DepartmentByName(opts.Department)
		if !ok {
			var names []string
			for _, d := range cfg.Departments {
				names = append(names, d.Name)
			}
			return fmt.Errorf("实施机关“%s”没有在 config.toml 中声明；已声明的有：%s", opts.Department, strings.Join(names, "、"))
		}
		if opts.Region == "" {
			opts.Region = d.Region
		}
	}
	if opts.Region != "" && len(cfg.Regions) > 0 {
		if _, ok := cfg.RegionByName(opts.Region); !ok {
			var names []string
			for _, r := range cfg.Regions {
				names = append(names, r.Name)
			}
			return fmt.Errorf("行政区划“%s”没有在 config.toml 中声明；已声明的有：%s", opts.Region, strings.Join(names, "、"))
		}
	}
	return nil
}

// Existing is what the scaffold knows of a guide already in content/.
type Existing struct {
	File       string // relative to the site folder, forward slashes
	Code       string
	Department string
	Region     string
}

// codeLine finds the code of a guide whose front matter does not parse.
var codeLine = regexp.MustCompile(`(?m)^\s*code\s*=\s*["']([^"'\r\n]*)["']`)

// scanGuides reads the code, department and region of every guide under
// content/, sorted by file. Broken files still yield their code when a
// `code = "…"` line can be found, so a code is never reused by accident.
func scanGuides(source string) ([]Existing, error) {
	root := filepath.Join(source, "content")
	var out []Existing
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(source, p)
		g := Existing{File: filepath.ToSlash(rel)}
		// load.Parse, as the build reads guides: it refuses what would make
		// a TOML parser stall (deep nesting, huge files) before decoding.
		if doc, _ := load.Parse(g.File, data); doc != nil {
			g.Code, _ = doc.Front["code"].(string)
			g.Department, _ = doc.Front["department"].(string)
			g.Region, _ = doc.Front["region"].(string)
		} else if m := codeLine.FindSubmatch(data); m != nil {
			g.Code = string(m[1])
		}
		out = append(out, g)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("读取 content/ 失败：%w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

// Folder chooses where a new guide goes: the folder holding most guides of
// the same department; failing that, of the same region (ties go to the
// folder that sorts first); failing that, content/<slug>, the slug being
// the pinyin of the department, else of the region, else the code.
func Folder(existing []Existing, department, region, code string) string {
	if department != "" {
		if dir := busiest(existing, func(g Existing) bool { return g.Department == department }); dir != "" {
			return dir
		}
	}
	if region != "" {
		if dir := busiest(existing, func(g Existing) bool { return g.Region == region }); dir != "" {
			return dir
		}
	}
	for _, name := range []string{department, region} {
		if s := slug.ASCII(name); s != "" {
			return "content/" + s
		}
	}
	return "content/" + strings.ToLower(code)
}

func busiest(existing []Existing, match func(Existing) bool) string {
	count := map[string]int{}
	for _, g := range existing {
		if match(g) {
			count[path.Dir(g.File)]++
		}
	}
	best, bestN := "", 0
	for dir, n := range count {
		if n > bestN || (n == bestN && dir < best) {
			best, bestN = dir, n
		}
	}
	return best
}
