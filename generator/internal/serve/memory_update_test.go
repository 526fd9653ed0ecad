package serve

import (
	"testing"
	"time"

	"zhinan/generator/internal/site"
)

func TestUpdateFilesReplacesServedFiles(t *testing.T) {
	s := &Server{}
	s.files.Store(newMemSite([]site.File{{Path: "a.txt", Data: []byte("1")}, {Path: "search/x.js", Data: []byte("old")}}, time.Now()))
	s.UpdateFiles(func(files map[string][]byte) {
		delete(files, "search/x.js")
		files["search/y.js"] = []byte("new")
	})
	got := s.files.Load().files
	if string(got["a.txt"]) != "1" || got["search/x.js"] != nil || string(got["search/y.js"]) != "new" {
		t.Fatalf("files after update: %v", got)
	}
}
