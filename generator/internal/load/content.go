package load

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

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
// reserved) or "." (editor lock and backup files). Files are parsed in
// parallel, each worker filling its own slot, and the documents come back
// sorted by File; files that cannot be read as guides yield diagnostics
// instead of documents. A site without a content folder yields no documents
// and a warning.
func Content(fsys fs.FS) ([]*site.Document, []site.Diagnostic) {
	docs := []*site.Document{}
	var mu sync.Mutex
	diags := ContentEach(fsys, func(i int, doc *site.Document) {
		mu.Lock()
		if i >= len(docs) {
			docs = append(docs, make([]*site.Document, i+1-len(docs))...)
		}
		docs[i] = doc
		mu.Unlock()
	})
	out := docs[:0]
	for _, d := range docs {
		if d != nil {
			out = append(out, d)
		}
	}
	return out, diags
}

// ContentEach reads content/ like Content but hands each parsed document to
// each as soon as it is ready, from several goroutines at once, with its
// index in path order (files that cannot be parsed leave their index
// unused). The pipeline uses it to decode every document into a guide
// right away, so that the raw documents of a large site are never all in
// memory together. It returns the diagnostics, sorted.
func ContentEach(fsys fs.FS, each func(i int, doc *site.Document)) []site.Diagnostic {
	files, diags := ContentFiles(fsys)
	results := make([][]site.Diagnostic, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(files))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				doc, ds := ReadDocument(fsys, files[i])
				results[i] = ds
				if doc != nil {
					each(i, doc)
				}
			}
		}()
	}
	wg.Wait()

	for _, ds := range results {
		diags = append(diags, ds...)
	}
	site.SortDiagnostics(diags)
	return diags
}

// Static lists every regular file under static/ as a path relative to
// static/ with forward slashes, sorted. A site without a static folder has
// none; any other error reading the folder is returned.
func Static(fsys fs.FS) ([]string, error) {
	files := []string{}
	err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// A symbolic link counts when it leads to a regular file.
			info, err := fs.Stat(fsys, p)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		files = append(files, strings.TrimPrefix(p, StaticDir+"/"))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) && !exists(fsys, StaticDir) {
		return []string{}, nil
	}
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// ContentFiles lists the guide files under content/ (any depth, *.md,
// names starting with "_" or "." left out), sorted, with a diagnostic for
// each folder or file that cannot be listed.
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
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || path.Ext(name) != ".md" {
			return nil
		}
		files = append(files, p)
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
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, []site.Diagnostic{{File: file, Rule: RuleParse, Message: "无法读取文件：" + err.Error()}}
	}
	return Parse(file, data)
}
