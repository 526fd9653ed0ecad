package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file every output folder this tool writes holds at its
// root. A build replaces an existing destination only when it holds the
// marker (or is empty), so that a mistyped --dest never deletes a folder
// a person made; and it removes leftover staging folders only when they
// hold it. Its content never changes, so outputs stay byte-identical.
const Marker = ".zhinan-output"

// markerText is the marker's content: it tells a person who finds the
// file what the folder is.
const markerText = "本目录由办事指南生成器（zhinan generator build）生成，每次构建整体替换。\n" +
	"请不要在这里存放其他文件：下次构建会删除它们。\n"

// Options say what a stage may replace.
type Options struct {
	// Source is the site folder the build reads. The destination may not
	// be the source, contain it, or lie inside its content/, static/ or
	// layouts/ folders. Empty: not checked (tests of the writer alone).
	Source string
	// Force lets a build replace an existing non-empty folder that this
	// tool did not write (it has no Marker). It never lifts the checks
	// against Source.
	Force bool
	// Changes is where the build will write its change list (Stage.Changes):
	// it must lie outside the destination (checkChangesFile). Empty: none.
	Changes string
}

// DestError is a destination the writer refuses before it writes
// anything: the command line is wrong, so the command exits with the
// usage code. Its message says why and what to do.
type DestError struct{ Msg string }

func (e *DestError) Error() string { return e.Msg }

func refuse(format string, args ...any) error {
	return &DestError{Msg: fmt.Sprintf(format, args...)}
}

// target is where a stage publishes: the destination as the user named it
// and the real folder behind it (the target of a symbolic link, which the
// swap replaces so that the link itself stays).
type target struct {
	named string // absolute, as given
	real  string // absolute, symbolic links resolved; may not exist yet
}

// resolveTarget checks dest against opts and returns where to publish.
func resolveTarget(dest string, opts Options) (target, error) {
	named, err := filepath.Abs(dest)
	if err != nil {
		return target{}, err
	}
	real, err := realPath(named)
	if err != nil {
		return target{}, err
	}
	t := target{named: named, real: real}
	if opts.Source != "" {
		if err := checkAgainstSource(t, opts.Source); err != nil {
			return target{}, err
		}
	}
	if opts.Changes != "" {
		if err := checkChangesFile(t, opts.Changes); err != nil {
			return target{}, err
		}
	}
	return t, checkReplaceable(t, opts.Force)
}

// realPath resolves the symbolic links of p, which need not exist: the
// links of its longest existing prefix are resolved and the rest joined
// on. A symbolic link at p itself is followed too (even one whose target
// does not exist yet), so that publishing replaces the target, not the
// link.
func realPath(p string) (string, error) {
	for range 40 { // a link to a link …; 40 is the kernel's own limit
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			break
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = filepath.Clean(link)
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r, nil
	}
	parent, base := filepath.Dir(p), filepath.Base(p)
	if parent == p {
		return p, nil
	}
	rp, err := realPath(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(rp, base), nil
}

// within tells whether p is dir or lies below it (both real paths).
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// checkAgainstSource refuses a destination whose replacement would delete
// the site's own files.
func checkAgainstSource(t target, source string) error {
	abs, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	src, err := realPath(abs)
	if err != nil {
		return err
	}
	switch {
	case t.real == src:
		return refuse("输出目录 %s 就是站点目录：发布会删除 config.toml 和全部指南。请换一个输出目录，例如 %s。",
			t.named, filepath.Join(source, "public"))
	case within(src, t.real):
		return refuse("输出目录 %s 包含站点目录 %s：发布会删除站点的文件。请换一个不包含站点的输出目录。", t.named, source)
	}
	for _, own := range []string{"content", "static", "layouts"} {
		if within(t.real, filepath.Join(src, own)) {
			return refuse("输出目录 %s 在站点的 %s/ 文件夹里：发布会删除或改写那里的文件（%s/ 里的内容还会被当作输入再次读取）。请换一个输出目录，例如 %s。",
				t.named, own, own, filepath.Join(source, "public"))
		}
	}
	return nil
}

// checkReplaceable refuses to replace what this tool did not write: an
// existing file, or a folder that is neither empty nor marked, unless
// forced.
func checkReplaceable(t target, force bool) error {
	fi, err := os.Stat(t.real)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return refuse("输出目录 %s 已经存在，而且是一个文件，不是文件夹：发布会删除它。请换一个输出目录。", t.named)
	}
	if force {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(t.real, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(t.real)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	return refuse("输出目录 %s 里已有文件，但不是本工具生成的（没有 %s 标记文件）：发布会删除其中全部 %d 项。"+
		"请换一个空的或新的输出目录；确认可以删除时，加 --force 再运行一次。",
		t.named, Marker, len(entries))
}
