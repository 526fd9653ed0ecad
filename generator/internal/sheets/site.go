package sheets

import (
	"context"
	"io/fs"

	"zhinan/generator/internal/load"
	"zhinan/generator/internal/par"
	"zhinan/generator/internal/site"
)

// siteFiles is the content of a site as written: every guide file's
// bytes and parsed document, and which files hold each code.
type siteFiles struct {
	fsys   fs.FS
	files  []string // sorted
	raw    map[string][]byte
	docs   map[string]*site.Document
	byCode map[string][]string
}

// readSite reads and parses every guide file under content/. Files that
// cannot be read or parsed come back as diagnostics (their code, when it
// can be found, still counts as taken).
func readSite(ctx context.Context, source string) (*siteFiles, []site.Diagnostic, error) {
	fsys := load.DirFS(source)
	files, diags := load.ContentFiles(fsys)
	sf := &siteFiles{fsys: fsys, files: files, raw: make(map[string][]byte, len(files)),
		docs: make(map[string]*site.Document, len(files)), byCode: map[string][]string{}}
	raws := make([][]byte, len(files))
	docs := make([]*site.Document, len(files))
	perFile := make([][]site.Diagnostic, len(files))
	err := par.Each(ctx, len(files), par.Workers(1), func(i int) error {
		data, err := fs.ReadFile(fsys, files[i])
		if err != nil {
			return err
		}
		raws[i] = data
		docs[i], perFile[i] = load.Parse(files[i], data)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for i, f := range files {
		diags = append(diags, perFile[i]...)
		if docs[i] == nil {
			continue
		}
		sf.raw[f], sf.docs[f] = raws[i], docs[i]
		if code, ok := docs[i].Front["code"].(string); ok {
			sf.byCode[code] = append(sf.byCode[code], f)
		}
	}
	site.SortDiagnostics(diags)
	return sf, diags, nil
}
