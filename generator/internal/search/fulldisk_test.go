//go:build linux

package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhinan/generator/internal/tmpfs"
)

// TestBuildOnFullDisk runs the search stage into tmpfs mounts too small
// for it, at every size from a twentieth of what it needs to all of it,
// so that the disk fills while the export is written, while bleve writes
// its segments and while it merges them: every such build returns an
// error (a full disk once made bleve's builder panic in Close after a
// failed Index, which took the whole build down with exit 2 and left the
// staging folder behind). Needs root to mount; under CI it must run.
func TestBuildOnFullDisk(t *testing.T) {
	s := loadSite(t, "../../..")
	full := filepath.Join(t.TempDir(), "search")
	if err := Build(s, full); err != nil {
		t.Fatal(err)
	}
	var need int64
	filepath.Walk(full, func(_ string, fi os.FileInfo, err error) error {
		if err == nil {
			need += (fi.Size() + 4095) / 4096 * 4096
		}
		return err
	})
	mnt := t.TempDir()
	failed := 0
	for i := 1; i <= 24; i++ {
		unmount := tmpfs.Mount(t, mnt, need*int64(i)/20)
		err := Build(s, filepath.Join(mnt, "search"))
		unmount()
		if err == nil {
			continue
		}
		failed++
		if strings.Contains(err.Error(), "建立搜索索引时出错") {
			t.Errorf("size %d/20: a panic was recovered instead of the error being returned: %v", i, err)
		}
	}
	if failed < 10 {
		t.Fatalf("only %d of 24 sizes ran out of space", failed)
	}
	t.Logf("%d of 24 sizes ran out of space", failed)
}
