package build

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"zhinan/generator/internal/sitefixture"

	"zhinan/generator/internal/serve"
)

// TestMain lets this test binary stand in for `generator index` as the
// preview's child indexer (see IndexCommand): run as
// `build.test index --source DIR --into DIR`, it builds the index and
// exits instead of running the tests. The tests recompute every guide sum
// a build takes from its guide cache (verifySums).
func TestMain(m *testing.M) {
	verifySums = true
	if len(os.Args) > 1 && os.Args[1] == IndexCommand {
		flags := flag.NewFlagSet(IndexCommand, flag.ExitOnError)
		source := flags.String("source", "", "")
		into := flags.String("into", "", "")
		flags.Parse(os.Args[2:])
		if err := IndexInto(*source, *into); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSearchIndexedInChildProcess runs the preview with the background
// index built by a child process (this binary, standing in for
// `generator index` as `generator serve` runs it): after an edit the
// search API finds the new title.
func TestSearchIndexedInChildProcess(t *testing.T) {
	src := sitefixture.WriteSite(t, sitefixture.SmallSite)
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
