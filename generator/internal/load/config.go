package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"zhinan/generator/internal/hint"
	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
	"zhinan/generator/internal/slug"
)

// ConfigFile is the name of the site configuration in the source folder.
const ConfigFile = "config.toml"

// Config reads config.toml on top of site.DefaultConfig(). A folder
// without one is not a site (a mistyped --source, say): that is an error,
// so that nothing is published from it. It reports, at their line of config.toml: TOML
// syntax errors and values of the wrong type (errors; the defaults are
// returned then), unknown keys (warnings, so that a typo does not go
// unnoticed), a base_url that is not an http/https URL, a region whose
// parent is not declared, a department whose region is not declared (when
// regions are declared), names declared twice, targets outside 0–1, and a
// slug (or a region code, which is the slug when there is none) that
// cannot be one segment of a URL (slug.Check, slug.MaxLen).
func Config(fsys fs.FS) (site.Config, []site.Diagnostic) {
	cfg := site.DefaultConfig()
	data, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, []site.Diagnostic{configError(0, "这里没有 config.toml，不是一个站点目录："+
			"请检查 --source 是否写对；新建站点可以复制示例站点（本仓库的 config.toml、content/），"+
			"再用 generator new 新建指南")}
	}
	if err != nil {
		return cfg, []site.Diagnostic{configError(0, "无法读取 config.toml："+err.Error())}
	}
	if !utf8.Valid(data) {
		return cfg, []site.Diagnostic{configError(firstInvalidLine(data),
			"config.toml 不是 UTF-8 编码（可能存成了 GBK）：请用 UTF-8 编码重新保存")}
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	data = normalizeNewlines(data)

	raw, lines, d := decodeTOML(ConfigFile, data, 1, "config.toml ")
	if d != nil {
		return cfg, []site.Diagnostic{rules.Config.At(d.File, d.Line, d.Message)}
	}
	c := configChecker{lines: lines}
	c.checkTypes("", raw, reflect.TypeOf(cfg))
	if c.typeErrors > 0 {
		site.SortDiagnostics(c.diags)
		return cfg, c.diags
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		// checkTypes should have caught every mismatch; say so plainly if not.
		c.diags = append(c.diags, configError(1, "config.toml 无法读取："+err.Error()))
		site.SortDiagnostics(c.diags)
		return site.DefaultConfig(), c.diags
	}
	c.checkValues(&cfg)
	site.SortDiagnostics(c.diags)
	return cfg, c.diags
}

func configError(line int, msg string) site.Diagnostic {
	return rules.Config.At(ConfigFile, line, msg)
}

type configChecker struct {
	lines      map[string]int
	diags      []site.Diagnostic
	typeErrors int
}

// line returns the line of a key path, or of its nearest enclosing table.
func (c *configChecker) line(path string) int {
	doc := site.Document{Lines: c.lines}
	return doc.Line(path)
}

func (c *configChecker) errorf(path, format string, args ...any) {
	c.diags = append(c.diags, configError(c.line(path), fmt.Sprintf(format, args...)))
}

// checkTypes compares decoded TOML values with the Go type they will be
// decoded into (site.Config and what it holds), reporting unknown keys as
// warnings and values of the wrong type as errors.
func (c *configChecker) checkTypes(path string, v any, t reflect.Type) {
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			c.typeError(path, v, "表（[表名] 或 { … }）")
			return
		}
		c.checkTable(path, m, t)
	case reflect.Slice:
		elems, ok := arrayElems(v)
		if !ok {
			c.typeError(path, v, "数组")
			return
		}
		for i, e := range elems {
			c.checkTypes(path+"."+strconv.Itoa(i), e, t.Elem())
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			c.typeError(path, v, "表（[表名] 或 { … }）")
			return
		}
		for k, e := range m {
			c.checkTypes(path+"."+k, e, t.Elem())
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			c.typeError(path, v, "字符串（用英文双引号括起来）")
		}
	case reflect.Int:
		if _, ok := v.(int64); !ok {
			c.typeError(path, v, "整数")
		}
	case reflect.Float64:
		switch v.(type) {
		case int64, float64:
		default:
			c.typeError(path, v, "数字（例如 0.95）")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			c.typeError(path, v, "true 或 false")
		}
	}
}

// checkTable checks the keys of the TOML table m against the fields of
// struct type t, by their toml tags: unknown keys are warned about with the
// nearest known one, known ones are checked recursively, in key order.
func (c *configChecker) checkTable(path string, m map[string]any, t reflect.Type) {
	fields := map[string]reflect.Type{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if tag := f.Tag.Get("toml"); tag != "" && tag != "-" {
			fields[tag] = f.Type
			names = append(names, tag)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		p := join(path, k)
		ft, ok := fields[k]
		if !ok {
			suggestion := ""
			if near := hint.Nearest(k, names); near != "" {
				suggestion = fmt.Sprintf("你是不是想写 `%s`？", near)
			}
			c.diags = append(c.diags, rules.Config.WarnAt(ConfigFile, c.line(p),
				fmt.Sprintf("不认识的设置 `%s`，它不会起作用：%s请改正或删除它", p, suggestion)))
			continue
		}
		c.checkTypes(p, m[k], ft)
	}
}

// arrayElems returns the elements of a decoded TOML array (an array of
// tables decodes as []map[string]any), or false if v is not one.
func arrayElems(v any) ([]any, bool) {
	switch s := v.(type) {
	case []any:
		return s, true
	case []map[string]any:
		var elems []any
		for _, e := range s {
			elems = append(elems, e)
		}
		return elems, true
	}
	return nil, false
}

func (c *configChecker) typeError(path string, v any, want string) {
	c.typeErrors++
	c.errorf(path, "`%s` 应当是%s，现在是%s：请改正它的写法", path, want, hint.Describe(v))
}

// checkValues checks the meaning of a decoded configuration.
func (c *configChecker) checkValues(cfg *site.Config) {
	c.checkSettings(cfg)
	regions := c.checkRegions(cfg.Regions)
	c.checkDepartments(cfg, regions)
	c.checkPinyinOverrides(cfg.PinyinOverrides)
}

// checkPinyinOverrides checks every reading of pinyin_overrides: Han
// phrase, one syllable of ASCII letters per character (slug.CheckReading).
func (c *configChecker) checkPinyinOverrides(over map[string]string) {
	for _, k := range slices.Sorted(maps.Keys(over)) {
		if _, err := slug.CheckReading(k, over[k]); err != nil {
			c.errorf("pinyin_overrides."+k, "pinyin_overrides 的 %q：%v", k, err)
		}
	}
}

// checkSettings checks the single settings: base_url, the targets'
// shares and the counts that cannot be negative.
func (c *configChecker) checkSettings(cfg *site.Config) {
	if cfg.BaseURL == "" {
		c.diags = append(c.diags, rules.Config.WarnAt(ConfigFile, 1,
			"没有写 base_url（网站的完整网址）：sitemap.xml 和 feed.xml 不会生成，页面也没有规范网址；请加上 base_url = \"https://example.gov.cn/\""))
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			c.errorf("base_url", "base_url 必须是以 http:// 或 https:// 开头的完整网址（例如 https://example.gov.cn/），现在是 %q", cfg.BaseURL)
		}
	}
	targets := []struct {
		key string
		v   float64
	}{
		{"targets.one_visit_share", cfg.Targets.OneVisitShare},
		{"targets.five_star_share", cfg.Targets.FiveStarShare},
		{"targets.three_four_star_share", cfg.Targets.ThreeFourStarShare},
	}
	for _, t := range targets {
		if t.v < 0 || t.v > 1 {
			c.errorf(t.key, "`%s` 是比例，必须在 0 到 1 之间（例如 0.95 表示 95%%），现在是 %v", t.key, t.v)
		}
	}
	if cfg.StaleAfterDays < 0 {
		c.errorf("stale_after_days", "stale_after_days 不能是负数，现在是 %d", cfg.StaleAfterDays)
	}
	if cfg.RecentCount < 0 {
		c.errorf("recent_count", "recent_count 不能是负数，现在是 %d", cfg.RecentCount)
	}
}

// checkRegions checks the [[regions]]: a name declared once, a usable URL
// segment, a declared parent. It returns the set of declared names.
func (c *configChecker) checkRegions(list []site.Region) map[string]bool {
	regions := map[string]bool{}
	for i, r := range list {
		p := c.declareName(regions, "regions", i, r.Name, "行政区划", "行政区划的名称")
		switch {
		case r.Slug != "":
			c.checkSegment(p+".slug", fmt.Sprintf("行政区划 %q 的 slug", r.Name), "/region/", r.Slug,
				"请改成例如 slug = \"zhou-shan-shi\"，或者删掉 slug，用 code 或名称的拼音")
		case r.Code != "":
			// Without a slug, the code is the URL segment.
			c.checkSegment(p+".code", fmt.Sprintf("行政区划 %q 的 code", r.Name), "/region/", r.Code,
				"没有写 slug 时 code 就是网址的一段；请写上行政区划代码，例如 code = \"330902\"，或者另写 slug = \"…\"")
		}
	}
	for i, r := range list {
		if r.Parent != "" && !regions[r.Parent] {
			c.errorf("regions."+strconv.Itoa(i)+".parent",
				"行政区划 %q 的上级 parent = %q 没有声明：请先用 [[regions]] 声明 %q，或改正 parent", r.Name, r.Parent, r.Parent)
		}
	}
	return regions
}

// checkDepartments checks the [[departments]]: a name declared once, a
// usable slug, and a declared region when regions are declared.
func (c *configChecker) checkDepartments(cfg *site.Config, regions map[string]bool) {
	departments := map[string]bool{}
	for i, d := range cfg.Departments {
		p := c.declareName(departments, "departments", i, d.Name, "部门", "部门名称")
		if d.Slug != "" {
			c.checkSegment(p+".slug", fmt.Sprintf("部门 %q 的 slug", d.Name), "/department/", d.Slug,
				"请改成例如 slug = \"sheng-si-fa-ting\"，或者删掉 slug，用名称的拼音")
		}
		if d.CreditCode != "" {
			if problem := rules.CreditCodeProblem(d.CreditCode); problem != "" {
				c.diags = append(c.diags, rules.R20.Atf(ConfigFile, c.line(p+".credit_code"),
					"部门 %q 的 credit_code %q 不是有效的统一社会信用代码：%s", d.Name, d.CreditCode, problem))
			}
		}
		if len(cfg.Regions) > 0 && d.Region != "" && !regions[d.Region] {
			c.errorf(p+".region", "部门 %q 所属的行政区划 region = %q 没有声明：请在 [[regions]] 里声明它，或改正 region", d.Name, d.Region)
		}
	}
}

// declareName checks the name of entry i of the [[table]] array, which
// checkRegions and checkDepartments read: it must be there, and not be
// declared already in declared, where it is then recorded. what is what
// such an entry declares ("部门") and missing what to write as its name
// ("部门名称"), for the messages. It returns the entry's key path
// ("departments.3"), for the checks of its other keys.
func (c *configChecker) declareName(declared map[string]bool, table string, i int, name, what, missing string) string {
	p := table + "." + strconv.Itoa(i)
	switch {
	case strings.TrimSpace(name) == "":
		c.errorf(p, "第 %d 个 [[%s]] 没有 name：请写上%s", i+1, table, missing)
	case declared[name]:
		c.errorf(p+".name", "%s %q 声明了两次：请删掉重复的 [[%s]]", what, name, table)
	}
	declared[name] = true
	return p
}

// checkSegment reports a slug (or a region code used as one) that cannot
// be the segment of the page's URL prefix+value+"/": the rule of
// slug.Check, and at most slug.MaxLen characters. what names the value
// ("部门 \"省司法厅\" 的 slug"); fix says what to do.
func (c *configChecker) checkSegment(path, what, prefix, value, fix string) {
	switch slug.Check(value) {
	case slug.BadChar:
		c.errorf(path, "%s %q 不能用作网址 %s…/ 的一段：只能包含英文字母、数字、-、_ 和 .，不能有 /、\\、空格或中文；%s",
			what, value, prefix, fix)
	case slug.Dots:
		c.errorf(path, "%s 不能是 . 或 ..：它是网址 %s…/ 的一段，. 和 .. 在网址和文件夹里表示当前和上一级；%s",
			what, prefix, fix)
	case slug.OK:
		if len(value) > slug.MaxLen {
			c.errorf(path, "%s 最长 %d 个字符，现在有 %d 个：它是网址 %s…/ 的一段，太长的网址印不进二维码；%s",
				what, slug.MaxLen, len(value), prefix, fix)
		}
	}
}
