package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"zhinan/generator/internal/site"
)

// ContentDir and StaticDir are the folders of a site's source that hold the
// guides and the files copied as they are.
const (
	ContentDir = "content"
	StaticDir  = "static"
)

// Content reads every guide under content/, at any depth: each *.md file
// whose name does not start with "_" (section files such as _index.md are
// reserved) or "." (editor lock and backup files). The documents come back
// sorted by File; files that cannot be read as guides yield diagnostics
// instead of documents. A site without a content folder yields no documents
// and a warning.
//
// Content reads the files one after the other and holds every document: it
// is for tests and small tools. The build lists the files with ContentFiles
// and decodes them in parallel itself, so that the raw documents of a large
// site are never all in memory together.
func Content(fsys fs.FS) ([]*site.Document, []site.Diagnostic) {
	files, diags := ContentFiles(fsys)
	docs := []*site.Document{}
	for _, f := range files {
		doc, ds := ReadDocument(fsys, f)
		diags = append(diags, ds...)
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	site.SortDiagnostics(diags)
	return docs, diags
}

// Static lists every regular file under static/ as a path relative to
// static/ with forward slashes, sorted. A site without a static folder has
// none. What cannot be published is a diagnostic naming the file: a link
// that leads out of static/, a named pipe, device or socket, a folder
// link (not followed; see entryProblem). Any other error reading the
// folder is returned.
func Static(fsys fs.FS) ([]string, []site.Diagnostic, error) {
	files := []string{}
	var diags []site.Diagnostic
	err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if diag, ok := entryProblem(fsys, p, d); !ok {
			diags = append(diags, diag)
			return nil
		}
		files = append(files, strings.TrimPrefix(p, StaticDir+"/"))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) && !exists(fsys, StaticDir) {
		return []string{}, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	return files, diags, nil
}

// RuleInput is the rule id of a file in the site that the generator will
// not read: a link out of its folder, a named pipe, device or socket, a
// folder link.
const RuleInput = "input"

// entryProblem tells whether a walked entry that is not a folder may be
// read as a file, and if not, the diagnostic that says why: it must be a
// regular file, or a link to one inside its folder (content/, static/).
// Links to folders are reported, not followed: following them would read
// files twice or, in a loop, forever.
func entryProblem(fsys fs.FS, p string, d fs.DirEntry) (site.Diagnostic, bool) {
	if d.Type().IsRegular() {
		return site.Diagnostic{}, true
	}
	bad := func(msg string) (site.Diagnostic, bool) {
		return site.Diagnostic{File: p, Rule: RuleInput, Message: msg}, false
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return bad(p + " " + ErrNotRegular.Error() + "，生成器不读取它：请删掉它，或换成普通文件")
	}
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, ErrOutsideSite):
		return bad(fmt.Sprintf("%s 是符号链接，指向 %s 以外的位置（或用了绝对路径）：生成器只读取 %s 里的文件，以免把网站以外的文件发布出去。请把文件复制到这里，或改成指向 %s 内的相对链接",
			p, Where(p), Where(p), Where(p)))
	case err != nil:
		return bad(p + " 是符号链接，但指向的文件不存在或无法读取：请修正或删掉这个链接（" + err.Error() + "）")
	case info.IsDir():
		return bad(p + " 是指向文件夹的符号链接，生成器不跟随文件夹链接（以免重复读取或无限循环）：请把文件夹移到这里，或删掉这个链接")
	case !info.Mode().IsRegular():
		return bad(p + " 指向的" + ErrNotRegular.Error() + "，生成器不读取它：请删掉这个链接")
	}
	return site.Diagnostic{}, true
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// ContentFiles lists the guide files under content/ (any depth, *.md,
// names starting with "_" or "." left out), sorted, with a diagnostic for
// each folder or file that cannot be listed or read (see entryProblem).
func ContentFiles(fsys fs.FS) ([]string, []site.Diagnostic) {
	var files []string
	var diags []site.Diagnostic
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir && errors.Is(err, fs.ErrNotExist) {
				return err
			}
			diags = append(diags, site.Diagnostic{File: p, Rule: RuleParse,
				Message: "无法读取：" + err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != ContentDir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			return nil
		}
		if path.Ext(name) != ".md" && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if diag, ok := entryProblem(fsys, p, d); !ok {
			diags = append(diags, diag)
			return nil
		}
		if path.Ext(name) == ".md" {
			files = append(files, p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, []site.Diagnostic{{File: ContentDir, Rule: "content", Severity: site.Warning,
			Message: "没有 content 文件夹，网站里没有任何办事指南：请把指南放在 content/ 下"}}
	}
	sort.Strings(files)
	return files, diags
}

// ReadDocument reads and parses one guide file; the document is nil when
// the file cannot be read or parsed at all.
func ReadDocument(fsys fs.FS, file string) (*site.Document, []site.Diagnostic) {
	data, err := readGuide(fsys, file)
	if err != nil {
		return nil, []site.Diagnostic{readProblem(file, err)}
	}
	return Parse(file, data)
}

// readProblem is the diagnostic for a guide file that cannot be read.
func readProblem(file string, err error) site.Diagnostic {
	d := site.Diagnostic{File: file, Rule: RuleInput}
	switch {
	case errors.Is(err, ErrTooLarge):
		d.Rule = RuleParse
		d.Message = fmt.Sprintf("文件超过 %d MB，不像一份办事指南：请检查是否误把其他文件存成了 .md，或把内容拆分", MaxGuideSize>>20)
	case errors.Is(err, ErrOutsideSite):
		d.Message = fmt.Sprintf("%s 是符号链接，指向 content/ 以外的位置（或用了绝对路径）：生成器只读取 content/ 里的文件。请把文件复制到这里", file)
	case errors.Is(err, ErrNotRegular):
		d.Message = file + " " + ErrNotRegular.Error() + "，生成器不读取它：请删掉它，或换成普通文件"
	default:
		d.Rule = RuleParse
		d.Message = "无法读取文件：" + err.Error()
	}
	return d
}
