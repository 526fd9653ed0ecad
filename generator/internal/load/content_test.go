package load

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"zhinan/generator/internal/site"
)

// Content reads every guide under content/ as the pipeline does (which
// decodes each file as it reads it): ContentFiles, then ReadDocument of
// each. Files that cannot be parsed yield diagnostics instead of documents.
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

func TestContent(t *testing.T) {
	good := "+++\ncode = \"%s\"\n+++\nbody\n"
	fsys := fstest.MapFS{
		"content/b/z.md":          {Data: []byte(fmt.Sprintf(good, "Z"))},
		"content/a.md":            {Data: []byte(fmt.Sprintf(good, "A"))},
		"content/deep/er/c.md":    {Data: []byte(fmt.Sprintf(good, "C"))},
		"content/_index.md":       {Data: []byte("not a guide")},
		"content/b/_index.md":     {Data: []byte("not a guide")},
		"content/.#lock.md":       {Data: []byte("lock")},
		"content/.git/x.md":       {Data: []byte("hidden")},
		"content/notes.txt":       {Data: []byte("not markdown")},
		"content/broken.md":       {Data: []byte("+++\ncode = \n+++\n")},
		"content/gbk.md":          {Data: []byte("+++\ntitle = \"\xc2\xc9\"\n+++\n")},
		"static/forms/a.docx":     {Data: []byte("x")},
		"config.toml":             {Data: []byte("")},
		"contentious/ignored.md":  {Data: []byte("x")},
		"content/sub/dir.md/x.md": {Data: []byte(fmt.Sprintf(good, "D"))},
	}
	docs, diags := Content(fsys)
	var files []string
	for _, d := range docs {
		files = append(files, d.File+"="+d.Front["code"].(string))
	}
	want := []string{"content/a.md=A", "content/b/z.md=Z", "content/deep/er/c.md=C", "content/sub/dir.md/x.md=D"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("documents = %v, want %v", files, want)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d: [%s]", d.File, d.Line, d.Rule))
	}
	wantDiags := []string{"content/broken.md:2: [R14]", "content/gbk.md:2: [utf8]"}
	if !reflect.DeepEqual(got, wantDiags) {
		t.Errorf("diagnostics = %v, want %v", got, wantDiags)
	}
}

func TestContentMissingFolder(t *testing.T) {
	docs, diags := Content(fstest.MapFS{"config.toml": {}})
	if len(docs) != 0 || len(diags) != 1 || diags[0].Rule != "content" {
		t.Fatalf("docs %v diags %v", docs, diags)
	}
}

// TestContentManyFilesIsFast is a coarse guard on the speed of loading, the
// first stage of every build: 10,000 guides shaped like real ones.
func TestContentManyFilesIsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	fsys := fstest.MapFS{}
	for i := range 10000 {
		src := strings.Replace(example, `"330000-SF-XK-0001"`, fmt.Sprintf(`"X-%05d"`, i), 1)
		fsys[fmt.Sprintf("content/d%02d/g%05d.md", i%50, i)] = &fstest.MapFile{Data: []byte(src)}
	}
	start := time.Now()
	docs, diags := Content(fsys)
	elapsed := time.Since(start)
	if len(docs) != 10000 || len(diags) != 0 {
		t.Fatalf("%d docs, %d diags", len(docs), len(diags))
	}
	t.Logf("10,000 files in %v", elapsed)
}

func TestStatic(t *testing.T) {
	files, diags, err := Static(fstest.MapFS{
		"static/forms/b.docx":  {Data: []byte("x")},
		"static/a.png":         {Data: []byte("x")},
		"static/forms/x/y.pdf": {Data: []byte("x")},
		"content/a.md":         {Data: []byte("x")},
	})
	if err != nil || diags != nil {
		t.Fatal(err, diags)
	}
	want := []string{"a.png", "forms/b.docx", "forms/x/y.pdf"}
	if !reflect.DeepEqual(files, want) {
		t.Fatalf("files = %v, want %v", files, want)
	}
	files, _, err = Static(fstest.MapFS{"content/a.md": {Data: []byte("x")}})
	if err != nil || files == nil || len(files) != 0 {
		t.Fatalf("without static/: %v %v, want an empty list", files, err)
	}
}
