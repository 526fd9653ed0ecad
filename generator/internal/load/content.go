package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"zhinan/generator/internal/rules"
	"zhinan/generator/internal/site"
)

// ContentDir and StaticDir are the folders of a site's source that hold the
// guides and the files copied as they are.
const (
	ContentDir = "content"
	StaticDir  = "static"
)

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
		return rules.Input.At(p, 0, msg), false
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
			diags = append(diags, rules.R14.At(p, 0, "无法读取："+err.Error()))
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
		return nil, []site.Diagnostic{rules.Content.At(ContentDir, 0,
			"没有 content 文件夹，网站里没有任何办事指南：请把指南放在 content/ 下")}
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
	var size *SizeError
	switch {
	case errors.As(err, &size):
		return tooLarge(file, size.Size)
	case errors.Is(err, ErrOutsideSite):
		return rules.Input.Atf(file, 0, "%s 是符号链接，指向 content/ 以外的位置（或用了绝对路径）：生成器只读取 content/ 里的文件。请把文件复制到这里", file)
	case errors.Is(err, ErrNotRegular):
		return rules.Input.At(file, 0, file+" "+ErrNotRegular.Error()+"，生成器不读取它：请删掉它，或换成普通文件")
	default:
		return rules.R14.At(file, 0, "无法读取文件："+err.Error())
	}
}
