package search

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	sampleOnce sync.Once
	sampleDir  string
)

// sampleIndex builds the repository's sample site once per test run.
func sampleIndex(t testing.TB) string {
	sampleOnce.Do(func() {
		s := loadSite(t, "../../..")
		tmp, err := os.MkdirTemp("", "zhinan-search-")
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(tmp, "search")
		if err := Build(s, dir); err != nil {
			t.Fatal(err)
		}
		sampleDir = dir
	})
	if sampleDir == "" {
		t.Fatal("sample index not built")
	}
	return sampleDir
}

func TestStaticScoresMatchBleve(t *testing.T) {
	dir := sampleIndex(t)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	si := openStatic(t, dir)
	for _, q := range []string{"律师", "证", "律师事务所设立审核登记", "开饭店要什么手续", "身份证", "ICP", "zzzz"} {
		res, err := ix.Search(Query{Text: q, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		hits := si.search(t, ix.lex.Plan(q))
		if len(hits) != res.Total {
			t.Errorf("%s: static total %d, bleve %d", q, len(hits), res.Total)
		}
		for i, h := range res.Hits {
			if i >= len(hits) || hits[i].Code != h.Code || hits[i].Score != h.Score {
				t.Errorf("%s #%d: bleve %s %v, static %v", q, i, h.Code, h.Score, hits[min(i, len(hits)-1)])
			}
		}
	}
}

// TestExportIsDeterministic builds the sample twice and compares every
// exported file (the bleve index folder aside, whose segment and snapshot
// files carry bleve's own epochs).
func TestExportIsDeterministic(t *testing.T) {
	s := loadSite(t, "../../..")
	read := func() map[string]string {
		dir := filepath.Join(t.TempDir(), "search")
		if err := Build(s, dir); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			if !strings.HasPrefix(rel, "index.bleve") {
				data, _ := os.ReadFile(p)
				files[rel] = string(data)
			}
			return nil
		})
		return files
	}
	a, b := read(), read()
	if len(a) != len(b) || len(a) < 4 {
		t.Fatalf("file counts %d and %d", len(a), len(b))
	}
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between two builds", name)
		}
	}
}
