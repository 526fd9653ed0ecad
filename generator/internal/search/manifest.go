package search

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"zhinan/generator/internal/par"
	"zhinan/generator/internal/search/export"
)

// manifestName is the file, in the search folder, that says what a build
// was made from and what it wrote: Update reuses a previous build through
// it. A build writes it last, so a folder without it (a build that
// stopped) is never reused.
const manifestName = "build.json"

// manifest is build.json.
type manifest struct {
	Format int `json:"format"`
	// Input is inputDigest of the build.
	Input string `json:"input"`
	// Files are the files the build wrote, by slash-separated path under
	// the search folder, sorted, each with its size and CRC-32C, which
	// Update checks before it reuses a file (a file damaged since is not
	// reused).
	Files []manifestFile `json:"files"`
}

type manifestFile struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	CRC  uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// writeManifest lists the files the build wrote under dir (meta.json,
// search.js, the data folder id and the bleve index's shards, when there)
// and writes build.json, through a temporary file. known are the size and
// CRC-32C of files the build had whole in hand (export.Meta.Files), by
// slash-separated path: at 100,000 guides the files hold 640 MB, most of
// them known, and the manifest is the last step of an edit's search. The
// checksums of the others are computed, on every CPU.
func writeManifest(dir, dataID, input string, known map[string]export.FileSum) error {
	m := manifest{Format: searchFormat, Input: input, Files: []manifestFile{}}
	shards, err := shardDirs(dir)
	if err != nil {
		return fmt.Errorf("写入搜索清单失败：%w", err)
	}
	tops := []string{"meta.json", "search.js", dataID}
	for _, sh := range shards {
		tops = append(tops, filepath.Base(sh))
	}
	if len(shards) > 1 {
		tops = append(tops, shardStatsName)
	}
	for _, top := range tops {
		err := filepath.WalkDir(filepath.Join(dir, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			m.Files = append(m.Files, manifestFile{Path: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return fmt.Errorf("写入搜索清单失败：%w", err)
		}
	}
	err = par.Each(context.Background(), len(m.Files), par.Workers(1), func(i int) error {
		f := &m.Files[i]
		if sum, ok := known[f.Path]; ok {
			f.Size, f.CRC = sum.Size, sum.CRC
			return nil
		}
		var err error
		f.Size, f.CRC, err = fileCRC(filepath.Join(dir, filepath.FromSlash(f.Path)))
		return err
	})
	if err != nil {
		return fmt.Errorf("写入搜索清单失败：%w", err)
	}
	slices.SortFunc(m.Files, func(a, b manifestFile) int { return strings.Compare(a.Path, b.Path) })
	data, err := marshalIndented(m)
	if err != nil {
		return err
	}
	return export.WriteFile(filepath.Join(dir, manifestName), data)
}

// readManifest reads build.json of the search folder dir.
func readManifest(dir string) (*manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m.Format != searchFormat {
		return nil, fmt.Errorf("搜索清单格式 %d，需要 %d", m.Format, searchFormat)
	}
	return &m, nil
}

// fileCRC is the size and CRC-32C of the file at path.
func fileCRC(path string) (int64, uint32, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	return n, h.Sum32(), err
}

// checkFile says whether the file at path is still what mf recorded.
func checkFile(path string, mf manifestFile) error {
	size, sum, err := fileCRC(path)
	if err != nil {
		return err
	}
	if size != mf.Size || sum != mf.CRC {
		return fmt.Errorf("%s 与搜索清单不符", mf.Path)
	}
	return nil
}

// marshalIndented is JSON with one file a line, so that a diff of two
// manifests shows the files that changed.
func marshalIndented(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
