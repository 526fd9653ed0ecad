package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"zhinan/generator/internal/sitetest"

	"zhinan/generator/internal/serve"
)

// TestMain lets this test binary stand in for `generator serve` as the
// preview's child indexer (see IndexChildEnv): run with the variable set,
// it builds the index and exits instead of running the tests.
func TestMain(m *testing.M) {
	if dir := os.Getenv(IndexChildEnv); dir != "" && len(os.Args) > 3 && os.Args[1] == "serve" && os.Args[2] == "--source" {
		if err := IndexInto(os.Args[3], dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSearchIndexedInChildProcess runs the preview with the background
// index built by a child process (this binary, as `generator serve`
// would run itself): after an edit the search API finds the new title.
func TestSearchIndexedInChildProcess(t *testing.T) {
	src := sitetest.WriteSite(t, sitetest.SmallSite)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, p, err := NewPreviewServer(serve.Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	p.background = &childIndexer{exe: os.Args[0], source: src}
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	base := srv.URL()
	eventually(t, "the first build", func() bool { return srv.Status().Builds >= 1 })
	guide := filepath.Join(src, "content/sfj/aid.md")
	orig, _ := os.ReadFile(guide)
	os.WriteFile(guide, []byte(strings.Replace(string(orig), `title = "法律援助申请"`, `title = "法律援助申请及指派"`, 1)), 0o644)
	eventually(t, "the search API to find the new title", func() bool {
		return strings.Contains(get(t, base+"api/search?q="+"指派"), "法律援助申请及指派")
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
