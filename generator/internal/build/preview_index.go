package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"zhinan/generator/internal/search"
	"zhinan/generator/internal/site"
)

// IndexCommand is the hidden command of the generator that the preview's
// background indexer runs as a child process:
//
//	generator index --source DIR --into DIR
//
// checks the site in --source and builds its search index into --into
// (IndexInto), then exits. The preview runs it at the lowest CPU
// priority, so that indexing a large site (seconds of CPU) never slows
// the rebuild after the editor's next save, and its memory is the
// child's, not the server's.
const IndexCommand = "index"

// IndexInto checks the site at source and builds its search index into
// dir: what the child process of the preview's background indexer does
// (IndexCommand). An error wrapping ErrContent means the site has errors.
func IndexInto(source, dir string) error {
	c, err := Check(context.Background(), source, false, nil, nil)
	if err != nil {
		return err
	}
	if err := search.Build(c.Site, dir); err != nil {
		return fmt.Errorf("建立搜索索引失败：%w", err)
	}
	return nil
}

// indexer builds a search index into a folder for the preview: in a child
// process at low priority (childIndexer) or, where there is no executable
// to run as `generator index` (tests), in this process.
type indexer interface {
	// index builds the index of the site the preview serves (s, or the
	// source folder as it is now) into dir.
	index(ctx context.Context, s *site.Site, dir string) error
}

// inProcessIndexer builds the index from the site in this process.
type inProcessIndexer struct{}

func (inProcessIndexer) index(_ context.Context, s *site.Site, dir string) error {
	return search.Build(s, dir)
}

// childIndexer builds the index in a child process, `generator index`
// (IndexCommand), that reads the source folder itself, at the lowest
// priority.
type childIndexer struct {
	exe, source string

	mu      sync.Mutex
	child   *os.Process // the running child, for stop
	stopped bool        // stop was called: start no more children
}

func (c *childIndexer) index(ctx context.Context, _ *site.Site, dir string) error {
	cmd := exec.CommandContext(ctx, c.exe, IndexCommand, "--source", c.source, "--into", dir)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	lowerPriority(cmd.Process.Pid)
	c.mu.Lock()
	c.child = cmd.Process
	if c.stopped {
		cmd.Process.Kill()
	}
	c.mu.Unlock()
	err := cmd.Wait()
	c.mu.Lock()
	c.child = nil
	c.mu.Unlock()
	if err != nil {
		return errors.New(strings.TrimSpace(out.String() + " " + err.Error()))
	}
	return nil
}

// stop ends a running child, when the preview closes.
func (c *childIndexer) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
	if c.child != nil {
		c.child.Kill()
	}
}
