// Command syncdefaults copies the repository's layouts/ folder into the
// render package's defaults/ folder, which //go:embed compiles into the
// binary (Go cannot embed files from a parent folder). It makes the copy
// exact: files missing from the source are removed from the copy.
//
// It runs from `go generate ./generator/internal/render`:
//
//	go run ./internal/syncdefaults ../../../layouts defaults
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "用法：syncdefaults 源目录 目标目录")
		os.Exit(2)
	}
	if err := sync(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "syncdefaults:", err)
		os.Exit(1)
	}
}

// sync makes dst hold exactly the files of src, writing only files whose
// bytes differ so that timestamps of unchanged files stay put.
func sync(src, dst string) error {
	want := make(map[string][]byte)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		want[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return err
	}
	var stale []string
	if _, err := os.Stat(dst); err == nil {
		err = filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(dst, p)
			if err != nil {
				return err
			}
			if _, ok := want[filepath.ToSlash(rel)]; !ok {
				stale = append(stale, p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		target := filepath.Join(dst, filepath.FromSlash(n))
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, want[n]) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, want[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}
